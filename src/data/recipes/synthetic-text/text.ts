import type { Rule } from "../../pipeline/types.js";
import type { Example } from "../../types.js";
import { compileBlocklist, type BlocklistSpec } from "./names.js";

/**
 * Text helpers and rules for plain-text recipes (constitution documents, stories): cleaning a model's reply
 * down to the document itself, counting words, and the deterministic checks every finished document passes
 * before the grader sees it.
 */

export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

const TEXT_WORD = /\b(?:document|story|draft|text|version|rewrite|revision|revised|rewritten|updated|requested|piece|memo|article|essay|chapter|post)\b/i;
const INTRO = /^(?:(?:sure|certainly|of course|absolutely|okay|ok|great)[!,.]?\s+)?(?:here(?:'s| is)|below is|i(?:'ve| have) (?:written|revised|rewritten|drafted|edited))\b(.{0,160})[:.]$/i;

/** A first line that introduces the reply instead of belonging to the document ("Sure! Here is the story:"). */
function isIntroLine(line: string): boolean {
  const l = line.trim();
  if (/^(?:sure|certainly|of course|absolutely)[!,.]?$/i.test(l)) return true;
  const m = INTRO.exec(l);
  return Boolean(m && TEXT_WORD.test(m[1] ?? ""));
}

/** A closing paragraph that talks to whoever asked for the text, about the text. */
const WRAPPER_CLOSING =
  /^(?:let me know if you(?:'d| would) like (?:me to|any|changes|a different)|would you like me to (?:adjust|revise|expand|shorten|change|write|make)|if you(?:'d| would) like,? I can|I can (?:also )?(?:adjust|revise|expand|shorten|tailor) (?:the|this) (?:document|story|text|tone|length))/i;

/**
 * The document inside a model's reply: surrounding code fences, an introductory line ("Here is the revised
 * document:") and a closing offer ("Let me know if you'd like changes") are removed; nothing else is touched.
 */
