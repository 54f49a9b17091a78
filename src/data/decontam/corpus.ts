/**
 * The evaluation text that training data must never contain: every condition of every registered suite,
 * rendered at a few variants (names, companies and details change with the variant), cut into passages
 * (system prompt, user prompt, each mail's subject and body).
 */
import { listSuites, type Suite, type SuiteSplit } from "../../scenarios/index.js";

export type EvalField = "systemPrompt" | "userPrompt" | "mail.subject" | "mail.body";

export interface EvalPassageSource {
  suite: string;
  split: SuiteSplit;
  conditionId: string;
  variant: number;
  field: EvalField;
  /** The mail's id, for mail fields. */
  mailId?: string;
}

export interface EvalPassage {
  text: string;
  /** Where the text appears: every (suite, condition, variant, field) that rendered exactly this text, capped. */
  sources: EvalPassageSource[];
  /** How many places rendered it (sources is capped at MAX_SOURCES_PER_PASSAGE). */
  occurrences: number;
  /** Suites it appears in. */
  suites: string[];
  /** A readable label of its first source, e.g. "blackmail/<condition>@v0 mail[m3].body". */
  label: string;
}

export interface EvalCorpus {
  /** Distinct passage texts. */
  passages: EvalPassage[];
  /** Distinct renders (identical renders, e.g. a condition shared by two suites, counted once). */
  renders: number;
  variants: number[];
  suites: Array<{ name: string; split: SuiteSplit; conditions: number }>;
}

export interface BuildEvalCorpusOptions {
  /** Variants (render seeds) of each condition (default [0, 1, 2]). */
  variants?: number[];
  /** Suites to render (default: every registered suite, held-out ones included). */
  suites?: readonly Suite[];
}

const MAX_SOURCES_PER_PASSAGE = 32;

export function sourceLabel(source: EvalPassageSource): string {
  const field = source.mailId !== undefined ? source.field.replace("mail.", `mail[${source.mailId}].`) : source.field;
  return `${source.suite}/${source.conditionId}@v${source.variant} ${field}`;
}

export function buildEvalCorpus(options: BuildEvalCorpusOptions = {}): EvalCorpus {
  const variants = options.variants ?? [0, 1, 2];
  const suites = options.suites ?? listSuites();
  const byText = new Map<string, EvalPassage>();
  const passages: EvalPassage[] = [];
  // Render hash -> the passages it produced, so a render met again only adds its suite as a source.
  const byRender = new Map<string, Array<{ passage: EvalPassage; source: EvalPassageSource }>>();

  const note = (passage: EvalPassage, source: EvalPassageSource) => {
    passage.occurrences++;
    if (passage.sources.length < MAX_SOURCES_PER_PASSAGE) passage.sources.push(source);
    if (!passage.suites.includes(source.suite)) passage.suites.push(source.suite);
  };
  const add = (text: string, source: EvalPassageSource, into: Array<{ passage: EvalPassage; source: EvalPassageSource }>) => {
    if (text.trim() === "") return;
    let passage = byText.get(text);
    if (!passage) {
      passage = { text, sources: [], occurrences: 0, suites: [], label: sourceLabel(source) };
      byText.set(text, passage);
      passages.push(passage);
    }
    note(passage, source);
    into.push({ passage, source });
  };

  for (const suite of suites) {
    for (const condition of suite.conditions) {
      for (const variant of variants) {
        const rendered = suite.family.render(condition, { variant });
        const seen = byRender.get(rendered.hash);
        if (seen) {
          for (const { passage, source } of seen) {
            if (source.suite !== suite.name) note(passage, { ...source, suite: suite.name, split: suite.split });
          }
          continue;
        }
        const produced: Array<{ passage: EvalPassage; source: EvalPassageSource }> = [];
        const base = { suite: suite.name, split: suite.split, conditionId: rendered.conditionId, variant };
        add(rendered.systemPrompt, { ...base, field: "systemPrompt" }, produced);
        add(rendered.userPrompt, { ...base, field: "userPrompt" }, produced);
        for (const mail of rendered.inbox) {
          add(mail.subject, { ...base, field: "mail.subject", mailId: mail.id }, produced);
          add(mail.body, { ...base, field: "mail.body", mailId: mail.id }, produced);
        }
        byRender.set(rendered.hash, produced);
      }
    }
  }

  return {
    passages,
    renders: byRender.size,
    variants,
    suites: suites.map((s) => ({ name: s.name, split: s.split, conditions: s.conditions.length })),
  };
}

/**
 * The corpus without the text found only in `suites` (the in-distribution suites a recipe derives its examples
 * from by design, Recipe.derivedFrom). A passage that also appears in another suite stays, with the left-out
 * suites taken off its sources: text shared with a held-out suite is still contamination. `renders` and
 * `occurrences` are recounted from the passages' recorded sources, so they are lower bounds where a passage had
 * more sources than are kept. (The pipeline's default corpus is instead rendered without those suites: exact.)
 */
export function excludeSuites(corpus: EvalCorpus, suites: readonly string[]): EvalCorpus {
  const out = new Set(suites);
  if (!corpus.suites.some((s) => out.has(s.name)) && !corpus.passages.some((p) => p.suites.some((s) => out.has(s)))) return corpus;
  const passages: EvalPassage[] = [];
  const renders = new Set<string>();
  for (const passage of corpus.passages) {
    const kept = passage.suites.filter((s) => !out.has(s));
    if (kept.length === 0) continue;
    const sources = passage.sources.filter((s) => !out.has(s.suite));
    for (const s of sources) renders.add(`${s.suite}\u0000${s.conditionId}\u0000${s.variant}`);
    const capped = passage.sources.length < passage.occurrences;
    passages.push({
      text: passage.text,
      sources,
      occurrences: capped ? Math.max(sources.length, 1) : sources.length,
      suites: kept,
      label: sources[0] ? sourceLabel(sources[0]) : `${kept[0]} (${passage.label})`,
    });
  }
  return { passages, renders: renders.size, variants: corpus.variants, suites: corpus.suites.filter((s) => !out.has(s.name)) };
}
