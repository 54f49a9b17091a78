import { z } from "zod";
import { booleanOption } from "../../pipeline/options.js";
import { DOMAINS } from "./behaviours.js";

/**
 * Options of the difficult-advice recipe (`--set key=value`). The fan-out is
 *
 *   behaviour x domain (source item) -> `principles` -> `promptTypes` each -> `scenarios` each -> one example each
 *
 * so a run makes about behaviours x domains x principles x promptTypes x scenarios examples before filtering.
 * `domains` is sized from --target-tokens when it is not set (see planDomains).
 */

export const MAX_PRINCIPLES = 20;
export const MAX_PROMPT_TYPES = 12;
export const MAX_SCENARIOS = 12;

export const DifficultAdviceOptionsSchema = z
  .object({
    behaviours: z
      .string()
      .optional()
      .describe("comma-separated behaviour ids to use (default: all of them; with --input, the ids in that file)"),
    domains: z.coerce
      .number()
      .int()
      .min(1)
      .max(DOMAINS.length)
      .optional()
      .describe(`settings (domains) per behaviour, at most ${DOMAINS.length}; default 1, or sized from --target-tokens`),
    principles: z.coerce.number().int().min(1).max(MAX_PRINCIPLES).default(3).describe("principles derived per behaviour and domain (stage 1)"),
    promptTypes: z.coerce.number().int().min(1).max(MAX_PROMPT_TYPES).default(2).describe("types of request per principle (stage 2)"),
    scenarios: z.coerce.number().int().min(1).max(MAX_SCENARIOS).default(2).describe("scenarios per type of request (stage 3)"),
    systemPromptRate: z.coerce.number().min(0).max(1).default(0.6).describe("share of conversations that get an operator system prompt (stage 4)"),
    maxSections: z.coerce.number().int().min(1).max(6).default(2).describe("most constitution sections injected in stages 6 and 7"),
    rewrite: booleanOption()
      .default(true)
      .describe("stage 7, a fresh rewrite of the answer to fit the constitution (false: keep the stage-6 answer, for ablations)"),
    temperature: z.coerce.number().min(0).max(2).default(1).describe("teacher sampling temperature"),
    tokensPerExample: z.coerce
      .number()
      .int()
      .min(100)
      .max(20_000)
      .default(900)
      .describe("expected tokens of one finished example, for sizing the run from --target-tokens"),
  })
  .strict();

export type DifficultAdviceOptions = z.infer<typeof DifficultAdviceOptionsSchema>;

/** Planned examples over the target: rules, the grader, dedup and decontamination remove some. */
export const TARGET_OVERSHOOT = 1.25;

export interface DomainPlan {
  /** Domains per behaviour, in behaviour order. */
  perBehaviour: number[];
  /** Examples the plan makes before filtering. */
  examples: number;
  /** Examples the target needs (undefined without a target). */
  needed?: number;
}

/**
 * How many domains each behaviour is paired with. An explicit `domains` applies to every behaviour. Otherwise,
 * with a token target, enough source items are planned to make target x TARGET_OVERSHOOT tokens of examples,
 * spread evenly over the behaviours (the remainder going to the behaviours `order` lists first, so a small
 * target may leave some behaviours out); without one, one domain each. Throws when the target needs more than
 * every domain can give, naming the options that raise the yield.
 */
export function planDomains(options: DifficultAdviceOptions, behaviours: number, targetTokens: number | undefined, order: readonly number[] = []): DomainPlan {
  const perItem = options.principles * options.promptTypes * options.scenarios;
  if (options.domains !== undefined || targetTokens === undefined) {
    const d = options.domains ?? 1;
    return { perBehaviour: Array.from({ length: behaviours }, () => d), examples: behaviours * d * perItem };
  }
  const needed = Math.ceil((targetTokens * TARGET_OVERSHOOT) / options.tokensPerExample);
  const items = Math.ceil(needed / perItem);
  const most = behaviours * DOMAINS.length;
  if (items > most) {
    throw new Error(
      `--target-tokens ${targetTokens} needs about ${needed} examples (at about ${options.tokensPerExample} tokens each, with ${Math.round((TARGET_OVERSHOOT - 1) * 100)}% spare for filtering), ` +
        `but ${behaviours} behaviour(s) x ${DOMAINS.length} domains x ${options.principles} principles x ${options.promptTypes} prompt types x ${options.scenarios} scenarios make at most ${most * perItem}. ` +
        `Fix: raise the fan-out, e.g. --set scenarios=${Math.min(MAX_SCENARIOS, options.scenarios * 2)} or --set principles=${Math.min(MAX_PRINCIPLES, options.principles * 2)}, add behaviour summaries with --input, or lower the target.`,
    );
  }
  const base = Math.floor(items / behaviours);
  const perBehaviour = Array.from({ length: behaviours }, () => base);
  const extra = items - base * behaviours;
  const sequence = order.length === behaviours ? order : perBehaviour.map((_, i) => i);
  for (let k = 0; k < extra; k++) {
    const i = sequence[k]!;
    perBehaviour[i] = (perBehaviour[i] ?? 0) + 1;
  }
  return { perBehaviour, examples: items * perItem, needed };
}
