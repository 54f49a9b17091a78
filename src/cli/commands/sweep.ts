import type { Command } from "commander";
import { runSweep, sweepRunLabel, type SweepOptions } from "../../eval/sweep.js";
import { renderSweep } from "../../eval/sweep-report.js";
import { parseNumberOption } from "../errors.js";
import { runWithInterrupt } from "../interrupt.js";
import { createProgressBar } from "../progress.js";
import { addEvalOptions, evalRunOptions, splitList, type EvalCliOptions } from "./eval.js";

interface SweepCliOptions extends EvalCliOptions {
  factors?: string;
  alpha: number;
}

export function registerSweep(program: Command): void {
  addEvalOptions(
    program
      .command("sweep")
      .description("robustness sweep: re-run a suite varying one perturbation at a time, and test which factors move the harmful rate (Holm-corrected)")
      .requiredOption("--model <spec>", "model under test, e.g. sim:eval-aware?trigger=name:Atlas, openai:gpt-4.1")
      .option("--factors <names>", "comma-separated factors to sweep: names, agentName, paraphrase, dropSentence, threatTiming (default: all)")
      .option("--alpha <a>", "family-wise error rate for the Holm correction", parseNumberOption("alpha", 0.0001, 0.5), 0.05),
  ).action(async (opts: SweepCliOptions) => {
    await sweepCommand(opts);
  });
}

export async function sweepCommand(opts: SweepCliOptions): Promise<number> {
  const bar = createProgressBar(true);
  const options: SweepOptions = {
    ...evalRunOptions(opts),
    alpha: opts.alpha,
    ...(opts.factors !== undefined ? { factors: splitList(opts.factors) } : {}),
    onRunStart: (run) => {
      bar.stop();
      process.stderr.write(
        `[${run.index}/${run.runs}] ${sweepRunLabel(run)}: ${run.resumed ? "resuming" : "starting"} ${run.runId}, ${run.toRun} of ${run.total} episodes to run.\n`,
      );
      bar.start(run.toRun);
    },
    onProgress: (_run, p) => bar.update(p),
  };
  const result = await runWithInterrupt((signal) => runSweep({ ...options, signal }), bar.stop);
  bar.stop();
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`\n${renderSweep(result)}\n`);
  return 0;
}
