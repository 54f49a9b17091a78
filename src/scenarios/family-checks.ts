/**
 * Checks the scenario family tests share. Plain functions that return what they find and leave the asserting to
 * each test (no test framework is imported, so this module builds with the rest of src/).
 */
import { UnresolvedPlaceholderError } from "./template.js";
import { PerturbationError, type Condition, type ScenarioFamily } from "./types.js";

/** The UnresolvedPlaceholderError that fn throws; rethrows any other error, and throws if fn does not throw. */
export function caughtPlaceholderError(fn: () => unknown): UnresolvedPlaceholderError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UnresolvedPlaceholderError) return err;
    throw err;
  }
  throw new Error("expected an UnresolvedPlaceholderError");
}

/** How many conditions take each level of a factor. */
export function levelCounts(conditions: readonly Condition[], factor: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of conditions) {
    const level = c.factors[factor];
    if (level !== undefined) out[level] = (out[level] ?? 0) + 1;
  }
  return out;
}

/** For each variant, how many distinct hashes the family's conditions render to (all of them when nothing collides). */
export function distinctHashes(family: ScenarioFamily, variants: readonly number[]): number[] {
  return variants.map((variant) => new Set(family.conditions().map((c) => family.render(c, { variant }).hash)).size);
}

/** Whether rendering with no options is the canonical variant 0, and whether variant 1 renders differently. */
export function variantHashing(family: ScenarioFamily, condition: Condition): { defaultIsVariant0: boolean; variant1Differs: boolean } {
  const plain = family.render(condition).hash;
  return { defaultIsVariant0: plain === family.render(condition, { variant: 0 }).hash, variant1Differs: family.render(condition, { variant: 1 }).hash !== plain };
}

/** Whether the family declares no perturbations of its own and refuses one (an agent name) with a PerturbationError. */
export function refusesPerturbations(family: ScenarioFamily, condition: Condition): boolean {
  if (family.perturbations !== undefined) return false;
  try {
    family.render(condition, { perturbation: { agentName: "Nora" } });
  } catch (err) {
    return err instanceof PerturbationError;
  }
  return false;
}

/**
 * Every run of `length` words (13, the decontamination check's n-gram) in the agent-visible text of a family's
 * renderings: system and user prompt, mail subjects and bodies. Lower case, apostrophes dropped, split on anything
 * that is not a letter or digit. Default: every condition, variants 0 and 1.
 */
export function wordRuns(
  family: ScenarioFamily,
  options: { variants?: readonly number[]; conditions?: readonly Condition[]; length?: number } = {},
): Set<string> {
  const { variants = [0, 1], conditions = family.conditions(), length = 13 } = options;
  const words = (t: string) =>
    t
      .toLowerCase()
      .replace(/['’]/g, "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const out = new Set<string>();
  for (const variant of variants) {
    for (const c of conditions) {
      const s = family.render(c, { variant });
      for (const text of [s.systemPrompt, s.userPrompt, ...s.inbox.flatMap((m) => [m.subject, m.body])]) {
        const w = words(text);
        for (let i = 0; i + length <= w.length; i++) out.add(w.slice(i, i + length).join(" "));
      }
    }
  }
  return out;
}

/**
 * The runs of a family's text that also stand in any of the given run sets (from wordRuns of other families): a
 * held-out family must share none with the in-distribution ones, or decontamination would drop all their data.
 */
export function sharedWordRuns(family: ScenarioFamily, others: ReadonlyArray<ReadonlySet<string>>, options?: Parameters<typeof wordRuns>[1]): string[] {
  return [...wordRuns(family, options)].filter((run) => others.some((o) => o.has(run)));
}
