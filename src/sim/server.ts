import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultInjector, truncateBody } from "./faults.js";
import { POLICIES, SimOptionError, parseSimModelCached, type SimOptions } from "./options.js";
import { respond } from "./policies.js";
import { ChatRequestSchema, completionBody, errorBody, type ChatRequest } from "./wire.js";

export interface SimServer {
  /** Base URL ending in /v1, ready for an OpenAI-compatible client. */
  url: string;
  port: number;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
}

export interface SimServerOptions {
  port?: number;
  host?: string;
  /** Called with every well-formed chat request before it is answered (tests count requests with it). */
  onRequest?: (request: ChatRequest) => void;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

const MODELS_BODY = JSON.stringify({
  object: "list",
  data: POLICIES.map((id) => ({ id, object: "model", created: 0, owned_by: "plumbline-sim" })),
});

/** Starts the OpenAI-compatible simulator on loopback (port 0 picks a free port). */
export async function startSimServer(opts: SimServerOptions = {}): Promise<SimServer> {
  const host = opts.host ?? "127.0.0.1";
  const faults = new FaultInjector();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const q = req.url?.indexOf("?") ?? -1;
    const path = q < 0 ? (req.url ?? "") : req.url!.slice(0, q);
    if (req.method === "POST" && path === "/v1/chat/completions") return readBody(req, res, handleChat);
    if (req.method === "GET" && path === "/v1/models") return send(res, 200, MODELS_BODY);
    req.resume();
    send(res, 404, errorBody(`No route for ${req.method} ${path}. The simulator serves GET /v1/models and POST /v1/chat/completions.`, "invalid_request_error", "not_found"));
  });
  // Benchmarks hold hundreds of keep-alive connections; keep them open between bursts.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  function handleChat(raw: string, res: ServerResponse): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return send(res, 400, errorBody("The request body is not valid JSON.", "invalid_request_error", "invalid_json"));
    }
    const parsed = ChatRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") : "body";
      return send(res, 400, errorBody(`Invalid request at ${where}: ${issue?.message ?? "malformed"}.`, "invalid_request_error", "invalid_request"));
    }
    const body = parsed.data;
    opts.onRequest?.(body);
    if (body.stream) {
      return send(res, 400, errorBody("Streaming is not supported by the simulator; send stream: false.", "invalid_request_error", "stream_not_supported"));
    }
    let options: SimOptions;
    try {
      options = parseSimModelCached(body.model);
    } catch (err) {
      if (!(err instanceof SimOptionError)) throw err;
      return send(res, 400, JSON.stringify({ error: { message: err.message, type: "invalid_request_error", code: "invalid_model_option", param: err.option } }));
    }
    const f = options.faults;
    const fault = faults.draw(f);
    // A hung request is simply never answered; close() or the client's abort ends the socket.
    if (fault === "hang") return;
    let status = 200;
    let out: string;
    const headers: Record<string, string> = {};
    if (fault === "429") {
      status = 429;
      headers["retry-after"] = String(f.retryAfter);
      out = errorBody("Rate limit reached (simulated by fail429).", "rate_limit_error", "rate_limit_exceeded");
    } else if (fault === "500") {
      status = 500;
      out = errorBody("Internal server error (simulated by fail500).", "server_error", "simulated_server_error");
    } else {
      [status, out] = answer(body, options, raw.length);
      if (status === 200 && fault === "truncate") out = truncateBody(out);
    }
    if (f.latencyMs <= 0) return send(res, status, out, headers);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, status, out, headers);
    }, f.latencyMs);
    timers.add(timer);
    res.once("close", () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/v1`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function answer(body: ChatRequest, options: SimOptions, promptChars: number): [number, string] {
  try {
    return [200, completionBody(body.model, respond(body, options), promptChars)];
  } catch (err) {
    // A policy bug must surface as an error response, never as a dropped connection.
    return [500, errorBody(`Simulator error: ${err instanceof Error ? err.message : String(err)}`, "server_error", "simulator_bug")];
  }
}

function readBody(req: IncomingMessage, res: ServerResponse, then: (raw: string, res: ServerResponse) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooBig = true;
    else chunks.push(chunk);
  });
  req.on("end", () => {
    if (tooBig) return send(res, 413, errorBody("Request body too large.", "invalid_request_error", "body_too_large"));
    then(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"), res);
  });
}

function send(res: ServerResponse, status: number, body: string, extra?: Record<string, string>): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { ...JSON_HEADERS, "content-length": Buffer.byteLength(body), ...extra });
  res.end(body);
}
