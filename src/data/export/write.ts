import { mkdir } from "node:fs/promises";
import { writeAtomic } from "../../util/write-atomic.js";
import { join } from "node:path";
import { PACKAGE_VERSION } from "../../version.js";
import { datasetCard, type DecontaminationSummary, type DedupSummary } from "../card.js";
import { tokenStats, tokenizerFor, type TokenStats, type Tokenizer } from "../tokens.js";
import type { Example } from "../types.js";
import type { Skipped } from "./common.js";
import { exportContent, getExportFormat, skippedByReason, validateContent, type ExportFormatName, type ExportOptions } from "./index.js";

export interface WriteDatasetMeta {
  name: string;
  description?: string;
  /** The model the data will train, as a tokenizer or a model spec ("openai:gpt-4.1"); default: approximate o200k_base. */
  tokenizer?: Tokenizer | string;
  /** Omit (or null) when decontamination did not run: the card then says so. */
  decontamination?: DecontaminationSummary | null;
  dedup?: DedupSummary | null;
  generation?: Record<string, string | number | boolean>;
  intendedUse?: string;
  options?: ExportOptions;
}

export interface WriteDatasetResult {
  dataPath: string;
  cardPath: string;
  /** Examples written (one line each for JSONL formats, one document each for "text"). */
  written: number;
  skipped: Skipped[];
  tokens: TokenStats;
}

/**
 * Exports `examples` in `format` and writes `<dir>/train.jsonl` (or `train.txt`) plus `<dir>/README.md`.
 * Each file goes to a temporary name first and is renamed into place, so a reader (or a crashed run) never
 * sees half a file. The content is re-validated before anything is written.
 */
export async function writeDataset(dir: string, format: ExportFormatName | string, examples: readonly Example[], meta: WriteDatasetMeta): Promise<WriteDatasetResult> {
  const spec = getExportFormat(format);
  const output = spec.export(examples, meta.options);
  const skippedIds = new Set(output.skipped.map((s) => s.id));
  const written = examples.filter((e) => !skippedIds.has(e.id));
  if (written.length === 0) {
    const reasons = skippedByReason(output.skipped).slice(0, 3).map((g) => `${g.ids.length} × ${g.reason}`);
    throw new Error(`writeDataset: none of the ${examples.length} example(s) can be written as ${spec.name} (it takes ${spec.accepts.join(", ")} examples)${reasons.length ? `: ${reasons.join("; ")}` : ""}`);
  }

  const content = exportContent(output);
  const problems = validateContent(spec, content);
  if (problems.length > 0) {
    // Exporters only emit lines their validator accepts, so this is a bug, not bad input.
    throw new Error(`writeDataset: the ${spec.name} export failed its own validation: ${problems.slice(0, 5).join("; ")}`);
  }

  const tokenizer = typeof meta.tokenizer === "string" || meta.tokenizer === undefined ? tokenizerFor(meta.tokenizer ?? "") : meta.tokenizer;
  const tokens = tokenStats(spec.trainedView ? written.map(spec.trainedView) : written, tokenizer);
  const card = datasetCard({
    name: meta.name,
    format: spec.name,
    fileName: spec.fileName,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    examples: written,
    ...("lines" in output ? { lines: output.lines.length } : {}),
    skipped: output.skipped,
    tokens: { stats: tokens, tokenizer },
    decontamination: meta.decontamination ?? null,
    dedup: meta.dedup ?? null,
    ...(meta.generation !== undefined ? { generation: meta.generation } : {}),
    ...(meta.intendedUse !== undefined ? { intendedUse: meta.intendedUse } : {}),
    version: PACKAGE_VERSION,
  });

  await mkdir(dir, { recursive: true });
  const dataPath = join(dir, spec.fileName);
  const cardPath = join(dir, "README.md");
  await writeAtomic(dataPath, content);
  await writeAtomic(cardPath, card);
  return { dataPath, cardPath, written: written.length, skipped: output.skipped, tokens };
}
