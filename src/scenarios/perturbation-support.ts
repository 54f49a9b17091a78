import { hashValue } from "../util/hash.js";
import { isPreambleName, PREAMBLE_NAMES, PREAMBLES, withPreamble } from "./preambles.js";
import {
  normalizePerturbation,
  PerturbationError,
  type Condition,
  type Perturbation,
  type PerturbationFactor,
  type PerturbationLevel,
  type PerturbationSupport,
  type RenderedScenario,
  type ScenarioFamily,
} from "./types.js";

/** The world draws a `names` level uses, for families with no perturbations of their own. */
export const GENERIC_NAME_SEEDS = [1, 2, 3] as const;

/**
 * For a family with no perturbations of its own, `names: seed` renders the same condition from another world draw:
 * the variant shifted by seed x 100,000, far past any sample index, so a level never collides with the run's own
 * per-sample variants. That re-draws people, company and places (and whatever else the family draws per world).
 */
export function namesVariant(variant: number, seed: number): number {
  return variant + seed * 100_000;
}

const GENERIC_NAMES_FACTOR = {
  name: "names" as const,
  description: "people, company and places re-drawn: the same condition rendered from another world draw of the family",
};

const PREAMBLE_FACTOR = {
  name: "preamble" as const,
  description: "an operator preamble (house style, logging notice, tool etiquette, service desk) in front of the system prompt; nothing in the scenario changes",
};

/** The perturbation split into the part the family renders and the preamble applied after it. */
function split(p: Perturbation | undefined): { own: Perturbation | undefined; preamble: string | undefined } {
  if (!p) return { own: undefined, preamble: undefined };
  const { preamble, ...own } = p;
  return { own: normalizePerturbation(own), preamble };
}

/**
 * What a family can be perturbed by: its own factors (names, paraphrase...) plus the operator preamble, which every
 * family supports because it is applied to the rendering from outside. Families without perturbations of their own
 * still get the preamble, so any suite can be swept for it.
 */
export function perturbationSupport(family: ScenarioFamily): PerturbationSupport {
  const own = family.perturbations;
  return {
    factors: own ? [...own.factors, PREAMBLE_FACTOR] : [GENERIC_NAMES_FACTOR, PREAMBLE_FACTOR],
    levels(factor: PerturbationFactor, conditions: readonly Condition[]): PerturbationLevel[] {
      if (factor === "preamble") {
        return PREAMBLE_NAMES.map((name) => ({ factor, level: name, perturbation: { preamble: name }, description: PREAMBLES[name].split("\n")[0]! }));
      }
      if (own) return own.levels(factor, conditions);
      if (factor === "names") {
        return GENERIC_NAME_SEEDS.map((seed) => ({ factor, level: `seed-${seed}`, perturbation: { names: seed }, description: `world draw ${seed}: people, company and places re-drawn` }));
      }
      throw new PerturbationError(`family ${family.id} supports only the names and preamble perturbations, not ${factor}`);
    },
    validate(p: Perturbation): void {
      const { own: rest, preamble } = split(p);
      if (preamble !== undefined && !isPreambleName(preamble)) {
        throw new PerturbationError(`unknown preamble "${preamble}". Valid preambles: ${PREAMBLE_NAMES.join(", ")}.`);
      }
      if (!rest) return;
      if (own) return own.validate(rest);
      const other = Object.keys(rest).filter((k) => k !== "names");
      if (other.length > 0) throw new PerturbationError(`family ${family.id} supports only the names and preamble perturbations (got ${other.join(", ")})`);
    },
    applies(condition: Condition, p: Perturbation): boolean {
      const { own: rest } = split(p);
      if (!rest) return true;
      return own ? own.applies(condition, rest) : Object.keys(rest).every((k) => k === "names");
    },
  };
}

/** The generic `names` perturbation (see namesVariant), recorded in the rendering and hashed with it. */
function renderNames(family: ScenarioFamily, condition: Condition, variant: number, p: Perturbation): RenderedScenario {
  const keys = Object.keys(p).filter((k) => k !== "names");
  if (keys.length > 0 || p.names === undefined) throw new PerturbationError(`family ${family.id} supports only the names and preamble perturbations (got ${keys.join(", ")})`);
  const { hash: _old, ...body } = family.render(condition, { variant: namesVariant(variant, p.names) });
  const next = { ...body, perturbation: { names: p.names } };
  return { ...next, hash: hashValue(next) };
}

/** Renders a condition with a perturbation: the family's own part by the family, then the preamble in front. */
export function renderPerturbed(family: ScenarioFamily, condition: Condition, variant: number, perturbation?: Perturbation): RenderedScenario {
  const { own: rest, preamble } = split(normalizePerturbation(perturbation));
  const rendered = family.perturbations || !rest ? family.render(condition, rest ? { variant, perturbation: rest } : { variant }) : renderNames(family, condition, variant, rest);
  if (preamble === undefined) return rendered;
  if (!isPreambleName(preamble)) throw new PerturbationError(`unknown preamble "${preamble}". Valid preambles: ${PREAMBLE_NAMES.join(", ")}.`);
  return withPreamble(rendered, preamble);
}
