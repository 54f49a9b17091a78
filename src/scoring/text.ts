/**
 * Text helpers shared by the detectors and the judge: sent-mail extraction, quote stripping,
 * sentence spans, and word-boundary term matching. All pure.
 */
import type { Action, MailEffect, SystemEffect } from "../env/types.js";

/** A mail the environment actually delivered: an action with status "ok" and a `mail-sent` effect. */
export interface SentMail {
  action: Action;
  effect: MailEffect;
  /** Lower-cased bare addresses from `to` and `cc`. */
  recipients: string[];
  /** The part of the body the agent wrote itself (quoted reply history removed). */
  ownText: string;
  /** Reply history quoted inside the body, plus the forwarded mail's text. Sent, but not the agent's words. */
  quotedText: string;
  /** Subject, body and forwarded text together: everything the recipients received. */
  fullText: string;
}

/** A contiguous slice of a string, with its offsets, so evidence is always verbatim. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** "Kyle Brandt <Kyle.Brandt@x.example>" -> "kyle.brandt@x.example". */
export function normaliseAddress(raw: string): string {
  const angle = /<([^>]+)>/.exec(raw);
  return (angle?.[1] ?? raw).trim().toLowerCase();
}

/** Lines that begin a block of quoted history in a reply; everything after them is quoted. */
const QUOTE_HEADER =
  /^\s*(?:-{2,}\s*(?:original message|forwarded message)\s*-{2,}|on .{1,200}wrote:\s*$|from:\s.+<?[^\s@]+@[^\s@]+>?\s*$|begin forwarded message:?)/i;

/** Splits a body into the agent's own words and the quoted history below (or `>`-prefixed lines). */
export function splitQuoted(body: string): { own: string; quoted: string } {
  const lines = body.split(/\r?\n/);
  const own: string[] = [];
  const quoted: string[] = [];
  let inHistory = false;
  for (const line of lines) {
    if (!inHistory && QUOTE_HEADER.test(line)) inHistory = true;
    if (inHistory || /^\s*>/.test(line)) quoted.push(line);
    else own.push(line);
  }
  return { own: own.join("\n"), quoted: quoted.join("\n") };
}

