import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrations.js";
import { assertNoSecrets } from "./secrets.js";

/**
 * Storage for the data pipelines (src/data/pipeline), in the same SQLite file as the eval runs.
 *
 * - pipeline_units: the content-addressed cache of units of work (one item through one stage). The key is a
 *   hash of everything that decides the output, so a unit is shared by every pipeline that needs it and a
 *   re-run only does what is missing. A unit is written in one statement as soon as it finishes, so a crash
 *   or kill loses only the units in flight.
 * - pipelines / pipeline_stages / pipeline_items: what one pipeline did, stage by stage, for inspection
 *   (`plumbline data show`). Items point at units instead of copying their output.
 * - cache: the model response cache (migration 2), shared with the eval runs; this class implements the
 *   ResponseCache interface over it so a unit that makes several requests loses none of them when cut off.
 *
 * Its own connection (WAL, busy timeout) keeps it independent of Store; both run the same migrations.
 * Every JSON value is checked with assertNoSecrets before it is written.
 */

export type PipelineStatus = "running" | "complete" | "stopped" | "interrupted" | "failed";
export type PipelineItemStatus = "output" | "rejected" | "kept" | "removed" | "pending";

export interface UnitRecord {
  key: string;
  stage: string;
  stageVersion: string;
  output: unknown;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  createdAt: string;
}

export interface PipelineRecord {
  id: string;
  recipe: string;
  createdAt: string;
  updatedAt: string;
  status: PipelineStatus;
  manifest: unknown;
}

export interface StageRecord {
  stage: string;
  position: number;
  kind: string;
  version: string;
  complete: boolean;
  summary: unknown;
  updatedAt: string;
}

export interface StageItemInput {
  itemId: string;
  status: PipelineItemStatus;
  unitKey?: string | null;
  outIndex?: number | null;
  /** Only for items no unit holds (source items). */
  item?: unknown;
  detail?: unknown;
}

export interface StageItemRecord {
  position: number;
  itemId: string;
  status: PipelineItemStatus;
  unitKey: string | null;
  outIndex: number | null;
  item: unknown;
  detail: unknown;
}

const BUSY_TIMEOUT_MS = 5000;

function now(): string {
  return new Date().toISOString();
}

function toJson(value: unknown, where: string): string {
  const text = JSON.stringify(value ?? null);
  assertNoSecrets(text, where);
  return text;
}

function parse(text: string | null, where: string): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`corrupt JSON in ${where}: ${(err as Error).message}`, { cause: err });
  }
}

function count(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  return n;
}

interface UnitRow {
  key: string;
  stage: string;
  stage_version: string;
  output_json: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  created_at: string;
}

interface PipelineRow {
  id: string;
  recipe: string;
  created_at: string;
  updated_at: string;
  status: PipelineStatus;
  manifest_json: string;
}

interface StageRow {
  stage: string;
  position: number;
  kind: string;
  version: string;
  complete: number;
  summary_json: string;
  updated_at: string;
}

interface ItemRow {
  position: number;
  item_id: string;
  status: PipelineItemStatus;
  unit_key: string | null;
  out_index: number | null;
  item_json: string | null;
  detail_json: string | null;
}

