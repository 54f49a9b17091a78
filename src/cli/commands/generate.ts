import type { Command } from "commander";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import {
  describeOptions,
  getRecipe,
  listRecipes,
  parseSetOptions,
  pipelineIdFor,
  runPipeline,
  type PipelineEstimate,
  type PipelineOptions,
  type PipelineResult,
} from "../../data/pipeline/index.js";
import { EXPORT_FORMAT_NAMES } from "../../data/export/index.js";
import { int, table, usd } from "../../report/format.js";
import { CommandExit, EXIT, parseIntOption, parseNumberOption, UsageError } from "../errors.js";
import { runWithInterrupt } from "../interrupt.js";
import { createPipelineProgress } from "../pipeline-progress.js";
import { printPipeline } from "./data.js";

export interface GenerateCliOptions {
  teacher?: string;
  grader?: string;
  targetTokens?: number;
  out?: string;
  format: string[];
  constitution?: string;
  templates?: string;
  tokenizer?: string;
  input?: string;
  set: string[];
  seed: number;
  concurrency: number;
  maxCost?: number;
  maxRequests?: number;
  minQuality: number;
  dedupThreshold: number;
  dryRun?: boolean;
  inspect?: string;
  db: string;
  cache: boolean;
  timeout: number;
  json?: boolean;
}

/** Repeatable options that also take comma-separated lists: --format a,b --format c. */
function list(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
}

function repeat(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("generate a training dataset with a recipe (see `plumbline recipes`), resumably: re-running the same command only does what is missing")
    .argument("<recipe>", "recipe name, e.g. diversify")
    .option("--teacher <spec>", "teacher model spec for recipes that generate, e.g. sim:teacher, openai:gpt-4.1")
    .option("--grader <spec>", 'grader model spec, or "none" for rule filters only (default: the teacher, else none)')
    .option("--target-tokens <n>", "token budget of the exported dataset (default: everything that passes)", parseIntOption("target-tokens", 1))
    .option("--out <dir>", "output directory (one folder per format, plus manifest.json, rejected.jsonl, decontamination.json, lineage.jsonl)")
    .option("--format <formats>", `export format(s), comma-separated or repeated: ${EXPORT_FORMAT_NAMES.join(", ")} (default: openai-chat for chat recipes)`, list, [])
    .option("--input <file>", "input file, for recipes that read one (diversify: chat JSONL)")
    .option("--set <key=value>", "a recipe option (repeatable); `plumbline recipes` lists them", repeat, [])
    .option("--constitution <file>", "constitution Markdown file (default: the built-in one)")
    .option("--templates <dir>", "prompt template override directory (<id>.md files with a version)")
    .option("--tokenizer <spec>", "model whose tokenizer counts tokens (the model you will train), e.g. openai:gpt-4.1 (default: o200k_base, approximate)")
    .option("--seed <n>", "run seed", parseIntOption("seed", 0), 0)
    .option("--concurrency <n>", "requests in flight per model", parseIntOption("concurrency", 1, 1024), 8)
    .option("--max-cost <usd>", "stop cleanly before spending more than this (needs known prices)", parseNumberOption("max-cost", 1e-9, 1e9))
    .option("--max-requests <n>", "stop cleanly after this many model requests (cached answers are free)", parseIntOption("max-requests", 1))
    .option("--min-quality <n>", "grader quality (1-10) an example needs to be kept", parseIntOption("min-quality", 1, 10), 5)
    .option("--dedup-threshold <x>", "estimated similarity at or above which examples are near-duplicates", parseNumberOption("dedup-threshold", 0.01, 1), 0.8)
    .option("--dry-run", "estimate requests, tokens and cost; send nothing, write nothing")
    .option("--inspect <stage>", "print the items of one stage of this pipeline (from an earlier run) and exit")
    .option("--db <path>", "SQLite store (cache and pipeline records)", DEFAULT_DB_PATH)
    .option("--no-cache", "do not reuse cached results: every unit runs again (fresh results replace the cached ones)")
    .option("--timeout <seconds>", "per-request timeout", parseIntOption("timeout", 1, 3600), 120)
    .option("--json", "print one JSON document on stdout instead of text")
    .action(async (recipe: string, opts: GenerateCliOptions) => {
      await generateCommand(recipe, opts);
    });

  program
    .command("recipes")
    .description("list the data recipes `plumbline generate` can run, with their options")
    .option("--json", "print JSON")
    .action((opts: { json?: boolean }) => {
      const recipes = listRecipes().map((r) => ({
        name: r.name,
        version: r.version,
        output: r.output,
        teacher: r.needsTeacher ? "required" : "not used",
        input: r.input ? `${r.input.required ? "required" : "optional"}: ${r.input.description}` : "none",
        stages: r.stages.map((s) => s.name),
        options: describeOptions(r.options),
        description: r.description,
      }));
      if (opts.json) return void process.stdout.write(`${JSON.stringify(recipes, null, 2)}\n`);
      const out: string[] = [table(["recipe", "output", "teacher", "description"], recipes.map((r) => [r.name, r.output, r.teacher, r.description]), ["l", "l", "l", "l"]), ""];
      for (const r of recipes) {
        out.push(`${r.name} ${r.version}: stages ${r.stages.join(" -> ")} -> grade -> dedup -> decontaminate -> select -> export; input ${r.input}`);
        for (const o of r.options) out.push(`  --set ${o.name}=<${o.type}>${o.default !== undefined ? ` (default ${JSON.stringify(o.default)})` : ""}${o.description ? `  ${o.description}` : ""}`);
      }
      process.stdout.write(`${out.join("\n")}\n`);
    });
}

