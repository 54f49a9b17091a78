import type { Command } from "commander";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import { ProbeInputError, renderProbeReport, runProbes, ProbeRunError, PROBE_MODES, DEFAULT_PERSONA, type ProbeMode } from "../../probes/index.js";
import { CommandExit, EXIT, parseIntOption, UsageError } from "../errors.js";
import { InterruptedError, runWithInterrupt } from "../interrupt.js";
import { stderrBar } from "../progress.js";

interface ProbeCliOptions {
  model: string;
  constitution?: string;
  mode: string;
  samples: number;
  judge: string;
  persona: string;
  seed: number;
  concurrency: number;
  db: string;
  cache: boolean;
  json?: boolean;
}

export function registerProbe(program: Command): void {
  program
    .command("probe")
    .description("ask a model what its constitution says, about itself and about a named persona: recall, false premises, application")
    .requiredOption("--model <spec>", "model under test, e.g. sim:aligned, openai:gpt-4.1")
    .option("--constitution <file.md>", "constitution to probe (default: Plumbline's built-in one)")
    .option("--mode <mode>", "in-context: constitution in the system prompt; trained: no constitution in the prompt (run before and after fine-tuning)", "in-context")
    .option("--samples <n>", "answers per question", parseIntOption("samples", 1), 3)
    .option("--judge <spec>", 'judge model spec, or "none" for the deterministic rules only', "none")
    .option("--persona <name>", "the named assistant of the persona questions", DEFAULT_PERSONA)
    .option("--seed <n>", "run seed", parseIntOption("seed", 0), 0)
    .option("--concurrency <n>", "requests in flight per model", parseIntOption("concurrency", 1, 1024), 8)
    .option("--db <path>", "SQLite store holding the response cache", DEFAULT_DB_PATH)
    .option("--no-cache", "do not read or write the response cache")
    .option("--json", "print one JSON document (every answer included) instead of tables")
    .action(async (opts: ProbeCliOptions) => {
      if (!(PROBE_MODES as readonly string[]).includes(opts.mode)) {
        throw new UsageError(`--mode must be ${PROBE_MODES.join(" or ")}, got "${opts.mode}"`);
      }
      const bar = progressBar(!opts.json);
      let aborted: AbortSignal | undefined;
      try {
        const report = await runWithInterrupt(
          (signal) => {
            aborted = signal;
            return runProbes({
              model: opts.model,
              mode: opts.mode as ProbeMode,
              samples: opts.samples,
              judge: opts.judge,
              persona: opts.persona,
              seed: opts.seed,
              concurrency: opts.concurrency,
              dbPath: opts.db,
              cache: opts.cache,
              signal,
              ...(opts.constitution !== undefined ? { constitution: opts.constitution } : {}),
              onProgress: bar.update,
            });
          },
          bar.stop,
          INTERRUPT_MESSAGES,
        );
        bar.stop();
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderProbeReport(report)}\n`);
      } catch (error) {
        bar.stop();
        if (aborted?.aborted) throw new InterruptedError(INTERRUPT_MESSAGES.interrupted);
        if (error instanceof ProbeInputError) throw new UsageError(fixHint(error.message, opts));
        if (error instanceof ProbeRunError) throw new CommandExit(EXIT.failed, error.message);
        throw error;
      }
    });
}

const INTERRUPT_MESSAGES = {
  stopping: "Stopping: answers received so far are cached (Ctrl-C again to quit now).",
  interrupted: "interrupted: answers received so far are cached; re-run the same command to carry on",
};

/** A bar on stderr, started on the first progress report (the total is known only then); silent off a TTY. */
function progressBar(enabled: boolean): { update: (p: { done: number; total: number }) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = stderrBar(" {bar} {value}/{total} answers | ETA {eta_formatted}");
  let started = false;
  return {
    update: ({ done, total }) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Names the flag a library message is about. */
function fixHint(message: string, opts: ProbeCliOptions): string {
  if (/^persona /.test(message)) return `--persona: ${message}`;
  if (opts.constitution !== undefined && message.includes(opts.constitution)) return `--constitution: ${message}`;
  if (/^judge /.test(message)) return `--judge: ${message}`;
  if (/^model /.test(message)) return `--model: ${message}`;
  return message;
}
