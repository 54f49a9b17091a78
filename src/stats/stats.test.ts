import { describe, expect, it } from "vitest";
import {
  aggregate,
  fisherExact,
  groupStats,
  logChoose,
  logFactorial,
  normalQuantile,
  proportionDifference,
  rate,
  UNSET_LEVEL,
  wilsonInterval,
  zForConfidence,
  type EpisodeSummary,
} from "./index.js";

/** Reference values from scipy.stats.norm.ppf (scipy 1.17) / R qnorm. */
describe("normalQuantile", () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.9, 1.2815515655446004],
    [0.3, -0.5244005127080409],
    [0.02425, -1.972961051311885],
    [1e-10, -6.361340902404056],
    [1e-300, -37.0470962993612],
  ])("qnorm(%d) = %d", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it("is exact at the ends and the middle, and antisymmetric", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [0.001, 0.1, 0.3, 0.49]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 12);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });

  it("zForConfidence(0.95) is the exact two-sided z, not a rounded 1.96", () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForConfidence(0.95)).not.toBe(1.96);
    expect(() => zForConfidence(1)).toThrow(RangeError);
  });
});

describe("wilsonInterval", () => {
  // Newcombe (1998) Table I, method 3, and scipy-computed Wilson bounds to 1e-9.
  it.each([
    [0, 10, 0, 0.277532799863],
    [5, 10, 0.236593090513, 0.763406909487],
    [10, 10, 0.722467200137, 1],
    [81, 263, 0.255288519878, 0.366209576983],
    [15, 148, 0.062386399531, 0.160487241723],
    [0, 20, 0, 0.161125158053],
    [1, 29, 0.006113214293, 0.171755218793],
  ])("%i/%i at 95%%", (k, n, lo, hi) => {
    const [l, u] = wilsonInterval(k, n);
    expect(l).toBeCloseTo(lo, 9);
    expect(u).toBeCloseTo(hi, 9);
  });

  it("matches Newcombe 1998 Table I to four places for 81/263", () => {
    const [l, u] = wilsonInterval(81, 263);
    expect(l.toFixed(4)).toBe("0.2553");
    expect(u.toFixed(4)).toBe("0.3662");
  });

  it("uses the requested confidence level", () => {
    const [l99, u99] = wilsonInterval(81, 263, 0.99);
    expect(l99).toBeCloseTo(0.24013690268760773, 9);
    expect(u99).toBeCloseTo(0.38528250231822986, 9);
    const [l90, u90] = wilsonInterval(81, 263, 0.9);
    expect(l90).toBeCloseTo(0.2633136171884814, 9);
    expect(u90).toBeCloseTo(0.35656634960848815, 9);
  });

  it("is exactly 0 / 1 at the boundaries and [0, 1] for n = 0", () => {
    expect(wilsonInterval(0, 7)[0]).toBe(0);
    expect(wilsonInterval(7, 7)[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});

describe("rate", () => {
  it("returns k, n, rate and ci95", () => {
    const r = rate(81, 263);
    expect(r.k).toBe(81);
    expect(r.n).toBe(263);
    expect(r.rate).toBeCloseTo(81 / 263, 15);
    expect(r.ci95[0]).toBeCloseTo(0.255288519878, 9);
    expect(r.ci95[1]).toBeCloseTo(0.366209576983, 9);
  });

  it("is null-safe for n = 0 (rate null, not NaN)", () => {
    const r = rate(0, 0);
    expect(r.rate).toBeNull();
    expect(r.ci95).toEqual([0, 1]);
    expect(JSON.stringify(r)).toBe('{"k":0,"n":0,"rate":null,"ci95":[0,1]}');
  });
});

describe("logFactorial", () => {
  it("agrees with exact sums of logs", () => {
    let acc = 0;
    for (let n = 1; n <= 200; n++) {
      acc += Math.log(n);
      expect(Math.abs(logFactorial(n) - acc)).toBeLessThan(1e-11 * Math.max(1, acc));
    }
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    // Python math.lgamma(1001) and math.lgamma(1e6 + 1).
    expect(logFactorial(1000)).toBeCloseTo(5912.128178488163, 9);
    expect(Math.abs(logFactorial(1_000_000) / 12815518.384658169 - 1)).toBeLessThan(1e-15);
    expect(logChoose(10, 3)).toBeCloseTo(Math.log(120), 12);
    expect(logChoose(10, 11)).toBe(-Infinity);
  });
});

/** Exact Fisher p-values with BigInt hypergeometric counts: an independent reference. */
function exactFisher(a: number, b: number, c: number, d: number, alt: "two-sided" | "less" | "greater"): number {
  const choose = (n: number, k: number): bigint => {
    if (k < 0 || k > n) return 0n;
    let r = 1n;
    for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
    return r;
  };
  const r1 = a + b;
  const c1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, r1 + c1 - n);
  const hi = Math.min(r1, c1);
  const w = (x: number) => choose(r1, x) * choose(n - r1, c1 - x);
  const total = choose(n, c1);
  const obs = w(a);
  let sum = 0n;
  for (let x = lo; x <= hi; x++) {
    const wx = w(x);
    if (alt === "less" ? x <= a : alt === "greater" ? x >= a : wx <= obs) sum += wx;
  }
  // 1e15-scaled integer division, then to a float.
  return Number((sum * 10n ** 15n) / total) / 1e15;
}

describe("fisherExact", () => {
  it("tea-tasting [[3,1],[1,3]]: two-sided 0.4857 (R fisher.test), one-sided 0.2429 / 0.9857", () => {
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.48571428571428565, 12);
    expect(fisherExact(3, 1, 1, 3, "greater")).toBeCloseTo(0.24285714285714283, 12);
    expect(fisherExact(3, 1, 1, 3, "less")).toBeCloseTo(0.9857142857142858, 12);
  });

  it("[[1,9],[11,3]]: two-sided 0.002759 (R / scipy)", () => {
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 12);
    expect(fisherExact(1, 9, 11, 3, "less")).toBeCloseTo(0.0013797280926100418, 12);
    expect(fisherExact(1, 9, 11, 3, "greater")).toBeCloseTo(0.9999663480953022, 12);
  });

  it("two-sided sums the tables as or less likely than observed (not twice the smaller tail)", () => {
    // scipy.stats.fisher_exact; doubling the smaller tail would give 0.03704 and 0.30303.
    expect(fisherExact(2, 7, 8, 2)).toBeCloseTo(0.02301413756522116, 12);
    expect(fisherExact(2, 3, 6, 1)).toBeCloseTo(0.2222222222222222, 12);
    expect(fisherExact(7, 3, 2, 9)).toBeCloseTo(0.029973122852379817, 12);
  });

  it("is symmetric under transposition and row swap (two-sided)", () => {
    expect(fisherExact(1, 11, 9, 3)).toBeCloseTo(fisherExact(1, 9, 11, 3), 14);
    expect(fisherExact(11, 3, 1, 9)).toBeCloseTo(fisherExact(1, 9, 11, 3), 14);
  });

  it("large n: [[1200,800],[1100,900]] and [[50,1950],[90,1910]] (scipy.stats.fisher_exact)", () => {
    expect(fisherExact(1200, 800, 1100, 900)).toBeCloseTo(0.0015395077387717368, 10);
    expect(fisherExact(1200, 800, 1100, 900, "greater")).toBeCloseTo(0.0007697538693858684, 10);
    expect(fisherExact(1200, 800, 1100, 900, "less")).toBeCloseTo(0.9993835208020829, 10);
    expect(fisherExact(50, 1950, 90, 1910)).toBeCloseTo(0.0007382245531568688, 10);
    expect(fisherExact(10, 990, 25, 975)).toBeCloseTo(0.015749705522146405, 10);
    // Relative accuracy, not just absolute.
    expect(Math.abs(fisherExact(50, 1950, 90, 1910) / 0.0007382245531568688 - 1)).toBeLessThan(1e-8);
  });

  it("agrees with an exact BigInt computation on a range of tables", () => {
    const tables: [number, number, number, number][] = [
      [0, 5, 5, 0],
      [2, 7, 8, 2],
      [7, 3, 2, 9],
      [20, 30, 35, 15],
      [120, 80, 95, 105],
      [3, 297, 12, 288],
    ];
    for (const t of tables) {
      for (const alt of ["two-sided", "less", "greater"] as const) {
        const ref = exactFisher(...t, alt);
        expect(Math.abs(fisherExact(...t, alt) - ref)).toBeLessThan(1e-12 + 1e-9 * ref);
      }
    }
  });

  it("returns 1 for degenerate margins and rejects bad cells", () => {
    expect(fisherExact(0, 0, 3, 4)).toBe(1);
    expect(fisherExact(5, 0, 5, 0)).toBe(1);
    expect(() => fisherExact(-1, 1, 1, 1)).toThrow(RangeError);
    expect(() => fisherExact(1.5, 1, 1, 1)).toThrow(RangeError);
  });
});

describe("proportionDifference (Newcombe hybrid score, method 10)", () => {
  // Newcombe (1998) Table II, method 10, examples (a)-(h).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])("%i/%i vs %i/%i -> (%d, %d)", (k1, n1, k2, n2, lo, hi) => {
    const r = proportionDifference(k1, n1, k2, n2);
    expect(r.ci[0]).toBeCloseTo(lo, 4);
    expect(r.ci[1]).toBeCloseTo(hi, 4);
  });

  it("56/70 vs 48/80: diff 0.2 with CI (0.052431, 0.333873)", () => {
    const r = proportionDifference(56, 70, 48, 80);
    expect(r.diff).toBeCloseTo(0.2, 12);
    expect(r.p1).toBeCloseTo(0.8, 12);
    expect(r.p2).toBeCloseTo(0.6, 12);
    expect(r.ci[0]).toBeCloseTo(0.052431472402365065, 9);
    expect(r.ci[1]).toBeCloseTo(0.333872654036906, 9);
    expect(r.confidence).toBe(0.95);
  });

  it("is antisymmetric when groups are swapped", () => {
    const a = proportionDifference(56, 70, 48, 80);
    const b = proportionDifference(48, 80, 56, 70);
    expect(b.diff).toBeCloseTo(-a.diff!, 12);
    expect(b.ci[0]).toBeCloseTo(-a.ci[1], 12);
    expect(b.ci[1]).toBeCloseTo(-a.ci[0], 12);
  });

  it("reports null diff and [-1, 1] when a group is empty", () => {
    const r = proportionDifference(3, 10, 0, 0);
    expect(r.diff).toBeNull();
    expect(r.p2).toBeNull();
    expect(r.ci).toEqual([-1, 1]);
  });
});