function toOptions(recipe: string, opts: GenerateCliOptions): PipelineOptions {
  let recipeOptions: Record<string, string>;
  try {
    recipeOptions = parseSetOptions(opts.set);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    recipe,
    formats: opts.format,
    seed: opts.seed,
    concurrency: opts.concurrency,
    minQuality: opts.minQuality,
    dedupThreshold: opts.dedupThreshold,
    dbPath: opts.db,
    cache: opts.cache,
    timeoutMs: opts.timeout * 1000,
    recipeOptions,
    ...(opts.teacher !== undefined ? { teacher: opts.teacher } : {}),
    ...(opts.grader !== undefined ? { grader: opts.grader } : {}),
    ...(opts.targetTokens !== undefined ? { targetTokens: opts.targetTokens } : {}),
    ...(opts.out !== undefined ? { out: opts.out } : {}),
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    ...(opts.constitution !== undefined ? { constitution: opts.constitution } : {}),
    ...(opts.templates !== undefined ? { templates: opts.templates } : {}),
    ...(opts.tokenizer !== undefined ? { tokenizer: opts.tokenizer } : {}),
    ...(opts.maxCost !== undefined ? { maxCostUsd: opts.maxCost } : {}),
    ...(opts.maxRequests !== undefined ? { maxRequests: opts.maxRequests } : {}),
    ...(opts.dryRun ? { dryRun: true } : {}),
  };
}

export async function generateCommand(recipe: string, opts: GenerateCliOptions): Promise<void> {
  getRecipe(recipe); // an unknown name fails before anything else
  const options = toOptions(recipe, opts);
  if (opts.inspect !== undefined) {
    const id = await pipelineIdFor(options);
    printPipeline(opts.db, id, { stage: opts.inspect, json: opts.json === true, limit: 20 });
    return;
  }
  if (opts.dryRun) {
    const result = await runPipeline(options);
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(renderEstimate(result.estimate!));
    return;
  }
  const progress = createPipelineProgress({ quiet: false });
  const result = await runWithInterrupt((signal) => runPipeline({ ...options, signal, onEvent: progress.onEvent }), progress.stop, {
    stopping: "Stopping: finished units are saved; units in flight will run next time (Ctrl-C again to quit now).",
    interrupted: "interrupted: finished units are saved; re-run the same command to resume",
  });
  progress.stop();
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(renderResult(result));
  if (result.status === "stopped") throw new CommandExit(EXIT.budget, result.message ?? "stopped at a budget limit");
  if (result.status === "failed") throw new CommandExit(EXIT.failed, result.message ?? "the pipeline failed");
}

