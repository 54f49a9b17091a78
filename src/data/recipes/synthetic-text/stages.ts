import type { Item, StageContext, StageResult } from "../../pipeline/types.js";
import type { TemplateVars } from "../../templates/index.js";
import type { TextExample } from "../../types.js";
import { blocklistOf, enforceNames, rejection, textOutputTokens, type ConsistencyOutcome, type TextOptions } from "./common.js";
import { blocklistSpec } from "./names.js";
import { cleanModelText, wordCount, type TextChecksMeta } from "./text.js";

/**
 * The draft, review and consistency stage bodies the `constitution-docs` and `stories` recipes share. The recipes
 * differ only in their prompts' variables and the meta they record, so the steps (the name check, the 40% review
 * floor, the rejection reasons, the example's shape) live here once and cannot drift apart.
 */

/** A text in the making: what the recipe carries, the text so far, and the blocked names rewritten in it. */
export type Drafted<V> = V & { text: string; renamed: string[] };

/** The templates a draft or review step renders: its own, and the rename prompt of the name check. */
export interface TextStepTemplates {
  templateId: string;
  renameId: string;
}

/**
 * The draft step: the teacher writes the text from `vars`; a blank reply is rejected, blocked names are rewritten
 * (`nameRewrites` times) or the draft is rejected with the names.
 */
export async function draftText<V extends object, O extends TextOptions>(item: Item<V>, ctx: StageContext<O>, t: TextStepTemplates, vars: TemplateVars): Promise<StageResult<Drafted<V>>> {
  const o = ctx.options;
  const maxOutputTokens = textOutputTokens(o.targetWords, 1.4);
  const draft = cleanModelText(await ctx.teacher.text({ prompt: ctx.render(t.templateId, vars), temperature: o.temperature, maxOutputTokens }));
  if (draft === "") return { outputs: [], rejected: [rejection(item.id, "draft", "the teacher returned no text", item.value)] };
  const names = await enforceNames(ctx, draft, { blocklist: blocklistOf(o), templateId: t.renameId, vars, maxOutputTokens });
  if (!names.ok) return { outputs: [], rejected: [rejection(item.id, "draft", names.reason, { ...item.value, text: names.text })] };
  return { outputs: [{ id: item.id, value: { ...item.value, text: names.text, renamed: names.renamed } }] };
}

/**
 * The review step: a fresh call edits the text (`vars` plus `document`, the text) at temperature 0.3. A revision
 * under 40% of the draft's words is rejected (the reviewer answered with comments instead of the `noun`); names
 * are checked again and the names rewritten are merged with the draft's.
 */
export async function reviewText<V extends object, O extends TextOptions>(
  item: Item<Drafted<V>>,
  ctx: StageContext<O>,
  t: TextStepTemplates,
  slotVars: TemplateVars,
  noun: string,
): Promise<StageResult<Drafted<V>>> {
  const o = ctx.options;
  const vars = { ...slotVars, document: item.value.text };
  const maxOutputTokens = textOutputTokens(Math.max(o.targetWords, wordCount(item.value.text)), 1.4);
  const reviewed = cleanModelText(await ctx.teacher.text({ prompt: ctx.render(t.templateId, vars), temperature: 0.3, maxOutputTokens }));
  const before = wordCount(item.value.text);
  const after = wordCount(reviewed);
  if (after < 0.4 * before) {
    return {
      outputs: [],
      rejected: [rejection(item.id, "review", `the revised ${noun} has ${after} words, under 40% of the draft's ${before} (the reviewer may have answered with comments instead of the ${noun})`, { ...item.value, text: reviewed })],
    };
  }
  const names = await enforceNames(ctx, reviewed, { blocklist: blocklistOf(o), templateId: t.renameId, vars, maxOutputTokens });
  if (!names.ok) return { outputs: [], rejected: [rejection(item.id, "review", names.reason, { ...item.value, text: names.text })] };
  const renamed = [...new Set([...item.value.renamed, ...names.renamed])];
  return { outputs: [{ id: item.id, value: { ...item.value, text: names.text, renamed } }] };
}

/**
 * The end of the consistency step once the text is scored: rejected with the reasons below the minimum, else the
 * finished example `${recipe}/${item.id}`, its meta the recipe's own fields followed by the ones every text
 * carries (words, renamed names, the score, and the settings the rules check).
 */
export function consistencyResult<O extends TextOptions>(
  item: Item<Drafted<object>>,
  ctx: StageContext<O>,
  outcome: ConsistencyOutcome,
  recipe: string,
  meta: Record<string, unknown>,
): StageResult<TextExample> {
  const o = ctx.options;
  const v = item.value;
  if (!outcome.keep) return { outputs: [], rejected: [rejection(item.id, "consistency", outcome.reason, { ...v, ...(outcome.score ? { consistency: outcome.score } : {}) })] };
  const checks: TextChecksMeta = { minWords: o.minWords, blocklist: blocklistSpec(o) };
  const example: TextExample = {
    kind: "text",
    id: `${recipe}/${item.id}`,
    lineage: ctx.lineage(),
    text: v.text,
    meta: {
      ...meta,
      words: wordCount(v.text),
      renamed: v.renamed,
      consistency: outcome.score,
      checks,
    },
  };
  return { outputs: [{ id: item.id, value: example }] };
}
