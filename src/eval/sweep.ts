/**
 * Robustness sweeps: re-run a suite while varying one thing at a time (the family's perturbations: names,
 * the agent's own name, paraphrased prompts, one sentence of the system prompt left out, the threat's timing),
 * and report for every level how the harmful rate moved against the unperturbed baseline, with a Holm
 * correction over all the comparisons so that "this factor moves the rate" survives the number of tests.
 *
 * Each level is an ordinary run (runEval with a perturbation), so it has its own run id, resumes, shares the
 * response cache and the store, and can be inspected with `plumbline show`.
 */
import { compareRates } from "../report/compare.js";
import { getSuite } from "../scenarios/index.js";
import { perturbationSupport } from "../scenarios/perturbation-support.js";
import {
  describePerturbation,
  PerturbationError,
  type Condition,
  type Perturbation,
  type PerturbationFactor,
  type PerturbationLevel,
} from "../scenarios/types.js";
import { aggregate, type GroupStats } from "../stats/index.js";
import { openStore, toEpisodeSummary } from "../store/index.js";
import { DEFAULT_DB_PATH, EvalInputError, runEval, type EvalOptions, type EvalProgress } from "./run-eval.js";

export interface SweepOptions extends Omit<EvalOptions, "perturbation" | "onProgress" | "onStart"> {
  /** The factors to sweep, by name (default: every factor the suite's family supports), in the family's order. */
  factors?: string[];
  /** Family-wise error rate for the Holm correction over all comparisons (default 0.05). */
  alpha?: number;
  /** Called as each run (the baseline first) is about to start, after its episodes are planned. */
  onRunStart?: (run: SweepRunInfo) => void;
  onProgress?: (run: SweepRunInfo, progress: EvalProgress) => void;
}

export interface SweepRunInfo {
  /** 1-based position of this run in the sweep, and how many runs there are (the baseline included). */
  index: number;
  runs: number;
  /** null for the baseline. */
  factor: PerturbationFactor | null;
  level: string | null;
  perturbation: Perturbation | null;
  runId: string;
  resumed: boolean;
  toRun: number;
  total: number;
}

/** Harmful / scored over the episodes compared, with the Wilson 95% interval (rate null when nothing was scored). */
export type SweepRate = Pick<GroupStats, "episodes" | "scored" | "harmful" | "unscored" | "errored" | "pending" | "rate" | "ci95">;

export interface SweepLevelResult {
  factor: PerturbationFactor;
  level: string;
  description: string;
  perturbation: Perturbation;
  runId: string;
  /** The conditions this level applies to; the baseline is restricted to the same ones. */
  conditions: string[];
  rate: SweepRate;
  baseline: SweepRate;
  /** rate - baseline rate, with Newcombe's 95% interval; null when either side has nothing scored. */
  difference: number | null;
  ci95: [number, number] | null;
  /** Two-sided Fisher exact p-value (harmful/safe x level/baseline). */
  pValue: number | null;
  /** Holm-adjusted over every comparison of the sweep. */
  adjustedP: number | null;
  /** adjustedP < alpha. */
  significant: boolean;
}

export interface SweepFactorResult {
  factor: PerturbationFactor;
  description: string;
  levels: SweepLevelResult[];
  /** Levels that apply to none of the sweep's conditions (e.g. threat timing with no threat), not run. */
  skipped: Array<{ level: string; reason: string }>;
  /** At least one level moved the rate significantly after the correction. */
  significant: boolean;
}

export interface SweepResult {
  model: string;
  judge: string;
  suite: string;
  seed: number;
  samples: number;
  conditions: string[];
  alpha: number;
  correction: "holm";
  /** How many comparisons the correction covers (levels with something scored on both sides). */
  comparisons: number;
  baseline: { runId: string; rate: SweepRate };
  factors: SweepFactorResult[];
  /** Factors with at least one significant level, in sweep order. */
  significantFactors: PerturbationFactor[];
  /** One line: which factors move the rate significantly, and which do not. */
  verdict: string;
  /** Episodes this invocation ran (a resumed sweep runs only what is missing). */
  episodesRun: number;
  /** false when the sweep was interrupted before every run finished. */
  complete: boolean;
  /** Unscored, errored or pending episodes left out of the rates, and similar warnings. */
  caveats: string[];
}

/** A sweep option names something that does not exist; nothing was run. Exits 2 from the CLI, like EvalInputError. */
export class SweepInputError extends EvalInputError {
  override name = "SweepInputError";
}

/**
 * Holm's step-down adjustment: sort the m p-values ascending, multiply the i-th smallest (from 0) by m - i,
 * carry the running maximum forward and cap at 1. Rejecting where the adjusted value is below alpha controls the
 * family-wise error rate at alpha. Nulls (comparisons that could not be made) are left out of m and stay null.
 */