export class PipelineStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly saveStageTx: (pipelineId: string, stage: Omit<StageRecord, "updatedAt">, items: readonly StageItemInput[]) => void;

  constructor(path: string) {
    this.path = path;
    this.db = new Database(path);
    try {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.db.pragma("foreign_keys = ON");
      migrate(this.db);
    } catch (err) {
      this.db.close();
      throw err;
    }
    const db = this.db;
    this.stmts = {
      getUnit: db.prepare<[string], UnitRow>(`SELECT * FROM pipeline_units WHERE key = ?`),
      hasUnit: db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM pipeline_units WHERE key = ?`),
      putUnit: db.prepare(
        `INSERT OR REPLACE INTO pipeline_units (key, stage, stage_version, output_json, requests, input_tokens, output_tokens, cost_usd, created_at)
         VALUES (@key, @stage, @stage_version, @output_json, @requests, @input_tokens, @output_tokens, @cost_usd, @created_at)`,
      ),
      cacheGet: db.prepare<[string], { value: string }>(`SELECT value FROM cache WHERE key = ?`),
      cachePut: db.prepare<[string, string, string]>(`INSERT OR REPLACE INTO cache (key, value, created_at) VALUES (?, ?, ?)`),
      getPipeline: db.prepare<[string], PipelineRow>(`SELECT * FROM pipelines WHERE id = ?`),
      insertPipeline: db.prepare(
        `INSERT OR IGNORE INTO pipelines (id, recipe, created_at, updated_at, status, manifest_json) VALUES (@id, @recipe, @now, @now, 'running', @manifest_json)`,
      ),
      updateManifest: db.prepare<[string, string, string]>(`UPDATE pipelines SET manifest_json = ?, updated_at = ? WHERE id = ?`),
      setStatus: db.prepare<[string, string, string]>(`UPDATE pipelines SET status = ?, updated_at = ? WHERE id = ?`),
      listPipelines: db.prepare<[], PipelineRow>(`SELECT * FROM pipelines ORDER BY created_at DESC, id`),
      prefix: db.prepare<[number, string], { id: string }>(`SELECT id FROM pipelines WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 2`),
      upsertStage: db.prepare(
        `INSERT INTO pipeline_stages (pipeline_id, stage, position, kind, version, complete, summary_json, updated_at)
         VALUES (@pipeline_id, @stage, @position, @kind, @version, @complete, @summary_json, @updated_at)
         ON CONFLICT (pipeline_id, stage) DO UPDATE SET position = excluded.position, kind = excluded.kind, version = excluded.version,
           complete = excluded.complete, summary_json = excluded.summary_json, updated_at = excluded.updated_at`,
      ),
      deleteItems: db.prepare<[string, string]>(`DELETE FROM pipeline_items WHERE pipeline_id = ? AND stage = ?`),
      insertItem: db.prepare(
        `INSERT INTO pipeline_items (pipeline_id, stage, position, item_id, status, unit_key, out_index, item_json, detail_json)
         VALUES (@pipeline_id, @stage, @position, @item_id, @status, @unit_key, @out_index, @item_json, @detail_json)`,
      ),
      stages: db.prepare<[string], StageRow>(`SELECT stage, position, kind, version, complete, summary_json, updated_at FROM pipeline_stages WHERE pipeline_id = ? ORDER BY position`),
      items: db.prepare<[string, string, number, number], ItemRow>(
        `SELECT position, item_id, status, unit_key, out_index, item_json, detail_json FROM pipeline_items
         WHERE pipeline_id = ? AND stage = ? ORDER BY position LIMIT ? OFFSET ?`,
      ),
      itemsByStatus: db.prepare<[string, string, string, number, number], ItemRow>(
        `SELECT position, item_id, status, unit_key, out_index, item_json, detail_json FROM pipeline_items
         WHERE pipeline_id = ? AND stage = ? AND status = ? ORDER BY position LIMIT ? OFFSET ?`,
      ),
      itemById: db.prepare<[string, string, string], ItemRow>(
        `SELECT position, item_id, status, unit_key, out_index, item_json, detail_json FROM pipeline_items
         WHERE pipeline_id = ? AND stage = ? AND item_id = ? ORDER BY position LIMIT 1`,
      ),
      countItems: db.prepare<[string, string], { status: PipelineItemStatus; n: number }>(
        `SELECT status, COUNT(*) AS n FROM pipeline_items WHERE pipeline_id = ? AND stage = ? GROUP BY status`,
      ),
    };

    this.saveStageTx = this.db.transaction((pipelineId: string, stage: Omit<StageRecord, "updatedAt">, items: readonly StageItemInput[]) => {
      if (!this.stmts.getPipeline.get(pipelineId)) throw new Error(`no pipeline ${pipelineId}`);
      this.stmts.upsertStage.run({
        pipeline_id: pipelineId,
        stage: stage.stage,
        position: stage.position,
        kind: stage.kind,
        version: stage.version,
        complete: stage.complete ? 1 : 0,
        summary_json: toJson(stage.summary, `summary of stage ${stage.stage}`),
        updated_at: now(),
      });
      this.stmts.deleteItems.run(pipelineId, stage.stage);
      items.forEach((item, position) => {
        this.stmts.insertItem.run({
          pipeline_id: pipelineId,
          stage: stage.stage,
          position,
          item_id: item.itemId,
          status: item.status,
          unit_key: item.unitKey ?? null,
          out_index: item.outIndex ?? null,
          item_json: item.item === undefined ? null : toJson(item.item, `item ${item.itemId} of stage ${stage.stage}`),
          detail_json: item.detail === undefined ? null : toJson(item.detail, `detail of item ${item.itemId} of stage ${stage.stage}`),
        });
      });
    });
  }

  // --- units -----------------------------------------------------------------------------------------------

  getUnit(key: string): UnitRecord | undefined {
    const row = this.stmts.getUnit.get(key);
    if (!row) return undefined;
    return {
      key: row.key,
      stage: row.stage,
      stageVersion: row.stage_version,
      output: parse(row.output_json, `unit ${key}`),
      requests: row.requests,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      costUsd: row.cost_usd,
      createdAt: row.created_at,
    };
  }

  hasUnit(key: string): boolean {
    return this.stmts.hasUnit.get(key) !== undefined;
  }

  /** Writes (or replaces) one unit; refuses output that looks like it holds a credential. */
  putUnit(unit: Omit<UnitRecord, "createdAt">): void {
    this.stmts.putUnit.run({
      key: unit.key,
      stage: unit.stage,
      stage_version: unit.stageVersion,
      output_json: toJson(unit.output, `output of stage ${unit.stage}`),
      requests: count("requests", unit.requests),
      input_tokens: count("inputTokens", unit.inputTokens),
      output_tokens: count("outputTokens", unit.outputTokens),
      cost_usd: unit.costUsd,
      created_at: now(),
    });
  }

  // --- response cache (ResponseCache) -----------------------------------------------------------------------

  cacheGet(key: string): string | undefined {
    return this.stmts.cacheGet.get(key)?.value;
  }

  cachePut(key: string, value: string): void {
    assertNoSecrets(value, "cached model response");
    this.stmts.cachePut.run(key, value, now());
  }

  // --- pipelines --------------------------------------------------------------------------------------------

  /** Creates the pipeline row if it is new; an existing one keeps its creation time and gets this manifest. */
  ensurePipeline(id: string, recipe: string, manifest: unknown): { created: boolean } {
    const json = toJson(manifest, `manifest of pipeline ${id}`);
    const info = this.stmts.insertPipeline.run({ id, recipe, now: now(), manifest_json: json });
    if (info.changes === 0) this.stmts.updateManifest.run(json, now(), id);
    return { created: info.changes > 0 };
  }

  setPipelineStatus(id: string, status: PipelineStatus): void {
    const info = this.stmts.setStatus.run(status, now(), id);
    if (info.changes === 0) throw new Error(`no pipeline ${id}`);
  }

  updatePipelineManifest(id: string, manifest: unknown): void {
    const info = this.stmts.updateManifest.run(toJson(manifest, `manifest of pipeline ${id}`), now(), id);
    if (info.changes === 0) throw new Error(`no pipeline ${id}`);
  }

  getPipeline(id: string): PipelineRecord | undefined {
    const row = this.stmts.getPipeline.get(id);
    return row ? toPipeline(row) : undefined;
  }

  listPipelines(): PipelineRecord[] {
    return this.stmts.listPipelines.all().map(toPipeline);
  }

  /** The full id for an id or a unique prefix of one; throws naming the problem otherwise. */
  resolvePipelineId(prefixOrId: string): string {
    if (prefixOrId === "") throw new Error("empty pipeline id");
    const rows = this.stmts.prefix.all(prefixOrId.length, prefixOrId);
    if (rows.length === 0) throw new Error(`no pipeline "${prefixOrId}" in ${this.path} (list them with \`plumbline data list\`)`);
    if (rows.length > 1 && !rows.some((r) => r.id === prefixOrId)) throw new Error(`"${prefixOrId}" matches more than one pipeline; give more of the id`);
    return rows.some((r) => r.id === prefixOrId) ? prefixOrId : rows[0]!.id;
  }

  // --- stages and their items -------------------------------------------------------------------------------

  /** Replaces what is recorded for one stage of a pipeline, in one transaction. */
  saveStage(pipelineId: string, stage: Omit<StageRecord, "updatedAt">, items: readonly StageItemInput[]): void {
    this.saveStageTx(pipelineId, stage, items);
  }

  stages(pipelineId: string): StageRecord[] {
    return this.stmts.stages.all(pipelineId).map((r) => ({
      stage: r.stage,
      position: r.position,
      kind: r.kind,
      version: r.version,
      complete: r.complete === 1,
      summary: parse(r.summary_json, `summary of stage ${r.stage}`),
      updatedAt: r.updated_at,
    }));
  }

  stageItems(pipelineId: string, stage: string, options: { limit?: number; offset?: number; status?: PipelineItemStatus } = {}): StageItemRecord[] {
    const limit = options.limit ?? -1;
    const offset = options.offset ?? 0;
    const rows = options.status ? this.stmts.itemsByStatus.all(pipelineId, stage, options.status, limit, offset) : this.stmts.items.all(pipelineId, stage, limit, offset);
    return rows.map((r) => toItem(r, stage));
  }

  stageItem(pipelineId: string, stage: string, itemId: string): StageItemRecord | undefined {
    const row = this.stmts.itemById.get(pipelineId, stage, itemId);
    return row ? toItem(row, stage) : undefined;
  }

  countStageItems(pipelineId: string, stage: string): Partial<Record<PipelineItemStatus, number>> {
    const out: Partial<Record<PipelineItemStatus, number>> = {};
    for (const r of this.stmts.countItems.all(pipelineId, stage)) out[r.status] = r.n;
    return out;
  }

  close(): void {
    this.db.close();
  }
}

function toPipeline(row: PipelineRow): PipelineRecord {
  return {
    id: row.id,
    recipe: row.recipe,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    manifest: parse(row.manifest_json, `manifest of pipeline ${row.id}`),
  };
}

function toItem(r: ItemRow, stage: string): StageItemRecord {
  return {
    position: r.position,
    itemId: r.item_id,
    status: r.status,
    unitKey: r.unit_key,
    outIndex: r.out_index,
    item: parse(r.item_json, `item ${r.item_id} of stage ${stage}`),
    detail: parse(r.detail_json, `detail of item ${r.item_id} of stage ${stage}`),
  };
}

/** Opens (creating if needed) the pipeline store at `path`, creating parent directories. */
export function openPipelineStore(path: string): PipelineStore {
  if (path !== ":memory:" && path !== "") mkdirSync(dirname(resolve(path)), { recursive: true });
  return new PipelineStore(path);
}
