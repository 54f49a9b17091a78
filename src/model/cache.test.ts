import { generateText, wrapLanguageModel } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { cacheMiddleware, type CacheStats, type ResponseCache } from "./cache.js";

function mapCache(): ResponseCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, cacheGet: (k) => map.get(k), cachePut: (k, v) => void map.set(k, v) };
}

function countingModel() {
  let calls = 0;
  const model = new MockLanguageModelV3({
    doGenerate: async () => {
      calls++;
      return {
        content: [{ type: "text", text: `answer ${calls}` }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 2, text: 2, reasoning: undefined },
        },
        response: { id: "r1", modelId: "m", timestamp: new Date("2026-01-01T00:00:00Z"), headers: { authorization: "Bearer sk-secret" } },
        request: { body: { api_key: "sk-secret" } },
        warnings: [],
      };
    },
  });
  return { model, calls: () => calls };
}

describe("cacheMiddleware", () => {
  it("answers a repeated request from the cache and a different seed from the model", async () => {
    const cache = mapCache();
    const stats: CacheStats = { hits: 0, misses: 0 };
    const inner = countingModel();
    const model = wrapLanguageModel({ model: inner.model, middleware: cacheMiddleware(cache, stats) });

    const a = await generateText({ model, prompt: "hi", seed: 1 });
    const b = await generateText({ model, prompt: "hi", seed: 1 });
    const c = await generateText({ model, prompt: "hi", seed: 2 });
    expect(a.text).toBe("answer 1");
    expect(b.text).toBe("answer 1");
    expect(c.text).toBe("answer 2");
    expect(inner.calls()).toBe(2);
    expect(stats).toEqual({ hits: 1, misses: 2 });
    expect(b.response.timestamp).toBeInstanceOf(Date);
  });

  it("never stores raw bodies or headers, which can carry credentials", async () => {
    const cache = mapCache();
    const model = wrapLanguageModel({ model: countingModel().model, middleware: cacheMiddleware(cache, { hits: 0, misses: 0 }) });
    await generateText({ model, prompt: "hi" });
    const stored = [...cache.map.values()].join("");
    expect(stored).not.toContain("sk-secret");
    expect(stored).toContain("answer 1");
  });
});
