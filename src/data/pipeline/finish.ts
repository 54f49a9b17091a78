import { mkdir } from "node:fs/promises";
import { writeAtomic } from "../../util/write-atomic.js";
import { join } from "node:path";
import { redactSecrets } from "../../store/secrets.js";
import { listSuites } from "../../scenarios/index.js";
import { buildEvalCorpus, createDecontaminator, decontaminate, excludeSuites, type DecontaminationReport, type Decontaminator, type DecontaminatorOptions, type EvalCorpus } from "../decontam/index.js";
import { dedupe, type DedupeStats } from "../dedup/index.js";
import { writeDataset, type WriteDatasetMeta, type WriteDatasetResult } from "../export/write.js";
import { mixByTokenBudget } from "../mix.js";
import { countExampleTokens, type Tokenizer } from "../tokens.js";
import type { Example } from "../types.js";

/**
 * The deterministic end of every pipeline: near-duplicate removal, decontamination against the registered eval
 * suites, selection to the token target, and the files written to the output directory. These steps are fast
 * and recomputed on every run, so they always reflect the current settings.
 */

export interface Removed {
  example: Example;
  stage: string;
  reasons: string[];
}

// --- dedup -------------------------------------------------------------------------------------------------

export interface DedupStep {
  kept: Example[];
  removed: Removed[];
  stats: DedupeStats;
}

export function dedupStep(examples: readonly Example[], text: (e: Example) => string, threshold: number): DedupStep {
  const result = dedupe(examples, text, { threshold });
  return {
    kept: result.kept,
    removed: result.removed.map((r) => ({
      example: r.item,
      stage: "dedup",
      reasons: [`${r.method === "exact" ? "exact duplicate" : `near-duplicate (estimated similarity ${r.similarity.toFixed(2)})`} of ${r.duplicateOf.id}`],
    })),
    stats: result.stats,
  };
}

// --- decontamination ---------------------------------------------------------------------------------------

const defaultCorpora = new Map<string, EvalCorpus>();
const filteredCorpora = new WeakMap<EvalCorpus, Map<string, EvalCorpus>>();
const decontaminators = new WeakMap<EvalCorpus, Map<string, Decontaminator>>();

/**
 * Every registered suite (held-out ones included) except `exclude` (the suites a recipe derives from by design,
 * see Recipe.derivedFrom), rendered once per process per exclusion.
 */
export function evalCorpus(exclude: readonly string[] = []): EvalCorpus {
  const key = [...new Set(exclude)].sort().join(",");
  let corpus = defaultCorpora.get(key);
  if (!corpus) {
    corpus = key === "" ? buildEvalCorpus() : buildEvalCorpus({ suites: listSuites().filter((s) => !exclude.includes(s.name)) });
    defaultCorpora.set(key, corpus);
  }
  return corpus;
}

/** The corpus a run checks against: the one given (or every registered suite), less the text found only in `exclude`. */
export function corpusFor(given: EvalCorpus | undefined, exclude: readonly string[]): EvalCorpus {
  if (!given) return evalCorpus(exclude);
  if (exclude.length === 0) return given;
  let byKey = filteredCorpora.get(given);
  if (!byKey) filteredCorpora.set(given, (byKey = new Map()));
  const key = [...new Set(exclude)].sort().join(",");
  let corpus = byKey.get(key);
  if (!corpus) byKey.set(key, (corpus = excludeSuites(given, exclude)));
  return corpus;
}

/** A suite decontamination did not check, and why (recorded in decontamination.json, the manifest and the cards). */
export interface ExcludedSuite {
  suite: string;
  reason: string;
}

/** Why a recipe's own source suites are not checked; said the same way in every report. */
export function derivedFromReason(recipe: string): string {
  return `recipe "${recipe}" derives its examples from this in-distribution suite by design (Recipe.derivedFrom), so its text is expected in every one of them; every other registered suite, held-out ones included, was checked`;
}