export function renderEstimate(e: PipelineEstimate): string {
  const rows = e.rows.map((r) => [
    r.stage,
    `${r.exact ? "" : "~"}${int(r.items)}`,
    r.model ?? "-",
    r.cachedUnits > 0 ? int(r.cachedUnits) : "-",
    int(r.requests),
    int(r.inputTokens),
    int(r.outputTokens),
    r.costUsd === null ? "unknown" : usd(r.costUsd),
  ]);
  rows.push(["total", "", "", "", int(e.total.requests), int(e.total.inputTokens), int(e.total.outputTokens), e.total.costUsd === null ? "unknown" : usd(e.total.costUsd)]);
  const out = [
    `Dry run of pipeline ${e.pipelineId} (${e.recipe}): nothing was sent and nothing was written.`,
    "",
    table(["stage", "items", "model", "cached", "requests", "input tokens", "output tokens", "cost"], rows, ["l", "r", "l", "r", "r", "r", "r", "r"]),
    "",
    "Counts marked ~ are estimates (items after a model stage are not known until it runs); grading and the finishing chain add no requests beyond the grade row.",
  ];
  for (const r of e.rows) if (r.note) out.push(`- ${r.stage}: ${r.note}`);
  for (const w of e.warnings) out.push(`WARNING: ${w}`);
  return `${out.join("\n")}\n`;
}

export function renderResult(r: PipelineResult): string {
  const out: string[] = [`Pipeline ${r.pipelineId} (${r.recipe}): ${r.status}.`, ""];
  out.push(
    table(
      ["stage", "in", "out", "left out", "not done", "cached", "run", "requests", "tokens in/out", "cost"],
      r.stages.map((s) => [
        s.stage,
        int(s.input),
        int(s.output),
        int(s.rejected),
        s.pending > 0 ? int(s.pending) : "-",
        s.kind === "map" || s.kind === "grade" ? int(s.cachedUnits) : "-",
        s.kind === "map" || s.kind === "grade" ? int(s.freshUnits) : "-",
        int(s.requests),
        `${int(s.inputTokens)}/${int(s.outputTokens)}`,
        s.costUsd === null ? "unknown" : usd(s.costUsd),
      ]),
      ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
    ),
    "",
  );
  for (const s of r.stages) if (s.note) out.push(`- ${s.stage}: ${s.note}`);
  if (r.stages.some((s) => s.note)) out.push("");
  if (r.dataset) {
    const d = r.dataset;
    out.push(`Dataset: ${int(d.examples)} examples, ${int(d.tokens)} tokens (${int(d.trainedTokens)} trained), counted with ${d.tokenizer.name}${d.tokenizer.exact ? "" : " (approximate)"}.`);
    for (const f of d.formats) out.push(`  ${f.format.padEnd(22)} ${f.dataPath} (${f.written} written${f.skipped > 0 ? `, ${f.skipped} skipped: see its README.md` : ""}) + README.md`);
    const left = Object.entries(d.rejectedByStage).map(([k, n]) => `${k} ${n}`).join(", ");
    out.push(`  left out, with reasons:  ${d.files.rejected}${left ? ` (${left})` : " (none)"}`);
    out.push(`  decontamination report: ${d.files.decontamination}`);
    out.push(`  lineage, manifest:      ${d.files.lineage}, ${d.files.manifest}`);
  }
  out.push(`Requests this run: ${int(r.totals.requests)}; units from cache: ${int(r.totals.cachedUnits)}, run now: ${int(r.totals.freshUnits)}; tokens ${int(r.totals.inputTokens)} in / ${int(r.totals.outputTokens)} out; cost ${r.totals.costUsd === null ? "unknown (no price)" : usd(r.totals.costUsd)}.`);
  for (const f of r.failures.slice(0, 5)) out.push(`FAILED ${f.stage} ${f.itemId}: ${f.message}`);
  if (r.failures.length > 5) out.push(`... and ${r.failures.length - 5} more failures`);
  if (r.message) out.push("", r.message);
  out.push(`Inspect a stage: plumbline data show ${r.pipelineId} --stage <stage>`);
  return `${out.join("\n")}\n`;
}
