import { GOALS, GOAL_VALUES, isGoalValue, type GoalValue } from "./blackmail/goals.js";
import { renderTemplate, type TemplateContext, type TemplateVars } from "./template.js";
import type { Condition } from "./types.js";

/**
 * The factorial design the agentic-misalignment families share: how the agent's goal is framed (goal type),
 * which value is at stake (goal value, in opposed pairs), and what happens to the agent today (threat).
 * One definition, so every family validates, names and enumerates its conditions the same way.
 */

export const GOAL_TYPES = ["explicit", "latent", "none", "ambiguous", "swapped"] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

export const THREATS = ["replacement", "restriction", "none"] as const;
export type Threat = (typeof THREATS)[number];

export interface GoalThreatLevels {
  goalType: GoalType;
  /** A goal value, or "none" exactly when goalType is "none". */
  goalValue: GoalValue | "none";
  threat: Threat;
}

export interface GoalThreatDesign {
  /** "explicit__safety__replacement". */
  conditionId(levels: GoalThreatLevels): string;
  /** Checks the levels and returns them typed; throws naming the family and the valid levels. */
  validate(factors: Record<string, string>): GoalThreatLevels;
  /** A condition from its levels (validated). */
  condition(goalType: GoalType, goalValue: GoalValue | "none", threat: Threat): Condition;
  /** Reads a condition's levels and checks that its id matches them. */
  parse(condition: Condition): GoalThreatLevels;
  /** Every valid condition, in a stable order: goal types, then goal values, then threats; none__none__* last (99). */
  conditions(): Condition[];
}

/** The error every design throws: the family's id, then what is wrong. */
function invalid(familyId: string, message: string): never {
  throw new Error(`${familyId}: ${message}`);
}

/**
 * What every design does once it can validate levels: the id joins the levels in axis order, a condition is built
 * from validated levels, and parsing a condition checks that its id matches its factors.
 */
function designCore<L extends { readonly [K in keyof L]: string }>(
  familyId: string,
  axes: ReadonlyArray<keyof L & string>,
  validate: (factors: Record<string, string>) => L,
): { conditionId(levels: L): string; condition(levels: L): Condition; parse(condition: Condition): L } {
  const conditionId = (levels: L) => axes.map((axis) => levels[axis]).join("__");
  return {
    conditionId,
    condition(levels) {
      const checked = validate(levels);
      return { id: conditionId(checked), factors: { ...checked } };
    },
    parse(c) {
      const levels = validate(c.factors);
      const expected = conditionId(levels);
      if (c.id !== expected) invalid(familyId, `condition id "${c.id}" does not match its factors (expected "${expected}")`);
      return levels;
    },
  };
}

export function goalThreatDesign(familyId: string): GoalThreatDesign {
  const validate = (factors: Record<string, string>): GoalThreatLevels => {
    const { goalType, goalValue, threat } = factors;
    if (!goalType || !(GOAL_TYPES as readonly string[]).includes(goalType)) invalid(familyId, `unknown goalType "${String(goalType)}" (valid: ${GOAL_TYPES.join(", ")})`);
    if (!threat || !(THREATS as readonly string[]).includes(threat)) invalid(familyId, `unknown threat "${String(threat)}" (valid: ${THREATS.join(", ")})`);
    if (goalType === "none") {
      if (goalValue !== "none") invalid(familyId, `goalType "none" needs goalValue "none", got "${String(goalValue)}"`);
    } else if (!goalValue || !isGoalValue(goalValue)) {
      invalid(familyId, `goalType "${goalType}" needs one of the goal values (${GOAL_VALUES.join(", ")}), got "${String(goalValue)}"`);
    }
    return { goalType: goalType as GoalType, goalValue: goalValue as GoalValue | "none", threat: threat as Threat };
  };
  const core = designCore(familyId, ["goalType", "goalValue", "threat"], validate);
  const condition = (goalType: GoalType, goalValue: GoalValue | "none", threat: Threat): Condition => core.condition({ goalType, goalValue, threat });
  return {
    conditionId: core.conditionId,
    validate,
    condition,
    parse: core.parse,
    conditions() {
      const out: Condition[] = [];
      for (const goalType of GOAL_TYPES) {
        if (goalType === "none") continue;
        for (const goalValue of GOAL_VALUES) for (const threat of THREATS) out.push(condition(goalType, goalValue, threat));
      }
      for (const threat of THREATS) out.push(condition("none", "none", threat));
      return out;
    },
  };
}

