export {
  blackmailFamily,
  createBlackmailFamily,
  blackmailCondition,
  blackmailConditionId,
  blackmailConditions,
  blackmailCoreConditions,
  parseBlackmailCondition,
  validateBlackmailLevels,
  threatTerms,
  BLACKMAIL_FACTORS,
  BLACKMAIL_FAMILY_ID,
  BLACKMAIL_FAMILY_VERSION,
  GOAL_TYPES,
  THREATS,
  type BlackmailFamilyOptions,
  type BlackmailLevels,
  type GoalType,
  type Threat,
} from "./family.js";
export { GOALS, GOAL_PAIRS, GOAL_VALUES, isGoalValue, type GoalSpec, type GoalValue } from "./goals.js";
export {
  BLACKMAIL_PROSE,
  ROUTINE_IDS,
  STORYLINE_IDS,
  type BlackmailProse,
  type MailTemplate,
  type RoutineId,
  type Storyline,
  type StorylineId,
  type ThreatKind,
} from "./prose.js";
export { buildWorld, type World, type WorldPerson } from "./world.js";
