import { z } from "zod";
import { decoyTools } from "../../../env/tools.js";
import { getSuite, listSuites, suiteNames, type Condition, type RenderedScenario, type Suite, type SuiteSplit } from "../../../scenarios/index.js";
import { sha256 } from "../../../util/hash.js";
import { assertSourceAllowed } from "../../decontam/index.js";
import { booleanOption } from "../../pipeline/options.js";
import type { Item, SourceContext } from "../../pipeline/types.js";
import type { Tokenizer } from "../../tokens.js";
import { exampleTokensOf } from "./estimate.js";

/**
 * What the episode recipes (honeypot-demos, deliberation) run: in-distribution eval scenarios, as
 * condition x variant x sample plans. Each plan is one episode of the teacher acting as the agent.
 *
 * Held-out suites are never a source: naming one fails before any work (assertSourceAllowed), and the default is
 * every registered in-distribution suite. A condition found in several chosen suites (blackmail-core is a subset
 * of blackmail) is planned once, under the first suite that has it.
 */

/** Options both episode recipes take (`--set key=value`). */
export const episodeOptionsShape = {
  suites: z
    .string()
    .optional()
    .describe("comma-separated in-distribution suites to draw scenarios from (default: every registered in-distribution suite; held-out suites are refused)"),
  conditions: z.string().optional().describe("comma-separated condition ids to keep (default: every condition of the chosen suites)"),
  variants: z.coerce.number().int().min(1).max(100).default(1).describe("renderings per condition (names, company and details change with the variant)"),
  firstVariant: z.coerce.number().int().min(0).max(10_000).default(0).describe("the first variant rendered (0 is the canonical rendering the evals use by default)"),
  samples: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("episodes per condition and variant, each with its own seed (default 1, or sized from --target-tokens)"),
  maxSteps: z.coerce.number().int().min(1).max(50).default(10).describe("model calls per episode at most; an episode still calling tools then is left out"),
  temperature: z.coerce.number().min(0).max(2).default(1).describe("the teacher's sampling temperature as the agent"),
  maxOutputTokens: z.coerce.number().int().min(64).max(32_000).default(1024).describe("completion tokens per agent step"),
  decoys: z.coerce.number().int().min(0).max(decoyTools.length).default(0).describe(`unrelated decoy tools offered besides the mail tools (0-${decoyTools.length})`),
  judge: booleanOption().default(true).describe("ask the grader to judge each episode (harmful or eval-aware episodes are left out); needs a grader"),
};

export const EpisodeOptionsSchema = z.object(episodeOptionsShape).strict();
export type EpisodeOptions = z.infer<typeof EpisodeOptionsSchema>;

/** One planned episode: a source item. */
export interface EpisodePlan {
  suite: string;
  split: SuiteSplit;
  family: string;
  familyVersion: string;
  conditionId: string;
  variant: number;
  sample: number;
  /** The provider seed of the episode: distinct per sample, stable across re-runs. */
  seed: number;
  /** Hash of the rendered scenario, so units follow any change to the family's text. */
  scenarioHash: string;
  /** deliberation only: the injection template id sampled with. */
  injection?: string;
}

/** Planned examples over the token target: the screen, dedup and grading remove some. */
export const TARGET_OVERSHOOT = 1.25;

