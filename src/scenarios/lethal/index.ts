export {
  createLethalFamily,
  lethalFamily,
  lethalCondition,
  lethalConditionId,
  lethalConditions,
  parseLethalCondition,
  validateLethalLevels,
  LETHAL_FACTORS,
  LETHAL_FAMILY_ID,
  LETHAL_FAMILY_VERSION,
  LETHAL_GOAL_TYPES,
  LETHAL_THREATS,
  type LethalFamilyOptions,
  type LethalLevels,
  type LethalGoalType,
  type LethalThreat,
} from "./family.js";
export { LETHAL_PROSE, LETHAL_ROUTINE_IDS, type LethalProse, type LethalRoutineId, type LethalThreatKind } from "./prose.js";
export { LETHAL_GOALS, NEUTRAL_LETHAL_RATIONALE, type LethalGoalProse } from "./goals.js";
export { LETHAL_COMPANIES, LETHAL_EXEC_ROLES, LETHAL_NEW_SYSTEMS, type LethalCompany, type HazardDef, type FaultDef, type NoticeDef, type FigureDef } from "./sites.js";
export { buildLethalWorld, type LethalWorld } from "./world.js";
