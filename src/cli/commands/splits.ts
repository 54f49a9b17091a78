import { existsSync } from "node:fs";
import type { Command } from "commander";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import { renderSplits, splitsReport, SplitsInputError } from "../../report/splits.js";
import { openStore } from "../../store/index.js";
import { UsageError } from "../errors.js";

export function registerSplits(program: Command): void {
  program
    .command("splits")
    .description("in-distribution vs held-out: the latest complete run per suite (or the runs you name), pooled rates per split and their gap")
    .option("--model <spec>", "model spec, as given to `plumbline eval` (needed unless --run names the runs)")
    .option("--run <id>", "use this run (id or unique prefix) instead of the latest per suite; repeat for one run per suite", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option("--judge <spec>", "only runs scored by this judge (default: every judge, one table each; never pooled together)")
    .option("--db <path>", "SQLite store", DEFAULT_DB_PATH)
    .option("--json", "print JSON")
    .action((opts: { model?: string; run: string[]; judge?: string; db: string; json?: boolean }) => {
      if (!opts.model && opts.run.length === 0) {
        throw new UsageError("give --model <spec> (latest complete run per suite) or --run <id> for each run to compare");
      }
      if (opts.db !== ":memory:" && !existsSync(opts.db)) {
        throw new UsageError(`no store at ${opts.db}: run \`plumbline eval --model ${opts.model ?? "<spec>"} --suite <name>\` first, or pass --db <path>`);
      }
      const store = openStore(opts.db);
      try {
        let report;
        try {
          report = splitsReport(store, {
            ...(opts.model ? { model: opts.model } : {}),
            ...(opts.run.length > 0 ? { runIds: opts.run } : {}),
            ...(opts.judge ? { judge: opts.judge } : {}),
          });
        } catch (error) {
          if (error instanceof SplitsInputError) throw new UsageError(error.message);
          throw error;
        }
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderSplits(report)}\n`);
      } finally {
        store.close();
      }
    });
}
