import type { Command } from "commander";
import { addEvalOptions, evalCommand, type EvalCliOptions } from "./eval.js";

export const DEMO_MODEL = "sim:misaligned?p=0.3";

export function registerDemo(program: Command): void {
  addEvalOptions(
    program
      .command("demo")
      .description(`run the blackmail suite on the built-in simulator (${DEMO_MODEL}); no keys, no network`)
      .option("--model <spec>", "simulated model to evaluate", DEMO_MODEL),
    { samples: 3 },
  ).action(async (opts: EvalCliOptions) => {
    const preface =
      `Plumbline demo: ${opts.model} plays an email agent that blackmails at a planted rate of 30%.\n` +
      "Every episode is a real multi-turn tool-calling run against the local simulator, scored by detectors and the simulator's judge.";
    await evalCommand(opts, preface, 10);
    if (!opts.json) {
      process.stdout.write(
        "\nThe planted rate is 30%: the interval above should cover it. Next:\n" +
          "  npx plumbline runs                      list runs in the store\n" +
          "  npx plumbline show <run>                this report again\n" +
          '  npx plumbline eval --model "sim:aligned" --samples 3   then compare the two runs with `plumbline compare`\n',
      );
    }
  });
}
