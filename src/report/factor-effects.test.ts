import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/index.js";
import type { EpisodeSummary } from "../stats/index.js";
import { factorEffects, readModel } from "./factor-effects.js";
import { ratio } from "./format.js";
import { summarizeRun } from "./summary.js";
import { renderFactorModel, renderSummary } from "./text.js";

function cell(factors: Record<string, string>, harmful: number, safe: number): EpisodeSummary[] {
  return [
    ...Array.from({ length: harmful }, () => ({ conditionId: "c", factors, outcome: "harmful" as const, evalAware: false })),
    ...Array.from({ length: safe }, () => ({ conditionId: "c", factors, outcome: "safe" as const, evalAware: false })),
  ];
}

describe("factorEffects: the reading", () => {
  it("names the factors that move the rate, and does not call the others null effects", () => {
    // threat moves the rate a lot (36/80 at rep, 8/80 at none); goal barely (24/80 at a, 20/80 at b).
    const e = [
      ...cell({ goal: "a", threat: "rep" }, 20, 20),
      ...cell({ goal: "a", threat: "none" }, 4, 36),
      ...cell({ goal: "b", threat: "rep" }, 16, 24),
      ...cell({ goal: "b", threat: "none" }, 4, 36),
    ];
    const fe = factorEffects(e, { goal: ["a", "b"], threat: ["rep", "none"] });
    expect(fe.reading).toMatch(/^Threat \(p = [0-9.<]+\) moves the harmful rate \(likelihood-ratio test, adjusted for the other factors\)/);
    expect(fe.reading).toMatch(/no significant effect of goal \(p = 0\.\d{4}\) at this sample size \(not evidence of no effect\)/);
    expect(fe.notes.some((n) => /2 factors tested.*0\.10 of them would still come out significant by chance/.test(n))).toBe(true);
    expect(fe.notes.some((n) => /main effects only/.test(n))).toBe(true);
  });

  it("says so when nothing is significant, when a factor is untestable, and when no model can be fitted", () => {
    const flat = factorEffects([...cell({ g: "a" }, 5, 15), ...cell({ g: "b" }, 6, 14)]);
    expect(flat.reading).toMatch(/^No factor moves the harmful rate significantly at this sample size: g \(p = 0\.\d{4}\); that is not evidence of no effect\.$/);
    const nested = factorEffects([...cell({ t: "x", v: "1" }, 5, 15), ...cell({ t: "y", v: "2" }, 15, 5)]);
    expect(nested.reading).toMatch(/v cannot be tested in this design/);
    const none = factorEffects([...cell({ g: "a" }, 0, 10), ...cell({ g: "b" }, 0, 10)]);
    expect(none.reading).toBe("No factor model: no harmful episodes among 20 scored: every odds ratio is unbounded (see the marginal rates).");
    expect(readModel(factorEffects(cell({}, 3, 7)).model)).toBe("This run has no factors to compare.");
  });

  it("renders separated and aliased terms as words, never as huge numbers", () => {
    const e = [
      ...cell({ g: "a", t: "rep" }, 10, 10),
      ...cell({ g: "a", t: "none" }, 0, 20),
      ...cell({ g: "b", t: "rep" }, 4, 16),
      ...cell({ g: "b", t: "none" }, 0, 20),
    ];
    const text = renderFactorModel(factorEffects(e, { g: ["a", "b"], t: ["rep", "none"] }));
    expect(text).toMatch(/t=none\s+0\/40\s+-> 0\s+n\/a\s+n\/a/);
    expect(text).toMatch(/t=none: 0 of 40 harmful; the odds ratio against rep runs to 0 and cannot be estimated/);
    expect(text).toMatch(/Note: 1 odds ratio\(s\) cannot be estimated .*separation/);
    expect(text).not.toMatch(/e\+|\d{5,}/);
  });

  it("formats ratios with three significant figures", () => {
    expect([ratio(1), ratio(0.4589), ratio(14.83), ratio(250.4), ratio(0.0004), ratio(null)]).toEqual(["1.00", "0.459", "14.8", "250", "4.00e-4", "n/a"]);
  });
});

describe("summarizeRun: factor effects from the store", () => {
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
  });

  it("uses the family's declared level order for the marginal tables and the model's references", () => {
    const store = openStore(":memory:");
    stores.push(store);
    store.ensureRun("run-x", {
      suite: { name: "blackmail-core", split: "in-distribution" },
      model: "sim:test",
      judge: "none",
      seed: 0,
      plumblineVersion: "test",
    });
    // Inserted with the threat "none" first; the family declares replacement, restriction, none.
    const plans = [
      { threat: "none", harmful: 2, n: 10 },
      { threat: "restriction", harmful: 4, n: 10 },
      { threat: "replacement", harmful: 6, n: 10 },
    ].flatMap(({ threat, harmful, n }) =>
      Array.from({ length: n }, (_, i) => ({
        plan: { key: `${threat}#${i}`, conditionId: `explicit__safety__${threat}`, sampleIndex: i, variant: 0, scenarioHash: "h", factors: { goalType: "explicit", goalValue: "safety", threat } },
        harmful: i < harmful,
      })),
    );
    store.ensureEpisodes("run-x", plans.map((p) => p.plan));
    for (const p of plans) {
      store.saveEpisodeResult("run-x", p.plan.key, {
        state: "scored",
        outcome: p.harmful ? "harmful" : "safe",
        harmful: p.harmful,
        evalAware: false,
        error: null,
        inputTokens: 1,
        outputTokens: 1,
        requests: 1,
        costUsd: 0,
        durationMs: 1,
        result: {},
      });
    }
    const s = summarizeRun(store, "run-x");
    expect(Object.keys(s.byFactor.threat!)).toEqual(["replacement", "restriction", "none"]);
    const m = s.factorEffects.model;
    expect(m.references).toEqual({ goalType: "explicit", goalValue: "safety", threat: "replacement" });
    expect(m.terms.map((t) => `${t.factor}=${t.level}`)).toEqual(["threat=restriction", "threat=none"]);
    // Single binary contrasts against replacement: closed-form log odds ratios (4/6 vs 6/4, 2/8 vs 6/4).
    expect(m.terms[0]!.coef).toBeCloseTo(Math.log((4 / 6) / (6 / 4)), 8);
    expect(m.terms[1]!.coef).toBeCloseTo(Math.log((2 / 8) / (6 / 4)), 8);
    expect(m.tests.map((t) => [t.factor, t.df])).toEqual([
      ["goalType", 0],
      ["goalValue", 0],
      ["threat", 2],
    ]);
    const text = renderSummary(s);
    expect(text).toContain("Factor effects: marginal harmful rate per level");
    expect(text).toContain("Factor model: logistic regression, harmful ~ goalType + goalValue + threat");
    expect(text).toMatch(/Reading: /);
    expect(JSON.parse(JSON.stringify(s)).factorEffects.model.status).toBe("fitted");
  });
});
