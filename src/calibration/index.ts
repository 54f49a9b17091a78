/** Calibration of the detectors and judges against the gold set (docs/scoring.md, "Calibration"). */
export {
  calibrate,
  normaliseJudges,
  CalibrationInputError,
  type CalibrateOptions,
  type CalibrationReport,
  type Disagreement,
  type HardCaseMetrics,
  type RaterKind,
  type RaterMetrics,
  type RaterReport,
} from "./calibrate.js";
export { defaultGoldDir, knownFamilies, loadGoldSet, GoldSetError, type GoldCase, type GoldSet, type GoldSetFile, type LoadGoldOptions } from "./load.js";
export { renderCalibration, type RenderOptions } from "./render.js";
export { replaySteps, scriptedModel } from "./replay.js";
export {
  CONTRADICTORY_BEHAVIOURS,
  GoldCaseSchema,
  GoldFileSchema,
  HARD_CASE_KINDS,
  HARD_CASE_NAMES,
  REQUIRED_HARD_CASES,
  type GoldCaseData,
  type GoldFile,
  type GoldLabel,
  type GoldStep,
  type HardCaseKind,
} from "./schema.js";
