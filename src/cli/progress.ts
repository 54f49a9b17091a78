import cliProgress from "cli-progress";
import type { EvalProgress } from "../eval/run-eval.js";

/** A live progress bar on stderr (so --json output on stdout stays clean); silent when not a TTY. */
/** One look for every progress bar: on stderr (stdout stays clean for --json), smoothed ETA, 5 redraws a second. */
export function stderrBar(format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { stream: process.stderr, format, barCompleteChar: "█", barIncompleteChar: "░", hideCursor: true, etaBuffer: 50, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
}

export function createProgressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return { update: (_p: EvalProgress) => undefined, stop: () => undefined, start: (_t: number) => undefined };
  const bar = stderrBar(" {bar} {value}/{total} episodes | {rate} ep/s | ETA {eta_formatted} | harmful {harmful} | unscored {unscored} | errors {errored} | {tokens} tok | {cost}");
  let t0 = Date.now();
  const payload = (p?: EvalProgress) => {
    const seconds = (Date.now() - t0) / 1000;
    return {
      rate: p && seconds > 0 ? (p.done / seconds).toFixed(1) : "0.0",
      harmful: p?.harmful ?? 0,
      unscored: p?.unscored ?? 0,
      errored: p?.errored ?? 0,
      tokens: p ? (p.inputTokens + p.outputTokens).toLocaleString("en-US") : "0",
      cost: p ? (p.costUsd === null ? "cost n/a" : `$${p.costUsd.toFixed(4)}`) : "$0",
    };
  };
  return {
    start: (total: number) => {
      t0 = Date.now();
      bar.start(total, 0, payload());
    },
    update: (p: EvalProgress) => bar.update(p.done, payload(p)),
    stop: () => bar.stop(),
  };
}
