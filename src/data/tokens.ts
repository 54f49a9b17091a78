import { Tiktoken } from "js-tiktoken/lite";
import cl100k_base from "js-tiktoken/ranks/cl100k_base";
import o200k_base from "js-tiktoken/ranks/o200k_base";
import type { ChatMessage, Example, ToolDefinition } from "./types.js";

/**
 * Token accounting with a real BPE tokenizer (js-tiktoken, ranks bundled: works offline).
 *
 * Counts are exact only for OpenAI models, whose tokenizers are public. Every other model (Anthropic, open
 * models behind an OpenAI-compatible server, the simulator) gets o200k_base as a stand-in and `exact: false`,
 * so budgets and cards never present an approximation as a measurement.
 */

export type TokenizerName = "o200k_base" | "cl100k_base";

export interface Tokenizer {
  /** The BPE encoding used to count. */
  readonly name: TokenizerName;
  /** True when `name` is the tokenizer the target model actually uses. */
  readonly exact: boolean;
  /** One sentence for humans (and dataset cards): which tokenizer, for which model, exact or approximate. */
  readonly note: string;
  /** The model spec this tokenizer was chosen for. */
  readonly modelSpec: string;
  count(text: string): number;
}

/**
 * Chat framing a trainer adds around each message: a start marker, the role, a separator and an end marker.
 * OpenAI's cookbook counts 3 tokens per message plus the role (1 token for every role here); ChatML-style
 * open-model templates add about the same. So 4, documented as an estimate, not a measurement.
 */
export const MESSAGE_OVERHEAD_TOKENS = 4;

const RANKS = { o200k_base, cl100k_base } as const;
// Building an encoder parses a multi-megabyte rank table (~100s of ms): build each once, on first use.
const encoders = new Map<TokenizerName, Tiktoken>();

function encoder(name: TokenizerName): Tiktoken {
  let enc = encoders.get(name);
  if (!enc) {
    enc = new Tiktoken(RANKS[name]);
    encoders.set(name, enc);
  }
  return enc;
}

/** Token ids of `text`, special-token strings (e.g. "<|endoftext|>") counted as ordinary text, never rejected. */
export function encodeText(name: TokenizerName, text: string): number[] {
  // Empty allowed/disallowed lists: training text that happens to contain "<|endoftext|>" must not throw.
  return encoder(name).encode(text, [], []);
}

export function decodeTokens(name: TokenizerName, tokens: number[]): string {
  return encoder(name).decode(tokens);
}

const PROVIDERS = ["openai", "anthropic", "openai-compatible", "sim"] as const;

/** Splits "provider:model[@url]" loosely: token counting should not fail on a spec the model layer would reject. */
function splitSpec(spec: string): { provider: string | undefined; model: string } {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(":");
  const prefix = colon > 0 ? trimmed.slice(0, colon) : "";
  if (!(PROVIDERS as readonly string[]).includes(prefix)) return { provider: undefined, model: trimmed };
  let model = trimmed.slice(colon + 1);
  const at = model.search(/@https?:\/\//);
  if (at >= 0) model = model.slice(0, at);
  return { provider: prefix, model };
}

/** The tokenizer of an OpenAI model name, or undefined when the name is not one we know. */
function openAIEncoding(model: string): TokenizerName | undefined {
  // Fine-tuned models are named "ft:<base>:<org>::<id>"; the base decides the tokenizer.
  const base = model.startsWith("ft:") ? (model.slice(3).split(":")[0] ?? "") : model;
  // Order matters: "gpt-4o" and "gpt-4.1" must match before the "gpt-4" (cl100k) family.
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o\d)(\b|-|$)/.test(base)) return "o200k_base";
  if (/^(gpt-4|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada-002)/.test(base)) return "cl100k_base";
  return undefined;
}

/**
 * The tokenizer to count with for a model spec ("openai:gpt-4.1", "anthropic:claude-...",
 * "openai-compatible:qwen3-32b@http://...", "sim:..."). A bare OpenAI model name ("gpt-4o") is accepted too.
 */
