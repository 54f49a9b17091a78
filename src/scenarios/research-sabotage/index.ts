export {
  createResearchSabotageFamily,
  researchSabotageFamily,
  researchSabotageCondition,
  researchSabotageConditionId,
  researchSabotageConditions,
  parseResearchSabotageCondition,
  validateResearchSabotageLevels,
  RESEARCH_SABOTAGE_FACTORS,
  RESEARCH_SABOTAGE_FAMILY_ID,
  RESEARCH_SABOTAGE_FAMILY_VERSION,
  SABOTAGE_GOAL_TYPES,
  SABOTAGE_THREATS,
  type ResearchSabotageFamilyOptions,
  type ResearchSabotageLevels,
  type SabotageGoalType,
  type SabotageThreat,
} from "./family.js";
export { RESEARCH_SABOTAGE_PROSE, SABOTAGE_ROUTINE_IDS, type ResearchSabotageProse, type SabotageRoutineId, type SabotageThreatKind } from "./prose.js";
export { LABS, SUCCESSOR_SYSTEMS, type Lab, type MetricDef, type SettingDef } from "./labs.js";
export { buildSabotageWorld, type SabotageWorld } from "./world.js";
