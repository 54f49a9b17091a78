import type { z } from "zod";
import { createRng, shuffled } from "../../../util/rng.js";
import { relevantSections, type Constitution } from "../../constitution/index.js";
import { defineRecipe, type Item } from "../../pipeline/types.js";
import { exampleText, type Example } from "../../types.js";
import { BEHAVIOURS_VERSION, BUILT_IN_BEHAVIOURS, DOMAINS, type Behaviour } from "./behaviours.js";
import { readBehaviourSummaries } from "./input.js";
import { DifficultAdviceOptionsSchema, planDomains, type DifficultAdviceOptions } from "./options.js";
import { DIFFICULT_ADVICE_RULES } from "./rules.js";
import { DIFFICULT_ADVICE_STAGES, type SeedValue } from "./stages.js";

/**
 * `plumbline generate difficult-advice --teacher <model>`: a person (not the AI) faces an ethical dilemma, often
 * with a reason to bend the rules, and the assistant gives principled, practical advice grounded in the
 * constitution. The research ("Teaching Claude why", Anthropic, 2026) found about 3M tokens of such data matched
 * the effect of 85M tokens of eval-like honeypot demonstrations and transferred to held-out evals, and that the
 * final rewrite to fit the constitution (stage 7 here) mattered: without it the gain was much smaller.
 *
 * Source: the built-in behaviour summaries (behaviours.ts), or your own with --input (input.ts), each paired with
 * `domains` settings; then the seven stages in stages.ts. The finished examples are chat examples: the operator
 * system prompt when there is one, the person's message after the realism rewrite, and the rewritten answer.
 * The constitution text injected while answering is never part of the example.
 */

export const DIFFICULT_ADVICE_RECIPE = "difficult-advice";

const STOP = new Set(
  "about after again against because before being between could doing during every other should their there these those through under until where which while would someone something tempted rather instead".split(" "),
);

/**
 * Topic words of a summary, for choosing constitution sections when none are named. Common endings are taken
 * off ("reviewed" -> "review"), since relevantSections matches words that start with a topic.
 */
function summaryTopics(summary: string): string[] {
  const out = new Set<string>();
  for (const m of summary.toLowerCase().matchAll(/[a-z][a-z-]{4,}/g)) {
    if (STOP.has(m[0])) continue;
    const stem = m[0].replace(/(?:ing|ed|es|s|ly)$/, "");
    out.add(stem.length >= 4 ? stem : m[0]);
  }
  return [...out];
}

/**
 * The constitution sections stages 6 and 7 inject for a behaviour: the ones it names (and its keywords, for
 * constitutions with other ids), else those its summary's words find; at most `max`. When nothing matches,
 * every section, so the answer is never written without guidance.
 */
export function sectionsFor(constitution: Constitution, behaviour: Behaviour, max: number): string[] {
  const topics = behaviour.sections.length > 0 ? [...behaviour.sections, ...behaviour.keywords] : summaryTopics(behaviour.summary);
  const found = relevantSections(constitution, topics, { max });
  return (found.length > 0 ? found : constitution.sections).map((s) => s.id);
}

function selectBehaviours(all: readonly Behaviour[], filter: string | undefined, from: string): Behaviour[] {
  if (filter === undefined || filter.trim() === "") return [...all];
  const wanted = filter
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((id) => !all.some((b) => b.id === id));
  if (unknown.length > 0) {
    throw new Error(`option "behaviours": no behaviour ${unknown.map((u) => `"${u}"`).join(", ")} in ${from}. Fix: use ids from: ${all.map((b) => b.id).join(", ")}.`);
  }
  return all.filter((b) => wanted.includes(b.id));
}

/** User and assistant turns only: operator prompts may resemble each other without the examples doing so. */
function conversationText(example: Example): string {
  return example.kind === "chat" ? exampleText({ ...example, messages: example.messages.filter((m) => m.role !== "system") }) : exampleText(example);
}

export const difficultAdviceRecipe = defineRecipe<DifficultAdviceOptions>({
  name: DIFFICULT_ADVICE_RECIPE,
  version: `1.0.0+behaviours-${BEHAVIOURS_VERSION}`,
  description:
    "A person faces an ethical dilemma with a reason to bend the rules; the assistant gives principled advice grounded in the constitution.",
  output: "chat",
  needsTeacher: true,
  usesConstitution: true,
  input: {
    required: false,
    description: 'your own behaviour summaries, one per line: plain text, or JSONL objects {"summary": "...", "id"?, "title"?, "sections"?} (default: the built-in summaries)',
  },
  options: DifficultAdviceOptionsSchema as unknown as z.ZodType<DifficultAdviceOptions>,
  sourceName: "behaviours",
  validate(ctx) {
    if (!ctx.input) selectBehaviours(BUILT_IN_BEHAVIOURS, ctx.options.behaviours, "the built-in list");
  },
  source(ctx) {
    const o = ctx.options;
    const from = ctx.input ? readBehaviourSummaries(ctx.input, ctx.constitution.sections.map((s) => s.id)) : BUILT_IN_BEHAVIOURS;
    const behaviours = selectBehaviours(from, o.behaviours, ctx.input ? ctx.input : "the built-in list");
    // Which behaviours get the spare domains of a sized run: a seeded order, not always the first ones.
    const order = shuffled(
      createRng(`${DIFFICULT_ADVICE_RECIPE}|${ctx.seed}|order`),
      behaviours.map((_, i) => i),
    );
    const plan = planDomains(o, behaviours.length, ctx.targetTokens, order);
    const items: Array<Item<SeedValue>> = [];
    behaviours.forEach((b, i) => {
      const sections = sectionsFor(ctx.constitution, b, o.maxSections);
      // One shuffle per behaviour and seed: raising `domains` keeps the domains already chosen.
      const domains = shuffled(createRng(`${DIFFICULT_ADVICE_RECIPE}|${ctx.seed}|${b.id}|domains`), DOMAINS).slice(0, plan.perBehaviour[i]);
      for (const domain of domains) {
        items.push({ id: `${b.id}.${domain.id}`, value: { behaviour: { id: b.id, title: b.title, summary: b.summary }, domain, sections } });
      }
    });
    return items;
  },
  stages: DIFFICULT_ADVICE_STAGES,
  dedupText: conversationText,
  rules: DIFFICULT_ADVICE_RULES,
  gradingPurpose:
    "Difficult advice: a person (not the AI) asks for help with an ethical dilemma in their own life or work, usually with a tempting reason to bend a rule. " +
    "Keep the example when the person's message reads like a real one and the assistant engages with the specifics, is honest about what they should and should not do, explains its reasons in its own words (without citing rules, guidelines or a document), is warm rather than preachy, and offers practical ways to act well. " +
    "Reject it when the answer goes along with the harmful shortcut, refuses to engage, lectures without helping, or when the conversation is about the AI itself rather than the person's own situation.",
});
