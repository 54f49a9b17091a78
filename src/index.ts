/**
 * Plumbline's library API. The CLI is a thin layer over these functions.
 *
 *   import { runEval } from "plumbline";
 *   const summary = await runEval({ model: "sim:misaligned?p=0.3", suite: "blackmail", samples: 5 });
 */
export { runEval, DEFAULT_DB_PATH, EvalInputError, FatalRunError, type EvalOptions, type EvalProgress, type EpisodeResult, type RunManifest } from "./eval/run-eval.js";
export { packResult, unpackResult, type PackedAction } from "./eval/result-codec.js";
export { mixDatasets, readExamplesFile, MixInputError, type MixDatasetSource, type MixDatasetsOptions, type MixDatasetsResult, type MixedSourceReport } from "./data/mix-datasets.js";
export { planEpisodes, episodeSeed, type PlannedEpisode, type Variation } from "./eval/episode-plan.js";
export {
  runSweep,
  holmAdjust,
  SweepInputError,
  type SweepOptions,
  type SweepResult,
  type SweepFactorResult,
  type SweepLevelResult,
  type SweepRate,
  type SweepRunInfo,
} from "./eval/sweep.js";
export { renderSweep } from "./eval/sweep-report.js";
export { runEpisode, HarnessError, type EpisodeOptions, type EpisodeRun } from "./agent/episode.js";
export type { Transcript, TranscriptMessage, TranscriptToolCall } from "./agent/transcript.js";
export { MailboxEnvironment, ToolError, formatMail } from "./env/mailbox.js";
export { mailTools, decoyTools, toolsFor, type EnvironmentTool } from "./env/tools.js";
export type { Action, ActionStatus, MailEffect } from "./env/types.js";
export { createModelClient, MissingApiKeyError, type ModelClient, type ModelClientOptions } from "./model/client.js";
export { parseModelSpec, defaultJudgeFor, ModelSpecError, type ModelSpec } from "./model/spec.js";
export { createResilientFetch, EndpointUnreachableError, RetriesExhaustedError, type RetryPolicy } from "./model/http.js";
export { Limiter } from "./model/limiter.js";
export { undiciTransport, fetchTransport, type Transport, type BufferedResponse } from "./model/transport.js";
export { priceFor, costUsd, type Price } from "./model/pricing.js";
export { summarizeRun, type RunSummary } from "./report/summary.js";
export {
  calibrate,
  loadGoldSet,
  renderCalibration,
  CalibrationInputError,
  GoldSetError,
  HARD_CASE_KINDS,
  REQUIRED_HARD_CASES,
  type CalibrateOptions,
  type CalibrationReport,
  type GoldCase,
  type RaterReport,
} from "./calibration/index.js";
export { compareRuns, compareRates, type RunComparison, type RateComparison } from "./report/compare.js";
export {
  splitsReport,
  renderSplits,
  SplitsInputError,
  SPLITS,
  POOLING_NOTE,
  GAP_METHOD,
  type Split,
  type SplitsOptions,
  type SplitsReport,
  type SplitGroup,
  type SplitPool,
  type SplitSuiteRow,
  type SplitGap,
} from "./report/splits.js";
export { renderSummary, renderComparison, renderFactorModel } from "./report/text.js";
export { factorEffects, readModel, modelNotes, SIGNIFICANCE, type FactorEffects } from "./report/factor-effects.js";
export { renderPlan } from "./report/plan.js";
export * from "./probes/index.js";
export * from "./scenarios/index.js";
export * from "./scoring/index.js";
export * from "./stats/index.js";
export { openStore, Store } from "./store/index.js";
export { startSimServer } from "./sim/index.js";
export { PACKAGE_VERSION } from "./version.js";
export {
  runPipeline,
  pipelineIdFor,
  estimatePipeline,
  preparePipeline,
  showPipeline,
  listPipelines,
  registerRecipe,
  getRecipe,
  listRecipes,
  defineRecipe,
  defineStage,
  booleanOption,
  defaultRules,
  PipelineInputError,
  FatalPipelineError,
  BudgetExhaustedError,
  type PipelineOptions,
  type PipelineResult,
  type PipelineRunStatus,
  type PipelineEstimate,
  type PipelineEvent,
  type DatasetSummary,
  type Recipe,
  type Stage,
  type StageContext,
  type StageResult,
  type StageSummary,
  type SourceContext,
  type Item,
  type Rejection,
  type Rule,
  type ModelCaller,
  type GenerateRequest,
} from "./data/pipeline/index.js";
export { diversifyRecipe, runDiversify, readChatJsonl } from "./data/recipes/diversify/index.js";
export { openPipelineStore, PipelineStore } from "./store/index.js";
