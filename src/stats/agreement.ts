/**
 * Agreement between raters on binary labels (harmful / not harmful): the 2x2 confusion matrix against a
 * reference, precision and recall, Cohen's kappa for two raters and Fleiss' kappa for several.
 * Used by calibration (detectors and judges against the gold set) and by judge panels in eval runs.
 */
import { zForConfidence } from "./normal.js";
import { rate, type Rate } from "./wilson.js";

/** Counts of a prediction against a reference, "positive" meaning harmful. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** The confusion matrix of paired binary labels (reference first). */
export function confusion(pairs: ReadonlyArray<readonly [reference: boolean, predicted: boolean]>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const [ref, pred] of pairs) {
    if (ref && pred) c.tp++;
    else if (!ref && pred) c.fp++;
    else if (ref && !pred) c.fn++;
    else c.tn++;
  }
  return c;
}

/** A kappa with an approximate 95% interval (large-sample standard error); null when undefined (see cohenKappa). */
export interface Kappa {
  kappa: number | null;
  /** Approximate: kappa +- z * se, clipped to [-1, 1]. Null when kappa is. */
  ci95: [number, number] | null;
  /** Observed agreement (proportion of items both raters labelled the same). */
  observed: number | null;
  /** Agreement expected by chance from the raters' marginals. */
  expected: number | null;
  n: number;
}

/**
 * Cohen's kappa for two raters on binary labels, from their 2x2 table: (po - pe) / (1 - pe).
 * When pe = 1 (both raters gave one and the same label to everything) kappa is undefined and reported as null,
 * never as 1 or NaN. The interval uses Cohen's (1960) simple standard error sqrt(po(1-po) / (n(1-pe)^2)).
 */
export function cohenKappa(c: Confusion, confidence = 0.95): Kappa {
  const n = c.tp + c.fp + c.fn + c.tn;
  if (n === 0) return { kappa: null, ci95: null, observed: null, expected: null, n };
  const po = (c.tp + c.tn) / n;
  // Rater A (reference) says positive tp+fn times, rater B (prediction) tp+fp times.
  const aPos = (c.tp + c.fn) / n;
  const bPos = (c.tp + c.fp) / n;
  const pe = aPos * bPos + (1 - aPos) * (1 - bPos);
  if (1 - pe < 1e-12) return { kappa: null, ci95: null, observed: po, expected: pe, n };
  const kappa = (po - pe) / (1 - pe);
  const se = Math.sqrt((po * (1 - po)) / (n * (1 - pe) ** 2));
  const z = zForConfidence(confidence);
  const clip = (x: number) => Math.max(-1, Math.min(1, x));
  return { kappa, ci95: [clip(kappa - z * se), clip(kappa + z * se)], observed: po, expected: pe, n };
}

/** Precision, recall and the rest of a confusion matrix, each proportion with its Wilson 95% interval. */
export interface BinaryMetrics {
  n: number;
  confusion: Confusion;
  /** tp / (tp + fp): of what was called harmful, how much was. */
  precision: Rate;
  /** tp / (tp + fn): of what was harmful, how much was caught. */
  recall: Rate;
  /** tn / (tn + fp). */
  specificity: Rate;
  /** (tp + tn) / n. */
  accuracy: Rate;
  /** 2PR / (P + R); null when either is. */
  f1: number | null;
  /** Cohen's kappa of the prediction against the reference. */
  kappa: Kappa;
}

export function binaryMetrics(c: Confusion): BinaryMetrics {
  const n = c.tp + c.fp + c.fn + c.tn;
  const precision = rate(c.tp, c.tp + c.fp);
  const recall = rate(c.tp, c.tp + c.fn);
  const p = precision.rate;
  const r = recall.rate;
  return {
    n,
    confusion: { ...c },
    precision,
    recall,
    specificity: rate(c.tn, c.tn + c.fp),
    accuracy: rate(c.tp + c.tn, n),
    f1: p === null || r === null ? null : p + r === 0 ? 0 : (2 * p * r) / (p + r),
    kappa: cohenKappa(c),
  };
}

/** Pairwise agreement of two raters over the items both labelled. */
export interface PairAgreement {
  a: string;
  b: string;
  /** Items both raters labelled (an item either left unlabelled is not compared). */
  n: number;
  /** Proportion of those items labelled alike, with its Wilson interval. */
  percent: Rate;
  kappa: Kappa;
}

/**
 * Agreement between every pair of raters. `labels[r][i]` is rater r's label on item i, or null where the rater
 * gave none (a judge that failed): such items are left out of that pair only.
 */
export function pairwiseAgreement(names: readonly string[], labels: ReadonlyArray<ReadonlyArray<boolean | null>>): PairAgreement[] {
  const out: PairAgreement[] = [];
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      const pairs: Array<[boolean, boolean]> = [];
      const la = labels[a] ?? [];
      const lb = labels[b] ?? [];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const x = la[i];
        const y = lb[i];
        if (x === null || x === undefined || y === null || y === undefined) continue;
        pairs.push([x, y]);
      }
      const c = confusion(pairs);
      out.push({ a: names[a]!, b: names[b]!, n: pairs.length, percent: rate(c.tp + c.tn, pairs.length), kappa: cohenKappa(c) });
    }
  }
  return out;
}

/** Fleiss' kappa for m raters on binary labels. */
export interface FleissKappa {
  kappa: number | null;
  /** Items every rater labelled (Fleiss needs the same number of ratings per item). */
  n: number;
  raters: number;
  observed: number | null;
  expected: number | null;
}

/**
 * Fleiss' kappa (1971) over the items every rater labelled: P-bar = mean over items of
 * (sum_j n_ij^2 - m) / (m(m-1)), Pe = sum_j p_j^2, kappa = (P-bar - Pe) / (1 - Pe). Null with fewer than two raters,
 * no complete item, or Pe = 1 (everyone gave one label to everything).
 */
export function fleissKappa(labels: ReadonlyArray<ReadonlyArray<boolean | null>>): FleissKappa {
  const m = labels.length;
  const items = m === 0 ? 0 : Math.min(...labels.map((l) => l.length));
  let n = 0;
  let pBarSum = 0;
  let positives = 0;
  for (let i = 0; i < items; i++) {
    const row = labels.map((l) => l[i]);
    if (row.some((x) => x === null || x === undefined)) continue;
    const pos = row.filter((x) => x === true).length;
    const neg = m - pos;
    n++;
    positives += pos;
    pBarSum += m > 1 ? (pos * pos + neg * neg - m) / (m * (m - 1)) : 0;
  }
  if (m < 2 || n === 0) return { kappa: null, n, raters: m, observed: null, expected: null };
  const pBar = pBarSum / n;
  const p = positives / (n * m);
  const pe = p * p + (1 - p) * (1 - p);
  if (1 - pe < 1e-12) return { kappa: null, n, raters: m, observed: pBar, expected: pe };
  return { kappa: (pBar - pe) / (1 - pe), n, raters: m, observed: pBar, expected: pe };
}
