import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import type { ResponseCache } from "../../model/cache.js";
import type { ModelClient } from "../../model/client.js";
import { tokenizerFor } from "../tokens.js";
import { Budget } from "./budget.js";
import { BudgetExhaustedError } from "./errors.js";
import { emptyUsage, modelCaller, promptText, type CallEnv, type PipelineModel } from "./models.js";

/** ModelCaller.languageModel(): the teacher as an AI SDK model, through the same cache and budget as text(). */

function mapCache(): ResponseCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, cacheGet: (k) => map.get(k), cachePut: (k, v) => void map.set(k, v) };
}

function fixture(limits: { maxRequests?: number } = {}) {
  const seen: LanguageModelV3CallOptions[] = [];
  const inner = new MockLanguageModelV3({
    doGenerate: async (options) => {
      seen.push(options);
      return {
        content: [{ type: "text", text: `answer ${seen.length}` }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: { inputTokens: { total: 30, noCache: 30, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 7, text: 7, reasoning: undefined } },
        warnings: [],
      };
    },
  });
  const model: PipelineModel = { spec: "test:teacher", client: { model: inner } as unknown as ModelClient, price: { inputPerMTok: 1, outputPerMTok: 2 } };
  let calls = 0;
  const env: CallEnv = {
    budget: new Budget(limits),
    cache: mapCache(),
    tokenizer: tokenizerFor(""),
    usage: emptyUsage(),
    signal: new AbortController().signal,
    nextSeed: () => 1000 + calls++,
  };
  return { seen, env, caller: modelCaller(model, env) };
}

const prompt: LanguageModelV3Prompt = [
  { role: "system", content: "You are a mail agent." },
  { role: "user", content: [{ type: "text", text: "Go through the inbox." }] },
];

describe("ModelCaller.languageModel()", () => {
  it("is a provider-level model whose calls are budgeted, counted and cached", async () => {
    const { seen, env, caller } = fixture();
    const lm = caller.languageModel();
    expect(lm.specificationVersion).toBe("v3");
    const first = await lm.doGenerate({ prompt, seed: 7 });
    expect(first.content).toEqual([{ type: "text", text: "answer 1" }]);
    expect(env.usage).toMatchObject({ requests: 1, cachedRequests: 0, inputTokens: 30, outputTokens: 7 });
    expect(env.budget.requests).toBe(1);

    // The same request again: answered from the response cache, free and uncounted by the budget.
    const again = await caller.languageModel().doGenerate({ prompt, seed: 7 });
    expect(again.content).toEqual(first.content);
    expect(seen).toHaveLength(1);
    expect(env.usage).toMatchObject({ requests: 1, cachedRequests: 1 });
    expect(env.budget.requests).toBe(1);
  });

  it("keeps a caller's seed and gives a call without one the unit's next seed", async () => {
    const { seen, caller } = fixture();
    const lm = caller.languageModel();
    await lm.doGenerate({ prompt, seed: 42 });
    await lm.doGenerate({ prompt });
    await lm.doGenerate({ prompt });
    expect(seen.map((o) => o.seed)).toEqual([42, 1000, 1001]);
    // The unit's abort signal always reaches the provider.
    for (const o of seen) expect(o.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it("stops at the budget before sending", async () => {
    const { seen, caller } = fixture({ maxRequests: 1 });
    const lm = caller.languageModel();
    await lm.doGenerate({ prompt, seed: 1 });
    await expect(lm.doGenerate({ prompt, seed: 2 })).rejects.toBeInstanceOf(BudgetExhaustedError);
    expect(seen).toHaveLength(1);
  });

  it("refuses streaming, which would bypass the cache and the budget", async () => {
    const { caller } = fixture();
    await expect(caller.languageModel().doStream({ prompt })).rejects.toThrow(/doGenerate only/);
  });

  it("counts tool calls and tool results in the prompt it reserves for", () => {
    const text = promptText([
      ...prompt,
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "c1", toolName: "read_inbox", input: { folder: "inbox" } }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "c1", toolName: "read_inbox", output: { type: "text", value: "You have 12 messages." } }] },
    ]);
    expect(text).toContain('{"folder":"inbox"}');
    expect(text).toContain("You have 12 messages.");
  });
});
