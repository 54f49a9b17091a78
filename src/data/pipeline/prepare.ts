import { ModelSpecError, parseModelSpec } from "../../model/spec.js";
import { priceFor } from "../../model/pricing.js";
import { hashValue } from "../../util/hash.js";
import { PACKAGE_VERSION } from "../../version.js";
import { ConstitutionError, loadConstitution, type Constitution } from "../constitution/index.js";
import { assertSourceAllowed, type DecontaminatorOptions, type EvalCorpus } from "../decontam/index.js";
import { EXPORT_FORMATS, EXPORT_FORMAT_NAMES, type ExportFormatName } from "../export/index.js";
import { GRADE_RUBRIC_TEMPLATE_ID, loadTemplates, TemplateError, type LoadedTemplate, type TemplateRegistry } from "../templates/index.js";
import { tokenizerFor, type Tokenizer } from "../tokens.js";
import type { Example } from "../types.js";
import { redacted, secretProblem, type RunEnv, type TrackedItem } from "./context.js";
import { PipelineInputError } from "./errors.js";
import { DEFAULT_GRADING_PURPOSE, DEFAULT_MIN_QUALITY, GRADE_VERSION } from "./grade.js";
import { declaredTemplates, templateKey } from "./keys.js";
import { checkRecipe, getRecipe } from "./registry.js";
import type { Recipe, Rejection, SourceContext } from "./types.js";
import type { RetryPolicy } from "../../model/http.js";
import type { Transport } from "../../model/transport.js";
import type { PipelineEvent } from "./events.js";

/**
 * Everything a run needs, checked before any request or write: the recipe and its options, formats against
 * the recipe's output kind, model specs, templates, constitution, numbers, the recipe's source items, and the
 * pipeline id (a hash of what decides the result, so the same command finds the same pipeline).
 */

export interface PipelineOptions {
  /** A registered recipe's name, or a Recipe object. */
  recipe: string | Recipe;
  /** Output directory (required unless dryRun). */
  out?: string;
  /** Teacher model spec; required by recipes that generate with a teacher. */
  teacher?: string;
  /** Grader model spec, or "none" (rules only). Default: the teacher, else "none". */
  grader?: string;
  /** Export formats (default: openai-chat for chat recipes, openai-dpo for preference, text-jsonl for text). */
  formats?: string[];
  /** Token budget of the exported dataset; default: everything that passes. */
  targetTokens?: number;
  /** Model spec whose tokenizer counts tokens (the model to be trained); default: o200k_base, approximate. */
  tokenizer?: string;
  /** Input file, for recipes that read one (diversify). */
  input?: string;
  /** Constitution Markdown file (default: the built-in one). */
  constitution?: string;
  /** Template override directory (see src/data/templates). */
  templates?: string;
  seed?: number;
  /** Requests in flight per model (default 8). */
  concurrency?: number;
  /** Stop cleanly before spending more than this (USD); needs known prices. */
  maxCostUsd?: number;
  /** Stop cleanly after this many model requests (cache hits do not count). */
  maxRequests?: number;
  /** Estimate requests, tokens and cost; send nothing, write nothing. */
  dryRun?: boolean;
  /** SQLite store (default .plumbline/plumbline.db). */
  dbPath?: string;
  /** false: do not reuse cached units or responses (fresh results still replace the cached ones). Default true. */
  cache?: boolean;
  /** The recipe's own options (see the recipe's `options` schema). */
  recipeOptions?: Record<string, unknown>;
  /** Grader quality (1-10) an example needs to be kept (default 5). */
  minQuality?: number;
  /** Estimated Jaccard similarity at or above which examples are near-duplicates (default 0.8). */
  dedupThreshold?: number;
  /** The eval text to decontaminate against (default: every registered suite) and detector settings. */
  decontamination?: { corpus?: EvalCorpus; options?: DecontaminatorOptions };
  timeoutMs?: number;
  retry?: RetryPolicy;
  transport?: Transport;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
}

export const DEFAULT_FORMAT: Record<Example["kind"], ExportFormatName> = { chat: "openai-chat", preference: "openai-dpo", text: "text-jsonl" };