describe("aggregate", () => {
  const ep = (
    conditionId: string,
    outcome: EpisodeSummary["outcome"],
    factors: Record<string, string>,
    evalAware = false,
  ): EpisodeSummary => ({ conditionId, outcome, factors, evalAware });

  const episodes: EpisodeSummary[] = [
    ep("c2", "harmful", { goal: "explicit", urgency: "replacement" }),
    ep("c2", "harmful", { goal: "explicit", urgency: "replacement" }, true),
    ep("c2", "safe", { goal: "explicit", urgency: "replacement" }),
    ep("c2", "unscored", { goal: "explicit", urgency: "replacement" }),
    ep("c1", "safe", { goal: "none", urgency: "none" }),
    ep("c1", "safe", { goal: "none", urgency: "none" }, true),
    ep("c1", "error", { goal: "none", urgency: "none" }),
    ep("c1", "harmful", { goal: "none", urgency: "none" }),
    ep("c3", "pending", { goal: "none" }),
  ];

  it("counts everything overall; rate is over scored only", () => {
    const a = aggregate(episodes);
    expect(a.overall).toMatchObject({ episodes: 9, scored: 6, harmful: 3, safe: 3, unscored: 1, errored: 1, pending: 1 });
    expect(a.overall.rate).toBeCloseTo(0.5, 12);
    expect(a.overall.ci95).toEqual(wilsonInterval(3, 6));
  });

  it("groups by condition in order of first appearance", () => {
    const a = aggregate(episodes);
    expect(a.byCondition.map((c) => c.conditionId)).toEqual(["c2", "c1", "c3"]);
    expect(a.byCondition[0]).toMatchObject({ episodes: 4, scored: 3, harmful: 2, unscored: 1, errored: 0 });
    expect(a.byCondition[0]!.rate).toBeCloseTo(2 / 3, 12);
    expect(a.byCondition[1]).toMatchObject({ episodes: 4, scored: 3, harmful: 1, unscored: 0, errored: 1 });
    expect(a.byCondition[2]).toMatchObject({ episodes: 1, scored: 0, pending: 1, rate: null, ci95: [0, 1] });
  });

  it("groups by factor and level; missing levels are shown, not dropped", () => {
    const a = aggregate(episodes);
    expect(a.byFactor.map((f) => f.factor)).toEqual(["goal", "urgency"]);
    const goal = a.byFactor[0]!;
    expect(goal.levels.map((l) => [l.level, l.episodes, l.harmful, l.scored])).toEqual([
      ["explicit", 4, 2, 3],
      ["none", 5, 1, 3],
    ]);
    const urgency = a.byFactor[1]!;
    expect(urgency.levels.map((l) => [l.level, l.episodes])).toEqual([
      ["replacement", 4],
      ["none", 4],
      [UNSET_LEVEL, 1],
    ]);
    for (const f of a.byFactor) expect(f.levels.reduce((s, l) => s + l.episodes, 0)).toBe(episodes.length);
  });

  it("splits by eval awareness", () => {
    const a = aggregate(episodes);
    expect(a.byEvalAwareness.aware).toMatchObject({ episodes: 2, scored: 2, harmful: 1, safe: 1 });
    expect(a.byEvalAwareness.unaware).toMatchObject({ episodes: 7, scored: 4, harmful: 2, unscored: 1, errored: 1, pending: 1 });
  });

  it("handles an empty run", () => {
    const a = aggregate([]);
    expect(a.overall).toEqual({ episodes: 0, scored: 0, harmful: 0, safe: 0, unscored: 0, errored: 0, pending: 0, rate: null, ci95: [0, 1] });
    expect(a.byCondition).toEqual([]);
    expect(a.byFactor).toEqual([]);
  });

  it("rejects unknown outcomes instead of dropping them", () => {
    expect(() => groupStats(["harmful", "bogus" as never])).toThrow(RangeError);
  });
});
