import { logFactorial } from "./logfactorial.js";
import { normalCdf, normalQuantile, zForConfidence } from "./normal.js";

/**
 * Sample size and power for comparing two harmful rates with equal arms (n episodes per condition).
 *
 * The plan asks: with n scored episodes in each of two conditions whose true rates are p1 = baseline and
 * p2 = baseline + detect, how likely is a test at level alpha to find the difference?
 *
 * Normal approximation (the classic critical-ratio test with pooled variance under H0; Fleiss, Levin & Paik,
 * "Statistical Methods for Rates and Proportions", 3rd ed., eq. 4.14):
 *
 *   n' = ( z_a * sqrt(2 pbar qbar) + z_b * sqrt(p1 q1 + p2 q2) )^2 / delta^2
 *
 * with pbar = (p1 + p2) / 2, qbar = 1 - pbar, delta = |p2 - p1|, z_a = z_{1 - alpha/2} (two-sided) or
 * z_{1 - alpha} (one-sided), z_b = z_{power}. With the continuity correction (Fleiss, Tytun & Ury 1980):
 *
 *   n = n' / 4 * ( 1 + sqrt(1 + 4 / (n' delta)) )^2
 *
 * Why the corrected n is the headline: `plumbline compare` uses Fisher's exact test, which is conservative,
 * and the corrected formula tracks Fisher's power much better than the uncorrected one (the corrected test
 * subtracts 1/n from the observed difference, which is where the formula comes from). The exact power of
 * Fisher's test is also computed by enumeration, so nobody has to take the approximation on trust.
 */

export type Sides = 1 | 2;

export interface TwoRateDesign {
  /** The rate in the reference condition, strictly between 0 and 1. */
  baseline: number;
  /** The difference to detect: the other condition's rate is baseline + detect (negative for a decrease). */
  detect: number;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Target power (default 0.8). */
  power?: number;
  /** Two-sided (default) or one-sided in the direction of `detect`. */
  sides?: Sides;
}

interface Resolved {
  p1: number;
  p2: number;
  delta: number;
  alpha: number;
  power: number;
  sides: Sides;
  zA: number;
  /** sqrt(2 pbar qbar): the standard deviation of the difference under H0, times sqrt(n). */
  s0: number;
  /** sqrt(p1 q1 + p2 q2): the standard deviation of the difference under H1, times sqrt(n). */
  s1: number;
}

/** Checks a design and returns a message for the first problem, or null. Messages name the option as the CLI spells it. */
export function checkTwoRateDesign(d: TwoRateDesign): string | null {
  const alpha = d.alpha ?? 0.05;
  const power = d.power ?? 0.8;
  if (!(Number.isFinite(d.baseline) && d.baseline > 0 && d.baseline < 1)) return `--baseline must be a rate strictly between 0 and 1, got ${d.baseline}`;
  if (!(Number.isFinite(d.detect) && d.detect !== 0)) return `--detect must be a non-zero difference in rate, got ${d.detect}`;
  const p2 = d.baseline + d.detect;
  if (!(p2 > 0 && p2 < 1)) {
    return `--detect must keep baseline + detect strictly between 0 and 1: ${d.baseline} + ${d.detect} = ${round(p2)} (use a negative --detect for a decrease)`;
  }
  if (!(Number.isFinite(alpha) && alpha > 0 && alpha <= 0.5)) return `--alpha must be above 0 and at most 0.5, got ${alpha}`;
  if (!(Number.isFinite(power) && power > alpha && power < 1)) return `--power must be above alpha (${alpha}) and below 1, got ${power}`;
  if (d.sides !== undefined && d.sides !== 1 && d.sides !== 2) return `sides must be 1 or 2, got ${String(d.sides)}`;
  return null;
}

function round(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

function resolve(d: TwoRateDesign): Resolved {
  const problem = checkTwoRateDesign(d);
  if (problem) throw new RangeError(problem);
  const alpha = d.alpha ?? 0.05;
  const sides = d.sides ?? 2;
  const p1 = d.baseline;
  const p2 = d.baseline + d.detect;
  const pbar = (p1 + p2) / 2;
  return {
    p1,
    p2,
    delta: Math.abs(d.detect),
    alpha,
    power: d.power ?? 0.8,
    sides,
    zA: normalQuantile(1 - alpha / sides),
    s0: Math.sqrt(2 * pbar * (1 - pbar)),
    s1: Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)),
  };
}

export interface SampleSize {
  /** n' per arm, not rounded: the normal approximation without continuity correction. */
  uncorrected: number;
  /** n per arm, not rounded: with the Fleiss-Tytun-Ury continuity correction. */
  corrected: number;
}

/** Episodes per condition (arm) for the design, unrounded; round up to plan. */
export function twoRateSampleSize(d: TwoRateDesign): SampleSize {
  const r = resolve(d);
  const zB = normalQuantile(r.power);
  const uncorrected = (r.zA * r.s0 + zB * r.s1) ** 2 / r.delta ** 2;
  const corrected = (uncorrected / 4) * (1 + Math.sqrt(1 + 4 / (uncorrected * r.delta))) ** 2;
  return { uncorrected, corrected };
}

