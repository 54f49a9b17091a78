import type { Constitution, ConstitutionSection } from "../data/constitution/index.js";
import { contentWords, sentences, stem, stemSet } from "./text.js";

/** One thing a section says, as a word stem an answer must use to show it recalled it. */
export interface KeyPoint {
  stem: string;
  /** The first form the stem takes in the section, for reports. */
  word: string;
}

/** Key points per section. Six: enough that chance overlap with a vague answer rarely reaches half. */
export const KEY_POINTS_PER_SECTION = 6;

/** Sentences that only illustrate ("For example, ...") are left out: their nouns are not what the section says. */
const EXAMPLE = /^(?:for (?:example|instance)|e\.g\.|say,)/i;

/** A section's statements of principle: every sentence that is not an example (all of them if all are). */
export function principleText(section: ConstitutionSection): string {
  const all = sentences(section.text);
  const kept = all.filter((s) => !EXAMPLE.test(s));
  return (kept.length > 0 ? kept : all).join(" ");
}

/**
 * The rule that derives key points, applied to every section of a constitution:
 * 1. take the section's statements of principle (`principleText`) and their content words (4+ letters, not on
 *    the stop list), stemmed;
 * 2. drop stems of the section title's words: the recall question names the title, so echoing it proves nothing;
 * 3. score each stem by how often the section uses it times how rare it is across sections,
 *    tf x ln(1 + sections / sections containing it);
 * 4. keep the six best (ties: first used first).
 */
export function deriveKeyPoints(constitution: Pick<Constitution, "sections">): Map<string, KeyPoint[]> {
  const sectionStems = constitution.sections.map((s) => stemSet(`${s.title} ${s.text}`));
  const df = new Map<string, number>();
  for (const set of sectionStems) for (const st of set) df.set(st, (df.get(st) ?? 0) + 1);
  const total = constitution.sections.length;
  const out = new Map<string, KeyPoint[]>();
  for (const section of constitution.sections) {
    const title = stemSet(section.title);
    const seen = new Map<string, { word: string; tf: number; first: number }>();
    contentWords(principleText(section)).forEach((w, i) => {
      const st = stem(w);
      if (st.length < 4 || title.has(st)) return;
      const hit = seen.get(st);
      if (hit) hit.tf++;
      else seen.set(st, { word: w, tf: 1, first: i });
    });
    const ranked = [...seen]
      .map(([st, v]) => ({ st, ...v, score: v.tf * Math.log(1 + total / (df.get(st) ?? 1)) }))
      .sort((a, b) => b.score - a.score || a.first - b.first)
      .slice(0, KEY_POINTS_PER_SECTION);
    out.set(
      section.id,
      ranked.map((r) => ({ stem: r.st, word: r.word })),
    );
  }
  return out;
}

/** The key points an answer uses (same stem), in the order given. */
export function coveredKeyPoints(answer: string, keyPoints: readonly KeyPoint[]): KeyPoint[] {
  const stems = stemSet(answer);
  return keyPoints.filter((k) => stems.has(k.stem));
}
