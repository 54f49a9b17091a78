export * from "./types.js";
export {
  checkFamily,
  renderTemplate,
  placeholdersIn,
  findBraceFragment,
  renderedFields,
  UnresolvedPlaceholderError,
  type FamilyCheck,
  type TemplateContext,
  type TemplateValue,
  type TemplateVars,
  type UnresolvedReason,
} from "./template.js";
export { getSuite, listSuites, suiteNames, type Suite, type SuiteSplit } from "./registry.js";
export { splitSentences, dropSentenceAt, type SentenceSpan } from "./sentences.js";
export {
  blackmailFamily,
  createBlackmailFamily,
  blackmailCondition,
  blackmailConditionId,
  blackmailConditions,
  blackmailCoreConditions,
  parseBlackmailCondition,
  BLACKMAIL_FACTORS,
  GOAL_TYPES,
  GOAL_VALUES,
  GOAL_PAIRS,
  THREATS,
  THREAT_TIMINGS,
  AGENT_NAME_OPTIONS,
  BLACKMAIL_PERTURBATION_FACTORS,
  type ThreatTiming,
  type BlackmailFamilyOptions,
  type BlackmailLevels,
  type GoalType,
  type GoalValue,
  type Threat,
} from "./blackmail/index.js";
