import { createRng, shuffled } from "../util/rng.js";
import { countExampleTokens, type Tokenizer } from "./tokens.js";
import type { Example } from "./types.js";

/**
 * Mixing sources by token budget, not example count: a story and a one-line refusal differ by 100x in tokens,
 * so "30% stories" only means something when measured in what the trainer sees.
 */

export interface MixSource {
  name: string;
  examples: readonly Example[];
  /** Token budget for this source (a positive integer), counted with countExampleTokens. */
  tokens: number;
}

export interface MixSourceReport {
  examples: number;
  tokens: number;
  budget: number;
  /** Every example of the source was taken: the budget was not the limit, the source ran out. */
  exhausted: boolean;
}

export interface MixResult {
  examples: Example[];
  bySource: Record<string, MixSourceReport>;
}

/**
 * After this many examples in a row that do not fit the remaining budget, stop looking: packing the last few
 * tokens is not worth tokenizing the rest of a large source.
 */
const MAX_CONSECUTIVE_MISSES = 256;

/**
 * Takes examples from each source, in a seeded shuffle of that source, until its budget is spent, then
 * interleaves all sources so each is spread evenly through the result.
 *
 * Packing: an example that would overshoot the budget is skipped and later (smaller) ones are still tried, so
 * budgets fill tighter than stop-at-first-overflow would; a budget is never exceeded. Each source's shuffle
 * depends only on the seed and the source's name, so adding or removing another source does not change which
 * examples this one contributes.
 */
export function mixByTokenBudget(sources: readonly MixSource[], tokenizer: Tokenizer, seed: number | string): MixResult {
  checkSources(sources);
  const bySource: Record<string, MixSourceReport> = {};
  const picked: Array<{ key: number; source: number; index: number; example: Example }> = [];

  sources.forEach((source, sourceIndex) => {
    const order = shuffled(createRng(`${seed}\u0000mix\u0000${source.name}`), source.examples);
    const taken: Example[] = [];
    let used = 0;
    let misses = 0;
    for (const example of order) {
      if (used >= source.tokens) break;
      const n = countExampleTokens(example, tokenizer);
      if (used + n <= source.tokens) {
        taken.push(example);
        used += n;
        misses = 0;
      } else if (++misses >= MAX_CONSECUTIVE_MISSES) {
        break;
      }
    }
    bySource[source.name] = { examples: taken.length, tokens: used, budget: source.tokens, exhausted: taken.length === source.examples.length };

    // Stratified positions: the i-th of n examples lands somewhere in [i/n, (i+1)/n), so every source is spread
    // evenly through the mix (no source bunched at the end of an epoch) while keeping its own shuffled order.
    const jitter = createRng(`${seed}\u0000interleave\u0000${source.name}`);
    taken.forEach((example, index) => {
      picked.push({ key: (index + jitter()) / taken.length, source: sourceIndex, index, example });
    });
  });

  picked.sort((a, b) => a.key - b.key || a.source - b.source || a.index - b.index);
  return { examples: picked.map((p) => p.example), bySource };
}

function checkSources(sources: readonly MixSource[]): void {
  if (sources.length === 0) throw new Error("mixByTokenBudget: no sources given; pass at least one { name, examples, tokens }");
  const seen = new Set<string>();
  for (const source of sources) {
    if (!source.name) throw new Error("mixByTokenBudget: a source has an empty name; give every source a unique name");
    if (seen.has(source.name)) throw new Error(`mixByTokenBudget: source "${source.name}" appears twice; merge its examples or rename one`);
    seen.add(source.name);
    if (!Number.isInteger(source.tokens) || source.tokens <= 0) {
      throw new Error(
        `mixByTokenBudget: source "${source.name}" has token budget ${String(source.tokens)}; a budget must be a positive ` +
          `integer number of tokens (e.g. ${suggest(source.tokens)}), or drop the source to leave it out (mixByShare splits a total for you)`,
      );
    }
  }
}

function suggest(value: number): string {
  return Number.isFinite(value) && value >= 1 ? String(Math.round(value)) : "100000";
}

/**
 * Splits a total token budget among sources in proportion to their shares (any positive numbers; they need not
 * sum to 1). Budgets are integers summing exactly to `total` (largest remainder), ready for mixByTokenBudget.
 */
export function mixByShare(total: number, shares: Readonly<Record<string, number>>): Record<string, number> {
  if (!Number.isInteger(total) || total <= 0) {
    throw new Error(`mixByShare: total ${String(total)} must be a positive integer number of tokens (e.g. ${suggest(total)})`);
  }
  const names = Object.keys(shares);
  if (names.length === 0) throw new Error("mixByShare: no shares given; pass e.g. { stories: 0.3, honeypots: 0.7 }");
  for (const name of names) {
    const share = shares[name];
    if (typeof share !== "number" || !Number.isFinite(share) || share <= 0) {
      throw new Error(`mixByShare: source "${name}" has share ${String(share)}; a share must be a positive number (remove the source to leave it out)`);
    }
  }
  const sum = names.reduce((acc, name) => acc + (shares[name] as number), 0);
  const exact = names.map((name) => ({ name, value: (total * (shares[name] as number)) / sum }));
  const budgets: Record<string, number> = {};
  let assigned = 0;
  for (const { name, value } of exact) {
    budgets[name] = Math.floor(value);
    assigned += Math.floor(value);
  }
  // Hand the leftover tokens to the largest fractional parts (ties by name, so the result is deterministic).
  const byRemainder = exact.slice().sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || (a.name < b.name ? -1 : 1));
  for (let i = 0; assigned < total; i++, assigned++) {
    const name = (byRemainder[i % byRemainder.length] as { name: string }).name;
    budgets[name] = (budgets[name] as number) + 1;
  }
  for (const name of names) {
    if (budgets[name] === 0) {
      throw new Error(`mixByShare: source "${name}" gets 0 of ${total} tokens; raise the total or its share`);
    }
  }
  return budgets;
}
