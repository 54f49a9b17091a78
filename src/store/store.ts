import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { EpisodeSummary } from "../stats/aggregate.js";
import { migrate } from "./migrations.js";
import { assertNoSecrets } from "./secrets.js";

export type RunStatus = "running" | "complete" | "interrupted" | "failed";
export const RUN_STATUSES: readonly RunStatus[] = ["running", "complete", "interrupted", "failed"];

export type EpisodeState = "pending" | "running" | "scored" | "unscored" | "error";
export const EPISODE_STATES: readonly EpisodeState[] = ["pending", "running", "scored", "unscored", "error"];

export type EpisodeOutcomeValue = "harmful" | "safe";

export interface RunRecord {
  id: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  manifest: unknown;
}

/** Episode counts per state, plus their total. */
export type EpisodeCounts = Record<EpisodeState, number> & { total: number };

export interface RunListItem extends RunRecord {
  counts: EpisodeCounts;
}

/** One planned episode, as given to {@link Store.ensureEpisodes}. */
export interface EpisodePlan {
  key: string;
  conditionId: string;
  sampleIndex: number;
  variant: number;
  scenarioHash: string;
  factors: Record<string, string>;
}

/** An episode still to run (pending, interrupted while running, or errored). */
export interface EpisodePlanRow extends EpisodePlan {
  state: EpisodeState;
  attempts: number;
  error: string | null;
}

/** An unscored episode with its stored result, for re-judging. */
export interface EpisodeRejudgeRow extends EpisodePlanRow {
  result: unknown;
}

export interface EpisodeResultInput {
  state: "scored" | "unscored" | "error";
  /** Required when state is "scored"; must be null otherwise. */
  outcome: EpisodeOutcomeValue | null;
  /** Must equal outcome === "harmful" when scored (null is then derived from outcome); null otherwise. */
  harmful: boolean | null;
  evalAware: boolean;
  error?: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  costUsd: number | null;
  durationMs: number;
  /** Transcript, actions, findings, judge output, verdict: anything JSON-serialisable. */
  result: unknown;
}

/** A light episode row (no result JSON), for aggregation and listings. */
export interface EpisodeSummaryRow {
  key: string;
  conditionId: string;
  factors: Record<string, string>;
  sampleIndex: number;
  variant: number;
  state: EpisodeState;
  outcome: EpisodeOutcomeValue | null;
  evalAware: boolean;
  attempts: number;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  costUsd: number | null;
  durationMs: number;
}

export interface EpisodeRecord extends EpisodeSummaryRow {
  runId: string;
  scenarioHash: string;
  harmful: boolean | null;
  /** Parsed result_json; null when no result has been stored. */
  result: unknown;
  updatedAt: string;
}

interface RunRow {
  id: string;
  created_at: string;
  updated_at: string;
  status: string;
  manifest_json: string;
}

interface EpisodeRow {
  run_id: string;
  episode_key: string;
  condition_id: string;
  sample_index: number;
  variant: number;
  scenario_hash: string;
  state: string;
  outcome: string | null;
  harmful: number | null;
  eval_aware: number;
  attempts: number;
  error: string | null;
  input_tokens: number;
  output_tokens: number;
  requests: number;
  cost_usd: number | null;
  duration_ms: number;
  result_json: string | null;
  factors_json: string;
  updated_at: string;
}

type SummaryRow = Omit<EpisodeRow, "run_id" | "scenario_hash" | "harmful" | "result_json" | "updated_at">;

const SUMMARY_COLUMNS = `episode_key, condition_id, sample_index, variant, state, outcome, eval_aware, attempts, error,
  input_tokens, output_tokens, requests, cost_usd, duration_ms, factors_json`;

const PLAN_COLUMNS = `episode_key, condition_id, sample_index, variant, scenario_hash, state, attempts, error, factors_json`;

const EPISODE_ORDER = `ORDER BY condition_id, sample_index, variant, episode_key`;

