/**
 * Natural log of n! for non-negative integers n.
 *
 * Up to 18! the factorial is an exact double, so its log is correctly rounded. Beyond that the
 * Stirling series for ln Γ(n + 1) with terms to x^-9 is accurate to ~1e-16 relative, so
 * differences of log-factorials stay precise for n in the millions (no cumulative-sum drift).
 */
const EXACT_LIMIT = 18;
const EXACT: number[] = (() => {
  const out: number[] = [];
  let f = 1;
  for (let k = 0; k <= EXACT_LIMIT; k++) {
    if (k > 0) f *= k;
    out.push(Math.log(f));
  }
  return out;
})();

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export function logFactorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`logFactorial: n must be a non-negative integer, got ${n}`);
  if (n <= EXACT_LIMIT) return EXACT[n]!;
  const x = n + 1;
  const ix = 1 / x;
  const ix2 = ix * ix;
  // 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9)
  const series = ix * (1 / 12 + ix2 * (-1 / 360 + ix2 * (1 / 1260 + ix2 * (-1 / 1680 + ix2 * (1 / 1188)))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}