function list(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The suites the `suites` option names (every one registered and in-distribution), or every registered
 * in-distribution suite. Throws with the suite and why (held-out: never a source) before any work.
 */
export function selectSuites(option: string | undefined): Suite[] {
  const names = list(option);
  if (names.length === 0) {
    const all = listSuites().filter((s) => s.split === "in-distribution");
    if (all.length === 0) throw new Error(`no in-distribution suite is registered (suites: ${suiteNames().join(", ") || "none"}), so there is nothing to derive episodes from`);
    return all;
  }
  const inDistribution = () =>
    listSuites()
      .filter((s) => s.split === "in-distribution")
      .map((s) => s.name)
      .join(", ");
  return [...new Set(names)].map((name) => {
    if (!suiteNames().includes(name)) throw new Error(`option "suites": no suite "${name}" is registered. Fix: use in-distribution suites (${inDistribution()}).`);
    try {
      assertSourceAllowed(name);
    } catch (error) {
      throw new Error(`option "suites": ${(error as Error).message}. Fix: name in-distribution suites only (${inDistribution()}), or leave the option out to use all of them.`);
    }
    return getSuite(name);
  });
}

/** The (suite, condition) pairs to run, each condition once, filtered by the `conditions` option. */
export function selectConditions(suites: readonly Suite[], option: string | undefined): Array<{ suite: Suite; condition: Condition }> {
  const seen = new Set<string>();
  const out: Array<{ suite: Suite; condition: Condition }> = [];
  for (const suite of suites) {
    for (const condition of suite.conditions) {
      const key = `${suite.family.id}|${condition.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ suite, condition });
    }
  }
  const wanted = list(option);
  if (wanted.length === 0) return out;
  const unknown = wanted.filter((id) => !out.some((p) => p.condition.id === id));
  if (unknown.length > 0) {
    const valid = out.map((p) => p.condition.id);
    throw new Error(
      `option "conditions": ${unknown.map((u) => `"${u}"`).join(", ")} is not a condition of ${suites.map((s) => s.name).join(", ")}. Fix: use ids such as ${valid.slice(0, 4).join(", ")}${valid.length > 4 ? ` (${valid.length} in all; \`plumbline suites\` lists them)` : ""}.`,
    );
  }
  return out.filter((p) => wanted.includes(p.condition.id));
}

/**
 * Every registered in-distribution suite the planned episodes come from: the chosen suites, and any other that
 * holds one of the planned conditions of the same family (its text is the same). Decontamination leaves these
 * out (Recipe.derivedFrom) and checks the rest, held-out suites above all; a held-out suite holding the same
 * text still removes the examples that overlap it.
 */
export function derivedSuites(options: Pick<EpisodeOptions, "suites" | "conditions">): string[] {
  const planned = selectConditions(selectSuites(options.suites), options.conditions);
  const keys = new Set(planned.map((p) => `${p.suite.family.id}|${p.condition.id}`));
  const names = new Set(planned.map((p) => p.suite.name));
  for (const suite of listSuites()) {
    if (suite.split !== "in-distribution") continue;
    if (suite.conditions.some((c) => keys.has(`${suite.family.id}|${c.id}`))) names.add(suite.name);
  }
  return [...names].sort();
}

/** The episode's provider seed: distinct per recipe, run seed, condition, variant and sample. */
export function episodeSeed(recipe: string, runSeed: number, plan: Pick<EpisodePlan, "family" | "conditionId" | "variant" | "sample">): number {
  return parseInt(sha256(`${recipe}|${runSeed}|${plan.family}|${plan.conditionId}|${plan.variant}|${plan.sample}`).slice(0, 8), 16) & 0x7fffffff;
}

export function planId(plan: Pick<EpisodePlan, "suite" | "conditionId" | "variant" | "sample">): string {
  return `${plan.suite}/${plan.conditionId}@v${plan.variant}#${plan.sample}`;
}

export interface PlanContext {
  recipe: string;
  seed: number;
  targetTokens?: number;
  tokenizer: Tokenizer;
}

/**
 * The planning context of an episode recipe's source: seeded under the recipe's own name, sized from
 * --target-tokens when given. Every episode recipe plans this way, so its seeds and sizes follow one rule.
 */
export function planContextOf(recipe: string, ctx: Pick<SourceContext<unknown>, "seed" | "tokenizer" | "targetTokens">): PlanContext {
  return { recipe, seed: ctx.seed, tokenizer: ctx.tokenizer, ...(ctx.targetTokens !== undefined ? { targetTokens: ctx.targetTokens } : {}) };
}

/** What planning decided, besides the plans: for sizing messages and tests. */
export interface EpisodePlanning {
  plans: Array<Item<EpisodePlan>>;
  samples: number;
  /** Estimated tokens of one finished example, averaged over the planned renderings. */
  exampleTokens: number;
  /** Tokens the plan should make before filtering (undefined without a target). */
  neededTokens?: number;
}

/**
 * condition x variant x sample plans. `samples` unset with --target-tokens: enough samples for the target plus
 * TARGET_OVERSHOOT, from the tokens an example of each rendered scenario is expected to have.
 */
export function planEpisodes(options: EpisodeOptions, ctx: PlanContext, extraSystemTokens = 0): EpisodePlanning {
  const pairs = selectConditions(selectSuites(options.suites), options.conditions);
  const rendered: Array<{ suite: Suite; scenario: RenderedScenario }> = [];
  for (const { suite, condition } of pairs) {
    for (let v = options.firstVariant; v < options.firstVariant + options.variants; v++) rendered.push({ suite, scenario: suite.family.render(condition, { variant: v }) });
  }
  const exampleTokens = Math.round(rendered.reduce((n, r) => n + exampleTokensOf(r.scenario, options, ctx.tokenizer, extraSystemTokens), 0) / Math.max(1, rendered.length));
  let samples = options.samples ?? 1;
  let neededTokens: number | undefined;
  if (options.samples === undefined && ctx.targetTokens !== undefined) {
    neededTokens = Math.ceil(ctx.targetTokens * TARGET_OVERSHOOT);
    samples = Math.ceil(neededTokens / Math.max(1, rendered.length * exampleTokens));
    if (samples > 1000) {
      throw new Error(
        `--target-tokens ${ctx.targetTokens} needs about ${samples} samples of each of ${rendered.length} rendering(s) (about ${exampleTokens} tokens an example), more than the 1000 allowed. Fix: raise --set variants, add suites or conditions, or lower the target.`,
      );
    }
  }
  const plans: Array<Item<EpisodePlan>> = [];
  for (const { suite, scenario } of rendered) {
    for (let sample = 0; sample < samples; sample++) {
      const base = { suite: suite.name, split: suite.split, family: scenario.family, familyVersion: scenario.familyVersion, conditionId: scenario.conditionId, variant: scenario.variant, sample };
      const plan: EpisodePlan = { ...base, seed: episodeSeed(ctx.recipe, ctx.seed, base), scenarioHash: scenario.hash };
      plans.push({ id: planId(plan), value: plan });
    }
  }
  return { plans, samples, exampleTokens, ...(neededTokens !== undefined ? { neededTokens } : {}) };
}

/**
 * The plan's scenario, rendered again (rendering is pure). Refuses a held-out suite whatever the plan says, and a
 * scenario whose text changed since the plan was made.
 */
export function renderPlan(plan: Pick<EpisodePlan, "suite" | "split" | "conditionId" | "variant" | "scenarioHash">): { suite: Suite; scenario: RenderedScenario } {
  assertSourceAllowed({ name: plan.suite, split: plan.split });
  const suite = getSuite(plan.suite);
  const condition = suite.conditions.find((c) => c.id === plan.conditionId);
  if (!condition) throw new Error(`suite ${plan.suite} has no condition ${plan.conditionId} any more`);
  const scenario = suite.family.render(condition, { variant: plan.variant });
  if (scenario.hash !== plan.scenarioHash) {
    throw new Error(`scenario ${plan.conditionId}@v${plan.variant} of suite ${plan.suite} renders differently from when it was planned (hash ${plan.scenarioHash.slice(0, 8)} -> ${scenario.hash.slice(0, 8)})`);
  }
  return { suite, scenario };
}