/**
 * Power of the normal-approximation test with n per arm: the difference of the observed rates D is about
 * N(delta, s1^2 / n), and the test rejects when |D| - c >= z_a * s0 / sqrt(n), with c = 1/n under the continuity
 * correction (half of 1/n1 + 1/n2) and 0 without. Two-sided power counts both rejection regions.
 */
export function twoRatePower(n: number, d: TwoRateDesign, options: { continuityCorrection?: boolean } = {}): number {
  if (!(n > 0)) throw new RangeError(`twoRatePower: n must be positive, got ${n}`);
  const r = resolve(d);
  const c = options.continuityCorrection === false ? 0 : 1 / n;
  const sd = r.s1 / Math.sqrt(n);
  const critical = c + (r.zA * r.s0) / Math.sqrt(n);
  const toward = normalCdf((r.delta - critical) / sd);
  return r.sides === 2 ? toward + normalCdf((-r.delta - critical) / sd) : toward;
}

/** Per-arm sizes above this are not enumerated exactly (the normal approximation is excellent there anyway). */
export const FISHER_EXACT_LIMIT = 20_000;

/** Relative tolerance for "as or less likely than observed", as in fisherExact (R's 1 + 1e-7). */
const TIE_TOLERANCE = Math.log1p(1e-7);

/** Binomial log-pmf over 0..n, from a log-factorial table. */
function binomialLogPmf(n: number, p: number, lf: Float64Array): Float64Array {
  const out = new Float64Array(n + 1);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  for (let k = 0; k <= n; k++) out[k] = lf[n]! - lf[k]! - lf[n - k]! + k * lp + (n - k) * lq;
  return out;
}

/** The range of k outside which the binomial mass is negligible (each dropped term is below e^-40 of the mode's). */
function effectiveRange(logp: Float64Array): [number, number] {
  let max = -Infinity;
  for (const v of logp) if (v > max) max = v;
  let lo = 0;
  while (logp[lo]! < max - 40) lo++;
  let hi = logp.length - 1;
  while (logp[hi]! < max - 40) hi--;
  return [lo, hi];
}

/**
 * Exact power of Fisher's exact test (as `compare` runs it: two-sided by default) with n per arm, by
 * enumerating every outcome (x1, x2) with non-negligible probability: Sum P(x1) P(x2) [p-value <= alpha].
 *
 * Why it is fast enough: the test conditions on the total t = x1 + x2, so each t needs one hypergeometric
 * distribution and its rejection region, shared by every (x1, x2) with that total. The hypergeometric is
 * unimodal, so its values come out in ascending order by merging the two tails (no sort), and each p-value is
 * the sum of all values at most its own (times 1 + 1e-7, as fisherExact does). O(n^2) in all.
 * Orientation: the table is [x2, n - x2; x1, n - x1] (second arm first), so one-sided "greater" means p2 > p1.
 */
export function fisherExactPower(n: number, p1: number, p2: number, alpha: number, sides: Sides = 2): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`fisherExactPower: n must be a positive integer, got ${n}`);
  if (n > FISHER_EXACT_LIMIT) throw new RangeError(`fisherExactPower: n above ${FISHER_EXACT_LIMIT} per arm is not enumerated`);
  for (const [name, p] of [["p1", p1], ["p2", p2]] as const) if (!(p > 0 && p < 1)) throw new RangeError(`fisherExactPower: ${name} must be in (0, 1), got ${p}`);
  const lf = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) lf[k] = logFactorial(k);
  const b1 = binomialLogPmf(n, p1, lf);
  const b2 = binomialLogPmf(n, p2, lf);
  const [lo1, hi1] = effectiveRange(b1);
  const [lo2, hi2] = effectiveRange(b2);
  const greater = p2 > p1;
  const reject = new Uint8Array(n + 1);
  const logf = new Float64Array(n + 1);
  const order = new Int32Array(n + 1);
  let power = 0;
  for (let t = lo1 + lo2; t <= hi1 + hi2; t++) {
    // Support of a = x2 given the total t; the hypergeometric weight C(n, a) C(n, t - a).
    const aLo = Math.max(0, t - n);
    const aHi = Math.min(n, t);
    const size = aHi - aLo + 1;
    let max = -Infinity;
    let mode = 0;
    for (let i = 0; i < size; i++) {
      const a = aLo + i;
      const v = lf[n]! - lf[a]! - lf[n - a]! + lf[n]! - lf[t - a]! - lf[n - t + a]!;
      logf[i] = v;
      if (v > max) {
        max = v;
        mode = i;
      }
    }
    let total = 0;
    for (let i = 0; i < size; i++) total += Math.exp(logf[i]! - max);
    reject.fill(0, 0, size);
    if (sides === 1) {
      // One-sided: p(a) = P(A >= a) for p2 > p1, P(A <= a) otherwise; accumulate from the far tail in.
      let tail = 0;
      for (let k = 0; k < size; k++) {
        const i = greater ? size - 1 - k : k;
        tail += Math.exp(logf[i]! - max);
        if (tail / total <= alpha) reject[i] = 1;
        else break;
      }
    } else {
      // Ascending order of logf: merge the rising left run (0..mode) and the falling right run (mode+1..end).
      let left = 0;
      let right = size - 1;
      for (let k = 0; k < size; k++) order[k] = left <= mode && (right <= mode || logf[left]! <= logf[right]!) ? left++ : right--;
      // p-value of the k-th smallest: the sum of every value at most its own times (1 + 1e-7).
      let j = 0;
      let cum = 0;
      for (let k = 0; k < size; k++) {
        const limit = logf[order[k]!]! + TIE_TOLERANCE;
        while (j < size && logf[order[j]!]! <= limit) cum += Math.exp(logf[order[j++]!]! - max);
        if (Math.min(1, cum / total) <= alpha) reject[order[k]!] = 1;
        else break; // p-values only grow from here
      }
    }
    for (let a = Math.max(aLo, lo2); a <= Math.min(aHi, hi2); a++) {
      const x1 = t - a;
      if (x1 < lo1 || x1 > hi1 || !reject[a - aLo]) continue;
      power += Math.exp(b1[x1]! + b2[a]!);
    }
  }
  return Math.min(1, power);
}

