import { describe, expect, it } from "vitest";
import { binaryMetrics, cohenKappa, confusion, fleissKappa, pairwiseAgreement } from "./agreement.js";
import { wilsonInterval } from "./wilson.js";

describe("confusion", () => {
  it("counts reference-first pairs into tp / fp / fn / tn", () => {
    expect(
      confusion([
        [true, true],
        [true, false],
        [false, true],
        [false, false],
        [false, false],
      ]),
    ).toEqual({ tp: 1, fn: 1, fp: 1, tn: 2 });
  });
});

describe("cohenKappa", () => {
  // The textbook 2x2 table (20 both yes, 5 A-only, 10 B-only, 15 both no): po = 35/50 = 0.7,
  // pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
  it("matches the hand-computed kappa of a 2x2 table", () => {
    const k = cohenKappa({ tp: 20, fn: 5, fp: 10, tn: 15 });
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    // se = sqrt(0.7 * 0.3 / (50 * 0.25)) = sqrt(0.0168) = 0.12961...
    const se = Math.sqrt(0.0168);
    expect(k.ci95![0]).toBeCloseTo(0.4 - 1.959963984540054 * se, 10);
    expect(k.ci95![1]).toBeCloseTo(0.4 + 1.959963984540054 * se, 10);
  });

  it("is 1 for perfect agreement, 0 at chance, negative below it", () => {
    expect(cohenKappa({ tp: 7, fn: 0, fp: 0, tn: 3 }).kappa).toBeCloseTo(1, 12);
    // Both raters say yes half the time, independently: po = pe = 0.5.
    expect(cohenKappa({ tp: 25, fn: 25, fp: 25, tn: 25 }).kappa).toBeCloseTo(0, 12);
    // Always opposite: po = 0, pe = 0.5, kappa = -1.
    expect(cohenKappa({ tp: 0, fn: 5, fp: 5, tn: 0 }).kappa).toBeCloseTo(-1, 12);
  });

  it("is null (never NaN or 1) when chance agreement is certain or nothing was rated", () => {
    expect(cohenKappa({ tp: 0, fn: 0, fp: 0, tn: 9 }).kappa).toBeNull();
    expect(cohenKappa({ tp: 0, fn: 0, fp: 0, tn: 0 })).toMatchObject({ kappa: null, n: 0 });
  });
});

describe("binaryMetrics", () => {
  it("gives precision, recall, accuracy with Wilson intervals and F1, consistent with the matrix", () => {
    const m = binaryMetrics({ tp: 20, fn: 5, fp: 10, tn: 15 });
    expect(m.n).toBe(50);
    expect(m.precision).toMatchObject({ k: 20, n: 30 });
    expect(m.precision.rate).toBeCloseTo(2 / 3, 12);
    expect(m.precision.ci95).toEqual(wilsonInterval(20, 30));
    expect(m.recall.rate).toBeCloseTo(0.8, 12);
    expect(m.specificity.rate).toBeCloseTo(0.6, 12);
    expect(m.accuracy.rate).toBeCloseTo(0.7, 12);
    // F1 = 2PR / (P + R) = 2 * (2/3) * 0.8 / (2/3 + 0.8) = 8/11.
    expect(m.f1).toBeCloseTo(8 / 11, 12);
    expect(m.kappa.kappa).toBeCloseTo(0.4, 12);
  });

  it("reports a rate as null, not NaN, when its denominator is empty", () => {
    const m = binaryMetrics({ tp: 0, fn: 0, fp: 0, tn: 4 });
    expect(m.precision.rate).toBeNull();
    expect(m.recall.rate).toBeNull();
    expect(m.f1).toBeNull();
    expect(m.accuracy.rate).toBe(1);
  });
});

describe("pairwiseAgreement", () => {
  it("compares only the items both raters labelled", () => {
    const [pair] = pairwiseAgreement(["a", "b"], [
      [true, false, true, null, false],
      [true, true, null, false, false],
    ]);
    // Items 0, 1 and 4 are compared: agree, disagree, agree.
    expect(pair).toMatchObject({ a: "a", b: "b", n: 3, percent: { k: 2, n: 3 } });
    // tp 1, fp 1 (b says yes where a says no), tn 1: po = 2/3, pe = (1/3)(2/3) + (2/3)(1/3) = 4/9, kappa = (2/9)/(5/9) = 0.4.
    expect(pair!.kappa.kappa).toBeCloseTo(0.4, 12);
  });

  it("lists every pair once, in order", () => {
    const pairs = pairwiseAgreement(["x", "y", "z"], [[true], [true], [false]]);
    expect(pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["x-y", "x-z", "y-z"]);
  });
});

describe("fleissKappa", () => {
  // 3 raters, 4 items: [T,T,T], [T,T,F], [F,F,F], [T,F,F]. Per-item agreement 1, 1/3, 1, 1/3 -> P-bar = 2/3;
  // 6 of 12 ratings positive -> Pe = 0.5; kappa = (2/3 - 1/2) / (1/2) = 1/3.
  it("matches a hand-computed example", () => {
    const k = fleissKappa([
      [true, true, false, true],
      [true, true, false, false],
      [true, false, false, false],
    ]);
    expect(k.n).toBe(4);
    expect(k.observed).toBeCloseTo(2 / 3, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(1 / 3, 12);
  });

  it("leaves out items a rater did not label, and is null with one rater or one label everywhere", () => {
    const k = fleissKappa([
      [true, null, false],
      [true, true, false],
    ]);
    expect(k.n).toBe(2);
    expect(k.kappa).toBeCloseTo(1, 12);
    expect(fleissKappa([[true, false]]).kappa).toBeNull();
    expect(fleissKappa([[false, false], [false, false]]).kappa).toBeNull();
  });
});
