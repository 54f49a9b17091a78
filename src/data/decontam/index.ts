export {
  buildEvalCorpus,
  excludeSuites,
  sourceLabel,
  type BuildEvalCorpusOptions,
  type EvalCorpus,
  type EvalField,
  type EvalPassage,
  type EvalPassageSource,
} from "./corpus.js";
export {
  createDecontaminator,
  decontaminate,
  type ContaminationCheck,
  type ContaminationReason,
  type DecontaminationMethod,
  type DecontaminationRemoval,
  type DecontaminationReport,
  type DecontaminationResult,
  type Decontaminator,
  type DecontaminatorOptions,
} from "./decontaminate.js";
export { assertSourceAllowed, type SuiteLike } from "./sources.js";