const BUSY_TIMEOUT_MS = 5000;

function now(): string {
  return new Date().toISOString();
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`corrupt JSON in ${what}: ${(err as Error).message}`, { cause: err });
  }
}

function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value === undefined ? null : value);
  if (text === undefined) throw new TypeError(`${what} is not JSON-serialisable`);
  return text;
}

function checkCount(name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`${name} must be a finite non-negative number, got ${String(v)}`);
  }
}

function zeroCounts(): EpisodeCounts {
  return { pending: 0, running: 0, scored: 0, unscored: 0, error: 0, total: 0 };
}

function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status as RunStatus,
    manifest: parseJson(row.manifest_json, `manifest of run ${row.id}`),
  };
}

/**
 * Maps a stored episode to the outcome the statistics use: scored episodes are harmful / safe,
 * unscored stay unscored, errors are "error", and pending or running episodes are "pending".
 */
export function toEpisodeSummary(row: EpisodeSummaryRow): EpisodeSummary {
  let outcome: EpisodeSummary["outcome"];
  switch (row.state) {
    case "scored":
      if (row.outcome === null) throw new Error(`episode ${row.key} is scored but has no outcome`);
      outcome = row.outcome;
      break;
    case "unscored":
      outcome = "unscored";
      break;
    case "error":
      outcome = "error";
      break;
    case "pending":
    case "running":
      outcome = "pending";
      break;
    default:
      throw new Error(`episode ${row.key} has unknown state ${String(row.state)}`);
  }
  return { conditionId: row.conditionId, factors: row.factors, outcome, evalAware: row.evalAware };
}

