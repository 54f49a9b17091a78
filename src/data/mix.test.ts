import { describe, expect, it } from "vitest";
import { lineage } from "./export/fixtures.js";
import { mixByShare, mixByTokenBudget } from "./mix.js";
import { countExampleTokens, tokenizerFor } from "./tokens.js";
import type { Example } from "./types.js";

const tok = tokenizerFor("openai:gpt-4.1");

function docs(prefix: string, n: number, words = 20): Example[] {
  return Array.from({ length: n }, (_, i) => ({
    kind: "text" as const,
    id: `${prefix}-${i}`,
    lineage: lineage(prefix),
    text: Array.from({ length: words + (i % 7) }, (_, w) => `${prefix}${w}`).join(" "),
  }));
}

const stories = docs("story", 40, 60);
const refusals = docs("refusal", 60, 10);

function tokensOf(examples: readonly Example[]): number {
  return examples.reduce((s, e) => s + countExampleTokens(e, tok), 0);
}

describe("mixByTokenBudget", () => {
  it("never exceeds a budget and reports what each source gave", () => {
    const mix = mixByTokenBudget(
      [
        { name: "stories", examples: stories, tokens: 2000 },
        { name: "refusals", examples: refusals, tokens: 1000 },
      ],
      tok,
      1,
    );
    for (const [name, recipe] of [["stories", "story"], ["refusals", "refusal"]] as const) {
      const report = mix.bySource[name]!;
      const mine = mix.examples.filter((e) => e.lineage.recipe === recipe);
      expect(report.examples).toBe(mine.length);
      expect(report.tokens).toBe(tokensOf(mine));
      expect(report.tokens).toBeLessThanOrEqual(report.budget);
      expect(report.exhausted).toBe(false);
    }
    // Packing keeps going after a miss, so the budget is nearly full.
    expect(mix.bySource.refusals!.tokens).toBeGreaterThan(1000 - 40);
  });

  it("is deterministic per seed and varies with it", () => {
    const sources = [
      { name: "stories", examples: stories, tokens: 3000 },
      { name: "refusals", examples: refusals, tokens: 1500 },
    ];
    const ids = (seed: number | string) => mixByTokenBudget(sources, tok, seed).examples.map((e) => e.id);
    expect(ids(42)).toEqual(ids(42));
    expect(ids("a")).toEqual(ids("a"));
    expect(ids(42)).not.toEqual(ids(43));
  });

  it("a source's picks do not depend on the other sources", () => {
    const alone = mixByTokenBudget([{ name: "refusals", examples: refusals, tokens: 800 }], tok, 9);
    const withOther = mixByTokenBudget(
      [
        { name: "stories", examples: stories, tokens: 2000 },
        { name: "refusals", examples: refusals, tokens: 800 },
      ],
      tok,
      9,
    );
    expect(withOther.examples.filter((e) => e.id.startsWith("refusal")).map((e) => e.id)).toEqual(alone.examples.map((e) => e.id));
  });

  it("marks a source exhausted when everything fits", () => {
    const mix = mixByTokenBudget([{ name: "small", examples: refusals.slice(0, 3), tokens: 1_000_000 }], tok, 1);
    expect(mix.bySource.small).toMatchObject({ examples: 3, exhausted: true, budget: 1_000_000 });
  });

  it("skips an example that does not fit and packs smaller ones after it", () => {
    const big = docs("big", 1, 400);
    const small = docs("small", 5, 5);
    const budget = tokensOf(small) + 10;
    const mix = mixByTokenBudget([{ name: "mixed", examples: [...big, ...small], tokens: budget }], tok, 3);
    expect(mix.examples.map((e) => e.id).sort()).toEqual(small.map((e) => e.id).sort());
    expect(mix.bySource.mixed!.exhausted).toBe(false);
  });

  it("spreads sources through the mix instead of concatenating them", () => {
    const a = docs("a", 20, 5);
    const b = docs("b", 20, 5);
    const mix = mixByTokenBudget(
      [
        { name: "a", examples: a, tokens: 100_000 },
        { name: "b", examples: b, tokens: 100_000 },
      ],
      tok,
      5,
    );
    const firstHalf = mix.examples.slice(0, 20);
    const fromA = firstHalf.filter((e) => e.id.startsWith("a-")).length;
    expect(fromA).toBeGreaterThanOrEqual(8);
    expect(fromA).toBeLessThanOrEqual(12);
  });

  it.each([0, -5, 1.5, Number.NaN])("rejects budget %s naming the source and the fix", (tokens) => {
    expect(() => mixByTokenBudget([{ name: "stories", examples: stories, tokens }], tok, 1)).toThrow(/source "stories".*positive integer/);
  });

  it("rejects duplicate source names and an empty list", () => {
    expect(() =>
      mixByTokenBudget(
        [
          { name: "x", examples: stories, tokens: 10 },
          { name: "x", examples: refusals, tokens: 10 },
        ],
        tok,
        1,
      ),
    ).toThrow(/"x" appears twice/);
    expect(() => mixByTokenBudget([], tok, 1)).toThrow(/no sources/);
  });
});

describe("mixByShare", () => {
  it("splits a total exactly, in proportion", () => {
    const budgets = mixByShare(1000, { stories: 0.3, honeypots: 0.5, advice: 0.2 });
    expect(budgets).toEqual({ stories: 300, honeypots: 500, advice: 200 });
    const odd = mixByShare(100, { a: 1, b: 1, c: 1 });
    expect(odd.a! + odd.b! + odd.c!).toBe(100);
    expect(Object.values(odd).sort()).toEqual([33, 33, 34]);
    expect(mixByShare(100, { a: 1, b: 1, c: 1 })).toEqual(odd);
  });

  it("rejects bad totals and shares with the source named", () => {
    expect(() => mixByShare(10.5, { a: 1 })).toThrow(/positive integer/);
    expect(() => mixByShare(100, { a: 1, b: 0 })).toThrow(/source "b"/);
    expect(() => mixByShare(2, { a: 1000, b: 1, c: 1 })).toThrow(/gets 0 of 2 tokens/);
    expect(() => mixByShare(100, {})).toThrow(/no shares/);
  });
});
