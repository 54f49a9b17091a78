import { describe, expect, it } from "vitest";
import { chiSquareSf, normalCdf, normalSf, twoSidedP } from "./index.js";

/** Reference values from scipy 1.17.1: scipy.stats.norm.sf(x) and scipy.stats.chi2.sf(x, df), printed with repr(). */
describe("normalSf / normalCdf", () => {
  it.each([
    [0, 0.5],
    [0.5, 0.3085375387259869],
    [1.0, 0.15865525393145707],
    [1.959963984540054, 0.025],
    [2.4999, 0.006211418374944587], // last point of the series branch
    [2.5, 0.006209665325776132], // first point of the continued fraction
    [3.0, 0.0013498980316300933],
    [5.0, 2.866515718791933e-7],
    [8.0, 6.22096057427174e-16],
    [20.0, 2.7536241186061556e-89],
    [37.5, 4.605353009581954e-308],
  ])("Q(%d) = %d to 1e-13 relative", (x, q) => {
    expect(Math.abs(normalSf(x) - q)).toBeLessThanOrEqual(1e-13 * q);
    expect(Math.abs(normalCdf(-x) - q)).toBeLessThanOrEqual(1e-13 * q);
  });

  it("is symmetric, bounded and handles the infinities", () => {
    for (const x of [0.1, 1.3, 2.7, 6]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalSf(-Infinity)).toBe(1);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(0)).toBe(1);
  });
});

describe("chiSquareSf", () => {
  it.each([
    [3.84, 1, 0.05004352124870519],
    [0.5, 1, 0.47950012218695337],
    [10, 2, 0.006737946999085468],
    [7.5, 3, 0.0575584519726364],
    [12.0, 4, 0.01735126523666451],
    [25.0, 5, 0.0001393337911856263],
    [1.0, 8, 0.9982483774437092],
    [100.0, 7, 1.0787979671702833e-18],
    [0.001, 3, 0.9999915920809419],
    [600, 3, 1.0078435921645548e-129],
  ])("P(chi2 >= %d; df %i) = %d to 1e-12 relative", (x, df, q) => {
    expect(Math.abs(chiSquareSf(x, df) - q)).toBeLessThanOrEqual(1e-12 * q);
  });

  it("df 1 is the two-sided normal tail; edges and bad df", () => {
    for (const z of [0.3, 1.5, 2.8]) expect(chiSquareSf(z * z, 1)).toBeCloseTo(twoSidedP(z), 14);
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(Infinity, 3)).toBe(0);
    expect(() => chiSquareSf(1, 0)).toThrow(RangeError);
    expect(() => chiSquareSf(1, 1.5)).toThrow(RangeError);
  });
});
