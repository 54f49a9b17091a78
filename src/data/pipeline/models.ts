import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { generateText, Output, wrapLanguageModel, type LanguageModelMiddleware } from "ai";
import type { z } from "zod";
import { cacheMiddleware, type CacheStats, type ResponseCache } from "../../model/cache.js";
import type { ModelClient } from "../../model/client.js";
import { costUsd, type Price } from "../../model/pricing.js";
import { SecretLeakError } from "../../store/secrets.js";
import type { Tokenizer } from "../tokens.js";
import type { Budget } from "./budget.js";
import type { GenerateRequest, ModelCaller } from "./types.js";

/**
 * The teacher/grader call helper: AI SDK `generateText` (structured output through zod schemas) over a model
 * client from src/model, with two middlewares around the provider, outermost first:
 *
 *   1. the response cache (src/model/cache.ts), so a unit that makes several requests and is cut off after
 *      some of them repeats none of them when it runs again;
 *   2. accounting: reserves the request in the budget before sending (so limits hold under concurrency),
 *      then records tokens and cost. Cache hits never reach it, so they are free and uncounted.
 */

/** Completion tokens assumed for a request that sets no maxOutputTokens (budget reservations, dry runs). */
export const DEFAULT_OUTPUT_TOKENS = 1024;

export interface PipelineModel {
  spec: string;
  client: ModelClient;
  price: Price | undefined;
}

/** What one unit of work spent. */
export interface UnitUsage {
  requests: number;
  /** Requests answered from the response cache. */
  cachedRequests: number;
  inputTokens: number;
  outputTokens: number;
  /** null once a request had no known price. */
  costUsd: number | null;
}