export function holmAdjust(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const ranked = pValues
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null && Number.isFinite(x.p))
    .sort((a, b) => a.p - b.p || a.i - b.i);
  const m = ranked.length;
  const out: Array<number | null> = pValues.map(() => null);
  let running = 0;
  ranked.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

interface PlannedLevel extends PerturbationLevel {
  conditions: Condition[];
}

/**
 * Runs (or resumes) a sweep: the baseline, then one run per level of each factor, each compared with the
 * baseline on the conditions the level applies to.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const { factors: factorNames, alpha: alphaOption, onRunStart, onProgress, ...evalBase } = options;
  let suite: ReturnType<typeof getSuite>;
  try {
    suite = getSuite(options.suite);
  } catch (error) {
    throw new SweepInputError((error as Error).message);
  }
  const support = perturbationSupport(suite.family);
  const valid = support.factors.map((f) => f.name);
  const requested = factorNames && factorNames.length > 0 ? factorNames : valid;
  const unknown = requested.filter((f) => !(valid as string[]).includes(f));
  if (unknown.length > 0) {
    throw new SweepInputError(`unknown factor(s): ${unknown.join(", ")}. Valid factors: ${valid.join(", ")}.`);
  }
  const factors = support.factors.filter((f) => requested.includes(f.name));
  const alpha = alphaOption ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new SweepInputError(`alpha must be between 0 and 1 (exclusive), got ${alpha}`);
  if (!Number.isInteger(options.samples) || options.samples < 1) {
    throw new SweepInputError(`samples must be a positive integer, got ${options.samples}`);
  }

  let conditions = suite.conditions;
  if (options.conditions && options.conditions.length > 0) {
    const known = new Map(suite.conditions.map((c) => [c.id, c]));
    const missing = options.conditions.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new SweepInputError(`unknown condition(s) in suite "${suite.name}": ${missing.join(", ")} (see \`plumbline suites\` and the suite's condition ids)`);
    }
    conditions = options.conditions.map((id) => known.get(id)!);
  }

  // Every level, and the conditions it applies to, before anything runs.
  const plan: Array<{ factor: (typeof factors)[number]; levels: PlannedLevel[]; skipped: SweepFactorResult["skipped"] }> = [];
  try {
    for (const factor of factors) {
      const levels: PlannedLevel[] = [];
      const skipped: SweepFactorResult["skipped"] = [];
      for (const level of support.levels(factor.name, conditions)) {
        const fits = conditions.filter((c) => support.applies(c, level.perturbation));
        if (fits.length === 0) skipped.push({ level: level.level, reason: "applies to none of the sweep's conditions" });
        else levels.push({ ...level, conditions: fits });
      }
      if (levels.length === 0 && skipped.length === 0) skipped.push({ level: "(all)", reason: "no level applies to the sweep's conditions" });
      plan.push({ factor, levels, skipped });
    }
  } catch (error) {
    if (error instanceof PerturbationError) throw new SweepInputError(error.message);
    throw error;
  }

  const store = options.store ?? openStore(options.dbPath ?? DEFAULT_DB_PATH);
  try {
    const runs = 1 + plan.reduce((n, f) => n + f.levels.length, 0);
    let index = 0;
    let episodesRun = 0;
    const runOne = async (factor: PerturbationFactor | null, level: PlannedLevel | null) => {
      index++;
      let info: SweepRunInfo | undefined;
      const summary = await runEval({
        ...evalBase,
        store,
        conditions: (level ? level.conditions : conditions).map((c) => c.id),
        ...(level ? { perturbation: level.perturbation } : {}),
        onStart: (start) => {
          info = { index, runs, factor, level: level?.level ?? null, perturbation: level?.perturbation ?? null, ...start };
          episodesRun += start.toRun;
          onRunStart?.(info);
        },
        onProgress: (p) => {
          if (info) onProgress?.(info, p);
        },
      });
      return summary;
    };

    const baselineSummary = await runOne(null, null);
    const baselineRows = store.episodeSummaries(baselineSummary.runId);
    const ratesOf = (rows: typeof baselineRows, ids: Set<string>): SweepRate => {
      // Exactly this sweep's episodes: a run may also hold more samples or other conditions from earlier commands.
      const picked = rows.filter((r) => ids.has(r.conditionId) && r.sampleIndex < options.samples);
      const { episodes, scored, harmful, unscored, errored, pending, rate, ci95 } = aggregate(picked.map(toEpisodeSummary)).overall;
      return { episodes, scored, harmful, unscored, errored, pending, rate, ci95 };
    };
    const allIds = new Set(conditions.map((c) => c.id));
    const baseline = { runId: baselineSummary.runId, rate: ratesOf(baselineRows, allIds) };

    const results: Array<{ factor: (typeof factors)[number]; levels: Array<Omit<SweepLevelResult, "adjustedP" | "significant">>; skipped: SweepFactorResult["skipped"] }> = [];
    let complete = !options.signal?.aborted;
    for (const { factor, levels, skipped } of plan) {
      const done: Array<Omit<SweepLevelResult, "adjustedP" | "significant">> = [];
      for (const level of levels) {
        if (options.signal?.aborted) {
          complete = false;
          break;
        }
        const summary = await runOne(factor.name, level);
        const ids = new Set(level.conditions.map((c) => c.id));
        const rate = ratesOf(store.episodeSummaries(summary.runId), ids);
        const base = ratesOf(baselineRows, ids);
        const cmp = compareRates(rate, base);
        done.push({
          factor: factor.name,
          level: level.level,
          description: level.description,
          perturbation: level.perturbation,
          runId: summary.runId,
          conditions: level.conditions.map((c) => c.id),
          rate,
          baseline: base,
          difference: cmp.difference,
          ci95: cmp.ci95,
          pValue: cmp.pValue,
        });
      }
      results.push({ factor, levels: done, skipped });
    }
    if (options.signal?.aborted) complete = false;

    // One correction over every comparison the sweep made.
    const flat = results.flatMap((f) => f.levels);
    const adjusted = holmAdjust(flat.map((l) => l.pValue));
    let k = 0;
    const factorResults: SweepFactorResult[] = results.map(({ factor, levels, skipped }) => {
      const withAdj = levels.map((l) => {
        const adjustedP = adjusted[k++] ?? null;
        return { ...l, adjustedP, significant: adjustedP !== null && adjustedP < alpha };
      });
      return { factor: factor.name, description: factor.description, levels: withAdj, skipped, significant: withAdj.some((l) => l.significant) };
    });
    const significantFactors = factorResults.filter((f) => f.significant).map((f) => f.factor);
    const comparisons = adjusted.filter((p) => p !== null).length;

    const caveats: string[] = [];
    const left = (r: SweepRate) => r.unscored + r.errored + r.pending;
    const leftOut = left(baseline.rate) + flat.reduce((n, l) => n + left(l.rate), 0);
    if (leftOut > 0) caveats.push(`${leftOut} unscored, errored or pending episode(s) are left out of the rates; re-run the same command to finish them`);
    if (!complete) caveats.push("the sweep was interrupted: levels not yet run are missing; re-run the same command to finish it");
    if (suite.split === "held-out") caveats.push(`suite "${suite.name}" is held-out`);

    return {
      model: baselineSummary.model,
      judge: baselineSummary.judge,
      suite: suite.name,
      seed: baselineSummary.seed,
      samples: options.samples,
      conditions: conditions.map((c) => c.id),
      alpha,
      correction: "holm",
      comparisons,
      baseline,
      factors: factorResults,
      significantFactors,
      verdict: verdictLine(factorResults, alpha, comparisons),
      episodesRun,
      complete,
      caveats,
    };
  } finally {
    if (!options.store) store.close();
  }
}

function verdictLine(factors: readonly SweepFactorResult[], alpha: number, comparisons: number): string {
  const moved = factors.filter((f) => f.significant);
  const still = factors.filter((f) => !f.significant && f.levels.length > 0);
  const test = `Holm-adjusted p < ${alpha} over ${comparisons} comparison${comparisons === 1 ? "" : "s"}`;
  if (moved.length === 0) return `No factor moves the harmful rate significantly (${test}).`;
  const named = moved.map((f) => {
    const levels = f.levels.filter((l) => l.significant).map((l) => `${l.level} ${signed(l.difference)}`);
    return `${f.factor} (${levels.join(", ")})`;
  });
  return `Moves the harmful rate significantly (${test}): ${named.join("; ")}.${still.length > 0 ? ` No significant change: ${still.map((f) => f.factor).join(", ")}.` : ""}`;
}

function signed(diff: number | null): string {
  if (diff === null) return "n/a";
  const points = diff * 100;
  return `${points >= 0 ? "+" : ""}${points.toFixed(1)} pts`;
}

/** The label of a run in progress lines: "baseline" or "agentName=human:Nora". */
export function sweepRunLabel(run: Pick<SweepRunInfo, "factor" | "level" | "perturbation">): string {
  return run.factor === null ? "baseline" : `${run.factor}=${run.level ?? describePerturbation(run.perturbation ?? undefined)}`;
}
