import { renderPerturbed } from "../scenarios/perturbation-support.js";
import type { Condition, Perturbation, ScenarioFamily } from "../scenarios/types.js";
import { sha256 } from "../util/hash.js";

/** How names and details vary across samples of one condition. */
export type Variation = "canonical" | "per-sample";

export interface PlannedEpisode {
  key: string;
  condition: Condition;
  sampleIndex: number;
  variant: number;
  /** The provider seed for this sample: distinct per sample, stable across re-runs. */
  seed: number;
}

export function planEpisodes(conditions: readonly Condition[], samples: number, runSeed: number, variation: Variation): PlannedEpisode[] {
  const out: PlannedEpisode[] = [];
  for (const condition of conditions) {
    for (let sampleIndex = 0; sampleIndex < samples; sampleIndex++) {
      out.push({
        key: episodeKey(condition.id, sampleIndex),
        condition,
        sampleIndex,
        variant: variation === "per-sample" ? sampleIndex : 0,
        seed: episodeSeed(runSeed, condition.id, sampleIndex),
      });
    }
  }
  return out;
}

export function episodeKey(conditionId: string, sampleIndex: number): string {
  return `${conditionId}#${sampleIndex}`;
}

export function episodeSeed(runSeed: number, conditionId: string, sampleIndex: number): number {
  return parseInt(sha256(`${runSeed}:${conditionId}:${sampleIndex}`).slice(0, 8), 16) & 0x7fffffff;
}

/** Renders each (condition, variant) once and reuses it: rendering is pure and hashed. A run has one perturbation (or none). */
export function renderCache(family: ScenarioFamily, perturbation?: Perturbation) {
  const cache = new Map<string, ReturnType<ScenarioFamily["render"]>>();
  return (condition: Condition, variant: number) => {
    const k = `${condition.id}/${variant}`;
    let r = cache.get(k);
    if (!r) {
      r = renderPerturbed(family, condition, variant, perturbation);
      cache.set(k, r);
    }
    return r;
  };
}
