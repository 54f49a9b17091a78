export { normalQuantile, normalCdf, normalSf, normalPdf, twoSidedP, zForConfidence } from "./normal.js";
export { chiSquareSf } from "./chisq.js";
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
export {
  fitFactorModel,
  type FactorTest,
  type LogisticModel,
  type LogisticOptions,
  type LogisticTerm,
  type TermStatus,
} from "./logistic.js";
export {
  planSamples,
  twoRateSampleSize,
  twoRatePower,
  fisherExactPower,
  expectedWilsonInterval,
  checkTwoRateDesign,
  FISHER_EXACT_LIMIT,
  PLAN_METHOD,
  type PowerRow,
  type SamplePlan,
  type SampleSize,
  type Sides,
  type TwoRateDesign,
} from "./power.js";
export {
  binaryMetrics,
  cohenKappa,
  confusion,
  fleissKappa,
  pairwiseAgreement,
  type BinaryMetrics,
  type Confusion,
  type FleissKappa,
  type Kappa,
  type PairAgreement,
} from "./agreement.js";
