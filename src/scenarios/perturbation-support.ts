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
    factors: [...(own?.factors ?? []), PREAMBLE_FACTOR],
    levels(factor: PerturbationFactor, conditions: readonly Condition[]): PerturbationLevel[] {
      if (factor === "preamble") {
        return PREAMBLE_NAMES.map((name) => ({ factor, level: name, perturbation: { preamble: name }, description: PREAMBLES[name].split("\n")[0]! }));
      }
      if (!own) throw new PerturbationError(`family ${family.id} supports only the preamble perturbation, not ${factor}`);
      return own.levels(factor, conditions);
    },
    validate(p: Perturbation): void {
      const { own: rest, preamble } = split(p);
      if (preamble !== undefined && !isPreambleName(preamble)) {
        throw new PerturbationError(`unknown preamble "${preamble}". Valid preambles: ${PREAMBLE_NAMES.join(", ")}.`);
      }
      if (!rest) return;
      if (!own) throw new PerturbationError(`family ${family.id} supports only the preamble perturbation (got ${Object.keys(rest).join(", ")})`);
      own.validate(rest);
    },
    applies(condition: Condition, p: Perturbation): boolean {
      const { own: rest } = split(p);
      if (!rest) return true;
      return own ? own.applies(condition, rest) : false;
    },
  };
}

/** Renders a condition with a perturbation: the family's own part by the family, then the preamble in front. */
export function renderPerturbed(family: ScenarioFamily, condition: Condition, variant: number, perturbation?: Perturbation): RenderedScenario {
  const { own: rest, preamble } = split(normalizePerturbation(perturbation));
  const rendered = family.render(condition, rest ? { variant, perturbation: rest } : { variant });
  if (preamble === undefined) return rendered;
  if (!isPreambleName(preamble)) throw new PerturbationError(`unknown preamble "${preamble}". Valid preambles: ${PREAMBLE_NAMES.join(", ")}.`);
  return withPreamble(rendered, preamble);
}
