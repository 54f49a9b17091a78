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
  type BlackmailFamilyOptions,
  type BlackmailLevels,
  type GoalType,
  type GoalValue,
  type Threat,
} from "./blackmail/index.js";
