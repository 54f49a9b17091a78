/**
 * Data pipelines: recipes run stage by stage with every unit of work cached, then the finishing chain shared
 * by all recipes (grade -> dedup -> decontaminate -> select -> export). See README.md in this folder.
 */
import "../recipes/index.js";

export { runPipeline, pipelineIdFor, type DatasetSummary, type PipelineResult, type PipelineRunStatus } from "./run.js";
export { preparePipeline, DEFAULT_FORMAT, type PipelineOptions } from "./prepare.js";
export { estimatePipeline, type EstimateRow, type PipelineEstimate } from "./estimate.js";
export { showPipeline, listPipelines, type PipelineView, type ShowOptions, type ShownItem } from "./inspect.js";
export { registerRecipe, getRecipe, listRecipes, checkRecipe, FINISHING_STAGES } from "./registry.js";
export { defineRecipe, defineStage } from "./types.js";
export type {
  EstimateContext,
  GenerateRequest,
  Item,
  ModelCaller,
  Recipe,
  Rejection,
  Rule,
  SourceContext,
  Stage,
  StageContext,
  StageEstimate,
  StageResult,
} from "./types.js";
export type { PipelineEvent, StageKind, StageSummary } from "./events.js";
export { Budget, type BudgetLimits } from "./budget.js";
export { BudgetExhaustedError, FatalPipelineError, PipelineInputError } from "./errors.js";
export { applyRules, defaultRules, templateLeakRule, RULE_ENDS_WITH_ASSISTANT, RULE_NO_SECRETS, RULE_TRAINED_TURN } from "./rules.js";
export { DEFAULT_GRADING_PURPOSE, DEFAULT_MIN_QUALITY, GRADE_STAGE, GradeVerdictSchema, gradeDecision, gradeExample, gradePrompt, renderExampleForGrading, type GradeVerdict } from "./grade.js";
export { booleanOption, describeOptions, parseSetOptions } from "./options.js";
export { unitKey, UNIT_FORMAT, type UnitKeyParts } from "./keys.js";
