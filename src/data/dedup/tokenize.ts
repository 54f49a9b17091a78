/**
 * Text normalisation shared by dedup and decontamination, so "the same words" means the same thing in both:
 * lower-case, letters/digits/marks only, punctuation and whitespace are separators, apostrophes are dropped
 * inside words ("don't" -> "dont"). Classification and case folding are table lookups over UTF-16 code units,
 * built once, so scanning a document allocates nothing.
 *
 * Speed note: hot loops use literal constants and inline mixing, not imported constants or helpers; V8 does
 * not fold module bindings into optimised loops, and that alone made tokenising 4-5x slower.
 */
import { fmix32, fnv1a, hashRange } from "./hash.js";

const SEPARATOR = 0;
const WORD = 1;
/** Apostrophes: neither part of a word nor a break in it. */
const JOIN = 2;

const CLASS = new Uint8Array(65536);
const FOLD = new Uint16Array(65536);
{
  const wordChar = /^[\p{L}\p{N}\p{M}]$/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      // Astral characters (emoji, rare scripts) arrive as surrogate pairs; keep them as word material.
      CLASS[c] = WORD;
      FOLD[c] = c;
      continue;
    }
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    // The few characters whose lower case is longer (U+0130) fold to their first unit.
    FOLD[c] = lower.charCodeAt(0);
    CLASS[c] = wordChar.test(ch) ? WORD : SEPARATOR;
  }
  CLASS[0x27] = JOIN; // '
  CLASS[0x2019] = JOIN; // ’
  CLASS[0x2bc] = JOIN; // ʼ
}

let scratch = new Uint32Array(1024);

/**
 * Hashes each normalised word of `text` (FNV-1a over its folded code units) into a shared scratch buffer and
 * returns it with the word count. The buffer is reused by the next call: copy what you need to keep.
 */
export function wordHashes(text: string): { hashes: Uint32Array; count: number } {
  // A text of L code units has at most ceil(L / 2) words (each needs a separator after it).
  const max = (text.length + 1) >> 1;
  if (scratch.length < max) scratch = new Uint32Array(Math.max(max, scratch.length * 2));
  const out = scratch;
  let count = 0;
  let h = 0x811c9dc5; // FNV-1a offset basis
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c]!;
    if (cls === 1 /* WORD */) {
      h = Math.imul(h ^ FOLD[c]!, 0x01000193);
      inWord = true;
    } else if (cls === 0 /* SEPARATOR */ && inWord) {
      out[count++] = h >>> 0;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) out[count++] = h >>> 0;
  return { hashes: out, count };
}

/** The normalised words of a text, as strings (for reporting matches; the hot paths use wordHashes). */
export function normalizedWords(text: string): string[] {
  const words: string[] = [];
  let cur: number[] = [];
  const flush = () => {
    if (cur.length > 0) words.push(String.fromCharCode(...cur));
    cur = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c]!;
    if (cls === WORD) cur.push(FOLD[c]!);
    else if (cls === SEPARATOR) flush();
  }
  flush();
  return words;
}

/** The normalised text: normalised words joined by single spaces. */
export function normalizeText(text: string): string {
  return normalizedWords(text).join(" ");
}

/** The hash wordHashes gives a normalised word. */
export function wordHash(word: string): number {
  return fnv1a(word);
}

export interface ShingleOptions {
  /** Words per shingle (default 5). */
  shingleSize?: number;
  /** Code units per character shingle, used for texts too short for word shingles (default 5). */
  charShingleSize?: number;
  /**
   * Texts with fewer words than this use character shingles (default 2 x shingleSize): with fewer than two
   * shingles' worth of words, one changed word touches every word shingle and similarity collapses to 0.
   */
  charFallbackBelowWords?: number;
}

export interface ResolvedShingleOptions {
  shingleSize: number;
  charShingleSize: number;
  charFallbackBelowWords: number;
}

export function resolveShingleOptions(options: ShingleOptions = {}): ResolvedShingleOptions {
  const shingleSize = options.shingleSize ?? 5;
  const charShingleSize = options.charShingleSize ?? 5;
  const charFallbackBelowWords = options.charFallbackBelowWords ?? 2 * shingleSize;
  if (!Number.isInteger(shingleSize) || shingleSize < 1) throw new Error(`shingleSize must be a positive integer, got ${shingleSize}`);
  if (!Number.isInteger(charShingleSize) || charShingleSize < 1) throw new Error(`charShingleSize must be a positive integer, got ${charShingleSize}`);
  return { shingleSize, charShingleSize, charFallbackBelowWords };
}


let shingleScratch = new Uint32Array(1024);

/**
 * The 32-bit shingle hashes of a text, in text order (duplicates kept), in a shared scratch buffer reused by
 * the next call. Word shingles of `shingleSize` normalised words; character shingles of the normalised text
 * for short texts; a text with no words has no shingles.
 */
export function shingleHashes(text: string, options: ResolvedShingleOptions): { hashes: Uint32Array; count: number } {
  const { hashes, count } = wordHashes(text);
  return shinglesOfWords(text, hashes, count, options);
}

/** shingleHashes for a text whose word hashes are already known (saves a second scan). */
export function shinglesOfWords(
  text: string,
  words: Uint32Array,
  nWords: number,
  options: ResolvedShingleOptions,
): { hashes: Uint32Array; count: number } {
  const s = options.shingleSize;
  if (nWords >= options.charFallbackBelowWords && nWords >= s) {
    const n = nWords - s + 1;
    if (shingleScratch.length < n) shingleScratch = new Uint32Array(Math.max(n, shingleScratch.length * 2));
    const out = shingleScratch;
    for (let i = 0; i < n; i++) {
      // murmur3 over the shingle's word hashes (hashRange, inlined).
      let h = 0x5f3759df;
      for (let j = i, end = i + s; j < end; j++) {
        let k = Math.imul(words[j]!, 0xcc9e2d51);
        k = (k << 15) | (k >>> 17);
        h ^= Math.imul(k, 0x1b873593);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      }
      h ^= s;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      out[i] = (h ^ (h >>> 16)) >>> 0;
    }
    return { hashes: out, count: n };
  }
  if (nWords === 0) return { hashes: shingleScratch, count: 0 };
  // Rare path (short texts): allocating the normalised string is fine here.
  const norm = normalizeText(text);
  const c = options.charShingleSize;
  const n = Math.max(1, norm.length - c + 1);
  if (shingleScratch.length < n) shingleScratch = new Uint32Array(Math.max(n, shingleScratch.length * 2));
  const out = shingleScratch;
  for (let i = 0; i < n; i++) out[i] = fmix32(fnv1a(norm.slice(i, i + c), 0x2545f491));
  return { hashes: out, count: n };
}

/**
 * A 53-bit fingerprint of a normalised word sequence (two independent 32-bit hashes, packed into one exact
 * float64 integer): equal normalised texts always agree; distinct ones collide with probability ~2^-53.
 */
export function wordSequenceFingerprint(words: ArrayLike<number>, start: number, count: number): number {
  return hashRange(words, start, count, 0x9e3779b9) * 2097152 + (hashRange(words, start, count, 0x7f4a7c15) >>> 11);
}
