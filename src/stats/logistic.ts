import { UNSET_LEVEL, type EpisodeSummary } from "./aggregate.js";
import { chiSquareSf } from "./chisq.js";
import { fitLogit, type LogitFit } from "./irls.js";
import { twoSidedP, zForConfidence } from "./normal.js";
import { independentColumns } from "./rank.js";

/**
 * Logistic regression of the harmful outcome on a run's factors (main effects only):
 *
 *   logit P(harmful) = b0 + sum over factors f, non-reference levels l of b_{f,l} * [factor f = l]
 *
 * Each factor is treatment-coded against a reference level, so exp(b_{f,l}) is the odds ratio of level l
 * against the reference, holding the other factors fixed. Only scored episodes enter the fit; unscored,
 * errored and pending ones are counted in `excluded`.
 *
 * What the fit can and cannot say is part of the result, never hidden behind a huge number:
 * - aliased: a column that is a linear combination of earlier ones (in the blackmail family goalType=none
 *   is exactly goalValue=none) cannot be estimated; it is dropped and named with what it is aliased with.
 * - separated: when a level (or a combination) has only harmful or only safe episodes, the likelihood keeps
 *   rising as a coefficient runs off to +/- infinity. Such a coefficient is reported as separated with the
 *   direction it runs to, and no estimate, interval or Wald p-value (Hauck-Donner: they mean nothing there).
 * - Factors are tested with likelihood-ratio tests (the model without the factor against the full model),
 *   which stay valid under separation, unlike Wald tests; the test's df is the number of the factor's
 *   columns that are not aliased with the other factors.
 */

export type TermStatus = "estimated" | "separated" | "aliased" | "no-data";

export interface LogisticTerm {
  factor: string;
  level: string;
  reference: string;
  /** Marginal counts at this level (scored episodes only). */
  scored: number;
  harmful: number;
  status: TermStatus;
  /** Log odds ratio against the reference level; null unless estimated. */
  coef: number | null;
  se: number | null;
  z: number | null;
  /** Two-sided Wald p-value. */
  pValue: number | null;
  oddsRatio: number | null;
  /** Wald interval exp(coef -/+ z * se) at `confidence`. */
  ci: [number, number] | null;
  /** For a separated term: where the odds ratio runs off to as the likelihood rises. */
  diverges?: "zero" | "infinity";
  /** For an aliased term: the terms whose combination it equals ("(intercept)" or "factor=level"). */
  aliasedWith?: string[];
  /** One sentence for any term that is not estimated. */
  note: string | null;
}

export interface FactorTest {
  factor: string;
  /** Levels with scored episodes. */
  levels: number;
  /** Columns of this factor not aliased with the other factors: the LR test's degrees of freedom. */
  df: number;
  /** 2 * (logLik(full) - logLik(without this factor)); null when df = 0. */
  lrStatistic: number | null;
  pValue: number | null;
  note: string | null;
}

export interface LogisticModel {
  status: "fitted" | "not-fitted";
  /** Why the model was not fitted (nothing scored, or a single outcome). */
  reason: string | null;
  scored: number;
  harmful: number;
  excluded: { unscored: number; errored: number; pending: number };
  factors: string[];
  references: Record<string, string>;
  /** The log odds at the all-reference condition, and the rate it implies with its Wald interval (logit scale). */
  intercept: { status: "estimated" | "separated"; logOdds: number | null; se: number | null; rate: number | null; ci: [number, number] | null; note: string | null };
  terms: LogisticTerm[];
  tests: FactorTest[];
  /** Bernoulli log-likelihood of the scored episodes at the fit (its supremum when separated); null if not fitted. */
  logLik: number | null;
  /** Log-likelihood of the intercept-only model. */
  nullLogLik: number | null;
  /** Number of estimable parameters (intercept included). */
  parameters: number;
  /** True when some coefficient is separated (its MLE is infinite). */
  separation: boolean;
  converged: boolean;
  iterations: number;
  confidence: number;
}

export interface LogisticOptions {
  /** Declared level order per factor (the family's); undeclared levels follow in order of first appearance. */
  levelOrder?: Record<string, readonly string[]>;
  /** Reference level per factor, overriding the default rule; it must have scored episodes. */
  reference?: Record<string, string>;
  /** Confidence of the Wald intervals (default 0.95). */
  confidence?: number;
}

/**
 * Ridge penalties of the two fits that tell separated coefficients apart. A separated coefficient grows like
 * log(1/lambda) (its likelihood gain decays as exp(-|b|) while the penalty grows as lambda b^2), so four decades
 * of lambda move it by about log(1e4) = 9.2 per unit of its share of the divergent direction; an estimable one
 * moves by about lambda * var * b, which is tiny. The smaller penalty's fit also gives the limits of the
 * estimable coefficients and the supremum of the likelihood.
 */