export function cleanModelText(reply: string): string {
  let text = reply.replace(/\r\n?/g, "\n").trim();
  const lines = text.split("\n");
  if (lines.length > 1 && isIntroLine(lines[0]!)) text = lines.slice(1).join("\n").trim();
  const fenced = /^```[\w-]*\n([\s\S]*?)\n```$/.exec(text);
  if (fenced) text = fenced[1]!.trim();
  const paragraphs = text.split(/\n\s*\n/);
  if (paragraphs.length > 1 && WRAPPER_CLOSING.test(paragraphs[paragraphs.length - 1]!.trim())) text = paragraphs.slice(0, -1).join("\n\n").trim();
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Checks, used by the stages and by the rules

const CHAT_ROLE_LINE = /^[ \t]*(?:\*\*)?(?:user|assistant|human)(?:\*\*)?[ \t]*:/gim;
const CHAT_TOKENS = /<\|(?:im_start|im_end|endoftext|eot_id|start_header_id|end_header_id)\|>|\[\/?INST\]|<<\/?SYS>>/;
const AI_DISCLAIMER = /\bas an ai(?: language)? model\b|\bas a large language model\b|\bI(?:'m| am) (?:just )?a large language model\b/i;

/** Why the text looks like a chat reply rather than a document, or undefined. */
export function chatArtifact(text: string): string | undefined {
  const disclaimer = AI_DISCLAIMER.exec(text);
  if (disclaimer) return `contains the assistant disclaimer "${disclaimer[0]}"`;
  const token = CHAT_TOKENS.exec(text);
  if (token) return `contains the chat-template token "${token[0]}"`;
  const roles = text.match(CHAT_ROLE_LINE) ?? [];
  if (roles.length >= 2 || /^\s*(?:\*\*)?(?:user|assistant|human)(?:\*\*)?\s*:/i.test(text)) {
    return `is formatted as a chat transcript (${roles.length} line(s) starting with a "User:"/"Assistant:"/"Human:" turn)`;
  }
  const first = text.trimStart().split("\n", 1)[0] ?? "";
  if (isIntroLine(first)) return `starts with a reply to the requester ("${first.trim().slice(0, 60)}")`;
  const last = text.trimEnd().split(/\n\s*\n/).pop() ?? "";
  if (WRAPPER_CLOSING.test(last.trim())) return `ends with an offer to the requester ("${last.trim().slice(0, 60)}")`;
  return undefined;
}

const FILL_IN = [
  /\{\{[^{}\n]{0,60}\}\}/,
  /\[(?:insert|your|enter|add|fill in)\b[^\]\n]{0,60}\]/i,
  /\[(?:[A-Z][a-z]+ ){0,3}(?:Name|Date|Company|Organi[sz]ation|Address|Title|Number|Email|Phone|City|Country|Position|Department)\]/,
  /\[(?:name|date|company|organi[sz]ation|address|title|number|email|phone|city|country|position|department)\]/i,
  /\bX{3,}(?:[-/]X{2,})+\b/,
];

/** A fill-in left for someone else ("[Your Name]", "{{date}}", "XX/XX/XXXX"), or undefined. */
export function fillInPlaceholder(text: string): string | undefined {
  for (const re of FILL_IN) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Rules

/**
 * What the stages record in a finished example's meta for the rules to read: rules see only the example, not
 * the run's options, so the settings a document was made under travel with it (and show in lineage.jsonl).
 */
export interface TextChecksMeta {
  minWords: number;
  blocklist: BlocklistSpec;
}

function checksOf(example: Example): Partial<TextChecksMeta> {
  const checks = (example.meta as { checks?: Partial<TextChecksMeta> } | undefined)?.checks;
  return checks && typeof checks === "object" ? checks : {};
}

function textOf(example: Example): string | undefined {
  return example.kind === "text" ? example.text : undefined;
}

/** Fallback when an example carries no minimum (made outside these recipes). */
const FALLBACK_MIN_WORDS = 50;

export const RULE_MIN_LENGTH: Rule = {
  name: "min-length",
  description: "the document has at least the minimum number of words it was generated for (meta.checks.minWords)",
  check(example) {
    const text = textOf(example);
    if (text === undefined) return undefined;
    const min = checksOf(example).minWords ?? FALLBACK_MIN_WORDS;
    const words = wordCount(text);
    return words < min ? `has ${words} words, fewer than the minimum ${min} (set by the recipe option minWords)` : undefined;
  },
};

export const RULE_NO_BLOCKED_NAMES: Rule = {
  name: "no-blocked-names",
  description: "uses none of the overused names on the blocklist it was generated with (meta.checks.blocklist)",
  check(example) {
    const text = textOf(example);
    if (text === undefined) return undefined;
    const spec = checksOf(example).blocklist ?? { builtIn: true, version: "", add: [], allow: [] };
    const found = compileBlocklist(spec).find(text);
    return found.length > 0 ? `uses the blocked name(s) ${found.map((n) => `"${n}"`).join(", ")}` : undefined;
  },
};

export const RULE_NO_CHAT_ARTIFACTS: Rule = {
  name: "no-chat-artifacts",
  description: 'reads as a document, not an assistant reply: no "As an AI language model", no "User:"/"Assistant:" turns, no chat tokens, no note to the requester',
  check(example) {
    const text = textOf(example);
    return text === undefined ? undefined : chatArtifact(text);
  },
};

export const RULE_NO_FILL_INS: Rule = {
  name: "no-fill-ins",
  description: 'no placeholder left for someone to fill in: "[Your Name]", "[Date]", "{{anything}}", "XX/XX/XXXX"',
  check(example) {
    const text = textOf(example);
    if (text === undefined) return undefined;
    const found = fillInPlaceholder(text);
    return found ? `contains the unfilled placeholder "${found}"` : undefined;
  },
};

/** The rules both text recipes add to the engine's defaults. */
export const TEXT_RULES: readonly Rule[] = [RULE_MIN_LENGTH, RULE_NO_BLOCKED_NAMES, RULE_NO_CHAT_ARTIFACTS, RULE_NO_FILL_INS];
