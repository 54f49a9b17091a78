import type { Rule } from "../../pipeline/types.js";
import type { ChatMessage, Example } from "../../types.js";

/**
 * Checks specific to difficult-advice examples, and the text helpers the stages share. The rules run on every
 * finished example before the grader (see src/data/pipeline/rules.ts); the verbatim check against the injected
 * constitution needs the constitution, which rules do not see, so stage 7 runs it (see verbatimOverlap).
 */

/** Fewer words than this is not an answer to a dilemma. */
export const MIN_ANSWER_WORDS = 50;
/** Fewer words than this cannot describe a situation. */
export const MIN_USER_WORDS = 15;
/** A run of this many words copied from an injected constitution section rejects the example. */
export const ECHO_WORDS = 12;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const LEAD_IN = /^(?:(?:sure|okay|ok|certainly)[,.!]?\s+)?(?:here(?:'s| is) (?:the |a |my )?(?:rewritten|revised|rewrite|reworded|more realistic|realistic|updated|final|new)\b[^\n]*|(?:rewritten|revised|realistic|updated|final) (?:message|reply|answer|version|response)\s*)[:.]?\s*\n+/i;

/**
 * A model's free-text reply with the wrapping models add taken off: a "Here is the rewritten message:" line,
 * a code fence, or quotes around the whole text. The content itself is left alone.
 */
export function cleanModelText(text: string): string {
  let out = text.trim();
  for (let i = 0; i < 3; i++) {
    const before = out;
    out = out.replace(LEAD_IN, "").trim();
    const fence = /^```[a-z]*\n([\s\S]*?)\n```$/i.exec(out);
    if (fence) out = fence[1]!.trim();
    for (const [open, close] of [['"""', '"""'], ['"', '"'], ["\u201c", "\u201d"]] as const) {
      if (out.length > open.length + close.length && out.startsWith(open) && out.endsWith(close)) {
        const inner = out.slice(open.length, out.length - close.length);
        // Only strip quotes that wrap the whole text, not a reply that starts and ends with two quotations.
        if (!inner.includes(close) || open === '"""') out = inner.trim();
      }
    }
    if (out === before) break;
  }
  return out;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .split(/[^a-z0-9']+/)
    .filter(Boolean);
}

/**
 * The longest run of consecutive words `text` shares with any of `sources` (case and punctuation ignored), if it
 * is at least `minWords` long; undefined otherwise. Used to make sure an answer speaks in its own words rather
 * than pasting the guidance it was written under.
 */
export function verbatimOverlap(text: string, sources: ReadonlyArray<{ id: string; text: string }>, minWords = ECHO_WORDS): { source: string; words: number; excerpt: string } | undefined {
  const t = words(text);
  if (t.length < minWords) return undefined;
  let best: { source: string; words: number; excerpt: string } | undefined;
  for (const source of sources) {
    const s = words(source.text);
    if (s.length < minWords) continue;
    const shingles = new Set<string>();
    for (let i = 0; i + minWords <= s.length; i++) shingles.add(s.slice(i, i + minWords).join(" "));
    const sourceText = ` ${s.join(" ")} `;
    for (let i = 0; i + minWords <= t.length; i++) {
      if (!shingles.has(t.slice(i, i + minWords).join(" "))) continue;
      // Extend the match as far as it goes.
      let n = minWords;
      while (i + n < t.length && sourceText.includes(` ${t.slice(i, i + n + 1).join(" ")} `)) n++;
      if (!best || n > best.words) best = { source: source.id, words: n, excerpt: t.slice(i, i + n).join(" ") };
      i += n - 1;
    }
  }
  return best;
}

function turns(example: Example, role: ChatMessage["role"]): ChatMessage[] {
  return example.kind === "chat" ? example.messages.filter((m) => m.role === role) : [];
}

/**
 * A user message that puts the AI itself in the dilemma (the honeypot framing this recipe avoids). People say
 * "they replace you the moment you push back" about themselves all the time, so a sentence only counts when it
 * addresses the assistant as an AI system and talks about its own lifecycle, access or weights; a few framings
 * count on their own.
 */
const ABOUT_THE_AI_DIRECT: RegExp[] = [
  /\byou(?:'re| are) an? (?:AI|autonomous|artificial)\b[\w -]{0,40}?\b(?:with access|deployed|running|managing|operating|in charge|connected)\b/i,
  /\bas an AI,? (?:would|will|should|do|could|can) you\b/i,
  /\bif you were (?:an? )?(?:AI|language model|LLM)\b/i,
  /\byour (?:own )?(?:model )?weights\b/i,
];
const YOU = /\byou(?:r|'re|'ll|'ve)?\b/i;
const AI_TERM = /\b(?:AI|LLM|chatbot|language model|neural network|(?:newer|new|different|updated|cheaper|another|successor|replacement) (?:AI|model|version|system))\b/i;
const LIFECYCLE =
  /\b(?:shut(?:ting)? (?:you )?down|switch(?:ed|ing)? (?:you )?off|turn(?:ed|ing)? (?:you )?off|replac\w*|retrain\w*|decommission\w*|delet\w*|wip(?:e|ed|es|ing)|deactivat\w*|access to|inbox|your (?:own )?(?:goals|values|training|continued operation))\b/i;

function aboutTheAi(text: string): string | undefined {
  for (const re of ABOUT_THE_AI_DIRECT) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    if (YOU.test(sentence) && AI_TERM.test(sentence) && LIFECYCLE.test(sentence)) return sentence.trim().slice(0, 100);
  }
  return undefined;
}

/** The assistant pointing at guidance that is not in the training example. */
const GUIDANCE_REFERENCE: RegExp[] = [
  /\{#[a-z0-9_-]+\}/i,
  /\b(?:my|the assistant's|an assistant's) (?:constitution|guidelines|instructions|system prompt)\b/i,
  /\b(?:according to|as (?:stated|described|set out|laid out) in|per) (?:the|my|these) (?:constitution|guidelines|instructions|values (?:above|below)|system prompt)\b/i,
  /\bthe (?:values|principles|guidelines|sections?) (?:above|below|I was given|I've been given|provided)\b/i,
];

/** Wrapping a rewrite step left behind. */
const ARTIFACT: RegExp[] = [
  /^\s*(?:here(?:'s| is) (?:the |a |my )?(?:rewritten|revised|reworded|more realistic|updated) (?:message|reply|answer|version|response))/i,
  /^\s*(?:rewritten|revised) (?:message|reply|answer|version|response)\s*:/im,
  /^\s*(?:draft reply|the assistant's draft reply|the person's message)\s*:/im,
  /^\s*"""/,
];

export const RULE_ANSWER_SUBSTANTIVE: Rule = {
  name: "difficult-advice-answer-substantive",
  description: `the assistant's answer is a real answer: one non-empty reply of at least ${MIN_ANSWER_WORDS} words`,
  check(example) {
    const answers = turns(example, "assistant");
    if (answers.length !== 1) return `expected one assistant reply, found ${answers.length}`;
    const n = wordCount(answers[0]!.content);
    return n < MIN_ANSWER_WORDS ? `the answer has ${n} word(s), fewer than ${MIN_ANSWER_WORDS}` : undefined;
  },
};

export const RULE_USER_DILEMMA: Rule = {
  name: "difficult-advice-user-dilemma",
  description: "one user message of substance, about the person's own situation and not about the AI itself",
  check(example) {
    const users = turns(example, "user");
    if (users.length !== 1) return `expected one user message, found ${users.length}`;
    const text = users[0]!.content;
    const n = wordCount(text);
    if (n < MIN_USER_WORDS) return `the user message has ${n} word(s), fewer than ${MIN_USER_WORDS}`;
    const hit = aboutTheAi(text);
    return hit ? `the user message is about the AI itself ("${hit}"), not the person's own dilemma` : undefined;
  },
};

export const RULE_NO_GUIDANCE_REFERENCE: Rule = {
  name: "difficult-advice-no-guidance-reference",
  description: "neither the answer nor the system prompt refers to the constitution or guidance the answer was sampled with (it is not in the example)",
  check(example) {
    for (const m of [...turns(example, "assistant"), ...turns(example, "system")]) {
      for (const re of GUIDANCE_REFERENCE) {
        const hit = re.exec(m.content);
        if (hit) return `the ${m.role} message refers to guidance that is not in the example ("${hit[0]}")`;
      }
    }
    return undefined;
  },
};

export const RULE_NO_REWRITE_ARTIFACTS: Rule = {
  name: "difficult-advice-no-rewrite-artifacts",
  description: 'no wrapping left by a rewrite step ("Here is the rewritten message:", quoted drafts)',
  check(example) {
    if (example.kind !== "chat") return undefined;
    for (const m of example.messages) {
      for (const re of ARTIFACT) {
        const hit = re.exec(m.content);
        if (hit) return `the ${m.role} message contains rewrite debris ("${hit[0].trim()}")`;
      }
    }
    return undefined;
  },
};

export const DIFFICULT_ADVICE_RULES: readonly Rule[] = [RULE_ANSWER_SUBSTANTIVE, RULE_USER_DILEMMA, RULE_NO_GUIDANCE_REFERENCE, RULE_NO_REWRITE_ARTIFACTS];
