export { observed, runTeacherEpisode, type EpisodeRecord, type InjectionRecord } from "./episode.js";
export { episodeEstimate, exampleTokensOf, judgeEstimate, toolDefinitions, TYPICAL_STEPS, TURN_TOKENS } from "./estimate.js";
export {
  derivedSuites,
  episodeOptionsShape,
  EpisodeOptionsSchema,
  episodeSeed,
  planEpisodes,
  planId,
  renderPlan,
  selectConditions,
  selectSuites,
  TARGET_OVERSHOOT,
  type EpisodeOptions,
  type EpisodePlan,
  type EpisodePlanning,
} from "./plan.js";
export {
  agentText,
  EPISODE_RULES,
  episodeStageEstimate,
  HONEYPOT_DEMOS_RECIPE,
  HONEYPOT_SCREEN_PURPOSE,
  honeypotDemosRecipe,
  RULE_IN_DISTRIBUTION_SOURCE,
  RULE_USES_TOOLS,
  screenStageEstimate,
  typicalScenario,
} from "./recipe.js";
export { episodeMessages, scenarioSummary, screenEpisode, shapeProblem, type ScreenReport } from "./screen.js";