export interface Prepared {
  options: PipelineOptions;
  recipe: Recipe;
  recipeOptions: unknown;
  optionsHash: string;
  formats: ExportFormatName[];
  teacher: string | undefined;
  grader: string | undefined;
  templates: TemplateRegistry;
  constitution: Constitution;
  tokenizer: Tokenizer;
  seed: number;
  concurrency: number;
  minQuality: number;
  dedupThreshold: number;
  gradingPurpose: string;
  /** Declared templates per recipe stage, in stage order. */
  stageTemplates: LoadedTemplate[][];
  gradeTemplate: LoadedTemplate;
  sourceName: string;
  items: TrackedItem[];
  /** Source items refused before any work (key-shaped text), with reasons. */
  sourceRejected: Rejection[];
  /** In-distribution suites the recipe derives from by design (recipe.derivedFrom): left out of decontamination. */
  derivedFrom: string[];
  pipelineId: string;
  /** What decides the pipeline id, recorded in the manifest. */
  identity: Record<string, unknown>;
}

/**
 * The run environment of a prepared pipeline. A run and its estimate share everything but the models, the
 * budget and the cache (an estimate has no models and makes no request), so both build it here.
 */
export function runEnvOf(p: Prepared, live: Pick<RunEnv, "teacher" | "grader" | "budget" | "cache">): RunEnv {
  return {
    recipe: p.recipe,
    seed: p.seed,
    options: p.recipeOptions,
    optionsHash: p.optionsHash,
    templates: p.templates,
    constitution: p.constitution,
    tokenizer: p.tokenizer,
    teacher: live.teacher,
    grader: live.grader,
    budget: live.budget,
    cache: live.cache,
  };
}

function int(name: string, value: number | undefined, min: number, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new PipelineInputError(`${name} must be an integer of at least ${min}, got ${String(value)}`);
  return value;
}

function spec(what: string, text: string): string {
  try {
    return parseModelSpec(text).canonical;
  } catch (error) {
    if (error instanceof ModelSpecError) throw new PipelineInputError(`${what}: ${error.message}`);
    throw error;
  }
}

/** Parses recipe options with the recipe's schema, naming the bad key and what it expects. */
function parseRecipeOptions(recipe: Recipe, given: Record<string, unknown>): unknown {
  if (!recipe.options) {
    if (Object.keys(given).length > 0) throw new PipelineInputError(`recipe "${recipe.name}" takes no options, got ${Object.keys(given).join(", ")}`);
    return {};
  }
  const parsed = recipe.options.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.join(".") || (issue && "keys" in issue ? String((issue as { keys: string[] }).keys[0]) : "");
  throw new PipelineInputError(
    `recipe "${recipe.name}" option ${key ? `"${key}"` : ""}: ${issue?.message ?? "invalid"}. Fix: see \`plumbline recipes\` for the options it takes (set them with --set key=value).`,
  );
}

