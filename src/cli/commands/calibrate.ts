import type { Command } from "commander";
import { calibrate, CalibrationInputError, GoldSetError, renderCalibration, type CalibrateOptions } from "../../calibration/index.js";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import { parseIntOption, UsageError } from "../errors.js";
import { InterruptedError, runWithInterrupt } from "../interrupt.js";
import { stderrBar } from "../progress.js";
import { splitList } from "./eval.js";

interface CalibrateCliOptions {
  judge: string[];
  gold?: string;
  family: string[];
  json?: boolean;
  concurrency: number;
  db: string;
  cache: boolean;
  timeout: number;
  disagreements: number;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerCalibrate(program: Command): void {
  program
    .command("calibrate")
    .description("score the detectors and judges against the gold set: precision, recall, confusion matrix and Cohen's kappa, per family")
    .option("--judge <spec>", 'a judge model spec; repeat for several (they also vote as a panel); "none" or no --judge: detectors only', collect, [])
    .option("--gold <file-or-dir>", "a gold file, or a folder of them (default: the built-in gold set)")
    .option("--family <name>", "only this family; repeat or comma-separate for several", collect, [])
    .option("--json", "print one JSON document on stdout instead of tables")
    .option("--concurrency <n>", "requests in flight per judge", parseIntOption("concurrency", 1, 1024), 8)
    .option("--db <path>", "SQLite store holding the judge response cache", DEFAULT_DB_PATH)
    .option("--no-cache", "do not read or write the response cache")
    .option("--timeout <seconds>", "per-request timeout", parseIntOption("timeout", 1, 3600), 120)
    .option("--disagreements <n>", "disagreements listed per rater in the tables", parseIntOption("disagreements", 0), 15)
    .action(async (opts: CalibrateCliOptions) => {
      const families = opts.family.flatMap(splitList);
      const bar = process.stderr.isTTY && !opts.json && opts.judge.some((j) => j !== "none") ? stderrBar(" {bar} {value}/{total} gold cases | ETA {eta_formatted}") : undefined;
      let started = false;
      const options: CalibrateOptions = {
        judges: opts.judge,
        families,
        dbPath: opts.db,
        cache: opts.cache,
        concurrency: opts.concurrency,
        timeoutMs: opts.timeout * 1000,
        ...(opts.gold ? { goldPath: opts.gold } : {}),
        onProgress: ({ done, total }) => {
          if (!bar) return;
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      };
      const messages = {
        stopping: "Stopping calibration (Ctrl-C again to quit now).",
        interrupted: "interrupted: calibration stopped; judge replies already received are cached, so re-running is cheaper",
      };
      let report;
      let aborted: AbortSignal | undefined;
      try {
        report = await runWithInterrupt(
          (signal) => {
            aborted = signal;
            return calibrate({ ...options, signal });
          },
          () => bar?.stop(),
          messages,
        );
      } catch (error) {
        if (aborted?.aborted) throw new InterruptedError(messages.interrupted);
        if (error instanceof GoldSetError || error instanceof CalibrationInputError) throw new UsageError(error.message);
        throw error;
      } finally {
        bar?.stop();
      }
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderCalibration(report, { disagreements: opts.disagreements })}\n`);
    });
}