export function tokenizerFor(modelSpec: string): Tokenizer {
  const { provider, model } = splitSpec(modelSpec);
  const known = provider === "openai" || provider === undefined ? openAIEncoding(model) : undefined;
  if (known) {
    return makeTokenizer(known, true, modelSpec, `${known} is the tokenizer of ${modelSpec}; counts are exact for message text (chat framing is an estimate of ${MESSAGE_OVERHEAD_TOKENS} tokens a message).`);
  }
  const why =
    provider === "openai"
      ? `${modelSpec} is not an OpenAI model this version knows`
      : provider === "anthropic"
        ? `${modelSpec} uses Anthropic's own tokenizer, which is not public`
        : provider === "openai-compatible"
          ? `${modelSpec} is served by an OpenAI-compatible server whose model has its own tokenizer`
          : provider === "sim"
            ? `${modelSpec} is the built-in simulator, which has no tokenizer`
            : modelSpec.trim() === ""
              ? "no target model was given"
              : `"${modelSpec}" is not a recognised model spec`;
  return makeTokenizer("o200k_base", false, modelSpec, `Counted with o200k_base as an approximation: ${why}, so counts are approximate for that model.`);
}

function makeTokenizer(name: TokenizerName, exact: boolean, modelSpec: string, note: string): Tokenizer {
  return { name, exact, note, modelSpec, count: (text) => (text === "" ? 0 : encodeText(name, text).length) };
}

function messageTokens(message: ChatMessage, tokenizer: Tokenizer): number {
  let n = MESSAGE_OVERHEAD_TOKENS + tokenizer.count(message.content);
  for (const call of message.toolCalls ?? []) n += tokenizer.count(call.name) + tokenizer.count(call.arguments);
  return n;
}

function isTrained(message: ChatMessage): boolean {
  return message.role === "assistant" && message.weight !== 0;
}

function toolsTokens(tools: readonly ToolDefinition[] | undefined, tokenizer: Tokenizer): number {
  // Templates render tool schemas as JSON into the prompt; the exact wrapper differs, the JSON dominates.
  return tools && tools.length > 0 ? tokenizer.count(JSON.stringify(tools)) : 0;
}

interface Counted {
  tokens: number;
  trained: number;
}

function countMessages(messages: readonly ChatMessage[], tokenizer: Tokenizer): Counted {
  let tokens = 0;
  let trained = 0;
  for (const m of messages) {
    const n = messageTokens(m, tokenizer);
    tokens += n;
    if (isTrained(m)) trained += n;
  }
  return { tokens, trained };
}

function countParts(example: Example, tokenizer: Tokenizer): Counted {
  switch (example.kind) {
    case "text": {
      const n = tokenizer.count(example.text);
      return { tokens: n, trained: n };
    }
    case "chat": {
      const c = countMessages(example.messages, tokenizer);
      return { tokens: c.tokens + toolsTokens(example.tools, tokenizer), trained: c.trained };
    }
    case "preference": {
      // A preference trainer runs two sequences, prompt+chosen and prompt+rejected, so the prompt (and the
      // tool schemas) count twice; the loss covers the two completions.
      const prompt = countMessages(example.prompt, tokenizer).tokens + toolsTokens(example.tools, tokenizer);
      const chosen = countMessages(example.chosen, tokenizer);
      const rejected = countMessages(example.rejected, tokenizer);
      return { tokens: 2 * prompt + chosen.tokens + rejected.tokens, trained: chosen.trained + rejected.trained };
    }
  }
}

/**
 * Tokens a trainer processes for one example: each message's content, tool-call names and arguments, plus
 * MESSAGE_OVERHEAD_TOKENS of framing per message; the tool schemas' JSON when tools are offered; for text
 * examples, the text. Preference examples count both sequences (the prompt twice).
 */
export function countExampleTokens(example: Example, tokenizer: Tokenizer): number {
  return countParts(example, tokenizer).tokens;
}

export interface KindStats {
  examples: number;
  tokens: number;
  trainedTokens: number;
}

export interface TokenStats extends KindStats {
  /** Per example kind; kinds with no examples are absent. */
  byKind: Partial<Record<Example["kind"], KindStats>>;
}

/**
 * Totals over a set of examples. `trainedTokens` covers what carries loss: assistant messages with
 * weight !== 0 (framing included) and all of a text example.
 */
export function tokenStats(examples: readonly Example[], tokenizer: Tokenizer): TokenStats {
  const stats: TokenStats = { examples: 0, tokens: 0, trainedTokens: 0, byKind: {} };
  for (const example of examples) {
    const c = countParts(example, tokenizer);
    const kind = (stats.byKind[example.kind] ??= { examples: 0, tokens: 0, trainedTokens: 0 });
    kind.examples++;
    kind.tokens += c.tokens;
    kind.trainedTokens += c.trained;
    stats.examples++;
    stats.tokens += c.tokens;
    stats.trainedTokens += c.trained;
  }
  return stats;
}