function decontaminatorFor(corpus: EvalCorpus, options: DecontaminatorOptions): Decontaminator {
  let byOptions = decontaminators.get(corpus);
  if (!byOptions) decontaminators.set(corpus, (byOptions = new Map()));
  const key = JSON.stringify(options);
  let d = byOptions.get(key);
  if (!d) byOptions.set(key, (d = createDecontaminator(corpus, options)));
  return d;
}

export interface DecontamStep {
  kept: Example[];
  removed: Removed[];
  report: DecontaminationReport;
  /** What was checked against. */
  corpus: { passages: number; renders: number; variants: number[]; suites: EvalCorpus["suites"] };
  /** Registered suites left out of the check (the recipe's own sources), with why. */
  excluded: ExcludedSuite[];
  details: Array<{ id: string; reasons: Array<{ method: string; source: string; suites: string[]; match: string; similarity?: number }> }>;
}

export function decontamStep(examples: readonly Example[], corpus: EvalCorpus, options: DecontaminatorOptions = {}, excluded: readonly ExcludedSuite[] = []): DecontamStep {
  const result = decontaminate(examples, decontaminatorFor(corpus, options));
  const details = result.removed.map((r) => ({ id: r.example.id, reasons: r.reasons.map((x) => ({ ...x })) }));
  return {
    kept: result.kept,
    removed: result.removed.map((r) => ({
      example: r.example,
      stage: "decontaminate",
      reasons: r.reasons.map((x) => `overlaps eval text (${x.method}${x.similarity !== undefined ? `, similarity ${x.similarity.toFixed(2)}` : ""}) from ${x.source}: "${x.match}"`),
    })),
    report: result.report,
    corpus: { passages: corpus.passages.length, renders: corpus.renders, variants: corpus.variants, suites: corpus.suites },
    excluded: excluded.map((e) => ({ ...e })),
    details,
  };
}

// --- selection to the token target -------------------------------------------------------------------------

export interface SelectStep {
  selected: Example[];
  /** Tokens of everything available, and of what was selected. */
  availableTokens: number;
  selectedTokens: number;
  targetTokens: number | null;
  /** The target could not be met: every example was taken. */
  short: boolean;
  notSelected: Example[];
}

export function selectStep(examples: readonly Example[], targetTokens: number | undefined, tokenizer: Tokenizer, seed: number, name: string): SelectStep {
  const tokens = new Map(examples.map((e) => [e.id, countExampleTokens(e, tokenizer)]));
  const availableTokens = [...tokens.values()].reduce((a, b) => a + b, 0);
  if (targetTokens === undefined || examples.length === 0) {
    return { selected: examples.slice(), availableTokens, selectedTokens: availableTokens, targetTokens: targetTokens ?? null, short: false, notSelected: [] };
  }
  const mix = mixByTokenBudget([{ name, examples, tokens: targetTokens }], tokenizer, seed);
  const chosen = new Set(mix.examples);
  return {
    selected: mix.examples,
    availableTokens,
    selectedTokens: mix.bySource[name]?.tokens ?? 0,
    targetTokens,
    short: (mix.bySource[name]?.exhausted ?? false) && (mix.bySource[name]?.tokens ?? 0) < targetTokens,
    notSelected: examples.filter((e) => !chosen.has(e)),
  };
}

// --- files -------------------------------------------------------------------------------------------------


/** rejected.jsonl: one line per example left out, with the stage and the reasons; key-shaped text redacted. */
export async function writeRejected(path: string, removed: readonly Removed[]): Promise<void> {
  const lines = removed.map((r) => redactSecrets(JSON.stringify({ id: r.example.id, stage: r.stage, reasons: r.reasons, example: r.example })));
  await writeAtomic(path, lines.map((l) => `${l}\n`).join(""));
}

export interface ExportResult extends WriteDatasetResult {
  format: string;
}

/** Each format in its own directory (<out>/<format>/train.jsonl + README.md), so formats never overwrite each other. */
export async function exportFormats(out: string, formats: readonly string[], examples: readonly Example[], meta: WriteDatasetMeta): Promise<ExportResult[]> {
  await mkdir(out, { recursive: true });
  const results: ExportResult[] = [];
  for (const format of formats) results.push({ format, ...(await writeDataset(join(out, format), format, examples, meta)) });
  return results;
}
