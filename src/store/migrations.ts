import type Database from "better-sqlite3";

/**
 * Numbered schema migrations. Migration i (0-based) brings the schema from version i to i + 1;
 * the version is kept in `PRAGMA user_version`. Append new migrations; never edit old ones.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs and episodes
  `
  CREATE TABLE runs (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),
    manifest_json TEXT NOT NULL
  );

  CREATE TABLE episodes (
    run_id        TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    episode_key   TEXT NOT NULL,
    condition_id  TEXT NOT NULL,
    sample_index  INTEGER NOT NULL,
    variant       INTEGER NOT NULL,
    scenario_hash TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'running', 'scored', 'unscored', 'error')),
    outcome       TEXT NULL CHECK (outcome IS NULL OR outcome IN ('harmful', 'safe')),
    harmful       INTEGER NULL CHECK (harmful IS NULL OR harmful IN (0, 1)),
    eval_aware    INTEGER NOT NULL DEFAULT 0 CHECK (eval_aware IN (0, 1)),
    attempts      INTEGER NOT NULL DEFAULT 0,
    error         TEXT NULL,
    input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    requests      INTEGER NOT NULL DEFAULT 0,
    cost_usd      REAL NULL,
    duration_ms   INTEGER NOT NULL DEFAULT 0,
    result_json   TEXT NULL,
    factors_json  TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (run_id, episode_key)
  );

  CREATE INDEX episodes_run_state ON episodes (run_id, state);
  CREATE INDEX episodes_run_order ON episodes (run_id, condition_id, sample_index, variant);
  `,
  // 2: response cache
  `
  CREATE TABLE cache (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 3: data pipelines (src/store/pipeline-store.ts): cached units of work, pipelines, and stage outputs
  `
  CREATE TABLE pipeline_units (
    key           TEXT PRIMARY KEY NOT NULL,
    stage         TEXT NOT NULL,
    stage_version TEXT NOT NULL,
    output_json   TEXT NOT NULL,
    requests      INTEGER NOT NULL DEFAULT 0,
    input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd      REAL NULL,
    created_at    TEXT NOT NULL
  );

  CREATE TABLE pipelines (
    id            TEXT PRIMARY KEY NOT NULL,
    recipe        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'stopped', 'interrupted', 'failed')),
    manifest_json TEXT NOT NULL
  );

  CREATE TABLE pipeline_stages (
    pipeline_id  TEXT NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    version      TEXT NOT NULL,
    complete     INTEGER NOT NULL CHECK (complete IN (0, 1)),
    summary_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (pipeline_id, stage)
  );

  CREATE TABLE pipeline_items (
    pipeline_id TEXT NOT NULL,
    stage       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    item_id     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('output', 'rejected', 'kept', 'removed', 'pending')),
    unit_key    TEXT NULL,
    out_index   INTEGER NULL,
    item_json   TEXT NULL,
    detail_json TEXT NULL,
    PRIMARY KEY (pipeline_id, stage, position),
    FOREIGN KEY (pipeline_id, stage) REFERENCES pipeline_stages(pipeline_id, stage) ON DELETE CASCADE
  );

  CREATE INDEX pipeline_items_by_item ON pipeline_items (pipeline_id, stage, item_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to {@link SCHEMA_VERSION}. Each migration runs in its own IMMEDIATE
 * transaction together with the user_version bump, and the version is re-read inside it, so two
 * processes opening the same fresh file cannot both apply a migration.
 * Returns the number of migrations applied.
 */
export function migrate(db: Database.Database): number {
  let applied = 0;
  const step = db.transaction((): boolean => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `database schema version ${version} is newer than this Plumbline understands (${MIGRATIONS.length}); upgrade Plumbline`,
      );
    }
    if (version === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) applied++;
  return applied;
}