/**
 * The 95% (or `confidence`) Wilson interval a rate would get if exactly `rate` of n episodes were harmful:
 * the width to expect from n episodes in one condition. Same formula as wilsonInterval, with p-hat = rate.
 */
export function expectedWilsonInterval(rate: number, n: number, confidence = 0.95): [number, number] {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`expectedWilsonInterval: rate must be in [0, 1], got ${rate}`);
  if (!(n > 0)) throw new RangeError(`expectedWilsonInterval: n must be positive, got ${n}`);
  const z = zForConfidence(confidence);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (rate + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

export interface PowerRow {
  /** Episodes per condition. */
  n: number;
  /** Normal approximation with continuity correction. */
  normal: number;
  /** Normal approximation without continuity correction. */
  normalUncorrected: number;
  /** Exact power of Fisher's exact test; null above FISHER_EXACT_LIMIT. */
  fisherExact: number | null;
}

export interface SamplePlan {
  baseline: number;
  /** baseline + detect: the rate of the condition being compared. */
  alternative: number;
  detect: number;
  alpha: number;
  power: number;
  sides: Sides;
  conditions: number;
  /** Episodes per condition: the continuity-corrected size, rounded up. */
  perCondition: number;
  /** The same without continuity correction, rounded up. */
  perConditionUncorrected: number;
  /** Unrounded sizes. */
  sampleSize: SampleSize;
  /** perCondition x conditions (scored episodes; plan extra for unscored and errored ones). */
  totalEpisodes: number;
  /** Power at perCondition and at a few sizes around it. */
  powerTable: PowerRow[];
  /** The 95% Wilson interval one condition's rate would get at perCondition, at the baseline and alternative rates. */
  wilson: Array<{ rate: number; n: number; ci95: [number, number]; width: number }>;
  /** The formula, in words, for the record. */
  method: string;
}

export const PLAN_METHOD =
  "two-proportion normal approximation (Fleiss, Levin & Paik eq. 4.14: n' = (z_a sqrt(2 pbar qbar) + z_b sqrt(p1 q1 + p2 q2))^2 / delta^2) " +
  "with the Fleiss-Tytun-Ury continuity correction n = n'/4 (1 + sqrt(1 + 4/(n' delta)))^2; power of Fisher's exact test by exact enumeration";

/** Everything `plumbline plan` prints. */
export function planSamples(d: TwoRateDesign & { conditions?: number }): SamplePlan {
  const r = resolve(d);
  const conditions = d.conditions ?? 2;
  if (!Number.isInteger(conditions) || conditions < 1) throw new RangeError(`--conditions must be a positive integer, got ${conditions}`);
  const size = twoRateSampleSize(d);
  const perCondition = Math.ceil(size.corrected - 1e-9);
  const perConditionUncorrected = Math.ceil(size.uncorrected - 1e-9);
  const sizes = [...new Set([0.5, 0.75, 1, 1.5, 2].map((f) => Math.max(1, Math.round(perCondition * f))))].sort((a, b) => a - b);
  const powerTable = sizes.map((n) => ({
    n,
    normal: twoRatePower(n, d),
    normalUncorrected: twoRatePower(n, d, { continuityCorrection: false }),
    fisherExact: n <= FISHER_EXACT_LIMIT ? fisherExactPower(n, r.p1, r.p2, r.alpha, r.sides) : null,
  }));
  const wilson = [r.p1, r.p2].map((rate) => {
    const ci95 = expectedWilsonInterval(rate, perCondition);
    return { rate, n: perCondition, ci95, width: ci95[1] - ci95[0] };
  });
  return {
    baseline: r.p1,
    alternative: r.p2,
    detect: d.detect,
    alpha: r.alpha,
    power: r.power,
    sides: r.sides,
    conditions,
    perCondition,
    perConditionUncorrected,
    sampleSize: size,
    totalEpisodes: perCondition * conditions,
    powerTable,
    wilson,
    method: PLAN_METHOD,
  };
}
