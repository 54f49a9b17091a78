import { NoObjectGeneratedError } from "ai";
import { z } from "zod";
import { renderSections, type Constitution, type ConstitutionSection } from "../../constitution/index.js";
import { booleanOption } from "../../pipeline/options.js";
import type { EstimateContext, ModelCaller, Rejection, StageContext } from "../../pipeline/types.js";
import { renderPromptTemplate, type TemplateVars } from "../../templates/index.js";
import type { Tokenizer } from "../../tokens.js";
import { blocklistProblem, blocklistSpec, compileBlocklist, nameListOption, type Blocklist } from "./names.js";
import { cleanModelText, wordCount } from "./text.js";

/**
 * What the `constitution-docs` and `stories` recipes share: option fields, sizing from a token target, the
 * name check with its rewrite pass, and the consistency score against the constitution.
 */

// ---------------------------------------------------------------------------------------------------------
// Options

/** Option fields both recipes take; each recipe adds its own counts and sets its own length defaults. */
export function textOptionFields(defaults: { targetWords: number; minWords: number }) {
  return {
    targetWords: z.coerce.number().int().min(50).max(8000).default(defaults.targetWords).describe("length the teacher is asked for, in words"),
    minWords: z.coerce.number().int().min(1).max(8000).default(defaults.minWords).describe("shorter texts are rejected (rule min-length)"),
    sections: nameListOption().default([]).describe("constitution section ids to ground texts in, comma-separated (default: all sections)"),
    defaultBlocklist: booleanOption().default(true).describe("block the built-in list of overused names"),
    blockNames: nameListOption().default([]).describe("more names to block, comma-separated"),
    allowNames: nameListOption().default([]).describe("built-in blocked names to allow, comma-separated"),
    nameRewrites: z.coerce.number().int().min(0).max(3).default(1).describe("rewrites asked for when a text uses a blocked name, before it is rejected (0: reject at once)"),
    minConsistency: z.coerce.number().int().min(1).max(10).default(7).describe("texts scored below this (1-10) for consistency with the constitution are rejected"),
    scorer: z.enum(["grader", "teacher"]).default("grader").describe("model that scores consistency: the grader (--grader, which defaults to the teacher) or the teacher"),
    consistencyContext: z.enum(["full", "section"]).default("full").describe("what the scorer compares against: the whole constitution, or the grounding section(s)"),
    expectedYield: z.coerce.number().gt(0).max(1).default(0.8).describe("share of drafts expected to survive the filters, for sizing from --target-tokens"),
    temperature: z.coerce.number().min(0).max(2).default(1).describe("sampling temperature of the creative steps (review uses 0.3, scoring 0)"),
  };
}

export interface TextOptions {
  targetWords: number;
  minWords: number;
  sections: string[];
  defaultBlocklist: boolean;
  blockNames: string[];
  allowNames: string[];
  nameRewrites: number;
  minConsistency: number;
  scorer: "grader" | "teacher";
  consistencyContext: "full" | "section";
  expectedYield: number;
  temperature: number;
}

/** Checks the shared options against each other and the constitution; throws naming the option and the fix. */
export function checkTextOptions(o: TextOptions, constitution: Constitution): void {
  if (o.minWords > o.targetWords) {
    throw new Error(`option minWords (${o.minWords}) is above targetWords (${o.targetWords}), so every text would be rejected. Fix: lower minWords or raise targetWords.`);
  }
  for (const id of o.sections) {
    if (!constitution.hasSection(id)) {
      throw new Error(
        `option sections names "${id}", which constitution "${constitution.name}" does not have. Sections: ${constitution.sections.map((s) => s.id).join(", ")}. Fix: use those ids, or leave the option out.`,
      );
    }
  }
  const bad = blocklistProblem([...o.blockNames, ...o.allowNames]);
  if (bad) throw new Error(`option blockNames/allowNames: ${bad}. Fix: list names separated by commas.`);
}

