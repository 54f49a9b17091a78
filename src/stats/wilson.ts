import { zForConfidence } from "./normal.js";

/** A proportion with its 95% Wilson score interval. */
export interface Rate {
  /** Number of successes (e.g. harmful episodes). */
  k: number;
  /** Number of trials (e.g. scored episodes). */
  n: number;
  /** k / n, or `null` when n = 0: there is no rate to report, and NaN would leak into sums and JSON. */
  rate: number | null;
  /** 95% Wilson score interval; [0, 1] when n = 0 (nothing is known). */
  ci95: [number, number];
}

function checkCounts(successes: number, n: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(n)) {
    throw new RangeError(`counts must be integers, got successes=${successes}, n=${n}`);
  }
  if (n < 0 || successes < 0 || successes > n) {
    throw new RangeError(`need 0 <= successes <= n, got successes=${successes}, n=${n}`);
  }
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998 method 3,
 * without continuity correction), at the given two-sided confidence level.
 * n = 0 gives [0, 1]. The bounds are exactly 0 when successes = 0 and exactly 1 when successes = n.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): [number, number] {
  checkCounts(successes, n);
  const z = zForConfidence(confidence);
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const lo = successes === 0 ? 0 : Math.max(0, center - half);
  const hi = successes === n ? 1 : Math.min(1, center + half);
  return [lo, hi];
}

/** k / n with its 95% Wilson interval. `rate` is null (not NaN) when n = 0. */
export function rate(successes: number, n: number): Rate {
  checkCounts(successes, n);
  return {
    k: successes,
    n,
    rate: n === 0 ? null : successes / n,
    ci95: wilsonInterval(successes, n, 0.95),
  };
}
