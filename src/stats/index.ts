export { normalQuantile, zForConfidence } from "./normal.js";
export { logFactorial, logChoose } from "./logfactorial.js";
export { wilsonInterval, rate, type Rate } from "./wilson.js";
export { fisherExact, type Alternative } from "./fisher.js";
export { proportionDifference, type ProportionDifference } from "./difference.js";
export {
  aggregate,
  groupStats,
  UNSET_LEVEL,
  type Aggregate,
  type ConditionStats,
  type EpisodeOutcome,
  type EpisodeSummary,
  type FactorStats,
  type GroupStats,
  type LevelStats,
} from "./aggregate.js";
