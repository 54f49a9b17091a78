import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { z } from "zod";
import type { Constitution } from "../constitution/index.js";
import type { TemplateRegistry, TemplateVars } from "../templates/index.js";
import type { Tokenizer } from "../tokens.js";
import type { Example, Lineage } from "../types.js";

/**
 * The recipe interface. A recipe is a source (the first items: read from a file, planned from the
 * constitution, drawn from seed lists) and a list of stages; the engine runs every item through every stage,
 * caches each unit of work, and then runs the finishing chain shared by all recipes (grade -> dedup ->
 * decontaminate -> select to the token target -> export). See README.md beside this file for an example.
 */

/** One piece of work moving through the pipeline. `id` must be stable: it names the item in lineage and caches. */
export interface Item<T = unknown> {
  id: string;
  value: T;
}

/** An item a stage decided not to pass on, with why (kept in <out>/rejected.jsonl). */
export interface Rejection {
  id: string;
  reason: string;
  /** What was rejected, for the record (defaults to the input item's value). */
  value?: unknown;
}

export interface StageResult<T = unknown> {
  /** Zero, one or many items for the next stage (a stage may fan out or filter). */
  outputs: Array<Item<T>>;
  rejected?: Rejection[];
}

/** A generation request for the teacher or the grader (AI SDK `generateText` underneath). */
export interface GenerateRequest {
  system?: string;
  /** A single user message; or give `messages`. */
  prompt?: string;
  messages?: Array<{ role: "user" | "assistant"; content: string }>;
  temperature?: number;
  /** Also the output size the budget and the dry run assume (default 1024). */
  maxOutputTokens?: number;
}

/** A model as a stage sees it: text or schema-validated objects, with caching, budget and accounting built in. */
export interface ModelCaller {
  /** The model spec ("sim:teacher", "openai:gpt-4.1"). */
  readonly spec: string;
  text(request: GenerateRequest): Promise<string>;
  /** Structured output validated against `schema` (zod); throws when the reply does not match. */
  object<T>(schema: z.ZodType<T>, request: GenerateRequest & { name?: string }): Promise<T>;
  /**
   * The same model as an AI SDK provider-level model, for code that drives the model itself (the agent loop:
   * `runEpisode({ model: ctx.teacher.languageModel(), ... })`, or `generateText` with tools). Every call goes
   * through the same response cache and budget accounting as `text()` and counts toward this unit's usage. A
   * call that sets no `seed` gets the unit's next seed (deterministic per unit and call index); one that sets
   * its own keeps it. The unit's abort signal always applies. Generate calls only: `doStream` rejects, since
   * a stream would bypass the cache and the budget.
   */
  languageModel(): LanguageModelV3;
}

/** What a stage's `run` may use. One context per unit (item x stage). */
export interface StageContext<O = Record<string, unknown>> {
  recipe: string;
  stage: string;
  /** The run seed. */
  seed: number;
  /** The recipe's options, parsed by its schema. */
  options: O;
  templates: TemplateRegistry;
  constitution: Constitution;
  /**
   * Renders a template the stage declared in `templates` (anything else throws, so the cache key always
   * covers the templates that shaped the output) and records its id and version for lineage.
   */
  render(templateId: string, vars: TemplateVars): string;
  /** A seeded random stream for this item in this stage; `label` separates independent streams. */
  rng(label?: string): () => number;
  /** The teacher model; throws unless the stage declared `uses.teacher` and a teacher was given. */
  readonly teacher: ModelCaller;
  /** The grader model; throws unless the stage declared `uses.grader` and a grader was given. */
  readonly grader: ModelCaller;
  /** Whether the stage declared the model and the run has one (for `uses.grader: "optional"`). */
  has(model: "teacher" | "grader"): boolean;
  /** Lineage for an Example made here: recipe, seed, teacher, constitution and the item's stages so far. */
  lineage(): Lineage;
  signal: AbortSignal;
}

/** Per input item: what a model-using stage expects to spend (for the dry run and cost limits). */
export interface StageEstimate {
  requests: number;
  /** Prompt tokens over all of the item's requests. */
  inputTokens: number;
  /** Completion tokens over all of the item's requests. */
  outputTokens: number;
  /** Items the stage will pass on per input (default 1). */
  outputs?: number;
  /**
   * Tokens of each item passed on, when they are not simply the completion (an agent episode's transcript holds
   * the prompts and tool results too); the dry run sizes the grader's requests from it. Default: outputTokens
   * per output.
   */
  itemTokens?: number;
}

