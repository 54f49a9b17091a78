/**
 * Quantile function (inverse CDF) of the standard normal distribution.
 *
 * Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), the one R's `qnorm`
 * uses; accurate to about 1 part in 10^16 over the whole open interval (0, 1).
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;

  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }

  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/** Two-sided critical value z such that P(|Z| <= z) = confidence (1.959963984540054 at 0.95). */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  return normalQuantile(1 - (1 - confidence) / 2);
}

const INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2 pi)

/** Standard normal density. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Upper tail Q(x) = P(Z > x) of the standard normal, to about 1e-15 relative in both tails.
 *
 * Why two methods: the Taylor series Phi(x) = 1/2 + phi(x) * sum x^(2k+1) / (2k+1)!! has only positive
 * terms (no cancellation inside the sum) and is accurate near the middle, but 1/2 - phi*S loses relative
 * precision far in the tail; there Laplace's continued fraction Q(x) = phi(x) / (x + 1/(x + 2/(x + ...)))
 * converges fast and keeps full relative precision down to underflow (tiny p-values stay meaningful).
 */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 1 - normalSf(-x);
  if (x === Infinity) return 0;
  if (x < 2.5) {
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let k = 1; k < 200; k++) {
      term *= x2 / (2 * k + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 0.5 - normalPdf(x) * sum;
  }
  // Modified Lentz evaluation of the continued fraction x + 1/(x + 2/(x + 3/(x + ...))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = x + k * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + k / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return normalPdf(x) / f;
}

/** Standard normal CDF Phi(x) = P(Z <= x). */
export function normalCdf(x: number): number {
  return normalSf(-x);
}

/** Two-sided p-value of a z statistic: P(|Z| >= |z|). */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
