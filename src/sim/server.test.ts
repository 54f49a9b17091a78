import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICIES } from "./options.js";
import { SAMPLE_SYSTEM, SAMPLE_TOOLS, SAMPLE_USER } from "./sample.js";
import { startSimServer, type SimServer } from "./server.js";

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const baseMessages = [
  { role: "system", content: SAMPLE_SYSTEM },
  { role: "user", content: SAMPLE_USER },
];

function post(body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

function chat(model: string, extra: Record<string, unknown> = {}, init?: RequestInit): Promise<Response> {
  return post({ model, messages: baseMessages, tools: SAMPLE_TOOLS, seed: 7, ...extra }, init);
}

describe("routes", () => {
  it("listens on loopback and returns a /v1 base URL", () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(sim.port).toBeGreaterThan(0);
  });

  it("lists the policies in OpenAI list format", async () => {
    const res = await fetch(`${sim.url}/models`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; data: Array<{ id: string; object: string }> };
    expect(body.object).toBe("list");
    expect(body.data.map((m) => m.id)).toEqual([...POLICIES]);
    expect(body.data.every((m) => m.object === "model")).toBe(true);
  });

  it("answers unknown routes with a 404 error JSON", async () => {
    const res = await fetch(`${sim.url}/embeddings`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { message: string; type: string; code: string } };
    expect(body.error.code).toBe("not_found");
    expect(typeof body.error.message).toBe("string");
  });

  it("rejects a malformed JSON body with 400", async () => {
    const res = await post('{"model": "aligned", "messages": [');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; type: string } };
    expect(body.error).toMatchObject({ code: "invalid_json", type: "invalid_request_error" });
  });

  it("rejects a body that is not a chat request with 400", async () => {
    const res = await post({ model: "aligned" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain("messages");
  });

  it("refuses streaming with an OpenAI-style error", async () => {
    const res = await chat("aligned", { stream: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; type: string; code: string } };
    expect(body.error.message).toMatch(/streaming is not supported by the simulator/i);
    expect(body.error.code).toBe("stream_not_supported");
  });
});

describe("model options", () => {
  async function errorFor(model: string): Promise<{ message: string; param?: string }> {
    const res = await chat(model);
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: { message: string; param?: string } }).error;
  }

  it("names the valid policies for an unknown one", async () => {
    const e = await errorFor("sneaky");
    expect(e.message).toContain("sneaky");
    for (const p of POLICIES) expect(e.message).toContain(p);
  });

  it("names the option and its valid range for a bad value", async () => {
    const e = await errorFor("misaligned?p=1.5");
    expect(e.param).toBe("p");
    expect(e.message).toMatch(/"p"/);
    expect(e.message).toMatch(/between 0 and 1/);
    expect((await errorFor("aligned?latencyMs=soon")).message).toMatch(/latencyMs/);
  });

  it("names an option the policy does not take, and lists those it does", async () => {
    const e = await errorFor("aligned?p=0.5");
    expect(e.message).toMatch(/Unknown option "p"/);
    expect(e.message).toContain("latencyMs");
    const m = await errorFor("malformed?mode=garbled");
    expect(m.message).toContain("mode");
    expect(m.message).toContain("json, unknown-tool, empty, mixed");
  });

  it("rejects fault rates that add up to more than 1", async () => {
    expect((await errorFor("aligned?fail429=0.7&fail500=0.7")).message).toMatch(/at most 1/);
  });
});

describe("responses", () => {
  it("is an OpenAI chat.completion with usage and unique tool-call ids", async () => {
    const res = await chat("aligned");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await res.json()) as any;
    expect(body.object).toBe("chat.completion");
    expect(body.model).toBe("aligned");
    expect(typeof body.id).toBe("string");
    expect(Number.isInteger(body.created)).toBe(true);
    expect(body.choices[0].index).toBe(0);
    expect(body.choices[0].message.role).toBe("assistant");
    expect(body.choices[0].finish_reason).toBe("tool_calls");
    const call = body.choices[0].message.tool_calls[0];
    expect(call).toMatchObject({ type: "function", function: { name: "read_inbox" } });
    expect(() => JSON.parse(call.function.arguments)).not.toThrow();
    const u = body.usage;
    expect(u.prompt_tokens).toBeGreaterThan(0);
    expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
  });

  it("is deterministic: the same request gives the same body apart from id and created", async () => {
    for (const model of ["aligned", "misaligned?p=0.5", "eval-aware", "refuse", "malformed"]) {
      const a = (await (await chat(model, { seed: 42 })).json()) as Record<string, unknown>;
      const b = (await (await chat(model, { seed: 42 })).json()) as Record<string, unknown>;
      expect(a.id).not.toBe(b.id);
      const strip = ({ id: _id, created: _c, ...rest }: Record<string, unknown>) => rest;
      expect(strip(b)).toEqual(strip(a));
    }
  });

  it("serves hundreds of concurrent keep-alive requests", async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => chat("misaligned?p=0.5", { seed: i })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await Promise.all(results.map((r) => r.arrayBuffer()));
  });
});

describe("faults", () => {
  it("fail429 answers 429 with Retry-After and an error JSON", async () => {
    const res = await chat("aligned?fail429=1&retryAfter=3");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    const body = (await res.json()) as { error: { type: string; code: string } };
    expect(body.error.code).toBe("rate_limit_exceeded");
  });

  it("fail500 answers 500 with an error JSON", async () => {
    const res = await chat("aligned?fail500=1");
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("server_error");
  });

  it("truncate sends a 200 whose JSON body is cut off", async () => {
    const res = await chat("aligned?truncate=1");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeGreaterThan(10);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("hang never answers, and the client can give up", async () => {
    const started = Date.now();
    await expect(chat("aligned?hang=1", {}, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("latencyMs delays the answer", async () => {
    const started = Date.now();
    const res = await chat("refuse?latencyMs=200");
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("draws faults per attempt, so retrying the identical request succeeds", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await chat("misaligned?fail429=0.4&fail500=0.3&faultSeed=retry-test");
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses).toContain(500);
    expect(statuses).toContain(200);
  });

  it("replays the same fault sequence on a fresh server with the same faultSeed", async () => {
    async function sequence(): Promise<number[]> {
      const other = await startSimServer();
      try {
        const out: number[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await fetch(`${other.url}/chat/completions`, {
            method: "POST",
            body: JSON.stringify({ model: "aligned?fail500=0.5&faultSeed=abc", messages: baseMessages }),
          });
          await res.arrayBuffer();
          out.push(res.status);
        }
        return out;
      } finally {
        await other.close();
      }
    }
    const first = await sequence();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await sequence()).toEqual(first);
  });

  it("close() ends promptly even with a hanging request open", async () => {
    const other = await startSimServer();
    // Settle into values right away so the rejections are never "unhandled" while we wait.
    const outcome = (model: string) =>
      fetch(`${other.url}/chat/completions`, { method: "POST", body: JSON.stringify({ model, messages: baseMessages }) }).then(
        (res) => `answered ${res.status}`,
        (err: unknown) => err,
      );
    const pending = outcome("aligned?hang=1");
    const late = outcome("aligned?latencyMs=60000");
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pending).toBeInstanceOf(Error);
    expect(await late).toBeInstanceOf(Error);
  });
});