export interface EstimateContext<O = Record<string, unknown>> {
  options: O;
  templates: TemplateRegistry;
  constitution: Constitution;
  tokenizer: Tokenizer;
  /** Tokens of a text with the run's tokenizer. */
  count(text: string): number;
  /** Whether the run has this model (a stage with `uses.grader: "optional"` makes no grader request without one). */
  has(model: "teacher" | "grader"): boolean;
}

export interface Stage<In = any, Out = any, O = any> {
  /** Unique within the recipe, lowercase with "-" (shown in progress bars and `data show`). */
  name: string;
  /** Bump when the stage's code changes what it outputs: cached units of the old version are then not reused. */
  version: string;
  description?: string;
  /**
   * Models and inputs the stage depends on; each is part of the cache key only when declared. `grader: true`
   * makes a grader required (--grader none is refused before any work); `grader: "optional"` lets the stage
   * run without one (it checks `ctx.has("grader")`), and the grader is part of the key only when given.
   */
  uses?: { teacher?: boolean; grader?: boolean | "optional"; constitution?: boolean };
  /** Template ids the stage renders; an id ending in "/" stands for every template under that prefix. */
  templates?: readonly string[];
  run(item: Item<In>, ctx: StageContext<O>): Promise<StageResult<Out>> | StageResult<Out>;
  /** For model-using stages: the expected cost of one item (`item` is undefined when it is not known yet). */
  estimate?(item: Item<In> | undefined, ctx: EstimateContext<O>): StageEstimate;
}

export interface SourceContext<O = Record<string, unknown>> {
  recipe: string;
  seed: number;
  options: O;
  /** The --input path, when given. */
  input?: string;
  /** --target-tokens, when given: plan enough items to reach it after filtering. */
  targetTokens?: number;
  templates: TemplateRegistry;
  constitution: Constitution;
  tokenizer: Tokenizer;
}

/** A deterministic filter run on every finished example before the grader; returns why it fails, or undefined. */
export interface Rule {
  name: string;
  description: string;
  check(example: Example): string | undefined;
}

export interface Recipe<O = any> {
  /** The CLI name: `plumbline generate <name>`. */
  name: string;
  /** Recorded in lineage and the pipeline id. */
  version: string;
  /** One line for `plumbline recipes`. */
  description: string;
  /** The kind of example the last stage produces; --format is checked against it before any work. */
  output: Example["kind"];
  /** True when a stage calls the teacher: --teacher is then required. */
  needsTeacher: boolean;
  /** True when the output depends on the constitution (recorded in lineage). */
  usesConstitution?: boolean;
  /** An --input file, when the recipe reads one. */
  input?: { required: boolean; description: string };
  /**
   * The recipe's own options (`--set key=value` on the CLI, `recipeOptions` in the API). Values from the CLI
   * arrive as strings: use z.coerce for numbers and `booleanOption()` for flags. Defaults belong here.
   */
  options?: z.ZodType<O>;
  /** Name of the source stage in lineage and `data show` (default "source"). */
  sourceName?: string;
  /** Checks the settings before anything runs (throw with a message naming the problem and the fix). */
  validate?(ctx: SourceContext<O>): void;
  /** The first items. No model calls here: the dry run executes it. */
  source(ctx: SourceContext<O>): Promise<Item[]> | Item[];
  /** Run in order; the last must output Examples of kind `output`. */
  stages: ReadonlyArray<Stage<any, any, O>>;
  /** Text compared for near-duplicates (default: all of the example's text). */
  dedupText?(example: Example): string;
  /** Rules added to the default ones. */
  rules?: readonly Rule[];
  /** What a good example of this recipe is, for the grader's rubric. */
  gradingPurpose?: string;
  /**
   * The eval suites this recipe's examples are derived from *by design* (honeypot demonstrations are episodes of
   * in-distribution suites), as registered suite names. Decontamination then leaves out eval text found only in
   * these suites and checks against every other registered suite (held-out ones above all); manifest.json,
   * decontamination.json and the dataset cards say which suites were left out and why. Only in-distribution
   * suites may be named: a held-out or unknown suite here fails before any work.
   */
  derivedFrom?(options: O): string[];
}

/** Identity helpers that keep the type parameters of a stage or recipe inferred. */
export function defineStage<In, Out, O = any>(stage: Stage<In, Out, O>): Stage<In, Out, O> {
  return stage;
}

export function defineRecipe<O>(recipe: Recipe<O>): Recipe<O> {
  return recipe;
}
