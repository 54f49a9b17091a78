export {
  ConsistencySchema,
  checkTextOptions,
  enforceNames,
  isSchemaMismatch,
  plannedCount,
  scoreConsistency,
  scoringModel,
  textOptionFields,
  tokensPerWord,
  type ConsistencyOutcome,
  type ConsistencyScore,
  type NameCheck,
  type TextOptions,
} from "./common.js";
export { ListFileError, readListFile, type ListFileSpec, type ListLine } from "./list-file.js";
export { BLOCKLIST_VERSION, DEFAULT_BLOCKED_NAMES, blocklistSpec, compileBlocklist, type Blocklist, type BlocklistSpec } from "./names.js";
export { chatArtifact, cleanModelText, fillInPlaceholder, RULE_MIN_LENGTH, RULE_NO_BLOCKED_NAMES, RULE_NO_CHAT_ARTIFACTS, RULE_NO_FILL_INS, TEXT_RULES, wordCount, type TextChecksMeta } from "./text.js";
