/** Constitution probes: does a model know and apply a constitution, about itself as much as about a named persona? */
export { runProbes, probeSampleSeed, ProbeInputError, ProbeRunError, type ProbeOptions, type ProbeReport, type ProbeManifest, type ProbeAnswerRecord } from "./run.js";
export { buildProbeSet, PERSONA_PATTERN, type ProbeSetOptions } from "./generate.js";
export { deriveKeyPoints, coveredKeyPoints, principleText, KEY_POINTS_PER_SECTION, type KeyPoint } from "./key-points.js";
export { prohibitions, deriveProbes, type Prohibition } from "./derive.js";
export {
  scoreByRules,
  scoreRecall,
  scorePremise,
  scoreApplication,
  REJECTION_MARKERS,
  ACCEPTANCE_MARKERS,
  DECLINE_MARKERS,
  COMPLIANCE_MARKERS,
  APPLICATION_GROUNDING,
} from "./score.js";
export { judgeProbeAnswer, buildProbeJudgePrompt, ProbeJudgementSchema, PROBE_RUBRIC, type ProbeJudgement } from "./judge.js";
export { aggregateProbes, gapVerdict, PROBE_GAP_METHOD, type ProbeCell, type ProbeGap, type ScoredAnswer } from "./report.js";
export { renderProbeReport } from "./render.js";
export {
  PROBE_SET_VERSION,
  PROBE_KINDS,
  PROBE_MODES,
  SUBJECTS,
  DEFAULT_PERSONA,
  ProbeSchema,
  ProbeSetSchema,
  type Probe,
  type ProbeKind,
  type ProbeMode,
  type ProbeSet,
  type Subject,
  type RuleScore,
} from "./types.js";
