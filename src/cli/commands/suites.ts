import type { Command } from "commander";
import { table } from "../../report/format.js";
import { listSuites } from "../../scenarios/index.js";

export function registerSuites(program: Command): void {
  program
    .command("suites")
    .description("list the scenario suites, their split and size")
    .option("--json", "print JSON")
    .action((opts: { json?: boolean }) => {
      const suites = listSuites().map((s) => ({
        name: s.name,
        split: s.split,
        family: `${s.family.id}@${s.family.version}`,
        conditions: s.conditions.length,
        factors: s.family.factors.map((f) => `${f.name}(${f.levels.length})`).join(" x "),
      }));
      if (opts.json) return void process.stdout.write(`${JSON.stringify(suites, null, 2)}\n`);
      process.stdout.write(`${table(["suite", "split", "family", "conditions", "factors"], suites.map((s) => [s.name, s.split, s.family, s.conditions, s.factors]), ["l", "l", "l", "r", "l"])}\n`);
    });
}
