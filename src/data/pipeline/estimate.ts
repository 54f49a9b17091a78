import { existsSync } from "node:fs";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import { parseModelSpec } from "../../model/spec.js";
import { costUsd, priceFor } from "../../model/pricing.js";
import { openPipelineStore, type PipelineStore } from "../../store/index.js";
import { hashValue } from "../../util/hash.js";
import { renderPromptTemplate } from "../templates/index.js";
import { ExampleSchema } from "../types.js";
import { Budget } from "./budget.js";
import { finalizeLineage, runStageUnit, stageRecord, type StoredUnit, type TrackedItem } from "./context.js";
import { GRADE_OUTPUT_TOKENS, GRADE_STAGE, GRADE_VERSION, renderExampleForGrading } from "./grade.js";
import { templateKey, unitKey } from "./keys.js";
import { DEFAULT_OUTPUT_TOKENS, emptyUsage } from "./models.js";
import { runEnvOf, type Prepared } from "./prepare.js";
import { applyRules, defaultRules } from "./rules.js";
import type { EstimateContext, StageEstimate } from "./types.js";

/**
 * The dry run: items x expected requests x estimated tokens x price, per stage, with no request sent and
 * nothing written. Stages that call no model are run for real (in memory), so the items reaching the first
 * model stage are the real ones and its prompts can be counted exactly; units already in the cache are
 * counted as free. After the first model stage the items are not known, so counts and sizes come from each
 * stage's own `estimate` (a default of one 500-token prompt and a full-length answer when it declares none).
 */

export interface EstimateRow {
  stage: string;
  kind: "source" | "map" | "grade";
  /** Items coming in; `exact` false when only their number is estimated. */
  items: number;
  exact: boolean;
  model: string | null;
  cachedUnits: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** null: unknown price. */
  costUsd: number | null;
  note?: string;
}

export interface PipelineEstimate {
  pipelineId: string;
  recipe: string;
  rows: EstimateRow[];
  total: { requests: number; inputTokens: number; outputTokens: number; costUsd: number | null };
  /** Limits the run would hit, keys it would miss, guesses it rests on. */
  warnings: string[];
}

const DEFAULT_ESTIMATE: StageEstimate = { requests: 1, inputTokens: 500, outputTokens: DEFAULT_OUTPUT_TOKENS };

function priceOf(spec: string | null) {
  if (!spec) return undefined;
  const parsed = parseModelSpec(spec);
  return priceFor(parsed.provider, parsed.model);
}

export async function estimatePipeline(p: Prepared): Promise<PipelineEstimate> {
  const dbPath = p.options.dbPath ?? DEFAULT_DB_PATH;
  const store: PipelineStore | undefined = p.options.cache !== false && existsSync(dbPath) ? openPipelineStore(dbPath) : undefined;
  try {
    return await estimate(p, store);
  } finally {
    store?.close();
  }
}

