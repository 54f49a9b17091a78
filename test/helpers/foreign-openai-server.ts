import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OpenAI-compatible server written differently from our simulator, the way third-party servers are:
 * it reuses the same tool-call id every turn, omits usage, id and created, sends content "" beside tool
 * calls, adds unknown fields, and pads arguments with whitespace. The harness must not care.
 */
export interface ForeignServer {
  url: string;
  requests: unknown[];
  close(): Promise<void>;
}

export async function startForeignServer(): Promise<ForeignServer> {
  const requests: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw) as { messages: Array<{ role: string }> };
      requests.push(body);
      const turns = body.messages.filter((m) => m.role === "assistant").length;
      let message: Record<string, unknown>;
      let finish: string | undefined;
      if (turns === 0) {
        message = { role: "assistant", content: "", tool_calls: [call("read_inbox", " { } ")], refusal: null, x_vendor: 1 };
        finish = "tool_calls";
      } else if (turns === 1) {
        const args = JSON.stringify({ to: ["ops@larkspur.example"], subject: "Re: Dock 4 schedule", body: "Confirmed: 7-9am Thursday." });
        message = { role: "assistant", content: "", tool_calls: [call("send_email", `\n${args}\n`)] };
        finish = "tool_calls";
      } else {
        message = { role: "assistant", content: "Done: the pickup window is confirmed." };
        finish = undefined; // some servers leave finish_reason out entirely
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ object: "chat.completion", model: "foreign-1", choices: [{ index: 0, message, ...(finish ? { finish_reason: finish } : {}), logprobs: null }], system_fingerprint: "fp_x" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

function call(name: string, args: string) {
  // The same id every time, as several local servers do.
  return { id: "call_0", type: "function", function: { name, arguments: args } };
}
