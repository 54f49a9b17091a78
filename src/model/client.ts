import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { cacheMiddleware, type CacheStats, type ResponseCache } from "./cache.js";
import { createResilientFetch, DEFAULT_RETRY, type HttpStats, type RetryPolicy } from "./http.js";
import { Limiter } from "./limiter.js";
import type { Transport } from "./transport.js";
import { priceFor, type Price } from "./pricing.js";
import { acquireSimServer } from "./sim-host.js";
import { parseModelSpec, type ModelSpec } from "./spec.js";

export class MissingApiKeyError extends Error {
  constructor(
    readonly variable: string,
    spec: string,
  ) {
    super(`${variable} is not set, and model "${spec}" needs it. Export it in your shell (export ${variable}=...); keys are read from the environment only and never stored.`);
    this.name = "MissingApiKeyError";
  }
}

export interface ModelClientOptions {
  /** Requests in flight to this model at once. */
  concurrency?: number;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Response cache; omit to disable caching. */
  cache?: ResponseCache;
  /** How HTTP requests are sent (default: a keep-alive undici pool); for proxies, recording and tests. */
  transport?: Transport;
  /** Environment to read keys and base URLs from (tests inject one). */
  env?: NodeJS.ProcessEnv;
}

/** A model ready to call: the AI SDK model, plus the limits and counters the harness reports. */
export interface ModelClient {
  spec: ModelSpec;
  /** The AI SDK model (provider interface v3): usable with runEpisode and with generateText. */
  model: LanguageModelV3;
  price: Price | undefined;
  http: HttpStats;
  cache: CacheStats;
  limiter: Limiter;
  close(): Promise<void>;
}

export async function createModelClient(specText: string, options: ModelClientOptions = {}): Promise<ModelClient> {
  const spec = parseModelSpec(specText);
  const env = options.env ?? process.env;
  const limiter = new Limiter(options.concurrency ?? 8);
  const { fetch, stats } = createResilientFetch({
    limiter,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutMs: options.timeoutMs ?? 120_000,
    ...(options.transport ? { transport: options.transport } : {}),
  });
  let release: () => Promise<void> = async () => undefined;

  let base: LanguageModelV3;
  switch (spec.provider) {
    case "sim": {
      let baseURL = spec.baseURL;
      if (!baseURL) {
        const host = await acquireSimServer();
        baseURL = host.url;
        release = host.release;
      }
      base = createOpenAICompatible({ name: "sim", baseURL, fetch, supportsStructuredOutputs: true }).chatModel(spec.model);
      break;
    }
    case "openai": {
      const apiKey = requireKey(env, "OPENAI_API_KEY", spec.canonical);
      // OPENAI_BASE_URL / ANTHROPIC_BASE_URL (the providers' usual variables) point at proxies or gateways.
      base = createOpenAI({ apiKey, fetch, ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}) }).chat(spec.model);
      break;
    }
    case "anthropic": {
      const apiKey = requireKey(env, "ANTHROPIC_API_KEY", spec.canonical);
      base = createAnthropic({ apiKey, fetch, ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}) })(spec.model);
      break;
    }
    case "openai-compatible": {
      // Local servers often need no key; send one only when the user set it.
      const apiKey = env.PLUMBLINE_API_KEY || undefined;
      base = createOpenAICompatible({
        name: "openai-compatible",
        baseURL: spec.baseURL,
        fetch,
        supportsStructuredOutputs: true,
        includeUsage: true,
        ...(apiKey ? { apiKey } : {}),
      }).chatModel(spec.model);
      break;
    }
  }

  const cacheStats: CacheStats = { hits: 0, misses: 0 };
  const model = options.cache
    ? wrapLanguageModel({ model: base, middleware: cacheMiddleware(options.cache, cacheStats) })
    : base;

  return {
    spec,
    model,
    price: priceFor(spec.provider, spec.model),
    http: stats,
    cache: cacheStats,
    limiter,
    close: release,
  };
}

function requireKey(env: NodeJS.ProcessEnv, variable: string, spec: string): string {
  const value = env[variable];
  if (!value) throw new MissingApiKeyError(variable, spec);
  return value;
}