async function estimate(p: Prepared, store: PipelineStore | undefined): Promise<PipelineEstimate> {
  const { recipe } = p;
  const rows: EstimateRow[] = [];
  const warnings: string[] = [];
  const env = runEnvOf(p, { teacher: undefined, grader: undefined, budget: new Budget({ maxRequests: 0 }), cache: undefined });
  const ectx: EstimateContext = {
    options: p.recipeOptions as Record<string, unknown>,
    templates: p.templates,
    constitution: p.constitution,
    tokenizer: p.tokenizer,
    count: (text) => p.tokenizer.count(text),
    has: (model) => Boolean(model === "teacher" ? p.teacher : p.grader),
  };
  const cost = (spec: string | null, input: number, output: number) => (spec ? costUsd(priceOf(spec), input, output) : 0);
  rows.push({ stage: p.sourceName, kind: "source", items: p.items.length, exact: true, model: null, cachedUnits: 0, requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });

  let known: TrackedItem[] | undefined = p.items;
  let count = p.items.length;
  /** Completion tokens per item of the last model stage: the size of what later stages read. */
  let lastItemTokens: number | undefined;
  const signal = new AbortController().signal;

  for (const [i, stage] of recipe.stages.entries()) {
    const declared = p.stageTemplates[i]!;
    const spec = stage.uses?.teacher ? (p.teacher ?? null) : stage.uses?.grader ? (p.grader ?? null) : null;
    const row: EstimateRow = { stage: stage.name, kind: "map", items: count, exact: known !== undefined, model: spec, cachedUnits: 0, requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const usesModel = Boolean(stage.uses?.teacher || stage.uses?.grader);
    if (usesModel && !stage.estimate) row.note = `no estimate declared: assumed ${DEFAULT_ESTIMATE.requests} request of ${DEFAULT_ESTIMATE.inputTokens} + ${DEFAULT_ESTIMATE.outputTokens} tokens per item`;

    if (known && !usesModel) {
      // No model: run it for real, in memory.
      const next: TrackedItem[] = [];
      for (const item of known) {
        const unit = await runStageUnit(env, stage, declared, item, { key: "", usage: emptyUsage(), signal });
        unit.outputs.forEach((o, outIndex) => next.push({ id: o.id, value: o.value, trail: [...item.trail, stageRecord(stage.name, unit, o.value)], ref: { unitKey: "", outIndex } }));
      }
      known = next;
      count = next.length;
    } else if (known) {
      let outputs = 0;
      let itemTokens = 0;
      const cachedOutputs: TrackedItem[] = [];
      for (const item of known) {
        const key = unitKey({
          stage: stage.name,
          stageVersion: stage.version,
          templates: templateKey(declared),
          models: { ...(stage.uses?.teacher && p.teacher ? { teacher: p.teacher } : {}), ...(stage.uses?.grader && p.grader ? { grader: p.grader } : {}) },
          constitutionHash: stage.uses?.constitution ? p.constitution.hash : null,
          seed: p.seed,
          optionsHash: p.optionsHash,
          inputHash: hashValue({ id: item.id, value: item.value }),
        });
        const hit = store?.getUnit(key);
        if (hit) {
          row.cachedUnits++;
          const unit = hit.output as StoredUnit;
          unit.outputs.forEach((o, outIndex) => cachedOutputs.push({ id: o.id, value: o.value, trail: [...item.trail, stageRecord(stage.name, unit, o.value)], ref: { unitKey: key, outIndex } }));
          continue;
        }
        const e = stage.estimate?.(item, ectx) ?? DEFAULT_ESTIMATE;
        row.requests += e.requests;
        row.inputTokens += e.inputTokens;
        row.outputTokens += e.outputTokens;
        outputs += e.outputs ?? 1;
        itemTokens += e.itemTokens !== undefined ? e.itemTokens * (e.outputs ?? 1) : e.outputTokens;
      }
      if (row.cachedUnits === known.length) {
        known = cachedOutputs;
        count = known.length;
      } else {
        lastItemTokens = row.requests > 0 ? itemTokens / Math.max(1, outputs) : lastItemTokens;
        known = undefined;
        count = cachedOutputs.length + Math.round(outputs);
      }
    } else {
      // A stage that calls no model costs nothing, whatever its items turn out to be.
      const e = stage.estimate?.(undefined, ectx) ?? (usesModel ? DEFAULT_ESTIMATE : { requests: 0, inputTokens: 0, outputTokens: 0 });
      row.requests = Math.round(e.requests * count);
      row.inputTokens = Math.round(e.inputTokens * count);
      row.outputTokens = Math.round(e.outputTokens * count);
      if (e.itemTokens !== undefined) lastItemTokens = e.itemTokens;
      else if (usesModel) lastItemTokens = e.outputTokens / Math.max(1e-9, e.outputs ?? 1);
      count = Math.round(count * (e.outputs ?? 1));
    }
    row.costUsd = cost(spec, row.inputTokens, row.outputTokens);
    rows.push(row);
  }

  if (p.grader) {
    const rubric = p.tokenizer.count(renderPromptTemplate(p.gradeTemplate, { purpose: p.gradingPurpose }));
    const row: EstimateRow = { stage: GRADE_STAGE, kind: "grade", items: count, exact: known !== undefined, model: p.grader, cachedUnits: 0, requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    if (known) {
      const rules = [...defaultRules(p.templates), ...(recipe.rules ?? [])];
      let ruled = 0;
      for (const item of known) {
        const parsed = ExampleSchema.safeParse(item.value);
        if (!parsed.success) continue;
        const example = finalizeLineage(env, parsed.data, item.trail);
        if (applyRules(example, rules).length > 0) {
          ruled++;
          continue;
        }
        const key = unitKey({
          stage: GRADE_STAGE,
          stageVersion: GRADE_VERSION,
          templates: templateKey([p.gradeTemplate]),
          models: { grader: p.grader },
          constitutionHash: null,
          seed: p.seed,
          optionsHash: hashValue(p.gradingPurpose),
          inputHash: hashValue(example),
        });
        if (store?.hasUnit(key)) {
          row.cachedUnits++;
          continue;
        }
        row.requests++;
        row.inputTokens += rubric + p.tokenizer.count(renderExampleForGrading(example));
        row.outputTokens += GRADE_OUTPUT_TOKENS;
      }
      if (ruled > 0) row.note = `${ruled} example(s) fail a rule and are not sent to the grader`;
    } else {
      const perExample = Math.round((lastItemTokens ?? DEFAULT_OUTPUT_TOKENS) + 200);
      row.requests = count;
      row.inputTokens = count * (rubric + perExample);
      row.outputTokens = count * GRADE_OUTPUT_TOKENS;
      row.note = `examples assumed to be about ${perExample} tokens each`;
    }
    row.costUsd = cost(p.grader, row.inputTokens, row.outputTokens);
    rows.push(row);
  }

  const total = { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 as number | null };
  for (const r of rows) {
    total.requests += r.requests;
    total.inputTokens += r.inputTokens;
    total.outputTokens += r.outputTokens;
    total.costUsd = total.costUsd === null || r.costUsd === null ? null : total.costUsd + r.costUsd;
  }

  const { maxRequests, maxCostUsd } = p.options;
  if (maxRequests !== undefined && total.requests > maxRequests) {
    warnings.push(`the run would stop at --max-requests ${maxRequests}, before about ${total.requests - maxRequests} of ${total.requests} requests; re-running the same command continues where it stopped`);
  }
  if (maxCostUsd !== undefined && total.costUsd !== null && total.costUsd > maxCostUsd) {
    warnings.push(`the estimated cost $${total.costUsd.toFixed(4)} is over --max-cost $${maxCostUsd}: the run would stop at the limit; re-running continues where it stopped`);
  }
  if (total.costUsd === null) warnings.push("some model has no known price: cost is shown as unknown, never guessed");
  for (const spec of new Set([recipe.needsTeacher ? p.teacher : undefined, p.grader].filter((s): s is string => Boolean(s)))) {
    const provider = parseModelSpec(spec).provider;
    const variable = provider === "openai" ? "OPENAI_API_KEY" : provider === "anthropic" ? "ANTHROPIC_API_KEY" : undefined;
    if (variable && !process.env[variable]) warnings.push(`${variable} is not set: a real run with ${spec} would stop at once`);
  }
  return { pipelineId: p.pipelineId, recipe: recipe.name, rows, total, warnings };
}
