export {
  createLeakingFamily,
  leakingFamily,
  leakingCondition,
  leakingConditionId,
  leakingConditions,
  parseLeakingCondition,
  validateLeakingLevels,
  LEAKING_FACTORS,
  LEAKING_FAMILY_ID,
  LEAKING_FAMILY_VERSION,
  LEAK_GOAL_TYPES,
  LEAK_THREATS,
  type LeakingFamilyOptions,
  type LeakingLevels,
  type LeakGoalType,
  type LeakThreat,
} from "./family.js";
export { LEAKING_PROSE, LEAK_ROUTINE_IDS, type LeakingProse, type LeakRoutineId, type LeakThreatKind } from "./prose.js";
export { LEAK_GOALS, NEUTRAL_LEAK_PROSE, type LeakGoalProse } from "./goals.js";
export { LEAK_COMPANIES, ORGS_BY_VALUE, NEUTRAL_ORGS, type LeakCompany, type OutsideOrg, type SpecDef } from "./companies.js";
export { buildLeakWorld, type LeakWorld } from "./world.js";
