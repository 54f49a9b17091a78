import { logChoose } from "./logfactorial.js";

export type Alternative = "two-sided" | "less" | "greater";

/** Relative tolerance for "as or less likely than observed", as in R's fisher.test (1 + 1e-7). */
const RELATIVE_TOLERANCE = 1e-7;

function checkCell(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact: ${name} must be a non-negative integer, got ${v}`);
}

/**
 * Fisher's exact test for the 2x2 table
 *
 *            col1  col2
 *     row1    a     b
 *     row2    c     d
 *
 * Conditions on the margins; under H0 the top-left cell follows a hypergeometric law.
 * - "two-sided" (default): sum of the probabilities of all tables whose probability is at most
 *   the observed one's (times 1 + 1e-7, R's tolerance for ties), as R's fisher.test and scipy do.
 * - "less": P(X <= a) (odds ratio < 1). "greater": P(X >= a) (odds ratio > 1).
 *
 * Probabilities are computed in log space from log-factorials and normalised over the support,
 * so tables with thousands of observations are handled without overflow.
 */
export function fisherExact(a: number, b: number, c: number, d: number, alternative: Alternative = "two-sided"): number {
  checkCell("a", a);
  checkCell("b", b);
  checkCell("c", c);
  checkCell("d", d);
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, row1 + col1 - n);
  const hi = Math.min(row1, col1);
  if (lo === hi) return 1; // a degenerate margin: only one table is possible

  const size = hi - lo + 1;
  const logp = new Float64Array(size);
  let max = -Infinity;
  for (let i = 0; i < size; i++) {
    const x = lo + i;
    const v = logChoose(row1, x) + logChoose(n - row1, col1 - x);
    logp[i] = v;
    if (v > max) max = v;
  }
  // Relative densities, normalised by their own sum (the constant C(n, col1) cancels out).
  let total = 0;
  const dens = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const v = Math.exp(logp[i]! - max);
    dens[i] = v;
    total += v;
  }
  const obs = a - lo;
  let sum = 0;
  switch (alternative) {
    case "less":
      for (let i = 0; i <= obs; i++) sum += dens[i]!;
      break;
    case "greater":
      for (let i = obs; i < size; i++) sum += dens[i]!;
      break;
    case "two-sided": {
      const threshold = logp[obs]! + Math.log1p(RELATIVE_TOLERANCE);
      for (let i = 0; i < size; i++) if (logp[i]! <= threshold) sum += dens[i]!;
      break;
    }
    default:
      throw new RangeError(`fisherExact: unknown alternative ${String(alternative)}`);
  }
  return Math.min(1, sum / total);
}