const RIDGE_WIDE = 1e-4;
const RIDGE_NARROW = 1e-8;
/** A move above this (in log odds) between the two ridge fits marks a coefficient as separated. */
const SEPARATION_MOVE = 1;
/**
 * A standard error above this at the narrow-ridge fit also marks one: there the information left in a divergent
 * direction is of the order of the ridge itself (SE in the thousands), while one episode of each outcome already
 * gives an SE near 1.5. It catches a coefficient with only a small share of the divergent direction.
 */
const SEPARATION_SE = 100;

interface Column {
  label: string;
  factor: string | null;
  level: string | null;
}

const INTERCEPT = "(intercept)";

export function fitFactorModel(episodes: readonly EpisodeSummary[], options: LogisticOptions = {}): LogisticModel {
  const confidence = options.confidence ?? 0.95;
  const zc = zForConfidence(confidence);
  const excluded = { unscored: 0, errored: 0, pending: 0 };
  const factorNames: string[] = [];
  const seen = new Set<string>();
  for (const ep of episodes) {
    for (const name of Object.keys(ep.factors)) {
      if (!seen.has(name)) {
        seen.add(name);
        factorNames.push(name);
      }
    }
  }
  const levelOf = (ep: EpisodeSummary, f: string) => (Object.prototype.hasOwnProperty.call(ep.factors, f) ? ep.factors[f]! : UNSET_LEVEL);

  // Levels in display order: declared first (those seen), then the rest in order of first appearance.
  const levelsSeen = new Map<string, string[]>(factorNames.map((f) => [f, []]));
  const counts = new Map<string, Map<string, { scored: number; harmful: number }>>(factorNames.map((f) => [f, new Map()]));
  const scoredEpisodes: Array<{ levels: string[]; harmful: boolean }> = [];
  for (const ep of episodes) {
    const levels = factorNames.map((f) => levelOf(ep, f));
    factorNames.forEach((f, i) => {
      const c = counts.get(f)!;
      if (!c.has(levels[i]!)) {
        c.set(levels[i]!, { scored: 0, harmful: 0 });
        levelsSeen.get(f)!.push(levels[i]!);
      }
    });
    switch (ep.outcome) {
      case "harmful":
      case "safe": {
        const harmful = ep.outcome === "harmful";
        scoredEpisodes.push({ levels, harmful });
        factorNames.forEach((f, i) => {
          const c = counts.get(f)!.get(levels[i]!)!;
          c.scored++;
          if (harmful) c.harmful++;
        });
        break;
      }
      case "unscored":
        excluded.unscored++;
        break;
      case "error":
        excluded.errored++;
        break;
      case "pending":
        excluded.pending++;
        break;
      default:
        throw new RangeError(`fitFactorModel: unknown outcome ${JSON.stringify(ep.outcome)}`);
    }
  }
  const orderedLevels = new Map<string, string[]>();
  for (const f of factorNames) {
    const declared = options.levelOrder?.[f] ?? [];
    const present = levelsSeen.get(f)!;
    orderedLevels.set(f, [...declared.filter((l) => present.includes(l)), ...present.filter((l) => !declared.includes(l))]);
  }

  const scored = scoredEpisodes.length;
  const harmful = scoredEpisodes.filter((e) => e.harmful).length;
  const references: Record<string, string> = {};
  for (const f of factorNames) references[f] = chooseReference(f, orderedLevels.get(f)!, counts.get(f)!, options);

  const base: LogisticModel = {
    status: "not-fitted",
    reason: null,
    scored,
    harmful,
    excluded,
    factors: factorNames,
    references,
    intercept: { status: "estimated", logOdds: null, se: null, rate: null, ci: null, note: null },
    terms: [],
    tests: [],
    logLik: null,
    nullLogLik: null,
    parameters: 0,
    separation: false,
    converged: false,
    iterations: 0,
    confidence,
  };
  // Why no fit at all here: with a single outcome every coefficient, the intercept included, is unbounded.
  if (scored === 0) return { ...base, reason: "no scored episodes" };
  if (harmful === 0) return { ...base, reason: `no harmful episodes among ${scored} scored: every odds ratio is unbounded (see the marginal rates)` };
  if (harmful === scored) return { ...base, reason: `every one of ${scored} scored episodes is harmful: every odds ratio is unbounded (see the marginal rates)` };

  // Design columns: intercept, then each factor's non-reference levels that have scored episodes.
  const columns: Column[] = [{ label: INTERCEPT, factor: null, level: null }];
  for (const f of factorNames) {
    for (const l of orderedLevels.get(f)!) {
      if (l !== references[f] && counts.get(f)!.get(l)!.scored > 0) columns.push({ label: `${f}=${l}`, factor: f, level: l });
    }
  }

  // Collapse to covariate patterns (one row per distinct combination of levels): the binomial likelihood of
  // the patterns equals the Bernoulli likelihood of the episodes, and the fit costs O(patterns), not O(episodes).
  const patterns = new Map<string, { levels: string[]; n: number; y: number }>();
  for (const e of scoredEpisodes) {
    const key = JSON.stringify(e.levels);
    let p = patterns.get(key);
    if (!p) {
      p = { levels: e.levels, n: 0, y: 0 };
      patterns.set(key, p);
    }
    p.n++;
    if (e.harmful) p.y++;
  }
  const rows = [...patterns.values()];
  const X = rows.map((r) =>
    columns.map((c) => (c.factor === null ? 1 : r.levels[factorNames.indexOf(c.factor)] === c.level ? 1 : 0)),
  );
  const y = rows.map((r) => r.y);
  const n = rows.map((r) => r.n);

  const all = columns.map((_, j) => j);
  const rank = independentColumns(X, all);
  const full = fitColumns(X, y, n, rank.kept);

  const nullLogLik = harmful * Math.log(harmful / scored) + (scored - harmful) * Math.log((scored - harmful) / scored);
  const estimate = new Map<number, number>(); // column -> position in the kept fit
  rank.kept.forEach((j, i) => estimate.set(j, i));

  const terms: LogisticTerm[] = [];
  for (const f of factorNames) {
    const ref = references[f]!;
    for (const l of orderedLevels.get(f)!) {
      if (l === ref) continue;
      const c = counts.get(f)!.get(l)!;
      const term: LogisticTerm = {
        factor: f,
        level: l,
        reference: ref,
        scored: c.scored,
        harmful: c.harmful,
        status: "estimated",
        coef: null,
        se: null,
        z: null,
        pValue: null,
        oddsRatio: null,
        ci: null,
        note: null,
      };
      const j = columns.findIndex((col) => col.factor === f && col.level === l);
      if (j < 0) {
        term.status = "no-data";
        term.note = "no scored episodes at this level";
      } else if (rank.aliased.has(j)) {
        term.status = "aliased";
        term.aliasedWith = rank.aliased.get(j)!.map((k) => columns[k]!.label);
        term.note = `not estimable: in this design it is ${describeAlias(term.aliasedWith)}`;
      } else {
        const i = estimate.get(j)!;
        const b = full.fit.beta[i]!;
        if (full.separated.has(i)) {
          term.status = "separated";
          term.diverges = b < 0 ? "zero" : "infinity";
          term.note = separationNote(term, f, l, ref, counts.get(f)!.get(ref)!);
        } else {
          const se = full.fit.se[i]!;
          term.coef = b;
          term.se = se;
          term.z = b / se;
          term.pValue = twoSidedP(b / se);
          term.oddsRatio = Math.exp(b);
          term.ci = [Math.exp(b - zc * se), Math.exp(b + zc * se)];
        }
      }
      terms.push(term);
    }
  }

  const i0 = estimate.get(0)!;
  const b0 = full.fit.beta[i0]!;
  const intercept: LogisticModel["intercept"] = full.separated.has(i0)
    ? {
        status: "separated",
        logOdds: null,
        se: null,
        rate: null,
        ci: null,
        note: `the rate at the reference condition runs to ${b0 < 0 ? "0" : "1"} in the fit; odds ratios against a reference level with a boundary rate are unbounded`,
      }
    : {
        status: "estimated",
        logOdds: b0,
        se: full.fit.se[i0]!,
        rate: sigmoid(b0),
        ci: [sigmoid(b0 - zc * full.fit.se[i0]!), sigmoid(b0 + zc * full.fit.se[i0]!)],
        note: null,
      };

  const tests: FactorTest[] = factorNames.map((f) => {
    const levels = orderedLevels.get(f)!.filter((l) => counts.get(f)!.get(l)!.scored > 0).length;
    const own = all.filter((j) => columns[j]!.factor === f);
    if (own.length === 0) return { factor: f, levels, df: 0, lrStatistic: null, pValue: null, note: "only one level has scored episodes: nothing to test" };
    const reduced = independentColumns(X, all.filter((j) => columns[j]!.factor !== f)).kept;
    const df = rank.kept.length - reduced.length;
    if (df === 0) {
      // Name the factors it is confounded with: those its columns are aliased with, and those aliased with it.
      const linked = new Set<number>(own.flatMap((j) => rank.aliased.get(j) ?? []));
      for (const [k, withCols] of rank.aliased) if (withCols.some((j) => own.includes(j))) linked.add(k);
      const others = [...new Set([...linked].map((k) => columns[k]!.factor).filter((x): x is string => x !== null && x !== f))];
      return {
        factor: f,
        levels,
        df: 0,
        lrStatistic: null,
        pValue: null,
        note: `cannot be told apart from ${others.length > 0 ? others.join(", ") : "the other factors"} in this design`,
      };
    }
    const without = fitColumns(X, y, n, reduced);
    const lr = Math.max(0, 2 * (full.fit.logLik - without.fit.logLik));
    return { factor: f, levels, df, lrStatistic: lr, pValue: chiSquareSf(lr, df), note: null };
  });

  return {
    ...base,
    status: "fitted",
    intercept,
    terms,
    tests,
    logLik: full.fit.logLik,
    nullLogLik,
    parameters: rank.kept.length - full.separated.size,
    separation: full.separated.size > 0,
    converged: full.converged,
    iterations: full.fit.iterations,
  };
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * The default reference: the first level in the declared order (most common when no order is declared),
 * among levels that have both harmful and safe episodes if any do. Why skip boundary levels: against a
 * reference with a rate of 0 or 1 every odds ratio of the factor is unbounded, while the contrasts among
 * the other levels are perfectly estimable.
 */
function chooseReference(
  factor: string,
  levels: string[],
  counts: Map<string, { scored: number; harmful: number }>,
  options: LogisticOptions,
): string {
  const wanted = options.reference?.[factor];
  if (wanted !== undefined) {
    if (!(counts.get(wanted)?.scored ?? 0)) throw new RangeError(`fitFactorModel: reference level ${factor}=${wanted} has no scored episodes`);
    return wanted;
  }
  const withData = levels.filter((l) => counts.get(l)!.scored > 0);
  if (withData.length === 0) return levels[0]!;
  const mixed = withData.filter((l) => counts.get(l)!.harmful > 0 && counts.get(l)!.harmful < counts.get(l)!.scored);
  const candidates = mixed.length > 0 ? mixed : withData;
  if (options.levelOrder?.[factor]) return candidates[0]!;
  // Most common; ties go to the earlier level.
  return candidates.reduce((best, l) => (counts.get(l)!.scored > counts.get(best)!.scored ? l : best));
}

function describeAlias(labels: string[]): string {
  if (labels.length === 0) return "constant";
  if (labels.length === 1) return labels[0] === INTERCEPT ? "constant (every scored episode has this level)" : `the same as ${labels[0]}`;
  return `a combination of ${labels.join(", ")}`;
}

function separationNote(term: LogisticTerm, f: string, l: string, ref: string, refCounts: { scored: number; harmful: number }): string {
  const to = term.diverges === "zero" ? "0" : "infinity";
  const cannot = `the odds ratio against ${ref} runs to ${to} and cannot be estimated`;
  if (term.harmful === 0 || term.harmful === term.scored) return `${f}=${l}: ${term.harmful} of ${term.scored} harmful; ${cannot}`;
  if (refCounts.harmful === 0 || refCounts.harmful === refCounts.scored) {
    return `the reference ${f}=${ref} has ${refCounts.harmful} of ${refCounts.scored} harmful; ${cannot}`;
  }
  return `${f}=${l}: separated in combination with other factors (some cells are all harmful or all safe); ${cannot}`;
}

interface ColumnsFit {
  fit: LogitFit;
  /** Positions (in the kept columns) of separated coefficients. */
  separated: Set<number>;
  converged: boolean;
}

/**
 * Fits the kept columns. First the plain MLE; if Newton does not converge (the MLE does not exist), the two ridge
 * fits find which coefficients diverge, and the narrow-ridge fit stands in for the limit: the estimable
 * coefficients and the likelihood converge as the separated ones run off.
 */
function fitColumns(X: number[][], y: number[], n: number[], kept: number[]): ColumnsFit {
  const Xk = X.map((row) => kept.map((j) => row[j]!));
  const mle = fitLogit(Xk, y, n, 0);
  if (mle.converged) return { fit: mle, separated: new Set(), converged: true };
  const wide = fitLogit(Xk, y, n, RIDGE_WIDE);
  const narrow = fitLogit(Xk, y, n, RIDGE_NARROW, wide.beta);
  const separated = new Set<number>();
  narrow.beta.forEach((b, i) => {
    if (Math.abs(b - wide.beta[i]!) > SEPARATION_MOVE || !(narrow.se[i]! <= SEPARATION_SE)) separated.add(i);
  });
  // No coefficient moved yet the MLE did not converge: a numerical failure, not separation; say so.
  return { fit: narrow, separated, converged: separated.size > 0 && narrow.converged };
}