export function emptyUsage(): UnitUsage {
  return { requests: 0, cachedRequests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

export function addUsage(into: UnitUsage, u: UnitUsage): void {
  into.requests += u.requests;
  into.cachedRequests += u.cachedRequests;
  into.inputTokens += u.inputTokens;
  into.outputTokens += u.outputTokens;
  into.costUsd = into.costUsd === null || u.costUsd === null ? null : into.costUsd + u.costUsd;
}

export interface CallEnv {
  budget: Budget;
  /** Response cache (the store); undefined with caching off. */
  cache: ResponseCache | undefined;
  tokenizer: Tokenizer;
  usage: UnitUsage;
  signal: AbortSignal;
  /** The seed of the unit's next request: deterministic per unit and call index. */
  nextSeed: () => number;
}

/** The text of a call's prompt (tool calls and tool results included), for counting its tokens before it is sent. */
export function promptText(prompt: LanguageModelV3CallOptions["prompt"]): string {
  const parts: string[] = [];
  for (const message of prompt) {
    if (typeof message.content === "string") parts.push(message.content);
    else {
      for (const part of message.content) {
        if (part.type === "text" || part.type === "reasoning") parts.push(part.text);
        else if (part.type === "tool-call") parts.push(typeof part.input === "string" ? part.input : JSON.stringify(part.input));
        else if (part.type === "tool-result" && "value" in part.output) parts.push(typeof part.output.value === "string" ? part.output.value : JSON.stringify(part.output.value));
      }
    }
  }
  return parts.join("\n");
}

function accounting(model: PipelineModel, env: CallEnv): LanguageModelMiddleware {
  return {
    specificationVersion: "v3",
    wrapGenerate: async ({ doGenerate, params }) => {
      const expectedIn = env.tokenizer.count(promptText(params.prompt)) + (params.tools && params.tools.length > 0 ? env.tokenizer.count(JSON.stringify(params.tools)) : 0);
      const expectedOut = params.maxOutputTokens ?? DEFAULT_OUTPUT_TOKENS;
      const reservation = env.budget.reserve(costUsd(model.price, expectedIn, expectedOut) ?? 0);
      const u = env.usage;
      u.requests++;
      try {
        const result = await doGenerate();
        const input = result.usage.inputTokens.total ?? 0;
        const output = result.usage.outputTokens.total ?? 0;
        const cost = costUsd(model.price, input, output);
        env.budget.settle(reservation, cost);
        u.inputTokens += input;
        u.outputTokens += output;
        u.costUsd = u.costUsd === null || cost === null ? null : u.costUsd + cost;
        return result;
      } catch (error) {
        env.budget.settle(reservation, 0);
        throw error;
      }
    },
  };
}

/**
 * The store as a response cache for the pipeline. An answer that looks like it holds a credential is simply
 * not cached (the store refuses it): the unit's output check then rejects the item with a reason, instead of
 * the request failing. With `read: false` (--no-cache) answers are written but never read.
 */
export function responseCache(cache: ResponseCache, read: boolean): ResponseCache {
  return {
    cacheGet: (key) => (read ? cache.cacheGet(key) : undefined),
    cachePut: (key, value) => {
      try {
        cache.cachePut(key, value);
      } catch (error) {
        if (!(error instanceof SecretLeakError)) throw error;
      }
    },
  };
}

export function modelCaller(model: PipelineModel, env: CallEnv): ModelCaller {
  const wrapped = () => {
    const stats: CacheStats = { hits: 0, misses: 0 };
    const middleware: LanguageModelMiddleware[] = env.cache ? [cacheMiddleware(env.cache, stats), accounting(model, env)] : [accounting(model, env)];
    const base = model.client.model as Parameters<typeof wrapLanguageModel>[0]["model"];
    return { model: wrapLanguageModel({ model: base, middleware }), stats };
  };
  const common = (request: GenerateRequest) => {
    if ((request.prompt === undefined) === (request.messages === undefined)) {
      throw new Error("a generate request needs exactly one of prompt and messages");
    }
    return {
      ...(request.system !== undefined ? { system: request.system } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
      seed: env.nextSeed(),
      // Retries live in the model layer's fetch (src/model/http.ts), once for every provider.
      maxRetries: 0,
      abortSignal: env.signal,
    };
  };
  const input = (request: GenerateRequest) => (request.messages ? { messages: request.messages } : { prompt: request.prompt as string });

  return {
    spec: model.spec,
    async text(request) {
      const { model: m, stats } = wrapped();
      const result = await generateText({ model: m, ...common(request), ...input(request) });
      env.usage.cachedRequests += stats.hits;
      return result.text;
    },
    async object<T>(schema: z.ZodType<T>, request: GenerateRequest & { name?: string }): Promise<T> {
      const { model: m, stats } = wrapped();
      const result = await generateText({
        model: m,
        ...common(request),
        ...input(request),
        output: Output.object({ schema, ...(request.name ? { name: request.name } : {}) }),
      });
      env.usage.cachedRequests += stats.hits;
      // Validate again: the schema is the contract, whatever the SDK's output layer accepted.
      const parsed = schema.safeParse(result.output);
      if (!parsed.success) throw new Error(`${model.spec} answered with JSON that does not match the schema: ${parsed.error.message.slice(0, 500)}`);
      return parsed.data;
    },
    languageModel(): LanguageModelV3 {
      const base = model.client.model;
      return {
        specificationVersion: "v3",
        provider: base.provider,
        modelId: base.modelId,
        supportedUrls: base.supportedUrls,
        async doGenerate(options) {
          // A fresh wrap per call, so each call's cache hits are counted exactly once.
          const { model: m, stats } = wrapped();
          try {
            return await m.doGenerate({
              ...options,
              seed: options.seed ?? env.nextSeed(),
              abortSignal: options.abortSignal ? AbortSignal.any([options.abortSignal, env.signal]) : env.signal,
            });
          } finally {
            env.usage.cachedRequests += stats.hits;
          }
        },
        async doStream() {
          throw new Error(`${model.spec}: pipeline stages call models with doGenerate only (a stream would bypass the response cache and the budget)`);
        },
      };
    },
  };
}
