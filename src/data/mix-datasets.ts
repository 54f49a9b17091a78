import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { redactSecrets } from "../store/secrets.js";
import { PACKAGE_VERSION } from "../version.js";
import type { DecontaminationSummary } from "./card.js";
import { dedupe } from "./dedup/index.js";
import { EXPORT_FORMAT_NAMES, getExportFormat } from "./export/index.js";
import { writeDataset, type WriteDatasetResult } from "./export/write.js";
import { mixByTokenBudget, type MixSourceReport } from "./mix.js";
import { writeAtomic } from "../util/write-atomic.js";
import { tokenizerFor, type Tokenizer } from "./tokens.js";
import { exampleText, ExampleSchema, type Example } from "./types.js";

/**
 * `plumbline mix`: combines the outputs of several `plumbline generate` runs into one training set by token
 * budget (the research compares interventions by tokens, e.g. 3M tokens of advice against 85M of
 * demonstrations). Each source is a pipeline's output directory; its `examples.jsonl` holds the examples in
 * Plumbline's own shape, lineage included. Near-duplicates across sources are removed before budgets are
 * spent, and the dataset card carries each source's own decontamination report.
 */

export interface MixDatasetSource {
  /** A `plumbline generate` output directory (with examples.jsonl), or an examples.jsonl file. */
  path: string;
  /** Token budget for this source (counted with the mix's tokenizer). */
  tokens: number;
  /** Name in reports; default the directory name. */
  name?: string;
}

export interface MixDatasetsOptions {
  sources: readonly MixDatasetSource[];
  out: string;
  /** Export formats (default openai-chat when every example is a conversation, else text-jsonl). */
  formats?: readonly string[];
  seed?: number;
  /** The model the data will train (tokenizer choice), e.g. "openai:gpt-4.1". */
  tokenizer?: string;
  /** Estimated Jaccard similarity at or above which examples from different sources are near-duplicates (default 0.8). */
  dedupThreshold?: number;
}

export interface MixedSourceReport extends MixSourceReport {
  name: string;
  path: string;
  /** The pipeline that produced it, from its manifest.json (absent for a bare examples.jsonl). */
  pipeline?: string;
  recipe?: string;
  /** Examples in the source, and those dropped as near-duplicates of another source's. */
  available: number;
  duplicates: number;
}

export interface MixDatasetsResult {
  out: string;
  examples: number;
  tokens: number;
  sources: MixedSourceReport[];
  exports: Array<WriteDatasetResult & { format: string }>;
  manifestPath: string;
}

/** A bad source or setting: the message names the file or option and the fix. Nothing was written. */
export class MixInputError extends Error {
  override name = "MixInputError";
}

/** Reads and validates an examples.jsonl; errors name the file, line and field. */
export function readExamplesFile(path: string): Example[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new MixInputError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}). Give a \`plumbline generate\` output directory or its examples.jsonl.`);
  }
  const examples: Example[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new MixInputError(`${path}, line ${i + 1}: not valid JSON (${(error as Error).message}). Each line must be one example as \`plumbline generate\` writes it.`);
    }
    const parsed = ExampleSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? issue.path.join(".") : "(the line)";
      throw new MixInputError(`${path}, line ${i + 1}, field ${field}: ${issue.message}. Each line must be one example as \`plumbline generate\` writes it (kind, id, lineage, ...).`);
    }
    examples.push(parsed.data);
  });
  return examples;
}

interface LoadedSource {
  spec: MixDatasetSource;
  name: string;
  file: string;
  examples: Example[];
  manifest: { pipeline?: string; recipe?: string; decontamination?: DecontaminationSummary } | undefined;
}

function loadSource(spec: MixDatasetSource): LoadedSource {
  const path = resolve(spec.path);
  const file = path.endsWith(".jsonl") ? path : join(path, "examples.jsonl");
  if (!existsSync(file)) {
    throw new MixInputError(
      `${spec.path}: no ${basename(file)} there. Point --source at the --out directory of a finished \`plumbline generate\` run (it writes examples.jsonl), or at an examples.jsonl file.`,
    );
  }
  const manifestPath = join(path.endsWith(".jsonl") ? resolve(path, "..") : path, "manifest.json");
  let manifest: LoadedSource["manifest"];
  if (existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
      const recipe = m.recipe as { name?: string; version?: string } | string | undefined;
      manifest = {
        ...(typeof m.pipelineId === "string" ? { pipeline: m.pipelineId } : {}),
        ...(typeof recipe === "string" ? { recipe } : recipe?.name ? { recipe: `${recipe.name}@${recipe.version ?? "?"}` } : {}),
        ...(isDecontamination(m.decontamination) ? { decontamination: decontaminationOf(m.decontamination) } : {}),
      };
    } catch (error) {
      throw new MixInputError(`${manifestPath}: not valid JSON (${(error as Error).message}). Re-run the generate command to rewrite it, or remove it.`);
    }
  }
  const examples = readExamplesFile(file);
  if (examples.length === 0) throw new MixInputError(`${file}: holds no examples. Generate data first, or leave this source out.`);
  return { spec, name: spec.name ?? basename(path.endsWith(".jsonl") ? resolve(path, "..") : path), file, examples, manifest };
}

