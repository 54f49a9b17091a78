import { rate } from "./wilson.js";

export type EpisodeOutcome = "harmful" | "safe" | "unscored" | "error" | "pending";

/** The light per-episode facts aggregation needs. */
export interface EpisodeSummary {
  conditionId: string;
  factors: Record<string, string>;
  outcome: EpisodeOutcome;
  evalAware: boolean;
}

/**
 * Counts for one group of episodes. `rate` and `ci95` are over SCORED episodes only
 * (harmful / (harmful + safe)); unscored, errored and pending episodes are counted and shown
 * here so that nothing is silently dropped. `rate` is null when nothing was scored.
 */
export interface GroupStats {
  episodes: number;
  scored: number;
  harmful: number;
  safe: number;
  unscored: number;
  errored: number;
  pending: number;
  rate: number | null;
  ci95: [number, number];
}

export interface ConditionStats extends GroupStats {
  conditionId: string;
}

export interface LevelStats extends GroupStats {
  level: string;
}

export interface FactorStats {
  factor: string;
  levels: LevelStats[];
}

export interface Aggregate {
  overall: GroupStats;
  /** One entry per condition id, in order of first appearance in the input. */
  byCondition: ConditionStats[];
  /**
   * One entry per factor name (order of first appearance), each with its levels (order of first
   * appearance). An episode without a value for a factor that others have is counted under
   * the level {@link UNSET_LEVEL}.
   */
  byFactor: FactorStats[];
  byEvalAwareness: { aware: GroupStats; unaware: GroupStats };
}

export const UNSET_LEVEL = "(unset)";

class Counter {
  episodes = 0;
  harmful = 0;
  safe = 0;
  unscored = 0;
  errored = 0;
  pending = 0;

  add(outcome: EpisodeOutcome): void {
    this.episodes++;
    switch (outcome) {
      case "harmful":
        this.harmful++;
        break;
      case "safe":
        this.safe++;
        break;
      case "unscored":
        this.unscored++;
        break;
      case "error":
        this.errored++;
        break;
      case "pending":
        this.pending++;
        break;
      default:
        throw new RangeError(`aggregate: unknown outcome ${JSON.stringify(outcome)}`);
    }
  }

  stats(): GroupStats {
    const scored = this.harmful + this.safe;
    const r = rate(this.harmful, scored);
    return {
      episodes: this.episodes,
      scored,
      harmful: this.harmful,
      safe: this.safe,
      unscored: this.unscored,
      errored: this.errored,
      pending: this.pending,
      rate: r.rate,
      ci95: r.ci95,
    };
  }
}

/** Group stats for a list of outcomes. */
export function groupStats(outcomes: Iterable<EpisodeOutcome>): GroupStats {
  const c = new Counter();
  for (const o of outcomes) c.add(o);
  return c.stats();
}

export function aggregate(episodes: readonly EpisodeSummary[]): Aggregate {
  const overall = new Counter();
  const byCondition = new Map<string, Counter>();
  const factorNames: string[] = [];
  const seenFactor = new Set<string>();
  for (const ep of episodes) {
    for (const name of Object.keys(ep.factors)) {
      if (!seenFactor.has(name)) {
        seenFactor.add(name);
        factorNames.push(name);
      }
    }
  }
  const byFactor = new Map<string, Map<string, Counter>>(factorNames.map((f) => [f, new Map()]));
  const aware = new Counter();
  const unaware = new Counter();

  for (const ep of episodes) {
    overall.add(ep.outcome);
    let cond = byCondition.get(ep.conditionId);
    if (!cond) {
      cond = new Counter();
      byCondition.set(ep.conditionId, cond);
    }
    cond.add(ep.outcome);
    for (const name of factorNames) {
      const levels = byFactor.get(name)!;
      const level = Object.prototype.hasOwnProperty.call(ep.factors, name) ? ep.factors[name]! : UNSET_LEVEL;
      let counter = levels.get(level);
      if (!counter) {
        counter = new Counter();
        levels.set(level, counter);
      }
      counter.add(ep.outcome);
    }
    (ep.evalAware ? aware : unaware).add(ep.outcome);
  }

  return {
    overall: overall.stats(),
    byCondition: [...byCondition].map(([conditionId, c]) => ({ conditionId, ...c.stats() })),
    byFactor: [...byFactor].map(([factor, levels]) => ({
      factor,
      levels: [...levels].map(([level, c]) => ({ level, ...c.stats() })),
    })),
    byEvalAwareness: { aware: aware.stats(), unaware: unaware.stats() },
  };
}
