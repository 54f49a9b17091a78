import type { ResponseCache } from "../../model/cache.js";
import { redactSecrets, SecretLeakError, assertNoSecrets } from "../../store/secrets.js";
import { hashValue, sha256 } from "../../util/hash.js";
import { createRng } from "../../util/rng.js";
import type { Constitution } from "../constitution/index.js";
import { renderPromptTemplate, type LoadedTemplate, type TemplateRegistry } from "../templates/index.js";
import type { Tokenizer } from "../tokens.js";
import type { Example, Lineage } from "../types.js";
import type { Budget } from "./budget.js";
import { modelCaller, type PipelineModel } from "./models.js";
import type { UnitEnv } from "./units.js";
import type { Item, ModelCaller, Recipe, Rejection, Stage, StageContext } from "./types.js";

/**
 * The per-unit context a stage runs with, the shape a unit's output is cached in, and lineage: every item
 * carries the trail of stage records that made it, and finished examples get that trail merged into their own
 * lineage.
 */

export type LineageStage = Lineage["stages"][number];

/** Where an item's value is stored: in a cached unit's outputs, or inline (source items). */
export type ItemRef = { unitKey: string; outIndex: number } | { inline: true };

/** An item as the engine moves it: the value plus its lineage trail and where it is stored. */
export interface TrackedItem extends Item {
  trail: LineageStage[];
  ref: ItemRef;
}

/** Everything a run shares across stages. */
export interface RunEnv {
  recipe: Recipe;
  seed: number;
  options: unknown;
  optionsHash: string;
  templates: TemplateRegistry;
  constitution: Constitution;
  tokenizer: Tokenizer;
  teacher: PipelineModel | undefined;
  grader: PipelineModel | undefined;
  budget: Budget;
  /** Response cache for model calls (undefined with caching off). */
  cache: ResponseCache | undefined;
}

/** A unit's output as cached: what the stage passed on and rejected, and what it used (for lineage). */
export interface StoredUnit {
  outputs: Item[];
  rejected: Rejection[];
  templates: Array<{ id: string; version: string }>;
  models: string[];
}

function seedFor(text: string): number {
  return parseInt(sha256(text).slice(0, 8), 16) & 0x7fffffff;
}

/** Runs one item through one stage and returns what to cache. */
export async function runStageUnit(env: RunEnv, stage: Stage, declared: readonly LoadedTemplate[], item: TrackedItem, unit: UnitEnv): Promise<StoredUnit> {
  const usedTemplates = new Map<string, LoadedTemplate>();
  const usedModels = new Set<string>();
  let calls = 0;
  const callEnv = {
    budget: env.budget,
    cache: env.cache,
    tokenizer: env.tokenizer,
    usage: unit.usage,
    signal: unit.signal,
    nextSeed: () => seedFor(`${env.seed}|${stage.name}|${item.id}|${calls++}`),
  };
  const caller = (role: "teacher" | "grader"): ModelCaller => {
    if (!stage.uses?.[role]) throw new Error(`stage "${stage.name}" calls the ${role} without declaring it: add uses: { ${role}: true } to the stage`);
    const model = env[role];
    if (!model) throw new Error(`stage "${stage.name}" needs a ${role}, and none was given`);
    usedModels.add(model.spec);
    return modelCaller(model, callEnv);
  };
  const byId = new Map(declared.map((t) => [t.id, t]));
  const ctx: StageContext = {
    recipe: env.recipe.name,
    stage: stage.name,
    seed: env.seed,
    options: env.options as Record<string, unknown>,
    templates: env.templates,
    constitution: env.constitution,
    render(templateId, vars) {
      const template = byId.get(templateId);
      if (!template) {
        throw new Error(`stage "${stage.name}" renders template "${templateId}" without declaring it: add it to the stage's templates (so cached results follow its version)`);
      }
      usedTemplates.set(template.id, template);
      return renderPromptTemplate(template, vars);
    },
    rng: (label = "") => createRng(`${env.seed}|${stage.name}|${item.id}|${label}`),
    get teacher() {
      return caller("teacher");
    },
    get grader() {
      return caller("grader");
    },
    has: (role) => Boolean(stage.uses?.[role]) && env[role] !== undefined,
    lineage: () => baseLineage(env, item.trail),
    signal: unit.signal,
  };

  const result = await stage.run({ id: item.id, value: item.value }, ctx);
  if (!result || !Array.isArray(result.outputs)) throw new Error(`stage "${stage.name}" returned ${JSON.stringify(result)?.slice(0, 80)}; it must return { outputs: [...], rejected?: [...] }`);
  const outputs: Item[] = [];
  const rejected: Rejection[] = [];
  for (const out of result.outputs) {
    if (!out || typeof out.id !== "string" || out.id === "") throw new Error(`stage "${stage.name}" returned an output without a string id (input item ${item.id})`);
    // A credential in an output (echoed from input data, or invented by a model) is never cached or exported.
    const leak = secretProblem(out.value);
    if (leak) rejected.push({ id: out.id, reason: `${stage.name}: output ${leak}`, value: redacted(out.value) });
    else outputs.push({ id: out.id, value: out.value });
  }
  for (const r of result.rejected ?? []) {
    rejected.push({ id: r.id || item.id, reason: r.reason, value: redacted(r.value === undefined ? item.value : r.value) });
  }
  return {
    outputs,
    rejected,
    templates: [...usedTemplates.values()].map((t) => ({ id: t.id, version: t.version })),
    models: [...usedModels],
  };
}