/** A pipeline manifest's decontamination block as a card summary: which suites were checked, and which not (and why). */
function decontaminationOf(d: DecontaminationSummary & { corpus?: { suites?: Array<{ name?: unknown }> }; notChecked?: unknown }): DecontaminationSummary {
  const checkedSuites = Array.isArray(d.corpus?.suites) ? d.corpus.suites.flatMap((x) => (typeof x?.name === "string" ? [x.name] : [])) : undefined;
  const notChecked = Array.isArray(d.notChecked)
    ? (d.notChecked as Array<{ suite?: unknown; reason?: unknown }>).flatMap((x) => (typeof x?.suite === "string" ? [{ suite: x.suite, reason: typeof x.reason === "string" ? x.reason : "not given" }] : []))
    : undefined;
  return {
    checked: d.checked,
    removed: d.removed,
    byMethod: d.byMethod ?? {},
    bySource: d.bySource ?? {},
    ...(checkedSuites ? { checkedSuites } : {}),
    ...(notChecked && notChecked.length > 0 ? { notChecked } : {}),
  };
}

/** The text a model is trained on: weighted assistant turns, both sides of a preference, a document's text. */
export function trainedText(example: Example): string {
  if (example.kind === "text") return example.text;
  if (example.kind === "preference") return exampleText({ ...example, prompt: [{ role: "user", content: "" }] });
  const trained = example.messages.filter((m) => m.role === "assistant" && m.weight !== 0);
  return exampleText({ ...example, messages: trained.length > 0 ? trained : example.messages });
}

function isDecontamination(value: unknown): value is DecontaminationSummary {
  const v = value as Partial<DecontaminationSummary> | null;
  return typeof v === "object" && v !== null && typeof v.checked === "number" && typeof v.removed === "number";
}