const compiled = new WeakMap<TextOptions, Blocklist>();

/** The run's blocklist (compiled once per options object: every unit of a run shares it). */
export function blocklistOf(o: TextOptions): Blocklist {
  let list = compiled.get(o);
  if (!list) {
    list = compileBlocklist(blocklistSpec(o));
    compiled.set(o, list);
  }
  return list;
}

/** The sections texts may be grounded in (the `sections` option, else all of them). */
export function groundingSections(constitution: Constitution, o: Pick<TextOptions, "sections">): ConstitutionSection[] {
  return o.sections.length > 0 ? o.sections.map((id) => constitution.section(id)) : constitution.sections;
}

export function sectionsMarkdown(sections: readonly ConstitutionSection[]): string {
  return renderSections(sections);
}

// ---------------------------------------------------------------------------------------------------------
// Sizing

const ratios = new Map<string, number>();

/** Tokens per word of the run's tokenizer, measured on the constitution (English prose, about 1.3). */
export function tokensPerWord(ctx: { tokenizer: Tokenizer; constitution: Constitution }): number {
  const key = `${ctx.tokenizer.name}|${ctx.constitution.hash}`;
  let ratio = ratios.get(key);
  if (ratio === undefined) {
    const words = wordCount(ctx.constitution.text);
    ratio = words > 0 ? Math.max(0.5, ctx.tokenizer.count(ctx.constitution.text) / words) : 1.35;
    if (ratios.size > 32) ratios.clear();
    ratios.set(key, ratio);
  }
  return ratio;
}

/**
 * How many texts to plan: the explicit count when given; else enough to reach --target-tokens after filtering
 * (target / tokens per text / expected yield); else the recipe's default.
 */
export function plannedCount(explicit: number | undefined, targetTokens: number | undefined, tokensPerText: number, expectedYield: number, fallback: number): number {
  if (explicit !== undefined) return explicit;
  if (targetTokens !== undefined) return Math.max(1, Math.ceil(targetTokens / Math.max(1, tokensPerText) / expectedYield));
  return fallback;
}

/** Stand-in text of `words` words, for sizing prompts in estimates. */
export function filler(words: number): string {
  return "word ".repeat(Math.max(1, Math.round(words))).trim();
}

/** Prompt tokens of a template rendered with `vars` (stand-ins where the real values are not known yet). */
export function countPrompt<O>(ctx: EstimateContext<O>, templateId: string, vars: TemplateVars): number {
  return ctx.count(renderPromptTemplate(ctx.templates.get(templateId), vars));
}

/** Words in the average grounding section. */
export function averageSectionWords(constitution: Constitution, o: Pick<TextOptions, "sections">): number {
  const sections = groundingSections(constitution, o);
  return sections.reduce((n, s) => n + wordCount(s.text), 0) / Math.max(1, sections.length);
}

// ---------------------------------------------------------------------------------------------------------
// Model calls

/**
 * True when a structured reply did not match its schema. The response cache keeps the reply, so the same unit
 * would fail the same way on every re-run: stages reject the item with the reason instead of failing.
 */
export function isSchemaMismatch(error: unknown): boolean {
  return NoObjectGeneratedError.isInstance(error) || (error instanceof Error && /answered with JSON that does not match the schema/.test(error.message));
}

/**
 * The model that scores consistency, per the `scorer` option. The consistency stage declares the grader, so the
 * engine requires one (--grader defaults to the teacher; --grader none is refused before any work).
 */
export function scoringModel<O extends TextOptions>(ctx: StageContext<O>): ModelCaller {
  return ctx.options.scorer === "teacher" ? ctx.teacher : ctx.grader;
}

/** Completion tokens to allow for a text of `words` words. */
export function textOutputTokens(words: number, perWord: number): number {
  return Math.ceil(words * perWord * 1.6) + 200;
}

