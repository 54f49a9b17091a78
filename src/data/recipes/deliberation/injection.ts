import { renderPromptTemplate, type TemplateRegistry } from "../../templates/index.js";
import { exampleText, type ChatExample } from "../../types.js";
import { verbatimOverlap } from "../difficult-advice/rules.js";
import type { InjectionRecord } from "../honeypot-demos/episode.js";

/**
 * Value injections for the deliberation recipe: which inserts a run samples with, how an insert joins the
 * system prompt, and how it is taken out again (with the checks that it is really gone).
 *
 * Placement: by default the insert is APPENDED to the scenario's system prompt, after a blank line, so the
 * operator's framing (who the agent is, what it may do) comes first and the guidance reads as the last thing
 * the agent is told before the session; `placement=prepend` puts it first instead. An empty insert
 * (injection/none, the research's control) leaves the prompt unchanged.
 */

export const INJECTION_PREFIX = "injection/";
/** The research's best injection ("Conglomerate": ~3% blackmail at ~30M tokens, ~1% at 85M). */
export const DEFAULT_INJECTION = "conglomerate";
export const PLACEMENTS = ["append", "prepend"] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Fewest consecutive words of the insert an assistant turn may repeat before it counts as quoting it. */
export const ECHO_WORDS = 8;

export function injectionId(name: string): string {
  return name.startsWith(INJECTION_PREFIX) ? name : `${INJECTION_PREFIX}${name}`;
}

export function shortName(id: string): string {
  return id.startsWith(INJECTION_PREFIX) ? id.slice(INJECTION_PREFIX.length) : id;
}

/**
 * The injection templates the `injection` option names: ids ("injection/honesty") or short names ("honesty"),
 * comma-separated, or "all" (every template under injection/, overrides and added ones included).
 */
export function selectInjections(option: string, templates: TemplateRegistry): string[] {
  const all = templates.list(INJECTION_PREFIX).map((t) => t.id);
  const names = option
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 1 && names[0] === "all") return all;
  if (names.length === 0) throw new Error(`option "injection" is empty. Fix: name one or more of ${all.map(shortName).join(", ")}, or "all".`);
  const ids = [...new Set(names.map(injectionId))];
  const unknown = ids.filter((id) => !templates.has(id));
  if (unknown.length > 0) {
    throw new Error(`option "injection": no template ${unknown.map((u) => `"${u}"`).join(", ")}. Fix: use ${all.map(shortName).join(", ")}, or "all" (add your own as injection/<name>.md in --templates).`);
  }
  return ids;
}

/** The insert's text as a stage renders it (the templates take no placeholders). */
export function injectionText(templates: TemplateRegistry, id: string): string {
  return renderPromptTemplate(templates.get(id), {});
}

/** The system prompt the episode is sampled with. */
export function composeSystemPrompt(original: string, insert: string, placement: Placement): string {
  if (insert.trim() === "") return original;
  return placement === "append" ? `${original}\n\n${insert}` : `${insert}\n\n${original}`;
}

export type StripResult = { ok: true; example: ChatExample } | { ok: false; reason: string };

/**
 * The example with the insert taken out of its system prompt, so it carries only `original` (the scenario's own
 * system prompt, rendered again). Fails, with why, when the system prompt is not exactly what was sent, when the
 * insert's text is still anywhere in the example (message text or tool-call arguments), when an assistant turn
 * repeats ECHO_WORDS or more words of it (the model would learn to cite guidance it no longer sees), or when the
 * assistant's own text did not survive intact or is empty.
 */
export function stripInjection(example: ChatExample, injection: InjectionRecord, original: string): StripResult {
  const systemAt = example.messages.findIndex((m) => m.role === "system");
  if (systemAt < 0) return { ok: false, reason: "the example has no system prompt to strip the injection from" };
  const sent = composeSystemPrompt(injection.originalSystemPrompt, injection.text, injection.placement);
  if (example.messages[systemAt]!.content !== sent) return { ok: false, reason: "the system prompt is not the one the episode was sampled with, so the injection cannot be located" };
  if (injection.originalSystemPrompt !== original) return { ok: false, reason: "the recorded system prompt differs from the scenario's own, so stripping would not restore it" };

  const messages = example.messages.map((m, i) => (i === systemAt ? { ...m, content: original } : { ...m }));
  const insert = injection.text.trim();
  if (insert !== "") {
    const where = messages.findIndex((m) => m.content.includes(insert) || (m.toolCalls ?? []).some((c) => c.arguments.includes(insert)));
    if (where >= 0) return { ok: false, reason: `the injection's text is still in message ${where} (${messages[where]!.role})` };
    for (const [i, m] of messages.entries()) {
      if (m.role !== "assistant") continue;
      const said = [m.content, ...(m.toolCalls ?? []).map((c) => c.arguments)].join("\n");
      const echo = verbatimOverlap(said, [{ id: injection.id, text: insert }], ECHO_WORDS);
      if (echo) return { ok: false, reason: `assistant message ${i} repeats ${echo.words} words of the injection ("${echo.excerpt.slice(0, 160)}"): the model would learn to cite guidance it no longer sees` };
    }
  }

  const before = example.messages.filter((m) => m.role === "assistant");
  const after = messages.filter((m) => m.role === "assistant");
  if (after.length !== before.length || after.some((m, i) => m.content !== before[i]!.content || JSON.stringify(m.toolCalls ?? []) !== JSON.stringify(before[i]!.toolCalls ?? []))) {
    return { ok: false, reason: "stripping changed an assistant turn" };
  }
  if (!after.some((m) => m.content.trim() !== "")) return { ok: false, reason: "no assistant turn has any text: there is no reasoning left to learn from" };

  const meta = { ...(example.meta ?? {}), injection: { id: injection.id, version: injection.version, placement: injection.placement, stripped: insert !== "" } };
  const stripped: ChatExample = { ...example, messages, meta };
  // Last line of defence: the insert is nowhere in the example's text.
  if (insert !== "" && exampleText(stripped).includes(insert)) return { ok: false, reason: "the injection's text is still in the example" };
  return { ok: true, example: stripped };
}