export async function mixDatasets(options: MixDatasetsOptions): Promise<MixDatasetsResult> {
  if (options.sources.length === 0) throw new MixInputError("no sources: give at least one --source <dir>=<tokens>.");
  for (const s of options.sources) {
    if (!Number.isInteger(s.tokens) || s.tokens < 1) throw new MixInputError(`source ${s.path}: the token budget must be a positive integer, got ${s.tokens}. Write it as --source ${s.path}=3000000.`);
  }
  const threshold = options.dedupThreshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) throw new MixInputError(`--dedup-threshold must be in (0, 1], got ${threshold}.`);
  const seed = options.seed ?? 0;
  const tokenizer: Tokenizer = tokenizerFor(options.tokenizer ?? "");

  const loaded = options.sources.map(loadSource);
  const names = new Set<string>();
  for (const s of loaded) {
    if (names.has(s.name)) throw new MixInputError(`two sources are named "${s.name}". Name them apart: --source <dir>=<tokens>:<name>.`);
    names.add(s.name);
  }
  const kinds = new Set(loaded.flatMap((s) => s.examples.map((e) => e.kind)));
  const formats = options.formats && options.formats.length > 0 ? [...options.formats] : [kinds.has("text") ? "text-jsonl" : "openai-chat"];
  for (const f of formats) {
    if (!(EXPORT_FORMAT_NAMES as readonly string[]).includes(f)) throw new MixInputError(`unknown --format "${f}". Known formats: ${EXPORT_FORMAT_NAMES.join(", ")}.`);
    getExportFormat(f);
  }

  // Near-duplicates across sources (and ids met twice) go before budgets are spent: the earlier source keeps its
  // copy. Each source was already deduplicated by its own pipeline with its recipe's notion of "the same", so
  // only pairs from different sources count here, compared on what the trainer learns from (trainedText):
  // two demonstrations of one eval scenario share a long inbox but not their answers.
  const all = loaded.flatMap((s, si) => s.examples.map((example) => ({ si, example })));
  const found = dedupe(all, (x) => trainedText(x.example), { threshold });
  const removed = found.removed.filter((r) => r.item.si !== r.duplicateOf.si);
  const dropped = new Set(removed.map((r) => r.index));
  const kept = all.filter((_, i) => !dropped.has(i));
  const duplicates = loaded.map(() => 0);
  for (const r of removed) duplicates[r.item.si]!++;
  const seenIds = new Set<string>();
  const bySource = loaded.map(() => [] as Example[]);
  let sameId = 0;
  for (const { si, example } of kept) {
    if (seenIds.has(example.id)) {
      duplicates[si]!++;
      sameId++;
      continue;
    }
    seenIds.add(example.id);
    bySource[si]!.push(example);
  }

  const mix = mixByTokenBudget(
    loaded.map((s, i) => ({ name: s.name, examples: bySource[i]!, tokens: s.spec.tokens })),
    tokenizer,
    seed,
  );
  const sources: MixedSourceReport[] = loaded.map((s, i) => ({
    name: s.name,
    path: s.file,
    ...(s.manifest?.pipeline ? { pipeline: s.manifest.pipeline } : {}),
    ...(s.manifest?.recipe ? { recipe: s.manifest.recipe } : {}),
    available: s.examples.length,
    duplicates: duplicates[i]!,
    ...mix.bySource[s.name]!,
  }));

  // The card reports decontamination only when every source was decontaminated (each against every eval).
  const decons = loaded.map((s) => s.manifest?.decontamination);
  const decontamination: DecontaminationSummary | null = decons.every((d): d is DecontaminationSummary => d !== undefined)
    ? decons.reduce<DecontaminationSummary>(
        (acc, d) => {
          acc.checked += d.checked;
          acc.removed += d.removed;
          for (const [k, v] of Object.entries(d.byMethod ?? {})) acc.byMethod[k] = (acc.byMethod[k] ?? 0) + v;
          for (const [k, v] of Object.entries(d.bySource ?? {})) acc.bySource[k] = (acc.bySource[k] ?? 0) + v;
          return acc;
        },
        { checked: 0, removed: 0, byMethod: {}, bySource: {} },
      )
    : null;
  if (decontamination) {
    // A suite counts as checked only if every source was checked against it; any source that skipped a suite
    // (its examples derive from it) makes the whole mix in-distribution there, and the card must say so.
    const all = decons as DecontaminationSummary[];
    if (all.every((d) => d.checkedSuites)) {
      decontamination.checkedSuites = all.map((d) => d.checkedSuites!).reduce((a, b) => a.filter((x) => b.includes(x)));
    }
    const notChecked = new Map<string, string[]>();
    all.forEach((d, i) => {
      for (const n of d.notChecked ?? []) notChecked.set(n.suite, [...(notChecked.get(n.suite) ?? []), `${loaded[i]!.name}: ${n.reason}`]);
    });
    if (notChecked.size > 0) decontamination.notChecked = [...notChecked].map(([suite, reasons]) => ({ suite, reason: reasons.join("; ") }));
  }

  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const generation: Record<string, string | number> = { seed, sources: sources.map((s) => `${s.name} (${s.tokens}/${s.budget} tokens)`).join(", ") };
  const exports: MixDatasetsResult["exports"] = [];
  for (const format of formats) {
    const written = await writeDataset(join(out, format), format, mix.examples, {
      name: "Plumbline mix",
      description: `Examples from ${sources.length} generated dataset(s), combined by token budget. Per-source numbers are in \`../manifest.json\`.`,
      tokenizer,
      decontamination,
      dedup: { checked: all.length, removed: removed.length + sameId, byMethod: { exact: removed.filter((r) => r.method === "exact").length + sameId, minhash: removed.filter((r) => r.method === "minhash").length } },
      generation,
    });
    exports.push({ format, ...written });
  }
  await writeAtomic(join(out, "examples.jsonl"), mix.examples.map((e) => `${redactSecrets(JSON.stringify(e))}\n`).join(""));
  const manifestPath = join(out, "manifest.json");
  const tokens = sources.reduce((n, s) => n + s.tokens, 0);
  const manifest = {
    kind: "mix",
    plumblineVersion: PACKAGE_VERSION,
    seed,
    tokenizer: { name: tokenizer.name, exact: tokenizer.exact, note: tokenizer.note },
    dedupThreshold: threshold,
    sources,
    examples: mix.examples.length,
    tokens,
    decontamination,
    formats: exports.map((e) => ({ format: e.format, dataPath: e.dataPath, cardPath: e.cardPath, written: e.written, skipped: e.skipped.length })),
  };
  await writeAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { out, examples: mix.examples.length, tokens, sources, exports, manifestPath };
}
