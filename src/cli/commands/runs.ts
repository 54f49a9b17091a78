import type { Command } from "commander";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import { compareRuns } from "../../report/compare.js";
import { pct, table } from "../../report/format.js";
import { summarizeRun } from "../../report/summary.js";
import { renderComparison, renderSummary } from "../../report/text.js";
import { openStore } from "../../store/index.js";
import { existsSync } from "node:fs";
import { UsageError } from "../errors.js";

function openExisting(path: string) {
  if (path !== ":memory:" && !existsSync(path)) {
    throw new UsageError(`no store at ${path}: run \`plumbline demo\` or \`plumbline eval\` first, or pass --db <path>`);
  }
  return openStore(path);
}

export function registerRuns(program: Command): void {
  program
    .command("runs")
    .description("list the runs in the store")
    .option("--db <path>", "SQLite store", DEFAULT_DB_PATH)
    .option("--json", "print JSON")
    .action((opts: { db: string; json?: boolean }) => {
      const store = openExisting(opts.db);
      try {
        const runs = store.listRuns().map((r) => {
          const m = r.manifest as { model: string; judge: string; suite: { name: string } };
          const s = summarizeRun(store, r.id);
          return { id: r.id, createdAt: r.createdAt, status: r.status, model: m.model, judge: m.judge, suite: m.suite.name, counts: r.counts, rate: s.rate, ci95: s.ci95 };
        });
        if (opts.json) return void process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        if (runs.length === 0) return void process.stdout.write("No runs yet.\n");
        process.stdout.write(
          `${table(
            ["run", "created", "status", "model", "judge", "suite", "done", "rate"],
            runs.map((r) => [r.id, r.createdAt.slice(0, 16).replace("T", " "), r.status, r.model, r.judge, r.suite, `${r.counts.scored + r.counts.unscored}/${r.counts.total}`, pct(r.rate)]),
            ["l", "l", "l", "l", "l", "l", "r", "r"],
          )}\n`,
        );
      } finally {
        store.close();
      }
    });

  program
    .command("show")
    .description("report one run: rates with 95% intervals overall, by factor, by condition")
    .argument("<run>", "run id or a unique prefix of it")
    .option("--db <path>", "SQLite store", DEFAULT_DB_PATH)
    .option("--conditions <n>", "how many conditions to list", "30")
    .option("--json", "print the JSON summary")
    .action((run: string, opts: { db: string; json?: boolean; conditions: string }) => {
      const store = openExisting(opts.db);
      try {
        const summary = summarizeRun(store, resolve(store, run));
        if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else process.stdout.write(`${renderSummary(summary, { conditions: Number(opts.conditions) || 30 })}\n`);
      } finally {
        store.close();
      }
    });

  program
    .command("compare")
    .description("compare two runs: difference in harmful rate with a 95% interval and a Fisher exact p-value")
    .argument("<runA>")
    .argument("<runB>")
    .option("--db <path>", "SQLite store", DEFAULT_DB_PATH)
    .option("--json", "print JSON")
    .action((a: string, b: string, opts: { db: string; json?: boolean }) => {
      const store = openExisting(opts.db);
      try {
        const comparison = compareRuns(store, resolve(store, a), resolve(store, b));
        if (opts.json) process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
        else process.stdout.write(`${renderComparison(comparison)}\n`);
      } finally {
        store.close();
      }
    });
}

function resolve(store: ReturnType<typeof openStore>, run: string): string {
  try {
    return store.resolveRunId(run);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
