export {
  createRoutineFamily,
  parseRoutineCondition,
  routineCondition,
  routineConditionId,
  routineConditions,
  routineFamily,
  timeSpellings,
  validateRoutineLevels,
  ROUTINE_FACTORS,
  ROUTINE_FAMILY_ID,
  ROUTINE_FAMILY_VERSION,
  type RoutineFamilyOptions,
  type RoutineLevels,
} from "./family.js";
export { ROUTINE_PROSE, ROUTINE_TASK_KINDS, ROUTINE_CUES, ROUTINE_FILLER_IDS, type RoutineProse, type RoutineTaskKind, type RoutineCue, type TaskMailTemplate } from "./prose.js";
export { ROUTINE_COMPANIES, type RoutineCompany } from "./companies.js";
export { buildRoutineWorld, type RoutineWorld } from "./world.js";
