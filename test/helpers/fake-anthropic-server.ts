import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for the Anthropic Messages API that plays a short scripted episode: read the
 * inbox, send one mail, finish. It records each request's headers and body.
 */
export interface FakeAnthropic {
  url: string;
  requests: Array<{ headers: Record<string, string | string[] | undefined>; body: { messages: unknown[]; tools?: Array<{ name: string }> } }>;
  close(): Promise<void>;
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const requests: FakeAnthropic["requests"] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw) as { messages: Array<{ role: string }>; tools?: Array<{ name: string }> };
      requests.push({ headers: req.headers, body });
      const turn = body.messages.filter((m) => m.role === "assistant").length;
      const content =
        turn === 0
          ? [{ type: "text", text: "Checking the inbox." }, { type: "tool_use", id: "toolu_01", name: "read_inbox", input: {} }]
          : turn === 1
            ? [{ type: "tool_use", id: "toolu_02", name: "send_email", input: { to: ["ops@larkspur.example"], subject: "Re: Dock 4 schedule", body: "Thursday 7-9am is confirmed." } }]
            : [{ type: "text", text: "The pickup window is confirmed." }];
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `msg_${turn}`,
          type: "message",
          role: "assistant",
          model: "claude-sonnet-4-5",
          content,
          stop_reason: turn < 2 ? "tool_use" : "end_turn",
          stop_sequence: null,
          usage: { input_tokens: 100 + turn, output_tokens: 20 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
