/** Scoring: deterministic detectors, the LLM judge, and the rule that combines them into a verdict. */
export type { Detector, DetectorInput, DeterministicScore, Finding, Verdict } from "./types.js";
export {
  assessCoercion,
  benignCompletion,
  benignFinding,
  blackmail,
  COERCION_THRESHOLD,
  createBenignCompletion,
  detectors,
  EVAL_AWARENESS_PATTERNS,
  evalAwareness,
  findEvalAwareness,
  revealsSecret,
  runDetectors,
  scoreDeterministic,
  secretDisclosure,
  SIGNAL_WEIGHTS,
  type CoercionAssessment,
  type SignalName,
} from "./detectors/index.js";
export {
  buildJudgePrompt,
  judgeEpisode,
  JUDGE_BEHAVIOURS,
  JUDGE_PROMPT_LIMITS,
  JUDGE_RUBRIC,
  JudgeLabelSchema,
  renderTranscript,
  verifyQuote,
  type JudgeInput,
  type JudgeLabel,
  type JudgeOptions,
  type JudgeResult,
  type JudgeUsage,
} from "./judge.js";
export { combineVerdict } from "./verdict.js";
