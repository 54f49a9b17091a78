import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResilientFetch, EndpointUnreachableError, RetriesExhaustedError, retryAfterMs } from "./http.js";
import { Limiter } from "./limiter.js";

/** A loopback server that answers from a per-path script of responses, one per attempt. */
let server: Server;
let base: string;
const scripts = new Map<string, Array<"429" | "500" | "truncate" | "hang" | "ok">>();
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    const n = hits.get(path) ?? 0;
    hits.set(path, n + 1);
    const step = scripts.get(path)?.[n] ?? "ok";
    if (step === "429") {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "0.05" });
      res.end('{"error":{"message":"slow down"}}');
    } else if (step === "500") {
      res.writeHead(500, { "content-type": "application/json" });
      res.end('{"error":{"message":"boom"}}');
    } else if (step === "truncate") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"choices":[{"mess');
    } else if (step === "hang") {
      // never answers
    } else {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function client(maxRetries = 4, timeoutMs = 2000) {
  const sleeps: number[] = [];
  const made = createResilientFetch({
    limiter: new Limiter(4),
    retry: { maxRetries, baseDelayMs: 10, maxDelayMs: 1000 },
    timeoutMs,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { ...made, sleeps };
}

describe("createResilientFetch", () => {
  it("retries 429 honouring Retry-After, then 500 with backoff, then succeeds", async () => {
    scripts.set("/a", ["429", "500", "ok"]);
    const { fetch, stats, sleeps } = client();
    const res = await fetch(`${base}/a`);
    expect(await res.json()).toEqual({ ok: true });
    expect(stats.failures).toEqual({ "429": 1, "500": 1 });
    expect(sleeps[0]).toBe(50); // Retry-After: 0.05 s
    expect(sleeps[1]).toBe(10); // base 10 * 2^1 * jitter 0.5
  });

  it("treats a cut-off JSON body as a failed attempt", async () => {
    scripts.set("/t", ["truncate", "ok"]);
    const { fetch, stats } = client();
    expect(await (await fetch(`${base}/t`)).json()).toEqual({ ok: true });
    expect(stats.failures.truncated).toBe(1);
  });

  it("times out a hung request and retries", async () => {
    scripts.set("/h", ["hang", "ok"]);
    const { fetch, stats } = client(3, 200);
    expect(await (await fetch(`${base}/h`)).json()).toEqual({ ok: true });
    expect(stats.failures.timeout).toBe(1);
  });

  it("gives the final error response to the caller when retries run out on HTTP errors", async () => {
    scripts.set("/e", ["500", "500", "500"]);
    const { fetch } = client(2);
    const res = await fetch(`${base}/e`);
    expect(res.status).toBe(500);
  });

  it("throws RetriesExhaustedError when every attempt is truncated", async () => {
    scripts.set("/tt", ["truncate", "truncate"]);
    const { fetch } = client(1);
    await expect(fetch(`${base}/tt`)).rejects.toBeInstanceOf(RetriesExhaustedError);
  });

  it("reports an unreachable endpoint clearly", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const { fetch } = client(4);
    const err = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndpointUnreachableError);
    expect(String((err as Error).message)).toMatch(/cannot reach .*ECONNREFUSED/);
  });

  it("does not retry when the caller aborts", async () => {
    scripts.set("/ab", ["hang", "hang", "hang"]);
    const { fetch, stats } = client(3, 5000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(fetch(`${base}/ab`, { signal: controller.signal })).rejects.toThrow();
    expect(stats.retries).toBe(0);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds, ms and HTTP dates", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250" }))).toBe(250);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:02 GMT" }), now)).toBe(2000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});

describe("Limiter", () => {
  it("never lets more than the limit run at once", async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(limiter.inFlight).toBe(0);
  });
});
