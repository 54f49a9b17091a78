import { describe, expect, it } from "vitest";
import { chatWithTools, preferencePair, textDoc, weightedChat } from "./export/fixtures.js";
import { MESSAGE_OVERHEAD_TOKENS, countExampleTokens, decodeTokens, encodeText, tokenStats, tokenizerFor } from "./tokens.js";

// Computed once with js-tiktoken 1.0.21 and checked by decoding back to the same text (below).
const CODE = "def f(x):\n    return x ** 2  # 二乘";
const KNOWN = {
  o200k_base: { hello: [24912, 2375], code: 14 },
  cl100k_base: { hello: [15339, 1917], code: 16 },
} as const;

describe("encodings", () => {
  for (const name of ["o200k_base", "cl100k_base"] as const) {
    it(`${name}: "hello world" is 2 known tokens and a known string has a known count`, () => {
      expect(encodeText(name, "hello world")).toEqual(KNOWN[name].hello);
      const tokens = encodeText(name, CODE);
      expect(tokens).toHaveLength(KNOWN[name].code);
      expect(decodeTokens(name, tokens)).toBe(CODE);
      expect(decodeTokens(name, [...KNOWN[name].hello])).toBe("hello world");
    });
  }

  it("counts special-token text as ordinary text instead of throwing", () => {
    const tok = tokenizerFor("openai:gpt-4o");
    expect(tok.count("<|endoftext|>")).toBeGreaterThan(1);
    expect(tok.count("")).toBe(0);
  });
});

describe("tokenizerFor", () => {
  it.each([
    ["openai:gpt-4.1", "o200k_base"],
    ["openai:gpt-4.1-mini-2025-04-14", "o200k_base"],
    ["openai:gpt-4o-mini", "o200k_base"],
    ["openai:o3-mini", "o200k_base"],
    ["openai:o1", "o200k_base"],
    ["openai:gpt-5", "o200k_base"],
    ["openai:ft:gpt-4o-mini-2024-07-18:acme::abc123", "o200k_base"],
    ["gpt-4o", "o200k_base"],
    ["openai:gpt-4", "cl100k_base"],
    ["openai:gpt-4-turbo", "cl100k_base"],
    ["openai:gpt-3.5-turbo", "cl100k_base"],
  ])("%s is exact with %s", (spec, name) => {
    const tok = tokenizerFor(spec);
    expect(tok).toMatchObject({ name, exact: true, modelSpec: spec });
    expect(tok.note).toContain(name);
  });

  it.each(["anthropic:claude-sonnet-4-5", "openai-compatible:qwen3-32b@http://127.0.0.1:8000/v1", "sim:misaligned?p=0.3", "openai:some-future-model", "", "llama-3"])(
    "%s is approximate with o200k_base",
    (spec) => {
      const tok = tokenizerFor(spec);
      expect(tok).toMatchObject({ name: "o200k_base", exact: false });
      expect(tok.note).toMatch(/o200k_base/);
      expect(tok.note).toMatch(/approximate/);
    },
  );

  it("reuses the encoder instead of rebuilding it", () => {
    tokenizerFor("openai:gpt-4o").count("warm up");
    const start = performance.now();
    for (let i = 0; i < 200; i++) tokenizerFor("anthropic:claude").count("hello world");
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("example accounting", () => {
  const tok = tokenizerFor("openai:gpt-4.1");

  it("counts content, tool calls, framing and tool schemas", () => {
    const expected =
      chatWithTools.messages.reduce(
        (sum, m) => sum + MESSAGE_OVERHEAD_TOKENS + tok.count(m.content) + (m.toolCalls ?? []).reduce((s, c) => s + tok.count(c.name) + tok.count(c.arguments), 0),
        0,
      ) + tok.count(JSON.stringify(chatWithTools.tools));
    expect(countExampleTokens(chatWithTools, tok)).toBe(expected);
    expect(countExampleTokens(textDoc, tok)).toBe(tok.count(textDoc.text));
  });

  it("counts a preference prompt once per side", () => {
    const prompt = MESSAGE_OVERHEAD_TOKENS + tok.count(preferencePair.prompt[0]!.content);
    const chosen = MESSAGE_OVERHEAD_TOKENS + tok.count(preferencePair.chosen[0]!.content);
    const rejected = MESSAGE_OVERHEAD_TOKENS + tok.count(preferencePair.rejected[0]!.content);
    expect(countExampleTokens(preferencePair, tok)).toBe(2 * prompt + chosen + rejected);
  });

  it("tokenStats: trained tokens leave out weight-0 turns and non-assistant messages", () => {
    const stats = tokenStats([weightedChat, textDoc, preferencePair], tok);
    const last = weightedChat.messages[3]!;
    const chatTrained = MESSAGE_OVERHEAD_TOKENS + tok.count(last.content);
    expect(stats.byKind.chat).toEqual({ examples: 1, tokens: countExampleTokens(weightedChat, tok), trainedTokens: chatTrained });
    expect(stats.byKind.text).toEqual({ examples: 1, tokens: tok.count(textDoc.text), trainedTokens: tok.count(textDoc.text) });
    expect(stats.examples).toBe(3);
    expect(stats.tokens).toBe([weightedChat, textDoc, preferencePair].reduce((s, e) => s + countExampleTokens(e, tok), 0));
    expect(stats.trainedTokens).toBe(chatTrained + tok.count(textDoc.text) + stats.byKind.preference!.trainedTokens);
    expect(stats.byKind.preference!.trainedTokens).toBeLessThan(stats.byKind.preference!.tokens);
  });
});