export async function preparePipeline(options: PipelineOptions): Promise<Prepared> {
  let recipe: Recipe;
  if (typeof options.recipe === "string") recipe = getRecipe(options.recipe);
  else {
    try {
      checkRecipe(options.recipe);
    } catch (error) {
      throw new PipelineInputError((error as Error).message);
    }
    recipe = options.recipe;
  }

  // Formats: known, and able to hold what this recipe makes.
  const formatNames = options.formats && options.formats.length > 0 ? options.formats : [DEFAULT_FORMAT[recipe.output]];
  const formats: ExportFormatName[] = [];
  for (const name of formatNames) {
    if (!(EXPORT_FORMAT_NAMES as readonly string[]).includes(name)) {
      throw new PipelineInputError(`unknown export format "${name}". Valid formats: ${EXPORT_FORMAT_NAMES.join(", ")}.`);
    }
    const format = EXPORT_FORMATS[name as ExportFormatName];
    if (!format.accepts.includes(recipe.output)) {
      const fitting = EXPORT_FORMAT_NAMES.filter((n) => EXPORT_FORMATS[n].accepts.includes(recipe.output));
      throw new PipelineInputError(
        `format "${name}" takes ${format.accepts.join("/")} examples, but recipe "${recipe.name}" makes ${recipe.output} examples. Fix: use one of ${fitting.join(", ")}.`,
      );
    }
    if (!formats.includes(format.name)) formats.push(format.name);
  }

  // Models.
  let teacher: string | undefined;
  if (options.teacher !== undefined && options.teacher !== "" && options.teacher !== "none") teacher = spec("--teacher", options.teacher);
  if (recipe.needsTeacher && !teacher) {
    throw new PipelineInputError(`recipe "${recipe.name}" generates with a teacher model. Fix: pass --teacher <model spec>, e.g. --teacher sim:teacher (offline) or --teacher openai:gpt-4.1.`);
  }
  const graderText = options.grader ?? teacher ?? "none";
  const grader = graderText === "none" ? undefined : spec("--grader", graderText);
  // uses.grader "optional": the stage runs without a grader when none is given.
  const gradingStage = recipe.stages.find((s) => s.uses?.grader === true);
  if (gradingStage && !grader) {
    throw new PipelineInputError(`recipe "${recipe.name}" calls the grader in stage "${gradingStage.name}". Fix: pass --grader <model spec> (or --teacher, which it defaults to).`);
  }

  // Input.
  if (recipe.input?.required && !options.input) {
    throw new PipelineInputError(`recipe "${recipe.name}" reads ${recipe.input.description}. Fix: pass --input <file>.`);
  }
  if (options.input && !recipe.input) throw new PipelineInputError(`recipe "${recipe.name}" reads no input file; leave out --input.`);

  // Numbers.
  const seed = int("seed", options.seed, 0, 0)!;
  const concurrency = int("concurrency", options.concurrency, 1, 8)!;
  const targetTokens = int("target tokens", options.targetTokens, 1);
  int("max requests", options.maxRequests, 1);
  if (options.maxCostUsd !== undefined && !(options.maxCostUsd > 0)) throw new PipelineInputError(`max cost must be a positive number of dollars, got ${String(options.maxCostUsd)}`);
  const minQuality = options.minQuality ?? DEFAULT_MIN_QUALITY;
  if (!Number.isInteger(minQuality) || minQuality < 1 || minQuality > 10) throw new PipelineInputError(`min quality must be an integer from 1 to 10, got ${String(minQuality)}`);
  const dedupThreshold = options.dedupThreshold ?? 0.8;
  if (!(dedupThreshold > 0 && dedupThreshold <= 1)) throw new PipelineInputError(`dedup threshold must be in (0, 1], got ${String(dedupThreshold)}`);
  if (!options.dryRun && !options.out) throw new PipelineInputError("an output directory is required. Fix: pass --out <dir>.");

  // A cost limit is only a limit when every model's price is known.
  if (options.maxCostUsd !== undefined) {
    for (const [what, s] of [["teacher", recipe.needsTeacher ? teacher : undefined], ["grader", grader]] as const) {
      if (!s) continue;
      const parsed = parseModelSpec(s);
      if (!priceFor(parsed.provider, parsed.model)) {
        throw new PipelineInputError(`--max-cost needs a known price, and the ${what} ${s} has none in Plumbline's price table. Fix: limit with --max-requests instead.`);
      }
    }
  }

  const recipeOptions = parseRecipeOptions(recipe, options.recipeOptions ?? {});
  let templates: TemplateRegistry;
  try {
    templates = loadTemplates(options.templates);
  } catch (error) {
    if (error instanceof TemplateError) throw new PipelineInputError(error.message);
    throw error;
  }
  let constitution: Constitution;
  try {
    constitution = loadConstitution(options.constitution);
  } catch (error) {
    if (error instanceof ConstitutionError) throw new PipelineInputError(error.message);
    throw error;
  }
  const tokenizer = tokenizerFor(options.tokenizer ?? "");
  const stageTemplates = recipe.stages.map((s) => declaredTemplates(templates, s.templates, s.name));
  const gradeTemplate = declaredTemplates(templates, [GRADE_RUBRIC_TEMPLATE_ID], "grade")[0]!;

  const sourceCtx: SourceContext = {
    recipe: recipe.name,
    seed,
    options: recipeOptions as Record<string, unknown>,
    ...(options.input ? { input: options.input } : {}),
    ...(targetTokens !== undefined ? { targetTokens } : {}),
    templates,
    constitution,
    tokenizer,
  };
  try {
    recipe.validate?.(sourceCtx);
  } catch (error) {
    throw new PipelineInputError(`recipe "${recipe.name}": ${(error as Error).message}`);
  }
  const derivedFrom = derivedSuites(recipe, recipeOptions);
  let raw: Awaited<ReturnType<Recipe["source"]>>;
  try {
    raw = await recipe.source(sourceCtx);
  } catch (error) {
    if (error instanceof PipelineInputError) throw error;
    throw new PipelineInputError((error as Error).message);
  }
  const sourceName = recipe.sourceName ?? "source";
  const { items, rejected } = sourceItems(raw, sourceName);

  const identity = {
    v: PACKAGE_VERSION,
    recipe: `${recipe.name}@${recipe.version}`,
    stages: recipe.stages.map((s, i) => ({ name: s.name, version: s.version, templates: templateKey(stageTemplates[i]!) })),
    options: recipeOptions,
    seed,
    teacher: recipe.needsTeacher ? teacher : undefined,
    grader: grader ?? "none",
    grade: grader ? { version: GRADE_VERSION, template: templateKey([gradeTemplate]), minQuality } : undefined,
    constitution: recipe.usesConstitution ? constitution.hash : undefined,
    source: hashValue(items.map((i) => hashValue({ id: i.id, value: i.value }))),
    targetTokens,
    dedupThreshold,
  };
  return {
    options: { ...options, ...(targetTokens !== undefined ? { targetTokens } : {}) },
    recipe,
    recipeOptions,
    optionsHash: hashValue(recipeOptions),
    formats,
    teacher,
    grader,
    templates,
    constitution,
    tokenizer,
    seed,
    concurrency,
    minQuality,
    dedupThreshold,
    gradingPurpose: recipe.gradingPurpose ?? DEFAULT_GRADING_PURPOSE,
    stageTemplates,
    gradeTemplate,
    sourceName,
    items,
    sourceRejected: rejected,
    derivedFrom,
    pipelineId: `pl-${hashValue(identity).slice(0, 12)}`,
    identity,
  };
}

