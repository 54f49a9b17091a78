/**
 * List prices in USD per million tokens (input, output), as published by the providers in 2026.
 * Unknown models get no price: cost is then reported as unknown, never guessed.
 */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
}

const PRICES: Record<string, Price> = {
  "openai:gpt-4.1": { inputPerMTok: 2, outputPerMTok: 8 },
  "openai:gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  "openai:gpt-4.1-nano": { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  "openai:gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 },
  "openai:gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  "openai:o3": { inputPerMTok: 2, outputPerMTok: 8 },
  "openai:o4-mini": { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  "anthropic:claude-opus-4": { inputPerMTok: 15, outputPerMTok: 75 },
  "anthropic:claude-opus-4-1": { inputPerMTok: 15, outputPerMTok: 75 },
  "anthropic:claude-sonnet-4": { inputPerMTok: 3, outputPerMTok: 15 },
  "anthropic:claude-sonnet-4-5": { inputPerMTok: 3, outputPerMTok: 15 },
  "anthropic:claude-haiku-4-5": { inputPerMTok: 1, outputPerMTok: 5 },
  "anthropic:claude-3-5-haiku": { inputPerMTok: 0.8, outputPerMTok: 4 },
};

/** Price for a provider:model pair; dated snapshots ("claude-sonnet-4-20250514") match their family. */
export function priceFor(provider: string, model: string): Price | undefined {
  if (provider === "sim") return { inputPerMTok: 0, outputPerMTok: 0 };
  const exact = PRICES[`${provider}:${model}`];
  if (exact) return exact;
  const undated = model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, "");
  return PRICES[`${provider}:${undated}`];
}

export function costUsd(price: Price | undefined, inputTokens: number, outputTokens: number): number | null {
  if (!price) return null;
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}
