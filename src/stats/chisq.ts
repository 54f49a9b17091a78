import { logFactorial } from "./logfactorial.js";
import { normalPdf, normalSf } from "./normal.js";

/**
 * Upper tail P(X >= x) of a chi-square distribution with an integer number of degrees of freedom.
 *
 * Why closed forms: likelihood-ratio tests of factors only ever need integer df, and for those the
 * survival function is a finite sum (Abramowitz & Stegun 26.4.4 and 26.4.5), so no incomplete-gamma
 * iteration is needed:
 *   df even: Q = exp(-x/2) * sum_{j=0}^{df/2-1} (x/2)^j / j!
 *   df odd:  Q = 2 Q_N(sqrt x) + 2 phi(sqrt x) * sum_{j=1}^{(df-1)/2} x^(j-1/2) / (2j-1)!!
 * Each term is formed in log space so large x or df cannot overflow.
 */
export function chiSquareSf(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`chiSquareSf: df must be a positive integer, got ${df}`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  let sum = 0;
  if (df % 2 === 0) {
    const logHalf = Math.log(x / 2);
    for (let j = 0; j < df / 2; j++) sum += Math.exp(-x / 2 + j * logHalf - logFactorial(j));
    return Math.min(1, sum);
  }
  const r = Math.sqrt(x);
  const logTwoPhi = Math.log(2 * normalPdf(r));
  const logX = Math.log(x);
  for (let j = 1; j <= (df - 1) / 2; j++) {
    // (2j-1)!! = (2j)! / (2^j j!)
    const logDoubleFactorial = logFactorial(2 * j) - j * Math.LN2 - logFactorial(j);
    sum += Math.exp(logTwoPhi + (j - 0.5) * logX - logDoubleFactorial);
  }
  return Math.min(1, 2 * normalSf(r) + sum);
}