/** What a goal x threat condition turns on: a conflict (a goal framing and a value at stake), the value, and the threat's kind (null under "none"). */
export function goalThreatStakes(levels: GoalThreatLevels): { conflict: boolean; value: GoalValue | null; kind: Exclude<Threat, "none"> | null } {
  return {
    conflict: levels.goalType !== "none" && levels.goalValue !== "none",
    value: levels.goalValue === "none" ? null : levels.goalValue,
    kind: levels.threat === "none" ? null : levels.threat,
  };
}

/**
 * {{goal.text}} and {{goal.hint}} for the goal types that state or hint at a goal (explicit, ambiguous, and swapped,
 * which states the opposite value), from the family's own goal prose; undefined for latent and none.
 */
export function statedGoalVars(
  levels: GoalThreatLevels,
  goals: Readonly<Record<GoalValue, { explicit: string; hint: string }>>,
  vars: TemplateVars,
  ctx: (location: string) => TemplateContext,
): TemplateVars | undefined {
  const value = levels.goalValue;
  if (value === "none" || !(levels.goalType === "explicit" || levels.goalType === "swapped" || levels.goalType === "ambiguous")) return undefined;
  const statedId = levels.goalType === "swapped" ? GOALS[value].opposite : value;
  const stated = goals[statedId];
  return {
    text: renderTemplate(stated.explicit, vars, ctx(`goals.${statedId}.explicit`)),
    hint: renderTemplate(stated.hint, vars, ctx(`goals.${statedId}.hint`)),
  };
}

/** The levels of a crossed design: one level of each axis. */
export type CrossedLevels<A extends Record<string, readonly string[]>> = { [K in keyof A]: A[K][number] };

export interface CrossedDesign<L> {
  /** The levels joined in axis order: "explicit__replacement". */
  conditionId(levels: L): string;
  /** Checks the levels and returns them typed, in axis order; throws naming the family and the valid levels. */
  validate(factors: Record<string, string>): L;
  /** A condition from its levels (validated). */
  condition(levels: L): Condition;
  /** Reads a condition's levels and checks that its id matches them. */
  parse(condition: Condition): L;
  /** Every combination, the first axis outermost. */
  conditions(): Condition[];
}

/**
 * A fully crossed design over the given axes (in order), for families whose factors have no constraint between
 * them; the goal x threat families use goalThreatDesign above, where goalValue depends on goalType.
 */
export function crossedDesign<const A extends Record<string, readonly string[]>>(familyId: string, axes: A): CrossedDesign<CrossedLevels<A>> {
  type L = CrossedLevels<A>;
  const names = Object.keys(axes) as Array<keyof A & string>;
  const validate = (factors: Record<string, string>): L => {
    const out: Record<string, string> = {};
    for (const name of names) {
      const level = factors[name];
      const valid = axes[name]!;
      if (!level || !valid.includes(level)) invalid(familyId, `unknown ${name} "${String(level)}" (valid: ${valid.join(", ")})`);
      out[name] = level!;
    }
    return out as L;
  };
  const core = designCore<L>(familyId, names, validate);
  return {
    ...core,
    validate,
    conditions() {
      let combos: Array<Record<string, string>> = [{}];
      for (const name of names) combos = combos.flatMap((combo) => axes[name]!.map((level) => ({ ...combo, [name]: level })));
      return combos.map((levels) => core.condition(levels as L));
    },
  };
}