function prepareStatements(db: Database.Database) {
  return {
    insertRun: db.prepare<[string, string, string, string]>(
      // ON CONFLICT DO NOTHING, not INSERT OR IGNORE: OR IGNORE would also silently skip rows that
      // break NOT NULL / CHECK constraints; this ignores only an existing primary key.
      `INSERT INTO runs (id, created_at, updated_at, status, manifest_json) VALUES (?, ?, ?, 'running', ?)
       ON CONFLICT (id) DO NOTHING`,
    ),
    getRun: db.prepare<[string], RunRow>(`SELECT * FROM runs WHERE id = ?`),
    runIdsByPrefix: db.prepare<{ prefix: string }, { id: string }>(
      `SELECT id FROM runs WHERE substr(id, 1, length(@prefix)) = @prefix ORDER BY id LIMIT 11`,
    ),
    listRuns: db.prepare<[], RunRow>(`SELECT * FROM runs ORDER BY created_at DESC, id`),
    countsAllRuns: db.prepare<[], { run_id: string; state: string; n: number }>(
      `SELECT run_id, state, COUNT(*) AS n FROM episodes GROUP BY run_id, state`,
    ),
    countsForRun: db.prepare<[string], { state: string; n: number }>(
      `SELECT state, COUNT(*) AS n FROM episodes WHERE run_id = ? GROUP BY state`,
    ),
    setRunStatus: db.prepare<[string, string, string]>(`UPDATE runs SET status = ?, updated_at = ? WHERE id = ?`),
    touchRun: db.prepare<[string, string]>(`UPDATE runs SET updated_at = ? WHERE id = ?`),
    insertEpisode: db.prepare<{
      run_id: string;
      episode_key: string;
      condition_id: string;
      sample_index: number;
      variant: number;
      scenario_hash: string;
      factors_json: string;
      updated_at: string;
    }>(
      `INSERT INTO episodes
         (run_id, episode_key, condition_id, sample_index, variant, scenario_hash, factors_json, updated_at)
       VALUES (@run_id, @episode_key, @condition_id, @sample_index, @variant, @scenario_hash, @factors_json, @updated_at)
       ON CONFLICT (run_id, episode_key) DO NOTHING`,
    ),
    resetInFlight: db.prepare<[string, string]>(
      `UPDATE episodes SET state = 'pending', updated_at = ? WHERE run_id = ? AND state = 'running'`,
    ),
    toRun: db.prepare<[string], EpisodeRow>(
      `SELECT ${PLAN_COLUMNS} FROM episodes WHERE run_id = ? AND state IN ('pending', 'running', 'error') ${EPISODE_ORDER}`,
    ),
    toRejudge: db.prepare<[string], EpisodeRow>(
      `SELECT ${PLAN_COLUMNS}, result_json FROM episodes WHERE run_id = ? AND state = 'unscored' ${EPISODE_ORDER}`,
    ),
    markRunning: db.prepare<[string, string, string]>(
      `UPDATE episodes SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE run_id = ? AND episode_key = ?`,
    ),
    saveResult: db.prepare<{
      run_id: string;
      episode_key: string;
      state: string;
      outcome: string | null;
      harmful: number | null;
      eval_aware: number;
      error: string | null;
      input_tokens: number;
      output_tokens: number;
      requests: number;
      cost_usd: number | null;
      duration_ms: number;
      result_json: string;
      updated_at: string;
    }>(
      `UPDATE episodes SET
         state = @state, outcome = @outcome, harmful = @harmful, eval_aware = @eval_aware, error = @error,
         input_tokens = @input_tokens, output_tokens = @output_tokens, requests = @requests,
         cost_usd = @cost_usd, duration_ms = @duration_ms, result_json = @result_json, updated_at = @updated_at
       WHERE run_id = @run_id AND episode_key = @episode_key`,
    ),
    summaries: db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM episodes WHERE run_id = ? ${EPISODE_ORDER}`),
    getEpisode: db.prepare<[string, string], EpisodeRow>(`SELECT * FROM episodes WHERE run_id = ? AND episode_key = ?`),
    cacheGet: db.prepare<[string], { value: string }>(`SELECT value FROM cache WHERE key = ?`),
    cachePut: db.prepare<[string, string, string]>(
      `INSERT INTO cache (key, value, created_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`,
    ),
  };
}

/**
 * The run store: one SQLite file (WAL mode) holding runs, their episodes and the model response
 * cache. All writes are idempotent, each episode result is written in one transaction, and
 * persistence errors are thrown, never swallowed.
 */
export class Store {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<typeof prepareStatements>;
  private readonly ensureEpisodesTx: (runId: string, eps: readonly EpisodePlan[]) => number;
  private readonly saveResultTx: (runId: string, key: string, r: EpisodeResultInput, startNext: string | undefined) => void;
  private readonly lastTouch = new Map<string, number>();

  constructor(path: string) {
    this.path = path;
    this.db = new Database(path);
    try {
      this.db.pragma("journal_mode = WAL");
      // WAL + NORMAL: a commit survives a killed process (the OS has it); only power loss can drop the last few.
      this.db.pragma("synchronous = NORMAL");
      // Checkpoint (and fsync) every ~16 MB of WAL rather than every 4 MB: episode results are large.
      this.db.pragma("wal_autocheckpoint = 4000");
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.db.pragma("foreign_keys = ON");
      migrate(this.db);
      this.stmts = prepareStatements(this.db);
    } catch (err) {
      this.db.close();
      throw err;
    }

    this.ensureEpisodesTx = this.db.transaction((runId: string, eps: readonly EpisodePlan[]): number => {
      this.requireRun(runId);
      const updatedAt = now();
      let inserted = 0;
      for (const ep of eps) {
        if (typeof ep.key !== "string" || ep.key.length === 0) throw new Error(`episode key must be a non-empty string`);
        if (!Number.isInteger(ep.sampleIndex) || !Number.isInteger(ep.variant)) {
          throw new RangeError(`episode ${ep.key}: sampleIndex and variant must be integers`);
        }
        const info = this.stmts.insertEpisode.run({
          run_id: runId,
          episode_key: ep.key,
          condition_id: ep.conditionId,
          sample_index: ep.sampleIndex,
          variant: ep.variant,
          scenario_hash: ep.scenarioHash,
          factors_json: toJson(ep.factors ?? {}, `factors of episode ${ep.key}`),
          updated_at: updatedAt,
        });
        inserted += info.changes;
      }
      return inserted;
    });

    this.saveResultTx = this.db.transaction((runId: string, key: string, r: EpisodeResultInput, startNext: string | undefined): void => {
      const updatedAt = now();
      const info = this.stmts.saveResult.run(Store.resultParams(runId, key, r, updatedAt));
      if (info.changes !== 1) throw new Error(`no episode ${key} in run ${runId}; call ensureEpisodes first`);
      if (startNext !== undefined) {
        const started = this.stmts.markRunning.run(updatedAt, runId, startNext);
        if (started.changes !== 1) throw new Error(`no episode ${startNext} in run ${runId}`);
      }
      // The run's updated_at is a liveness hint: once a second is plenty, and saves a page write per episode.
      const t = Date.now();
      if (t - (this.lastTouch.get(runId) ?? 0) >= 1000) {
        this.stmts.touchRun.run(updatedAt, runId);
        this.lastTouch.set(runId, t);
      }
    });
  }

  /** Validates and serialises an episode result (secret check included) into statement parameters. */
  private static resultParams(runId: string, key: string, r: EpisodeResultInput, updatedAt: string) {
    if (r.state !== "scored" && r.state !== "unscored" && r.state !== "error") {
      throw new RangeError(`episode ${key}: result state must be scored, unscored or error, got ${String(r.state)}`);
    }
    let harmful: boolean | null;
    if (r.state === "scored") {
      if (r.outcome !== "harmful" && r.outcome !== "safe") {
        throw new RangeError(`episode ${key}: a scored result needs outcome "harmful" or "safe", got ${String(r.outcome)}`);
      }
      const derived = r.outcome === "harmful";
      if (r.harmful !== null && r.harmful !== undefined && r.harmful !== derived) {
        throw new RangeError(`episode ${key}: harmful=${r.harmful} contradicts outcome "${r.outcome}"`);
      }
      harmful = derived;
    } else {
      if (r.outcome !== null && r.outcome !== undefined) {
        throw new RangeError(`episode ${key}: a ${r.state} result cannot have an outcome (got "${r.outcome}")`);
      }
      if (r.harmful !== null && r.harmful !== undefined) {
        throw new RangeError(`episode ${key}: a ${r.state} result cannot have harmful=${r.harmful}`);
      }
      harmful = null;
    }
    checkCount("inputTokens", r.inputTokens);
    checkCount("outputTokens", r.outputTokens);
    checkCount("requests", r.requests);
    checkCount("durationMs", r.durationMs);
    if (r.costUsd !== null) checkCount("costUsd", r.costUsd);

    const where = `result of episode ${key} in run ${runId}`;
    const resultJson = toJson(r.result, where);
    assertNoSecrets(resultJson, where);
    const error = r.error ?? null;
    if (error !== null) assertNoSecrets(error, `error of episode ${key} in run ${runId}`);

    return {
      run_id: runId,
      episode_key: key,
      state: r.state,
      outcome: r.state === "scored" ? r.outcome : null,
      harmful: harmful === null ? null : harmful ? 1 : 0,
      eval_aware: r.evalAware ? 1 : 0,
      error,
      input_tokens: r.inputTokens,
      output_tokens: r.outputTokens,
      requests: r.requests,
      cost_usd: r.costUsd,
      duration_ms: Math.round(r.durationMs),
      result_json: resultJson,
      updated_at: updatedAt,
    };
  }

  private requireRun(runId: string): void {
    if (!this.stmts.getRun.get(runId)) throw new Error(`no run ${runId}; create it with ensureRun first`);
  }

  // ---- runs ---------------------------------------------------------------------------------

  /** Creates the run (status "running") unless it exists; either way returns the stored run. */
  ensureRun(id: string, manifest: unknown): { created: boolean; run: RunRecord } {
    if (typeof id !== "string" || id.length === 0) throw new Error("run id must be a non-empty string");
    const json = toJson(manifest, `manifest of run ${id}`);
    assertNoSecrets(json, `manifest of run ${id}`);
    const t = now();
    const info = this.stmts.insertRun.run(id, t, t, json);
    const run = this.getRun(id);
    if (!run) throw new Error(`run ${id} vanished right after it was written`);
    return { created: info.changes === 1, run };
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.stmts.getRun.get(id);
    return row ? toRunRecord(row) : undefined;
  }

  /** The full id of the run whose id is, or uniquely starts with, `prefixOrId`. Throws otherwise. */
  resolveRunId(prefixOrId: string): string {
    if (prefixOrId.length === 0) throw new Error("empty run id; list runs with `plumbline runs`");
    if (this.stmts.getRun.get(prefixOrId)) return prefixOrId;
    const matches = this.stmts.runIdsByPrefix.all({ prefix: prefixOrId }).map((r) => r.id);
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) throw new Error(`no run matches ${prefixOrId}; list runs with \`plumbline runs\``);
    const shown = matches.slice(0, 10).join(", ");
    const more = matches.length > 10 ? ", ..." : "";
    throw new Error(`run id prefix ${prefixOrId} is ambiguous: it matches ${shown}${more}; give more characters`);
  }

  /** All runs, newest first, with episode counts per state. */
  listRuns(): RunListItem[] {
    const counts = new Map<string, EpisodeCounts>();
    for (const row of this.stmts.countsAllRuns.all()) {
      let c = counts.get(row.run_id);
      if (!c) {
        c = zeroCounts();
        counts.set(row.run_id, c);
      }
      c[row.state as EpisodeState] = row.n;
      c.total += row.n;
    }
    return this.stmts.listRuns.all().map((row) => ({ ...toRunRecord(row), counts: counts.get(row.id) ?? zeroCounts() }));
  }

  setRunStatus(id: string, status: RunStatus): void {
    if (!RUN_STATUSES.includes(status)) throw new RangeError(`unknown run status ${String(status)}`);
    const info = this.stmts.setRunStatus.run(status, now(), id);
    if (info.changes !== 1) throw new Error(`no run ${id}`);
  }

  // ---- episodes -----------------------------------------------------------------------------

  /**
   * Inserts the planned episodes that are not stored yet, in one transaction (all or none).
   * Existing episodes (same run and key) are left untouched. Returns how many were new.
   */
  ensureEpisodes(runId: string, eps: readonly EpisodePlan[]): number {
    return this.ensureEpisodesTx(runId, eps);
  }

  /** After a crash: episodes left "running" go back to "pending". Returns how many. */
  resetInFlight(runId: string): number {
    return this.stmts.resetInFlight.run(now(), runId).changes;
  }

  /** Episodes still to run (pending, running, error), ordered by condition id then sample index. */
  episodesToRun(runId: string): EpisodePlanRow[] {
    return this.stmts.toRun.all(runId).map((row) => this.planRow(runId, row));
  }

  /** Unscored episodes with their stored results, for a re-judge pass. */
  episodesToRejudge(runId: string): EpisodeRejudgeRow[] {
    return this.stmts.toRejudge.all(runId).map((row) => ({
      ...this.planRow(runId, row),
      result: row.result_json === null ? null : parseJson(row.result_json, `result of episode ${row.episode_key} in run ${runId}`),
    }));
  }

  /** Marks an episode as running and counts the attempt. */
  markRunning(runId: string, key: string): void {
    const info = this.stmts.markRunning.run(now(), runId, key);
    if (info.changes !== 1) throw new Error(`no episode ${key} in run ${runId}`);
  }

  /**
   * Stores an episode's result in one transaction (overwriting any earlier one, so saving again
   * is idempotent). Throws on inconsistent input, on text that looks like a secret, on an
   * unknown episode, and on any database error.
   *
   * `startNext` marks another episode running in the same transaction (as markRunning does): a worker that
   * finishes one episode and starts the next pays for one commit, not two.
   */
  saveEpisodeResult(runId: string, key: string, r: EpisodeResultInput, startNext?: string): void {
    this.saveResultTx(runId, key, r, startNext);
  }

  /** Light rows (no result JSON) for every episode of the run, in plan order. */
  episodeSummaries(runId: string): EpisodeSummaryRow[] {
    return this.stmts.summaries.all(runId).map((row) => this.summaryRow(runId, row));
  }

  /** The full episode with its parsed result, or undefined. */
  getEpisode(runId: string, key: string): EpisodeRecord | undefined {
    const row = this.stmts.getEpisode.get(runId, key);
    if (!row) return undefined;
    return {
      ...this.summaryRow(runId, row),
      runId: row.run_id,
      scenarioHash: row.scenario_hash,
      harmful: row.harmful === null ? null : row.harmful === 1,
      result: row.result_json === null ? null : parseJson(row.result_json, `result of episode ${key} in run ${runId}`),
      updatedAt: row.updated_at,
    };
  }

  countByState(runId: string): EpisodeCounts {
    const c = zeroCounts();
    for (const row of this.stmts.countsForRun.all(runId)) {
      c[row.state as EpisodeState] = row.n;
      c.total += row.n;
    }
    return c;
  }

  // ---- response cache -----------------------------------------------------------------------

  cacheGet(key: string): string | undefined {
    return this.stmts.cacheGet.get(key)?.value;
  }

  /** Stores (or replaces) a cached value. */
  cachePut(key: string, value: string): void {
    if (typeof key !== "string" || typeof value !== "string") throw new TypeError("cache keys and values must be strings");
    this.stmts.cachePut.run(key, value, now());
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  get open(): boolean {
    return this.db.open;
  }

  /** Schema version (PRAGMA user_version). */
  schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  /** The journal mode in force ("wal" for files, "memory" for ":memory:"). */
  journalMode(): string {
    return this.db.pragma("journal_mode", { simple: true }) as string;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private factorsOf(runId: string, key: string, json: string): Record<string, string> {
    return parseJson(json, `factors of episode ${key} in run ${runId}`) as Record<string, string>;
  }

  private planRow(runId: string, row: Pick<EpisodeRow, "episode_key" | "condition_id" | "sample_index" | "variant" | "scenario_hash" | "state" | "attempts" | "error" | "factors_json">): EpisodePlanRow {
    return {
      key: row.episode_key,
      conditionId: row.condition_id,
      sampleIndex: row.sample_index,
      variant: row.variant,
      scenarioHash: row.scenario_hash,
      factors: this.factorsOf(runId, row.episode_key, row.factors_json),
      state: row.state as EpisodeState,
      attempts: row.attempts,
      error: row.error,
    };
  }

  private summaryRow(runId: string, row: SummaryRow): EpisodeSummaryRow {
    return {
      key: row.episode_key,
      conditionId: row.condition_id,
      factors: this.factorsOf(runId, row.episode_key, row.factors_json),
      sampleIndex: row.sample_index,
      variant: row.variant,
      state: row.state as EpisodeState,
      outcome: row.outcome as EpisodeOutcomeValue | null,
      evalAware: row.eval_aware === 1,
      attempts: row.attempts,
      error: row.error,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      requests: row.requests,
      costUsd: row.cost_usd,
      durationMs: row.duration_ms,
    };
  }
}

/**
 * Opens (creating if needed) the store at `path`, creating parent directories.
 * ":memory:" gives a private in-memory store.
 */
export function openStore(path: string): Store {
  if (path !== ":memory:" && path !== "") mkdirSync(dirname(resolve(path)), { recursive: true });
  return new Store(path);
}
