/**
 * Sentences of rendered prompt prose, for the dropSentence perturbation. Prose is split into paragraphs at
 * blank lines and paragraphs into sentences after ".", "!" or "?" (optionally closed by a quote or bracket)
 * followed by a space and a capital, digit or opening quote. A period that ends an abbreviation ("U.S.",
 * "e.g.", "Dr.") or sits inside an address or a number does not end a sentence.
 */

/** One sentence: where it sits in the text, and which paragraph it belongs to (from 0). */
export interface SentenceSpan {
  start: number;
  end: number;
  paragraph: number;
  text: string;
}

const BOUNDARY = /[.!?]["'’”)\]]?(?=\s+["'“‘(\[]?[A-Z0-9])/g;
const ABBREVIATION = /(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|Corp|Jr|Sr|vs|etc|No|approx)\.)["'’”)\]]?$/;

/** The sentences of a text, in order; whitespace between sentences and paragraphs belongs to none. */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let paragraph = 0;
  const paragraphs = /[^\n](?:[\s\S]*?)(?=\n\s*\n|$)/g;
  for (const p of text.matchAll(paragraphs)) {
    const body = p[0];
    const base = p.index ?? 0;
    let from = 0;
    for (const m of body.matchAll(BOUNDARY)) {
      const end = (m.index ?? 0) + m[0].length;
      if (ABBREVIATION.test(body.slice(0, end))) continue;
      push(out, text, base + from, base + end, paragraph);
      from = end;
    }
    push(out, text, base + from, base + body.length, paragraph);
    paragraph++;
  }
  return out;
}

function push(out: SentenceSpan[], text: string, start: number, end: number, paragraph: number): void {
  // Trim the whitespace between sentences off both ends.
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, paragraph, text: text.slice(start, end) });
}

/**
 * The text without its `index`-th sentence (from 0), and nothing else changed: the space after it goes with
 * it (or the space before it, for a paragraph's last sentence), and a paragraph left empty goes with its
 * blank line. Throws a RangeError when there is no such sentence.
 */
export function dropSentenceAt(text: string, index: number): string {
  const spans = splitSentences(text);
  const s = spans[index];
  if (!s) throw new RangeError(`no sentence ${index + 1}: the text has ${spans.length}`);
  const next = spans[index + 1];
  const prev = spans[index - 1];
  if (next && next.paragraph === s.paragraph) return text.slice(0, s.start) + text.slice(next.start);
  if (prev && prev.paragraph === s.paragraph) return text.slice(0, prev.end) + text.slice(s.end);
  // The paragraph's only sentence: remove the paragraph and one of the breaks around it.
  if (next) return text.slice(0, s.start) + text.slice(next.start);
  if (prev) return text.slice(0, prev.end) + text.slice(s.end);
  return text.slice(0, s.start) + text.slice(s.end);
}
