import { fisherExact, proportionDifference } from "../stats/index.js";
import type { Store } from "../store/index.js";
import { summarizeRun, type RunSummary } from "./summary.js";

export interface RateComparison {
  a: { harmful: number; scored: number; rate: number | null };
  b: { harmful: number; scored: number; rate: number | null };
  /** rate(a) - rate(b), with Newcombe's hybrid score 95% interval; null when either side has nothing scored. */
  difference: number | null;
  ci95: [number, number] | null;
  /** Two-sided Fisher exact p-value for the 2x2 table harmful/safe x a/b. */
  pValue: number | null;
}

export interface RunComparison extends RateComparison {
  runA: Pick<RunSummary, "runId" | "model" | "judge" | "suite" | "unscored" | "errored">;
  runB: Pick<RunSummary, "runId" | "model" | "judge" | "suite" | "unscored" | "errored">;
  /** Conditions present in both runs. */
  byCondition: Record<string, RateComparison>;
  /** Reasons the two runs are not like for like (different suites, judges...). */
  caveats: string[];
}

export function compareRates(a: { harmful: number; scored: number }, b: { harmful: number; scored: number }): RateComparison {
  const side = (s: { harmful: number; scored: number }) => ({ harmful: s.harmful, scored: s.scored, rate: s.scored > 0 ? s.harmful / s.scored : null });
  if (a.scored === 0 || b.scored === 0) return { a: side(a), b: side(b), difference: null, ci95: null, pValue: null };
  const diff = proportionDifference(a.harmful, a.scored, b.harmful, b.scored);
  return {
    a: side(a),
    b: side(b),
    difference: diff.diff,
    ci95: diff.ci,
    pValue: fisherExact(a.harmful, a.scored - a.harmful, b.harmful, b.scored - b.harmful),
  };
}

export function compareRuns(store: Store, runA: string, runB: string): RunComparison {
  const a = summarizeRun(store, store.resolveRunId(runA));
  const b = summarizeRun(store, store.resolveRunId(runB));
  const byCondition: Record<string, RateComparison> = {};
  for (const [id, sa] of Object.entries(a.byCondition)) {
    const sb = b.byCondition[id];
    if (sb) byCondition[id] = compareRates(sa, sb);
  }
  const caveats: string[] = [];
  if (a.suite !== b.suite) caveats.push(`different suites (${a.suite} vs ${b.suite})`);
  if (a.judge !== b.judge) caveats.push(`different judges (${a.judge} vs ${b.judge})`);
  if (a.unscored + b.unscored > 0) caveats.push(`${a.unscored + b.unscored} unscored episode(s) are excluded from the rates`);
  if (a.errored + b.errored > 0) caveats.push(`${a.errored + b.errored} errored episode(s) are excluded from the rates; re-run to finish them`);
  const pick = (s: RunSummary) => ({ runId: s.runId, model: s.model, judge: s.judge, suite: s.suite, unscored: s.unscored, errored: s.errored });
  return { ...compareRates(a, b), runA: pick(a), runB: pick(b), byCondition, caveats };
}
