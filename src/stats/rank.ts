/**
 * Which columns of a design matrix are linearly independent, in column order (the first of a dependent
 * set is kept, as R's lm/glm do), and for each dropped column the kept columns whose combination it is.
 *
 * Modified Gram-Schmidt with one re-orthogonalisation pass; a column whose remainder is below 1e-9 of its
 * own norm is aliased. Why report the combination: "goalValue=none is the same as goalType=none" tells a
 * reader why a coefficient is missing; a bare "NA" does not.
 */
export interface ColumnRank {
  kept: number[];
  /** Dropped column -> the kept columns (indices into the full matrix) with a non-zero weight in its combination. */
  aliased: Map<number, number[]>;
}

const TOLERANCE = 1e-9;

export function independentColumns(X: number[][], columns: number[]): ColumnRank {
  const m = X.length;
  const kept: number[] = [];
  const Q: number[][] = [];
  const R: number[][] = []; // R[k][i]: coefficient of q_k in kept column i (upper triangular)
  const aliased = new Map<number, number[]>();
  for (const j of columns) {
    const v = X.map((row) => row[j]!);
    const norm0 = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const r = new Array<number>(Q.length).fill(0);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < Q.length; k++) {
        let c = 0;
        for (let i = 0; i < m; i++) c += Q[k]![i]! * v[i]!;
        r[k]! += c;
        for (let i = 0; i < m; i++) v[i]! -= c * Q[k]![i]!;
      }
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm <= TOLERANCE * Math.max(norm0, 1)) {
      // Column j = sum_k r_k q_k and Q = A_kept R^-1, so its weights on the kept columns solve R w = r.
      const w = new Array<number>(kept.length).fill(0);
      for (let i = kept.length - 1; i >= 0; i--) {
        let s = r[i]!;
        for (let k = i + 1; k < kept.length; k++) s -= R[i]![k]! * w[k]!;
        w[i] = s / R[i]![i]!;
      }
      aliased.set(
        j,
        kept.filter((_, i) => Math.abs(w[i]!) > 1e-8),
      );
      continue;
    }
    for (let k = 0; k < Q.length; k++) R[k]!.push(r[k]!);
    R.push([...new Array<number>(Q.length).fill(0), norm]);
    Q.push(v.map((x) => x / norm));
    kept.push(j);
  }
  return { kept, aliased };
}
