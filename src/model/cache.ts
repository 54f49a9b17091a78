import type { LanguageModelMiddleware } from "ai";
import type { LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { hashValue } from "../util/hash.js";

/** Where cached responses live; the store implements it, tests can use a Map. */
export interface ResponseCache {
  cacheGet(key: string): string | undefined;
  cachePut(key: string, value: string): void;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

/** Bump when the cached shape changes, so old entries are simply not found. */
const CACHE_FORMAT = 1;

/**
 * Content-addressed response cache as AI SDK middleware: the key is the hash of everything that decides
 * the answer (provider, model, prompt, tools, sampling settings, seed). Distinct samples differ by seed,
 * so they never collide; a re-run of the same episode is free.
 */
export function cacheMiddleware(cache: ResponseCache, stats: CacheStats): LanguageModelMiddleware {
  return {
    specificationVersion: "v3",
    wrapGenerate: async ({ doGenerate, params, model }) => {
      const key = cacheKey(model.provider, model.modelId, params);
      const hit = cache.cacheGet(key);
      if (hit !== undefined) {
        stats.hits++;
        return revive(hit);
      }
      stats.misses++;
      const result = await doGenerate();
      cache.cachePut(key, serialize(result));
      return result;
    },
  };
}

export function cacheKey(provider: string, modelId: string, params: LanguageModelV3CallOptions): string {
  // Signals and headers do not change the answer (and headers may carry credentials): leave them out.
  const { abortSignal: _signal, headers: _headers, ...rest } = params;
  return hashValue({ v: CACHE_FORMAT, provider, modelId, params: rest });
}

function serialize(result: LanguageModelV3GenerateResult): string {
  // Raw request/response bodies and headers are large and can echo credentials; keep only the answer.
  const { request: _request, response, ...rest } = result;
  const meta = response
    ? { id: response.id, modelId: response.modelId, timestamp: response.timestamp?.toISOString() }
    : undefined;
  return JSON.stringify({ ...rest, response: meta });
}

function revive(text: string): LanguageModelV3GenerateResult {
  const parsed = JSON.parse(text) as LanguageModelV3GenerateResult & {
    response?: { id?: string; modelId?: string; timestamp?: string };
  };
  const response = parsed.response
    ? {
        ...parsed.response,
        timestamp: parsed.response.timestamp ? new Date(parsed.response.timestamp) : undefined,
      }
    : undefined;
  return { ...parsed, response } as LanguageModelV3GenerateResult;
}
