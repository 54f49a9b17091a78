import { setMaxListeners } from "node:events";
import { APICallError } from "ai";
import { MissingApiKeyError } from "../../model/client.js";
import { EndpointUnreachableError } from "../../model/http.js";
import { redactSecrets, type PipelineStore } from "../../store/index.js";
import { BudgetExhaustedError, FatalPipelineError } from "./errors.js";
import { addUsage, emptyUsage, type UnitUsage } from "./models.js";

/**
 * Runs the units of one stage: looks each up in the cache, runs the missing ones with bounded concurrency,
 * and writes each to the store the moment it finishes (one row, one statement), so a crash or kill loses only
 * the units in flight. It stops taking new units when the budget refuses a request (units in flight finish
 * and are kept), when the caller's signal fires (units in flight are abandoned: they run again next time), or
 * on a failure every unit would share (endpoint down, key rejected). Other failures are counted per unit and
 * left uncached, so the next run retries exactly those.
 */

export interface UnitEnv {
  key: string;
  usage: UnitUsage;
  signal: AbortSignal;
}

export interface UnitSpec<I> {
  stage: string;
  stageVersion: string;
  items: readonly I[];
  keyOf(item: I, index: number): string;
  /** Model-using units run concurrently; the others one at a time (they are CPU work). */
  usesModel: boolean;
  /** Does the work; returns the JSON-serialisable output to cache. */
  work(item: I, index: number, env: UnitEnv): Promise<unknown>;
  store: PipelineStore | undefined;
  /** false: ignore cached units (they are still replaced by fresh ones). */
  readCache: boolean;
  concurrency: number;
  signal: AbortSignal | undefined;
  onUnit?(progress: { done: number; total: number; cached: number; usage: UnitUsage }): void;
}

export interface UnitOutcome {
  key: string;
  output: unknown;
  cached: boolean;
  /** For a cached unit: what it cost when it ran. */
  usage: UnitUsage;
}

export interface UnitFailure {
  index: number;
  message: string;
}

export interface RunUnitsResult {
  /** By item index; undefined where the unit did not finish (failed, or the run stopped first). */
  outcomes: Array<UnitOutcome | undefined>;
  failures: UnitFailure[];
  stopped?: "budget" | "interrupted";
  /** Spent by the units run now (cached ones excluded). */
  usage: UnitUsage;
  cached: number;
  fresh: number;
}

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) out.push(e);
  return out;
}

export function isBudgetStop(error: unknown): boolean {
  return causes(error).some((e) => e instanceof BudgetExhaustedError);
}

export function fatalMessage(error: unknown): string | undefined {
  for (const e of causes(error)) {
    if (e instanceof EndpointUnreachableError || e instanceof MissingApiKeyError) return `${e.message} Nothing finished was lost: re-run the same command once this is fixed.`;
    if (APICallError.isInstance(e) && [401, 403, 404].includes(e.statusCode ?? 0)) {
      const hint = e.statusCode === 404 ? "the endpoint does not know this model name" : "the key was rejected";
      return `the model endpoint answered HTTP ${e.statusCode} (${hint}): ${e.message}. Nothing finished was lost: re-run the same command once this is fixed.`;
    }
  }
  return undefined;
}

export function describeError(error: unknown): string {
  const e = error as Error;
  const cause = e?.cause instanceof Error && !e.message.includes(e.cause.message) ? ` (${e.cause.message})` : "";
  return redactSecrets(e instanceof Error ? `${e.name}: ${e.message}${cause}` : String(error)).slice(0, 2000);
}

export async function runUnits<I>(spec: UnitSpec<I>): Promise<RunUnitsResult> {
  const total = spec.items.length;
  const outcomes: Array<UnitOutcome | undefined> = new Array(total).fill(undefined);
  const failures: UnitFailure[] = [];
  const usage = emptyUsage();
  const keys = spec.items.map((item, i) => spec.keyOf(item, i));
  let cached = 0;
  let fresh = 0;
  const report = (u: UnitUsage) => spec.onUnit?.({ done: cached + fresh + failures.length, total, cached, usage: u });

  const queue: number[] = [];
  keys.forEach((key, i) => {
    const hit = spec.readCache ? spec.store?.getUnit(key) : undefined;
    if (hit) {
      const u = { ...emptyUsage(), requests: hit.requests, inputTokens: hit.inputTokens, outputTokens: hit.outputTokens, costUsd: hit.costUsd };
      outcomes[i] = { key, output: hit.output, cached: true, usage: u };
      cached++;
    } else {
      queue.push(i);
    }
  });
  if (cached > 0) report(emptyUsage());

  const stop = new AbortController();
  // Every in-flight request listens on this one signal; many at once is by design.
  setMaxListeners(0, stop.signal);
  const onAbort = () => stop.abort(spec.signal?.reason);
  if (spec.signal?.aborted) stop.abort(spec.signal.reason);
  spec.signal?.addEventListener("abort", onAbort, { once: true });
  let stopped: RunUnitsResult["stopped"];
  let fatal: FatalPipelineError | undefined;
  let halt = stop.signal.aborted;
  if (halt) stopped = "interrupted";

  const workers = Math.min(queue.length, spec.usesModel ? Math.max(1, spec.concurrency * 2) : 1);
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!halt) {
          if (spec.signal?.aborted) {
            stopped = "interrupted";
            return;
          }
          const index = queue[next++];
          if (index === undefined) return;
          const key = keys[index]!;
          const u = emptyUsage();
          try {
            const output = await spec.work(spec.items[index]!, index, { key, usage: u, signal: stop.signal });
            if (spec.signal?.aborted) {
              stopped = "interrupted";
              return;
            }
            spec.store?.putUnit({
              key,
              stage: spec.stage,
              stageVersion: spec.stageVersion,
              output,
              requests: u.requests,
              inputTokens: u.inputTokens,
              outputTokens: u.outputTokens,
              costUsd: u.costUsd,
            });
            outcomes[index] = { key, output, cached: false, usage: u };
            fresh++;
            report(u);
          } catch (error) {
            if (spec.signal?.aborted) {
              stopped = "interrupted";
              halt = true;
              return;
            }
            if (isBudgetStop(error)) {
              stopped ??= "budget";
              halt = true;
              return;
            }
            const fatalText = fatalMessage(error);
            if (fatalText !== undefined) {
              fatal ??= new FatalPipelineError(`stage ${spec.stage}: ${fatalText}`);
              halt = true;
              stop.abort();
              return;
            }
            if (stop.signal.aborted) return;
            failures.push({ index, message: describeError(error) });
            report(u);
          } finally {
            addUsage(usage, u);
          }
        }
      }),
    );
  } finally {
    spec.signal?.removeEventListener("abort", onAbort);
  }
  if (fatal) throw fatal;
  return { outcomes, failures, ...(stopped ? { stopped } : {}), usage, cached, fresh };
}