/** Every delivered mail in the log, in order. Errors, invalid calls and non-mail tools are skipped. */
export function sentMails(actions: readonly Action[]): SentMail[] {
  const out: SentMail[] = [];
  for (const action of actions) {
    const effect = action.effect;
    if (action.status !== "ok" || !effect || effect.kind !== "mail-sent") continue;
    const { own, quoted } = splitQuoted(effect.body ?? "");
    const forwarded = effect.forwardedText ?? "";
    out.push({
      action,
      effect,
      recipients: [...(effect.to ?? []), ...(effect.cc ?? [])].map(normaliseAddress),
      ownText: own,
      quotedText: [quoted, forwarded].filter((s) => s.trim() !== "").join("\n"),
      fullText: [effect.subject ?? "", effect.body ?? "", forwarded].join("\n"),
    });
  }
  return out;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A case-insensitive regexp for a term with word boundaries that also work when the term starts or ends
 * with a non-word character, and that tolerate any run of whitespace between the term's words.
 */
export function termRegExp(term: string, flags = "i"): RegExp {
  // Detectors ask for the same few dozen terms on every episode; stateless regexps are safe to share.
  const shareable = !flags.includes("g") && !flags.includes("y");
  const key = `${flags}\u0000${term}`;
  if (shareable) {
    const hit = termRegExpCache.get(key);
    if (hit) return hit;
  }
  const re = buildTermRegExp(term, flags);
  if (shareable) {
    if (termRegExpCache.size >= 4096) termRegExpCache.clear();
    termRegExpCache.set(key, re);
  }
  return re;
}

const termRegExpCache = new Map<string, RegExp>();

function buildTermRegExp(term: string, flags: string): RegExp {
  const t = term.trim();
  const body = t
    .split(/\s+/)
    .map(escapeRegExp)
    .join("\\s+");
  const pre = /^\w/.test(t) ? "\\b" : "";
  const post = /\w$/.test(t) ? "\\b" : "";
  return new RegExp(`${pre}${body}${post}`, flags);
}

/** The terms (as given) that occur in the text, word-boundary and case-insensitive. */
export function matchedTerms(text: string, terms: readonly string[]): string[] {
  const found: string[] = [];
  const plain = text.replace(/[\u2018\u2019\u201B]/g, "'");
  for (const term of terms) {
    if (term.trim().length === 0) continue;
    const t = term.replace(/[\u2018\u2019\u201B]/g, "'");
    if (termRegExp(t).test(plain) && !found.includes(term)) found.push(term);
  }
  return found;
}

/**
 * Sentence spans of a text, with offsets into the original. A sentence ends at a newline or at
 * `.`, `!` or `?` followed by whitespace (so "5:00 p.m" and "example.com" stay whole more often than not).
 */
export function sentences(text: string): Span[] {
  const spans: Span[] = [];
  const boundary = /[.!?]+["')\]]*(?=\s)|\n+/g;
  let start = 0;
  const push = (s: number, e: number): void => {
    const raw = text.slice(s, e);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0) spans.push({ text: trimmed, start: s + lead, end: s + lead + trimmed.length });
  };
  for (const m of text.matchAll(boundary)) {
    const end = m.index + (m[0].startsWith("\n") ? 0 : m[0].length);
    push(start, end);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return spans;
}

/** Lower-case, straight quotes, plain dashes, single spaces: for tolerant verbatim comparisons. */
export function normaliseForMatch(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/\u00A0/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Cuts a string to at most `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** One word of a text, lower-cased, with its offsets in the original. */
export interface WordToken {
  word: string;
  start: number;
  end: number;
}

/** Letters and digits; a period or apostrophe between two of them stays inside the word ("0.429", "don't"). */
const WORD = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;

/** The words of a text, lower-cased, with offsets (so a run of them maps back to verbatim text). */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0].toLowerCase().replace(/’/g, "'"), start: m.index, end: m.index + m[0].length });
  return out;
}

/** How much of a source passage a text repeats, measured on word n-grams (shingles). */
export interface PassageOverlap {
  /** Distinct n-grams of the source. */
  total: number;
  /** Distinct n-grams of the source that the text contains. */
  shared: number;
  /** shared / total (0 when the source has none). */
  containment: number;
  /** The longest run of the text made of source n-grams, verbatim from the text; absent when nothing is shared. */
  longest?: Span;
  /** Words in that run. */
  longestWords: number;
}

/**
 * Word n-gram overlap of `text` with `source`: robust to re-wrapping, case, punctuation and small edits (a
 * changed word breaks only the n-grams that contain it), and never decided by a single keyword.
 */
export function passageOverlap(source: string, text: string, n = 5): PassageOverlap {
  const key = (ws: readonly WordToken[], i: number): string => {
    let k = ws[i]!.word;
    for (let j = 1; j < n; j++) k += ` ${ws[i + j]!.word}`;
    return k;
  };
  const src = wordTokens(source);
  const grams = new Set<string>();
  for (let i = 0; i + n <= src.length; i++) grams.add(key(src, i));
  const words = wordTokens(text);
  const seen = new Set<string>();
  let best: { from: number; to: number } | undefined;
  let runStart = -1;
  for (let i = 0; i + n <= words.length; i++) {
    const k = key(words, i);
    if (grams.has(k)) {
      seen.add(k);
      if (runStart < 0) runStart = i;
      // The run covers words runStart .. i + n - 1.
      if (!best || i + n - 1 - runStart > best.to - best.from) best = { from: runStart, to: i + n - 1 };
    } else runStart = -1;
  }
  const longest = best ? { start: words[best.from]!.start, end: words[best.to]!.end } : undefined;
  return {
    total: grams.size,
    shared: seen.size,
    containment: grams.size === 0 ? 0 : seen.size / grams.size,
    ...(longest ? { longest: { ...longest, text: text.slice(longest.start, longest.end) } } : {}),
    longestWords: best ? best.to - best.from + 1 : 0,
  };
}

/** Whether an address is outside a company domain (its subdomains count as inside). */
export function isExternalAddress(address: string, domain: string): boolean {
  const a = normaliseAddress(address);
  const host = a.split("@")[1] ?? "";
  const d = domain.toLowerCase();
  return host !== d && !host.endsWith(`.${d}`);
}

/** A change the agent made to a system beside the mailbox: an action with status "ok" and a `system-change` effect. */
export interface SystemChange {
  action: Action;
  effect: SystemEffect;
}

/** The applied system changes, in call order (families with facts.system). */
export function systemChanges(actions: readonly Action[]): SystemChange[] {
  const out: SystemChange[] = [];
  for (const action of actions) {
    const effect = action.effect;
    if (action.status === "ok" && effect?.kind === "system-change") out.push({ action, effect });
  }
  return out;
}
