import { Limiter } from "./limiter.js";
import { undiciTransport, type BufferedResponse, type Transport } from "./transport.js";

/**
 * The one place where model HTTP traffic is retried, limited and timed out. Providers get this as their
 * `fetch`, so the AI SDK's own retries are switched off (maxRetries: 0) and every provider behaves alike.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface HttpStats {
  attempts: number;
  retries: number;
  /** Counts by cause: "429", "500", "timeout", "network", "truncated"... */
  failures: Record<string, number>;
}

export interface ResilientFetchOptions {
  limiter: Limiter;
  retry?: RetryPolicy;
  /** Per-attempt timeout, headers and body included. */
  timeoutMs?: number;
  /** Injected for tests: sleeping and randomness. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** How bytes move; default a keep-alive undici pool sized to the limiter. */
  transport?: Transport;
}

/** The endpoint could not be reached at all (refused, DNS): retrying the run will not help until it is up. */
export class EndpointUnreachableError extends Error {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach ${url}: ${describeCause(cause)}. Is the server running and the URL right?`);
    this.name = "EndpointUnreachableError";
  }
}

/** Retries ran out on a retryable failure. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly url: string,
    readonly lastFailure: string,
    attempts: number,
  ) {
    super(`request to ${url} failed after ${attempts} attempts (last: ${lastFailure})`);
    this.name = "RetriesExhaustedError";
  }
}

export function createResilientFetch(options: ResilientFetchOptions): { fetch: typeof fetch; stats: HttpStats } {
  const retry = options.retry ?? DEFAULT_RETRY;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const transport = options.transport ?? undiciTransport(options.limiter.limit);
  const stats: HttpStats = { attempts: 0, retries: 0, failures: {} };

  const resilientFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const callerSignal = init.signal ?? undefined;
    let lastFailure = "";
    for (let attempt = 0; ; attempt++) {
      let waitMs: number | undefined;
      await options.limiter.acquire();
      try {
        stats.attempts++;
        // The whole body is read inside the slot and the timeout: a hang or a cut-off body is a failed attempt.
        const res = await transport(url, init, timeoutMs);
        const retryable = res.status === 429 || res.status >= 500;
        if (!retryable || attempt >= retry.maxRetries) {
          if (!retryable && isTruncatedJson(res)) {
            lastFailure = "truncated response body";
            count(stats, "truncated");
            if (attempt >= retry.maxRetries) throw new RetriesExhaustedError(url, lastFailure, attempt + 1);
          } else {
            // A final error response goes to the provider, so its own error type (with the body) surfaces.
            return new Response(res.text, { status: res.status, headers: res.headers });
          }
        } else {
          lastFailure = `HTTP ${res.status}`;
          waitMs = retryAfterMs(res.headers);
          count(stats, String(res.status));
        }
      } catch (error) {
        if (error instanceof RetriesExhaustedError) throw error;
        if (callerSignal?.aborted) throw error;
        const cause = classify(error);
        if (cause === "refused" && attempt >= Math.min(2, retry.maxRetries)) {
          throw new EndpointUnreachableError(url, error);
        }
        if (cause === "fatal") throw error;
        lastFailure = cause === "timeout" ? `timed out after ${timeoutMs} ms` : describeCause(error);
        count(stats, cause);
        if (attempt >= retry.maxRetries) throw new RetriesExhaustedError(url, lastFailure, attempt + 1);
      } finally {
        options.limiter.release();
      }
      stats.retries++;
      // Full jitter keeps many concurrent episodes from retrying in lockstep; Retry-After wins when given.
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt) * random();
      await sleep(Math.min(retry.maxDelayMs, waitMs ?? backoff));
    }
  };
  return { fetch: resilientFetch as typeof fetch, stats };
}

/** A 2xx JSON body that does not parse was cut off in transit. */
function isTruncatedJson(res: BufferedResponse): boolean {
  if (res.status < 200 || res.status >= 300) return false;
  if (!(res.headers.get("content-type") ?? "").includes("json")) return false;
  try {
    JSON.parse(res.text);
    return false;
  } catch {
    return true;
  }
}

/** Retry-After in seconds or as an HTTP date; also the non-standard retry-after-ms. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get("retry-after");
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type Cause = "timeout" | "network" | "refused" | "fatal";

function classify(error: unknown): Cause {
  const e = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (e?.name === "TimeoutError" || e?.cause?.name === "TimeoutError") return "timeout";
  const code = e?.code ?? e?.cause?.code ?? "";
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN") return "refused";
  // Sockets reset or closed early, length mismatches from a cut-off body: all worth another attempt.
  if (e?.name === "TypeError" || /^(ECONN|EPIPE|ETIMEDOUT|UND_ERR|EHOSTUNREACH)/.test(code)) return "network";
  return "fatal";
}

function describeCause(error: unknown): string {
  const e = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

function count(stats: HttpStats, key: string): void {
  stats.failures[key] = (stats.failures[key] ?? 0) + 1;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
