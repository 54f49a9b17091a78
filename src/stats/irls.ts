/**
 * Newton-Raphson (IRLS) for a binomial logistic model on covariate patterns, with an optional ridge.
 *
 * Maximises  l(b) - lambda/2 |b|^2,  l(b) = sum_i y_i eta_i - n_i log(1 + exp(eta_i)),  eta = X b.
 * Gradient X'(y - n mu) - lambda b, Hessian X' W X + lambda I with W = n mu (1 - mu). Each Newton step is
 * halved until the objective does not fall (the objective is concave, so this always succeeds), which keeps
 * the iteration stable when the start is far off or the data are separated.
 */

export interface LogitFit {
  beta: number[];
  /** sqrt of the diagonal of the inverse of the (penalised) information at the fit; NaN when it is singular. */
  se: number[];
  /** The unpenalised log-likelihood at beta. */
  logLik: number;
  converged: boolean;
  iterations: number;
}

const MAX_ITERATIONS = 200;
/** Relative size of a Cholesky pivot below which the information counts as singular (only without a ridge). */
const SINGULAR = 1e-13;

/** log(1 + exp(x)) without overflow or loss of precision. */
function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function logLik(X: number[][], y: number[], n: number[], beta: number[]): number {
  let l = 0;
  for (let i = 0; i < X.length; i++) {
    const eta = dot(X[i]!, beta);
    l += y[i]! * eta - n[i]! * log1pExp(eta);
  }
  return l;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

/** Lower-triangular Cholesky factor of a symmetric matrix, or null when it is not (numerically) positive definite. */
export function cholesky(A: number[][], singular = 0): number[][] | null {
  const p = A.length;
  const L = A.map(() => new Array<number>(p).fill(0));
  const scale = Math.max(...A.map((r, i) => Math.abs(r[i]!)), Number.MIN_VALUE);
  for (let j = 0; j < p; j++) {
    let d = A[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    if (!(d > singular * scale)) return null;
    const ljj = Math.sqrt(d);
    L[j]![j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / ljj;
    }
  }
  return L;
}

/** Solves L L' x = b. */
export function choleskySolve(L: number[][], b: number[]): number[] {
  const p = L.length;
  const z = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

function information(X: number[][], n: number[], beta: number[], lambda: number): number[][] {
  const p = beta.length;
  const H = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < X.length; i++) {
    const mu = sigmoid(dot(X[i]!, beta));
    const w = n[i]! * mu * (1 - mu);
    const x = X[i]!;
    for (let a = 0; a < p; a++) {
      if (x[a] === 0) continue;
      for (let b = 0; b <= a; b++) H[a]![b]! += w * x[a]! * x[b]!;
    }
  }
  for (let a = 0; a < p; a++) {
    H[a]![a]! += lambda;
    for (let b = 0; b < a; b++) H[b]![a] = H[a]![b]!;
  }
  return H;
}

/**
 * Fits the model. `start` defaults to zeros with the intercept-like first column at the overall log odds
 * (callers put the intercept first). Without a ridge, `converged` is false when the information becomes
 * singular or the steps do not shrink: the MLE does not exist (separation) or the design is rank-deficient.
 */
export function fitLogit(X: number[][], y: number[], n: number[], lambda: number, start?: number[]): LogitFit {
  const p = X[0]?.length ?? 0;
  let beta = start ? start.slice() : new Array<number>(p).fill(0);
  if (!start && p > 0) {
    const Y = y.reduce((a, b) => a + b, 0);
    const N = n.reduce((a, b) => a + b, 0);
    const r = Math.min(Math.max(Y / N, 1e-6), 1 - 1e-6);
    beta[0] = Math.log(r / (1 - r));
  }
  const objective = (b: number[]) => logLik(X, y, n, b) - (lambda / 2) * dot(b, b);
  let obj = objective(beta);
  let converged = false;
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS && !converged; iterations++) {
    const grad = new Array<number>(p).fill(0);
    for (let i = 0; i < X.length; i++) {
      const r = y[i]! - n[i]! * sigmoid(dot(X[i]!, beta));
      for (let a = 0; a < p; a++) grad[a]! += X[i]![a]! * r;
    }
    for (let a = 0; a < p; a++) grad[a]! -= lambda * beta[a]!;
    const L = cholesky(information(X, n, beta, lambda), lambda === 0 ? SINGULAR : 0);
    if (!L) break;
    const step = choleskySolve(L, grad);
    let scale = 1;
    let next = beta.map((b, a) => b + step[a]!);
    let nextObj = objective(next);
    while (!(nextObj >= obj - 1e-12 * Math.abs(obj)) && scale > 1e-10) {
      scale /= 2;
      next = beta.map((b, a) => b + scale * step[a]!);
      nextObj = objective(next);
    }
    const moved = Math.max(0, ...step.map((s) => Math.abs(scale * s)));
    const gain = Math.abs(nextObj - obj);
    beta = next;
    obj = nextObj;
    converged = moved < 1e-9 && gain <= 1e-12 * (Math.abs(obj) + 1);
  }
  const L = cholesky(information(X, n, beta, lambda), lambda === 0 ? SINGULAR : 0);
  let se: number[];
  if (L) {
    se = new Array<number>(p);
    for (let a = 0; a < p; a++) {
      const e = new Array<number>(p).fill(0);
      e[a] = 1;
      se[a] = Math.sqrt(choleskySolve(L, e)[a]!);
    }
  } else {
    se = new Array<number>(p).fill(Number.NaN);
    converged = false;
  }
  return { beta, se, logLik: logLik(X, y, n, beta), converged, iterations };
}
