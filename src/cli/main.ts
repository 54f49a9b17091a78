import { Command, CommanderError } from "commander";
import { FatalPipelineError, PipelineInputError } from "../data/pipeline/index.js";
import { EvalInputError, FatalRunError } from "../eval/run-eval.js";
import { MissingApiKeyError } from "../model/client.js";
import { ModelSpecError } from "../model/spec.js";
import { redactSecrets } from "../store/index.js";
import { PACKAGE_VERSION } from "../version.js";
import { registerCalibrate } from "./commands/calibrate.js";
import { registerData } from "./commands/data.js";
import { registerDemo } from "./commands/demo.js";
import { registerEval } from "./commands/eval.js";
import { registerGenerate } from "./commands/generate.js";
import { registerMix } from "./commands/mix.js";
import { registerPlan } from "./commands/plan.js";
import { registerProbe } from "./commands/probe.js";
import { registerRuns } from "./commands/runs.js";
import { registerSim } from "./commands/sim.js";
import { registerSplits } from "./commands/splits.js";
import { registerSuites } from "./commands/suites.js";
import { registerSweep } from "./commands/sweep.js";
import { MixInputError } from "../data/mix-datasets.js";
import { CommandExit, EXIT, UsageError } from "./errors.js";
import { InterruptedError } from "./interrupt.js";

export function buildProgram(): Command {
  const program = new Command()
    .name("plumbline")
    .description("Test whether AI agents stay upright under pressure.")
    .version(PACKAGE_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerDemo(program);
  registerEval(program);
  registerSweep(program);
  registerRuns(program);
  registerSplits(program);
  registerSuites(program);
  registerSim(program);
  registerGenerate(program);
  registerData(program);
  registerMix(program);
  registerPlan(program);
  registerProbe(program);
  registerCalibrate(program);
  return program;
}

/** Runs the CLI and returns the exit code; every failure is one clear line on stderr. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or help/version, which exit 0).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof InterruptedError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.interrupted;
    }
    if (error instanceof CommandExit) {
      process.stderr.write(`plumbline: ${redactSecrets(error.message)}\n`);
      return error.code;
    }
    const usage =
      error instanceof UsageError ||
      error instanceof ModelSpecError ||
      error instanceof MissingApiKeyError ||
      error instanceof EvalInputError ||
      error instanceof PipelineInputError ||
      error instanceof MixInputError;
    // Provider errors can echo request details; nothing that looks like a key is ever printed.
    process.stderr.write(`plumbline: ${redactSecrets((error as Error).message ?? String(error))}\n`);
    if (!usage && !(error instanceof FatalRunError) && !(error instanceof FatalPipelineError) && process.env.PLUMBLINE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return usage ? EXIT.usage : EXIT.failed;
  }
}