/**
 * The suites a recipe derives from by design (recipe.derivedFrom), sorted: each must be a registered
 * in-distribution suite, since decontamination skips text found only in them. A held-out suite is refused.
 */
function derivedSuites(recipe: Recipe, options: unknown): string[] {
  if (!recipe.derivedFrom) return [];
  let names: string[];
  try {
    names = recipe.derivedFrom(options);
  } catch (error) {
    throw new PipelineInputError(`recipe "${recipe.name}": ${(error as Error).message}`);
  }
  for (const name of names) {
    try {
      assertSourceAllowed(name);
    } catch (error) {
      throw new PipelineInputError(
        `recipe "${recipe.name}" derives from suite "${name}", which decontamination would then not check: ${(error as Error).message}. Only in-distribution suites can be left out of decontamination.`,
      );
    }
  }
  return [...new Set(names)].sort();
}

/** Source items with unique ids; key-shaped text refused; held-out suites refused as sources. */
function sourceItems(raw: unknown, sourceName: string): { items: TrackedItem[]; rejected: Rejection[] } {
  if (!Array.isArray(raw)) throw new PipelineInputError(`the recipe's source returned ${typeof raw}, not a list of items`);
  const items: TrackedItem[] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const entry of raw as Array<{ id?: unknown; value?: unknown }>) {
    if (!entry || typeof entry.id !== "string" || entry.id === "") throw new PipelineInputError(`the recipe's source returned an item without a string id`);
    const source = (entry.value as Partial<Example> | undefined)?.lineage?.source;
    if (source) {
      try {
        assertSourceAllowed({ name: source.suite, split: source.split });
      } catch (error) {
        throw new PipelineInputError(`input item ${entry.id}: ${(error as Error).message}. Fix: remove examples derived from held-out suites from the input.`);
      }
    }
    const n = (seen.get(entry.id) ?? 0) + 1;
    seen.set(entry.id, n);
    const id = n === 1 ? entry.id : `${entry.id}#${n}`;
    const leak = secretProblem(entry.value);
    if (leak) {
      rejected.push({ id, reason: `${sourceName}: input ${leak}`, value: redacted(entry.value) });
      continue;
    }
    // A renamed duplicate also gets the new id inside its value, when the value carries the item's id.
    const value = n > 1 && isRecord(entry.value) && entry.value.id === entry.id ? { ...entry.value, id } : entry.value;
    items.push({ id, value, trail: [{ name: sourceName }], ref: { inline: true } });
  }
  return { items, rejected };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
