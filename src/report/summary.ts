import { getSuite } from "../scenarios/index.js";
import { panelAgreement, type PanelAgreement, type PanelMember } from "../scoring/panel.js";
import { aggregate, type ConditionStats, type FactorStats, type GroupStats } from "../stats/index.js";
import { toEpisodeSummary, type Store } from "../store/index.js";
import { factorEffects, type FactorEffects } from "./factor-effects.js";

/**
 * The JSON document `plumbline eval --json` prints, and what `show` renders as tables. The counts and the
 * rate are the run's overall GroupStats: rate = harmful / scored (null when nothing was scored), and
 * unscored, errored and pending episodes are counted beside it, never dropped.
 */
export interface RunSummary extends GroupStats {
  runId: string;
  status: string;
  suite: string;
  split: string;
  model: string;
  judge: string;
  /** A panel's judges (absent for one judge or none). */
  judges?: string[];
  /**
   * For a panel: per judge how often it answered (failed replies are unscored, counted), pairwise Cohen's kappa and
   * percent agreement over the episodes both answered, Fleiss' kappa, and the panel's decisions (ties, no quorum).
   */
  judgeAgreement?: PanelAgreement;
  seed: number;
  plumblineVersion: string;
  evalAware: number;
  byCondition: Record<string, Omit<ConditionStats, "conditionId">>;
  byFactor: Record<string, Record<string, Omit<FactorStats["levels"][number], "level">>>;
  byEvalAwareness: { aware: GroupStats; unaware: GroupStats };
  /** The logistic model of the harmful outcome on the factors, its one-line reading and caveats (scored episodes only). */
  factorEffects: FactorEffects;
  tokens: { input: number; output: number };
  requests: number;
  /** USD at list prices; null when a model's price is unknown. */
  costUsd: number | null;
  /** This invocation only (absent for `show`). */
  invocation?: { durationMs: number; cache: { hits: number; misses: number }; http: { retries: number } };
}

export function summarizeRun(store: Store, runId: string, invocation?: RunSummary["invocation"]): RunSummary {
  const run = store.getRun(runId);
  if (!run) throw new Error(`no run ${runId}; list runs with \`plumbline runs\``);
  const manifest = run.manifest as {
    suite: { name: string; split: string };
    model: string;
    judge: string;
    judges?: string[];
    seed: number;
    plumblineVersion: string;
  };
  const rows = store.episodeSummaries(runId);
  const episodes = rows.map(toEpisodeSummary);
  const agg = aggregate(episodes);
  const declared = declaredLevels(manifest.suite.name);
  let cost: number | null = 0;
  let input = 0;
  let output = 0;
  let requests = 0;
  for (const r of rows) {
    input += r.inputTokens;
    output += r.outputTokens;
    requests += r.requests;
    if (r.state === "scored" || r.state === "unscored") cost = cost === null || r.costUsd === null ? null : cost + r.costUsd;
  }
  return {
    runId,
    status: run.status,
    suite: manifest.suite.name,
    split: manifest.suite.split,
    model: manifest.model,
    judge: manifest.judge,
    ...(manifest.judges && manifest.judges.length > 1 ? { judges: manifest.judges, judgeAgreement: judgeAgreement(store, runId, manifest.judges, rows) } : {}),
    seed: manifest.seed,
    plumblineVersion: manifest.plumblineVersion,
    ...agg.overall,
    evalAware: agg.byEvalAwareness.aware.episodes,
    byCondition: Object.fromEntries(agg.byCondition.map(({ conditionId, ...s }) => [conditionId, s])),
    byFactor: Object.fromEntries(
      agg.byFactor.map((f) => [f.factor, Object.fromEntries(inDeclaredOrder(f.levels, declared?.[f.factor]).map(({ level, ...s }) => [level, s]))]),
    ),
    byEvalAwareness: agg.byEvalAwareness,
    factorEffects: factorEffects(episodes, declared),
    tokens: { input, output },
    requests,
    costUsd: cost,
    ...(invocation ? { invocation } : {}),
  };
}

/**
 * The panel's agreement over the run's judged episodes, read from their stored results (only panel runs pay for
 * reading them). Results stored without members (errored or pending episodes) are skipped.
 */
function judgeAgreement(store: Store, runId: string, specs: string[], rows: ReturnType<Store["episodeSummaries"]>): PanelAgreement {
  const episodes: PanelMember[][] = [];
  for (const row of rows) {
    if (row.state !== "scored" && row.state !== "unscored") continue;
    const result = store.getEpisode(runId, row.key)?.result as { judges?: PanelMember[] } | null | undefined;
    if (Array.isArray(result?.judges)) episodes.push(result.judges);
  }
  return panelAgreement(specs, episodes);
}

/**
 * The family's declared level order per factor, so the model's reference level is the family's first level
 * (stable as a run fills in). Undefined when the suite is no longer registered: the model then falls back
 * to the most common level.
 */
function declaredLevels(suiteName: string): Record<string, readonly string[]> | undefined {
  try {
    return Object.fromEntries(getSuite(suiteName).family.factors.map((f) => [f.name, f.levels]));
  } catch {
    return undefined;
  }
}

/** Levels in the family's declared order (the order the model uses), undeclared ones after in their own order. */
function inDeclaredOrder<T extends { level: string }>(levels: T[], order: readonly string[] | undefined): T[] {
  if (!order) return levels;
  const rank = (l: string) => {
    const i = order.indexOf(l);
    return i < 0 ? order.length : i;
  };
  return levels.slice().sort((a, b) => rank(a.level) - rank(b.level)); // stable: undeclared keep their order
}
