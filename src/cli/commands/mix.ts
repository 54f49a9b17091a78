import type { Command } from "commander";
import { mixDatasets, type MixDatasetSource } from "../../data/mix-datasets.js";
import { int, table } from "../../report/format.js";
import { parseIntOption, parseNumberOption, UsageError } from "../errors.js";

/** "3000000", "3M", "500k", "1.5M" -> tokens. */
export function parseTokenCount(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKmMbB]?)$/.exec(text.trim().replace(/_/g, ""));
  if (!m) return undefined;
  const scale = { "": 1, k: 1e3, m: 1e6, b: 1e9 }[m[2]!.toLowerCase() as "" | "k" | "m" | "b"];
  const n = Math.round(Number(m[1]) * scale);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** --source <dir>=<tokens>[:<name>] */
export function parseSource(value: string, previous: MixDatasetSource[]): MixDatasetSource[] {
  const m = /^(.+)=([^=:]+)(?::(.+))?$/.exec(value);
  const tokens = m ? parseTokenCount(m[2]!) : undefined;
  if (!m || tokens === undefined) {
    throw new UsageError(`--source "${value}": write it as <generate --out dir>=<tokens>[:<name>], e.g. --source out/advice=3M:advice`);
  }
  return [...previous, { path: m[1]!, tokens, ...(m[3] ? { name: m[3] } : {}) }];
}

function list(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
}

export function registerMix(program: Command): void {
  program
    .command("mix")
    .description("combine the outputs of several `plumbline generate` runs into one training set, by token budget per source")
    .requiredOption("--source <dir=tokens[:name]>", "a generate --out directory and its token budget (repeatable), e.g. out/advice=3M", parseSource, [])
    .requiredOption("--out <dir>", "where to write the mixed dataset")
    .option("--format <names>", "export formats, comma-separated or repeated (default openai-chat, or text-jsonl when any source is text)", list, [])
    .option("--tokenizer <spec>", "the model the data will train, for exact token counts (e.g. openai:gpt-4.1)")
    .option("--seed <n>", "shuffle seed", parseIntOption("seed", 0), 0)
    .option("--dedup-threshold <x>", "similarity at or above which examples from different sources are near-duplicates", parseNumberOption("dedup-threshold", 0.01, 1), 0.8)
    .option("--json", "print one JSON document on stdout")
    .action(async (opts: { source: MixDatasetSource[]; out: string; format: string[]; tokenizer?: string; seed: number; dedupThreshold: number; json?: boolean }) => {
      const result = await mixDatasets({
        sources: opts.source,
        out: opts.out,
        formats: opts.format,
        seed: opts.seed,
        dedupThreshold: opts.dedupThreshold,
        ...(opts.tokenizer ? { tokenizer: opts.tokenizer } : {}),
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(
        `${table(
          ["source", "available", "duplicates", "taken", "tokens", "budget", "ran out"],
          result.sources.map((s) => [s.name, int(s.available), int(s.duplicates), int(s.examples), int(s.tokens), int(s.budget), s.exhausted ? "yes" : "no"]),
          ["l", "r", "r", "r", "r", "r", "l"],
        )}\n\n${int(result.examples)} examples, ${int(result.tokens)} tokens -> ${result.exports.map((e) => e.dataPath).join(", ")}\nmanifest: ${result.manifestPath}\n`,
      );
    });
}
