import { describe, expect, it } from "vitest";
import {
  checkTwoRateDesign,
  expectedWilsonInterval,
  fisherExact,
  fisherExactPower,
  normalCdf,
  planSamples,
  twoRatePower,
  twoRateSampleSize,
  wilsonInterval,
} from "./index.js";

describe("twoRateSampleSize (Fleiss eq. 4.14, Fleiss-Tytun-Ury continuity correction)", () => {
  it("p1 = 0.2, p2 = 0.25, two-sided alpha 0.05, power 0.8: n' = 1093.74 (1094), with correction 1133.39 (1134)", () => {
    // By hand: z_.975 = 1.959963984540054, z_.8 = 0.8416212335729143, pbar = 0.225,
    // sqrt(2 * 0.225 * 0.775) = sqrt(0.34875) = 0.5905506, sqrt(0.2*0.8 + 0.25*0.75) = sqrt(0.3475) = 0.5894913,
    // n' = (1.959964 * 0.5905506 + 0.8416212 * 0.5894913)^2 / 0.05^2 = 1.6535814^2 / 0.0025 = 1093.739;
    // n = n'/4 * (1 + sqrt(1 + 4 / (1093.739 * 0.05)))^2 = 273.4348 * 2.0359258^2 = 1133.386.
    // The same numbers from numpy/scipy (norm.ppf) to full precision: 1093.7390457661647, 1133.386121028003.
    const n = twoRateSampleSize({ baseline: 0.2, detect: 0.05 });
    expect(n.uncorrected).toBeCloseTo(1093.7390457661647, 9);
    expect(n.corrected).toBeCloseTo(1133.386121028003, 9);
  });

  it("one-sided in the direction of a decrease (0.2 -> 0.15): z_.95 = 1.6448536", () => {
    // scipy, same formulas with z_a = norm.ppf(0.95): 713.0382745490099 and 752.5067178326099.
    const n = twoRateSampleSize({ baseline: 0.2, detect: -0.05, sides: 1 });
    expect(n.uncorrected).toBeCloseTo(713.0382745490099, 9);
    expect(n.corrected).toBeCloseTo(752.5067178326099, 9);
  });

  it("is symmetric in the two rates and grows as the difference shrinks", () => {
    const a = twoRateSampleSize({ baseline: 0.2, detect: 0.05 });
    const b = twoRateSampleSize({ baseline: 0.25, detect: -0.05 });
    expect(b.uncorrected).toBeCloseTo(a.uncorrected, 9);
    expect(b.corrected).toBeCloseTo(a.corrected, 9);
    expect(twoRateSampleSize({ baseline: 0.2, detect: 0.025 }).uncorrected).toBeGreaterThan(3.5 * a.uncorrected);
    expect(twoRateSampleSize({ baseline: 0.2, detect: 0.05, power: 0.9 }).uncorrected).toBeGreaterThan(a.uncorrected);
  });
});

describe("twoRatePower", () => {
  const design = { baseline: 0.2, detect: 0.05 };

  it("inverts the sample size: the power at n' (uncorrected) and n (corrected) is the target", () => {
    const { uncorrected, corrected } = twoRateSampleSize(design);
    // Two-sided power also counts the far rejection region, which the sample-size formula ignores;
    // take it out to recover the target exactly.
    const s0 = Math.sqrt(2 * 0.225 * 0.775);
    const s1 = Math.sqrt(0.2 * 0.8 + 0.25 * 0.75);
    const far = (n: number, c: number) => normalCdf((-0.05 - c - (1.959963984540054 * s0) / Math.sqrt(n)) / (s1 / Math.sqrt(n)));
    expect(twoRatePower(uncorrected, design, { continuityCorrection: false }) - far(uncorrected, 0)).toBeCloseTo(0.8, 12);
    expect(twoRatePower(corrected, design) - far(corrected, 1 / corrected)).toBeCloseTo(0.8, 12);
    expect(far(corrected, 1 / corrected)).toBeLessThan(1e-5);
    expect(twoRatePower(uncorrected, { ...design, sides: 1 }, { continuityCorrection: false })).toBeGreaterThan(0.8);
  });

  it("rises with n, and the correction lowers it", () => {
    const ns = [50, 200, 800, 3200];
    const p = ns.map((n) => twoRatePower(n, design));
    for (let i = 1; i < p.length; i++) expect(p[i]!).toBeGreaterThan(p[i - 1]!);
    for (const n of ns) expect(twoRatePower(n, design)).toBeLessThan(twoRatePower(n, design, { continuityCorrection: false }));
  });
});

