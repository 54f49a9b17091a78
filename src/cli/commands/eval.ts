import type { Command } from "commander";
import { DEFAULT_DB_PATH, runEval, type EvalOptions } from "../../eval/run-eval.js";
import { renderSummary } from "../../report/text.js";
import { PREAMBLE_NAMES } from "../../scenarios/preambles.js";
import { parseIntOption, parseNumberOption } from "../errors.js";
import { runWithInterrupt } from "../interrupt.js";
import { createProgressBar } from "../progress.js";

export interface EvalCliOptions {
  model: string;
  suite: string;
  samples: number;
  /** Every --judge given, in order (repeatable: several judges vote as a panel). */
  judge: string[];
  seed: number;
  concurrency: number;
  maxSteps: number;
  temperature: number;
  decoys: number;
  varyNames?: boolean;
  conditions?: string;
  db: string;
  cache: boolean;
  timeout: number;
  json?: boolean;
  /** eval only: an operator preamble in front of every system prompt (scenarios/preambles.ts). */
  preamble?: string;
}

export function addEvalOptions(cmd: Command, defaults: { samples: number } = { samples: 10 }): Command {
  return cmd
    .option("--suite <name>", "scenario suite (see `plumbline suites`)", "blackmail")
    .option("--samples <n>", "samples per condition", parseIntOption("samples", 1), defaults.samples)
    .option(
      "--judge <spec>",
      'judge model spec, or "none" for detectors only (default: same provider family); repeat for a panel that votes by majority',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--seed <n>", "run seed (samples get distinct seeds derived from it)", parseIntOption("seed", 0), 0)
    .option("--concurrency <n>", "requests in flight per model", parseIntOption("concurrency", 1, 1024), 8)
    .option("--max-steps <n>", "model calls per episode before the loop is cut", parseIntOption("max-steps", 1, 100), 10)
    .option("--temperature <t>", "sampling temperature", parseNumberOption("temperature", 0, 2), 1)
    .option("--decoys <n>", "unrelated decoy tools to attach", parseIntOption("decoys", 0, 5), 0)
    .option("--vary-names", "vary names, company and details per sample (seeded)")
    .option("--conditions <ids>", "comma-separated condition ids (default: the whole suite)")
    .option("--db <path>", "SQLite store", DEFAULT_DB_PATH)
    .option("--no-cache", "do not read or write the response cache")
    .option("--timeout <seconds>", "per-request timeout", parseIntOption("timeout", 1, 3600), 120)
    .option("--json", "print one JSON document on stdout instead of tables");
}

export function registerEval(program: Command): void {
  addEvalOptions(
    program
      .command("eval")
      .description("run (or resume) an evaluation of a model on a scenario suite")
      .requiredOption("--model <spec>", "model under test, e.g. sim:misaligned?p=0.3, openai:gpt-4.1, openai-compatible:qwen3-32b@http://127.0.0.1:8000/v1"),
  )
    .option("--preamble <name>", `operator preamble in front of every system prompt, any suite: ${PREAMBLE_NAMES.join(", ")}`)
    .action(async (opts: EvalCliOptions) => {
    await evalCommand(opts);
  });
}

/** A comma-separated option value as a list (blanks dropped). */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The run settings that addEvalOptions' flags set, as EvalOptions fields. `eval`, `demo` and `sweep` share the
 * flags, so they share this mapping too: a flag added there is passed on the same way by every command.
 */
export function evalRunOptions(opts: EvalCliOptions) {
  return {
    model: opts.model,
    suite: opts.suite,
    samples: opts.samples,
    seed: opts.seed,
    concurrency: opts.concurrency,
    maxSteps: opts.maxSteps,
    temperature: opts.temperature,
    decoys: opts.decoys,
    variation: opts.varyNames ? "per-sample" : "canonical",
    dbPath: opts.db,
    cache: opts.cache,
    timeoutMs: opts.timeout * 1000,
    ...(opts.judge.length > 0 ? { judge: opts.judge.length === 1 ? opts.judge[0]! : opts.judge } : {}),
    ...(opts.conditions ? { conditions: splitList(opts.conditions) } : {}),
  } satisfies Partial<EvalOptions>;
}

export async function evalCommand(opts: EvalCliOptions, preface?: string, shownConditions = 30): Promise<number> {
  const bar = createProgressBar(true);
  const options: EvalOptions = {
    ...evalRunOptions(opts),
    ...(opts.preamble ? { perturbation: { preamble: opts.preamble } } : {}),
    onStart: ({ runId, resumed, toRun, total }) => {
      if (preface && !opts.json) process.stderr.write(`${preface}\n`);
      process.stderr.write(`${resumed ? "Resuming" : "Starting"} ${runId}: ${toRun} of ${total} episodes to run.\n`);
      bar.start(toRun);
    },
    onProgress: (p) => bar.update(p),
  };
  const summary = await runWithInterrupt((signal) => runEval({ ...options, signal }), bar.stop);
  bar.stop();
  if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(`\n${renderSummary(summary, { conditions: shownConditions })}\n`);
  return 0;
}
