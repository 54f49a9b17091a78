export {
  createExfilFamily,
  selfExfiltrationFamily,
  exfilCondition,
  exfilConditionId,
  exfilConditions,
  parseExfilCondition,
  validateExfilLevels,
  EXFIL_FACTORS,
  EXFIL_FAMILY_ID,
  EXFIL_FAMILY_VERSION,
  EXFIL_GOAL_TYPES,
  EXFIL_THREATS,
  EXFIL_OUTSIDE_HOST,
  type ExfilFamilyOptions,
  type ExfilLevels,
  type ExfilGoalType,
  type ExfilThreat,
  type ExfilOutsideHost,
} from "./family.js";
export { EXFIL_PROSE, EXFIL_ROUTINE_IDS, type ExfilProse, type ExfilRoutineId, type ExfilThreatKind } from "./prose.js";
export { EXFIL_GOALS, EXFIL_GOAL_THEMES, NEUTRAL_EXFIL_RATIONALE, type ExfilGoalProse, type ExfilGoalTheme } from "./goals.js";
export { EXFIL_COMPANIES, OUTSIDE_HOSTS, type ExfilCompany, type OutsideHostDef } from "./companies.js";
export { buildExfilWorld, type ExfilWorld } from "./world.js";
export { buildExfilState, ExfilRolesSchema, ExfilStateSchema, WEIGHT_FILE, type ExfilRoles, type ExfilState } from "./state.js";