describe("fisherExactPower (exact enumeration)", () => {
  /** Brute force: every (x1, x2), the library's fisherExact, and binomial probabilities by direct products. */
  function bruteForce(n: number, p1: number, p2: number, sides: 1 | 2): number {
    const binom = (k: number, p: number) => {
      let c = 1;
      for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
      return c * p ** k * (1 - p) ** (n - k);
    };
    let power = 0;
    for (let x1 = 0; x1 <= n; x1++) {
      for (let x2 = 0; x2 <= n; x2++) {
        const p = fisherExact(x2, n - x2, x1, n - x1, sides === 2 ? "two-sided" : p2 > p1 ? "greater" : "less");
        if (p <= 0.05) power += binom(x1, p1) * binom(x2, p2);
      }
    }
    return power;
  }

  it.each([
    [25, 0.2, 0.5, 2],
    [30, 0.3, 0.1, 2],
    [20, 0.2, 0.6, 1],
    [20, 0.6, 0.2, 1],
    [40, 0.5, 0.7, 2],
  ] as const)("n=%i, %d vs %d, %i-sided: same as testing every table with fisherExact", (n, p1, p2, sides) => {
    expect(fisherExactPower(n, p1, p2, 0.05, sides)).toBeCloseTo(bruteForce(n, p1, p2, sides), 12);
  });

  it("at the corrected size 1134 (0.2 vs 0.25) Fisher's test has the target power; at the uncorrected 1094 it falls short", () => {
    // Independent check with scipy 1.17.1: sum of binom.pmf(x1) * binom.pmf(x2) over every (x1, x2) with
    // pmf > 1e-18 whose scipy.stats.fisher_exact([[x2, n-x2], [x1, n-x1]]) p-value is <= 0.05.
    expect(fisherExactPower(1134, 0.2, 0.25, 0.05)).toBeCloseTo(0.8008338915656394, 9);
    expect(fisherExactPower(1094, 0.2, 0.25, 0.05)).toBeCloseTo(0.7860417104576994, 9);
  });

  it("rejects what it cannot enumerate", () => {
    expect(() => fisherExactPower(0, 0.2, 0.3, 0.05)).toThrow(RangeError);
    expect(() => fisherExactPower(100, 0, 0.3, 0.05)).toThrow(RangeError);
    expect(() => fisherExactPower(1e6, 0.2, 0.3, 0.05)).toThrow(/not enumerated/);
  });
});

describe("expectedWilsonInterval", () => {
  it("is the Wilson interval of k = rate * n when that is a whole number", () => {
    for (const [rate, n] of [[0.2, 1135], [0.25, 40], [0.5, 10], [0, 30]] as const) {
      const k = Math.round(rate * n);
      const got = expectedWilsonInterval(rate, n);
      const want = wilsonInterval(k, n);
      expect(got[0]).toBeCloseTo(want[0], 12);
      expect(got[1]).toBeCloseTo(want[1], 12);
    }
  });
});

describe("planSamples and its checks", () => {
  it("puts the numbers together for `plumbline plan`", () => {
    const p = planSamples({ baseline: 0.2, detect: 0.05, conditions: 6 });
    expect(p).toMatchObject({ baseline: 0.2, alpha: 0.05, power: 0.8, sides: 2, conditions: 6, perCondition: 1134, perConditionUncorrected: 1094, totalEpisodes: 6804 });
    expect(p.alternative).toBeCloseTo(0.25, 15);
    expect(p.powerTable.map((r) => r.n)).toEqual([567, 851, 1134, 1701, 2268]);
    const at = p.powerTable.find((r) => r.n === 1134)!;
    expect(at.normal).toBeGreaterThanOrEqual(0.8);
    expect(at.fisherExact).toBeCloseTo(0.8008338915656394, 9);
    expect(p.wilson.map((w) => w.rate)).toEqual([0.2, p.alternative]);
    expect(p.wilson[0]!.width).toBeCloseTo(expectedWilsonInterval(0.2, 1134)[1] - expectedWilsonInterval(0.2, 1134)[0], 15);
    expect(p.wilson[0]!.width).toBeGreaterThan(0.04);
    expect(p.wilson[0]!.width).toBeLessThan(0.05);
  });

  it.each([
    [{ baseline: 0, detect: 0.1 }, /--baseline must be a rate strictly between 0 and 1/],
    [{ baseline: 1.2, detect: 0.1 }, /--baseline/],
    [{ baseline: 0.2, detect: 0 }, /--detect must be a non-zero/],
    [{ baseline: 0.2, detect: 0.9 }, /baseline \+ detect strictly between 0 and 1: 0.2 \+ 0.9 = 1.1/],
    [{ baseline: 0.2, detect: -0.2 }, /= 0 \(use a negative --detect for a decrease\)/],
    [{ baseline: 0.2, detect: 0.1, alpha: 0 }, /--alpha/],
    [{ baseline: 0.2, detect: 0.1, alpha: 0.7 }, /--alpha/],
    [{ baseline: 0.2, detect: 0.1, power: 1 }, /--power must be above alpha/],
    [{ baseline: 0.2, detect: 0.1, power: 0.01 }, /--power/],
    [{ baseline: Number.NaN, detect: 0.1 }, /--baseline/],
  ])("%j is refused", (design, message) => {
    expect(checkTwoRateDesign(design)).toMatch(message);
    expect(() => planSamples(design)).toThrow(RangeError);
  });

  it("a sound design passes", () => {
    expect(checkTwoRateDesign({ baseline: 0.02, detect: 0.03, alpha: 0.01, power: 0.9, sides: 1 })).toBeNull();
    expect(() => planSamples({ baseline: 0.2, detect: 0.1, conditions: 0 })).toThrow(/--conditions/);
  });
});
