import type { PipelineItemStatus, PipelineRecord, PipelineStore, StageRecord } from "../../store/index.js";
import type { StoredUnit } from "./context.js";
import { PipelineInputError } from "./errors.js";

/**
 * Reading a pipeline back from the store: its stages with their counts, and any stage's items with their
 * values (read from the cached units they point at) and the reasons recorded for each.
 */

export interface ShownItem {
  position: number;
  id: string;
  status: PipelineItemStatus;
  /** The item as the stage output it (or, for rows of finishing stages, the example they refer to). */
  value: unknown;
  detail: unknown;
}

export interface PipelineView {
  pipeline: PipelineRecord;
  stages: StageRecord[];
  /** With `stage`: that stage's items. */
  items?: ShownItem[];
  counts?: Partial<Record<PipelineItemStatus, number>>;
}

export interface ShowOptions {
  stage?: string;
  status?: PipelineItemStatus;
  limit?: number;
  offset?: number;
}

export function showPipeline(store: PipelineStore, idOrPrefix: string, options: ShowOptions = {}): PipelineView {
  let id: string;
  try {
    id = store.resolvePipelineId(idOrPrefix);
  } catch (error) {
    throw new PipelineInputError((error as Error).message);
  }
  const pipeline = store.getPipeline(id)!;
  const stages = store.stages(id);
  if (options.stage === undefined) return { pipeline, stages };
  const stage = stages.find((s) => s.stage === options.stage);
  if (!stage) {
    throw new PipelineInputError(`pipeline ${id} has no stage "${options.stage}". Its stages: ${stages.map((s) => s.stage).join(", ") || "(none recorded yet)"}.`);
  }
  const units = new Map<string, StoredUnit | undefined>();
  const unit = (key: string) => {
    if (!units.has(key)) units.set(key, store.getUnit(key)?.output as StoredUnit | undefined);
    return units.get(key);
  };
  const rows = store.stageItems(id, stage.stage, {
    ...(options.status ? { status: options.status } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.offset !== undefined ? { offset: options.offset } : {}),
  });
  const items = rows.map((r): ShownItem => {
    let value: unknown = r.item;
    if (value === null && r.unitKey !== null && r.outIndex !== null) {
      const stored = unit(r.unitKey);
      const list = stage.kind === "map" && r.status === "rejected" ? stored?.rejected : stored?.outputs;
      value = list?.[r.outIndex]?.value ?? null;
    }
    return { position: r.position, id: r.itemId, status: r.status, value, detail: r.detail };
  });
  return { pipeline, stages, items, counts: store.countStageItems(id, stage.stage) };
}

export function listPipelines(store: PipelineStore): PipelineRecord[] {
  return store.listPipelines();
}