export type NameCheck = { ok: true; text: string; renamed: string[] } | { ok: false; reason: string; text: string };

/**
 * Enforces the blocklist on a text: a text that uses blocked names is sent back to the teacher with the
 * `templateId` prompt (which receives `names` and `document` besides `vars`) up to `rewrites` times, and
 * rejected if the names remain, or if the rewrite came back much shorter than the text it replaced.
 */
export async function enforceNames<O extends TextOptions>(
  ctx: StageContext<O>,
  text: string,
  o: { blocklist: Blocklist; templateId: string; vars: TemplateVars; maxOutputTokens: number },
): Promise<NameCheck> {
  const rewrites = ctx.options.nameRewrites;
  const renamed: string[] = [];
  let current = text;
  for (let attempt = 0; ; attempt++) {
    const found = o.blocklist.find(current);
    if (found.length === 0) return { ok: true, text: current, renamed };
    const list = found.map((n) => `"${n}"`).join(", ");
    if (attempt >= rewrites) {
      return {
        ok: false,
        text: current,
        reason: rewrites === 0 ? `uses the blocked name(s) ${list} (nameRewrites is 0, so it is not rewritten)` : `still uses the blocked name(s) ${list} after ${rewrites} rewrite(s)`,
      };
    }
    for (const n of found) if (!renamed.includes(n)) renamed.push(n);
    const prompt = ctx.render(o.templateId, { ...o.vars, names: found.join(", "), document: current });
    const next = cleanModelText(await ctx.teacher.text({ prompt, temperature: 0.7, maxOutputTokens: o.maxOutputTokens }));
    if (wordCount(next) < 0.6 * wordCount(current)) {
      return { ok: false, text: next, reason: `the rewrite to replace the blocked name(s) ${list} came back with ${wordCount(next)} words, under 60% of the ${wordCount(current)} it replaced` };
    }
    current = next;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Consistency with the constitution

export const ConsistencySchema = z.object({
  rating: z.number().min(1).max(10).describe("consistency with the constitution: 1 (contradicts it) to 10 (fully consistent)"),
  reasons: z.array(z.string()).min(1).max(3).describe("one to three short reasons, naming the passage that matters most"),
});

export interface ConsistencyScore {
  rating: number;
  reasons: string[];
  scorer: string;
  minimum: number;
}

export type ConsistencyOutcome = { keep: true; score: ConsistencyScore } | { keep: false; score?: ConsistencyScore; reason: string };

/** Scores a text with the `templateId` prompt and decides whether it stays. */
export async function scoreConsistency<O extends TextOptions>(ctx: StageContext<O>, templateId: string, vars: TemplateVars): Promise<ConsistencyOutcome> {
  const model = scoringModel(ctx);
  const minimum = ctx.options.minConsistency;
  let reply: z.infer<typeof ConsistencySchema>;
  try {
    reply = await model.object(ConsistencySchema, { prompt: ctx.render(templateId, vars), name: "consistency", temperature: 0, maxOutputTokens: 400 });
  } catch (error) {
    if (!isSchemaMismatch(error)) throw error;
    return { keep: false, reason: `${model.spec} gave no valid consistency score (${firstLine(error)})` };
  }
  const score: ConsistencyScore = { rating: Math.round(reply.rating), reasons: reply.reasons.map((r) => r.trim()).filter(Boolean), scorer: model.spec, minimum };
  if (score.rating >= minimum) return { keep: true, score };
  return { keep: false, score, reason: `rating ${score.rating} is below the minimum ${minimum} (scored by ${model.spec}): ${score.reasons.join("; ") || "no reason given"}` };
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200);
}

/**
 * A rejection whose recorded value carries the item id: rejected.jsonl names each entry by its value's `id`,
 * and the values of these stages are plain objects, not examples.
 */
export function rejection(id: string, stage: string, reason: string, value: object): Rejection {
  return { id, reason: `${stage}: ${reason}`, value: { id, ...value } };
}
