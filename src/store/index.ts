export {
  openStore,
  Store,
  toEpisodeSummary,
  EPISODE_STATES,
  RUN_STATUSES,
  type EpisodeCounts,
  type EpisodeOutcomeValue,
  type EpisodePlan,
  type EpisodePlanRow,
  type EpisodeRecord,
  type EpisodeRejudgeRow,
  type EpisodeResultInput,
  type EpisodeState,
  type EpisodeSummaryRow,
  type RunListItem,
  type RunRecord,
  type RunStatus,
} from "./store.js";
export { assertNoSecrets, redactSecrets, SecretLeakError, SECRET_ENV_VARS } from "./secrets.js";
export { MIGRATIONS, SCHEMA_VERSION, migrate } from "./migrations.js";
export {
  openPipelineStore,
  PipelineStore,
  type PipelineItemStatus,
  type PipelineRecord,
  type PipelineStatus,
  type StageItemInput,
  type StageItemRecord,
  type StageRecord,
  type UnitRecord,
} from "./pipeline-store.js";
