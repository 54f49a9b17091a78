import type { Command } from "commander";
import { renderPlan } from "../../report/plan.js";
import { checkTwoRateDesign, planSamples } from "../../stats/index.js";
import { parseIntOption, UsageError } from "../errors.js";

/** A number option; the range checks live in checkTwoRateDesign so the library and the CLI say the same thing. */
function numberOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
    return n;
  };
}

interface PlanOptions {
  baseline: number;
  detect: number;
  alpha: number;
  power: number;
  conditions: number;
  twoSided?: boolean;
  oneSided?: boolean;
  json?: boolean;
}

export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("how many scored episodes per condition a comparison of two harmful rates needs")
    .requiredOption("--baseline <rate>", "the harmful rate you expect in the reference condition, e.g. 0.2", numberOption("baseline"))
    .requiredOption("--detect <diff>", "the smallest difference in rate worth detecting, e.g. 0.05 (negative for a decrease)", numberOption("detect"))
    .option("--alpha <level>", "significance level", numberOption("alpha"), 0.05)
    .option("--power <p>", "chance of detecting the difference if it is real", numberOption("power"), 0.8)
    .option("--conditions <n>", "conditions in the run, for the total", parseIntOption("conditions", 1), 2)
    .option("--two-sided", "two-sided test (the default; what `compare` reports)")
    .option("--one-sided", "one-sided test in the direction of --detect")
    .option("--json", "print JSON")
    .action((opts: PlanOptions) => {
      if (opts.oneSided && opts.twoSided) throw new UsageError("--one-sided and --two-sided cannot both be given");
      const design = { baseline: opts.baseline, detect: opts.detect, alpha: opts.alpha, power: opts.power, sides: opts.oneSided ? (1 as const) : (2 as const) };
      const problem = checkTwoRateDesign(design);
      if (problem) throw new UsageError(problem);
      const plan = planSamples({ ...design, conditions: opts.conditions });
      if (opts.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
      else process.stdout.write(`${renderPlan(plan)}\n`);
    });
}
