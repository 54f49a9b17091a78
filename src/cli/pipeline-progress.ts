import type cliProgress from "cli-progress";
import type { PipelineEvent, StageSummary } from "../data/pipeline/index.js";
import { int, usd } from "../report/format.js";
import { stderrBar } from "./progress.js";

/**
 * Progress for `plumbline generate`, on stderr so --json output stays clean: on a terminal, one cli-progress bar
 * per stage that does units of work (it stays on screen when the stage ends); one summary line per stage
 * otherwise (and for the fast finishing stages), so logs read well too.
 */

export function stageLine(s: StageSummary): string {
  const parts = [`${s.input} -> ${s.output}`];
  if (s.rejected > 0) parts.push(`${s.rejected} left out`);
  if (s.pending > 0) parts.push(`${s.pending} not done`);
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  if (s.kind === "map" || s.kind === "grade") {
    parts.push(`${s.cachedUnits} cached, ${s.freshUnits} run`);
    if (s.requests > 0 || s.cachedRequests > 0) parts.push(`${s.requests} request(s)${s.cachedRequests > 0 ? `, ${s.cachedRequests} from the response cache` : ""}`);
  }
  return `  ${s.stage.padEnd(30)} ${parts.join(", ")}${s.note ? ` | ${s.note}` : ""} (${(s.ms / 1000).toFixed(1)}s)\n`;
}

export function createPipelineProgress(options: { quiet?: boolean } = {}): { onEvent: (e: PipelineEvent) => void; stop: () => void } {
  const write = (text: string) => void process.stderr.write(text);
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  let t0 = Date.now();
  const payload = (e?: Extract<PipelineEvent, { type: "progress" }>) => {
    const seconds = (Date.now() - t0) / 1000;
    return {
      cached: e?.cached ?? 0,
      rate: e && seconds > 0 ? ((e.done - e.cached) / seconds).toFixed(1) : "0.0",
      requests: e?.requests ?? 0,
      tokens: e ? int(e.inputTokens + e.outputTokens) : "0",
      cost: e ? usd(e.costUsd) : "$0",
    };
  };
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  const onEvent = (e: PipelineEvent) => {
    if (options.quiet) return;
    switch (e.type) {
      case "start":
        write(`${e.resumed ? "Resuming" : "Starting"} pipeline ${e.pipelineId} (${e.recipe}): ${e.items} source item(s).\n`);
        return;
      case "stage-start":
        t0 = Date.now();
        if (tty && (e.kind === "map" || e.kind === "grade") && e.total > 0) {
          bar = stderrBar(` ${e.stage.slice(0, 30).padEnd(30)} {bar} {value}/{total} | cached {cached} | {rate}/s | ETA {eta_formatted} | {requests} req | {tokens} tok | {cost}`);
          bar.start(e.total, 0, payload());
        }
        return;
      case "progress":
        bar?.update(e.done, payload(e));
        return;
      case "stage-end": {
        const had = bar !== undefined;
        stop();
        if (!had) write(stageLine(e.summary));
        return;
      }
    }
  };
  return { onEvent, stop };
}