/** Why a value may not be stored (it looks like it holds a key), or undefined. */
export function secretProblem(value: unknown): string | undefined {
  try {
    assertNoSecrets(JSON.stringify(value ?? null), "value");
    return undefined;
  } catch (error) {
    if (!(error instanceof SecretLeakError)) throw error;
    return error.message.replace(/^refusing to store value: it /, "").replace(/; remove credentials before persisting$/, "");
  }
}

/** The value with anything key-shaped replaced by "[redacted]" (still valid JSON). */
export function redacted(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(redactSecrets(JSON.stringify(value))) as unknown;
}

/** The lineage record a stage adds to each item it outputs. */
export function stageRecord(stage: string, unit: StoredUnit, value: unknown): LineageStage {
  return {
    name: stage,
    ...(unit.templates.length > 0 ? { templateId: unit.templates.map((t) => t.id).join("+"), templateVersion: unit.templates.map((t) => t.version).join("+") } : {}),
    ...(unit.models.length > 0 ? { model: unit.models.join("+") } : {}),
    outputHash: hashValue(value).slice(0, 16),
  };
}

export function baseLineage(env: RunEnv, trail: readonly LineageStage[]): Lineage {
  return {
    recipe: env.recipe.name,
    stages: trail.map((s) => ({ ...s })),
    seed: env.seed,
    ...(env.recipe.needsTeacher && env.teacher ? { teacher: env.teacher.spec } : {}),
    ...(env.recipe.usesConstitution ? { constitution: { name: env.constitution.name, hash: env.constitution.hash } } : {}),
  };
}

/**
 * The example with the run's lineage merged in: the recipe, seed, teacher and constitution set, and each
 * trail record either filling the gaps of the example's own record of the same stage or appended after them.
 */
export function finalizeLineage(env: RunEnv, example: Example, trail: readonly LineageStage[]): Example {
  const stages = example.lineage.stages.map((s) => ({ ...s }));
  for (const record of trail) {
    const same = stages.find((s) => s.name === record.name);
    if (!same) stages.push({ ...record });
    else for (const [k, v] of Object.entries(record) as Array<[keyof LineageStage, string]>) if (same[k] === undefined) same[k] = v;
  }
  const base = baseLineage(env, []);
  return { ...example, lineage: { ...example.lineage, ...base, stages } };
}
