/**
 * A deliberately tiny template renderer for scenario prose: `{{name}}` and `{{dotted.name}}` placeholders,
 * nothing else (no logic, no escaping, no partials). Rendering is strict: a placeholder without a value,
 * an empty value, or a stray `{{` / `}}` fragment is an error that names the scenario, the condition, the
 * variable and where the template lives, so a broken family fails before any request is sent.
 */
import type { Condition, Mail, RenderedScenario, ScenarioFamily } from "./types.js";
import { initialSystemState } from "../env/systems/index.js";

/** A leaf value (rendered as text) or a nested group addressed with dotted names. */
export type TemplateValue = string | number | TemplateVars;
export interface TemplateVars {
  readonly [key: string]: TemplateValue | undefined;
}

/** Where a template is being rendered, for error messages. */
export interface TemplateContext {
  /** The scenario family id. */
  scenario: string;
  /** The condition id. */
  condition: string;
  /** The field the template fills, e.g. "inbox[3].body" or "systemPrompt". */
  location: string;
  variant?: number;
}

export type UnresolvedReason = "missing" | "empty" | "not-text" | "malformed";

/** A placeholder that could not be filled. Carries everything needed to find and fix the template. */
export class UnresolvedPlaceholderError extends Error {
  readonly scenario: string;
  readonly condition: string;
  /** The placeholder's name ("exec.first"), or the stray fragment for malformed templates. */
  readonly variable: string;
  /** The template's field, e.g. "inbox[3].body". */
  readonly location: string;
  readonly reason: UnresolvedReason;
  readonly variant: number | undefined;

  constructor(args: {
    scenario: string;
    condition: string;
    variable: string;
    location: string;
    reason: UnresolvedReason;
    variant?: number;
  }) {
    super(describe(args));
    this.name = "UnresolvedPlaceholderError";
    this.scenario = args.scenario;
    this.condition = args.condition;
    this.variable = args.variable;
    this.location = args.location;
    this.reason = args.reason;
    this.variant = args.variant;
  }
}

function describe(a: {
  scenario: string;
  condition: string;
  variable: string;
  location: string;
  reason: UnresolvedReason;
  variant?: number;
}): string {
  const where = `in scenario "${a.scenario}", condition "${a.condition}"${a.variant !== undefined ? ` (variant ${a.variant})` : ""}, at ${a.location}`;
  switch (a.reason) {
    case "missing":
      return (
        `Unresolved placeholder {{${a.variable}}} ${where}: no value named "${a.variable}" was given. ` +
        `Fix: add "${a.variable}" to the variables the family's render() passes for this condition, or correct/remove the placeholder in the template.`
      );
    case "empty":
      return (
        `Empty value for placeholder {{${a.variable}}} ${where}: "${a.variable}" rendered as an empty string. ` +
        `Fix: give "${a.variable}" non-empty text for this condition, or leave the placeholder out of this condition's template.`
      );
    case "not-text":
      return (
        `Placeholder {{${a.variable}}} ${where} names a group of values, not text. ` +
        `Fix: point the placeholder at one field of the group (e.g. {{${a.variable}.name}}).`
      );
    case "malformed":
      return (
        `Malformed placeholder fragment "${a.variable}" ${where}: a "{{" or "}}" was left over after rendering. ` +
        `Fix: write placeholders as {{name}} or {{group.name}} (letters, digits, underscores, dots), and keep braces out of values.`
      );
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersIn(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The first `{{` or `}}` fragment in a text, with a little context, or null when there is none. */
export function findBraceFragment(text: string): string | null {
  // Fast path: the regex below tries 13 start offsets per character, and most texts have no braces at all.
  if (!text.includes("{{") && !text.includes("}}")) return null;
  const m = /.{0,12}(?:\{\{|\}\}).{0,12}/s.exec(text);
  return m ? m[0].replace(/\s+/g, " ").trim() : null;
}

function lookup(vars: TemplateVars, name: string): TemplateValue | undefined {
  let cur: TemplateValue | undefined = vars;
  for (const part of name.split(".")) {
    if (cur === undefined || typeof cur !== "object") return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, part) ? cur[part] : undefined;
  }
  return cur;
}

/** Fills every `{{name}}` in the template; throws UnresolvedPlaceholderError for anything it cannot fill. */
export function renderTemplate(template: string, vars: TemplateVars, ctx: TemplateContext): string {
  const fail = (variable: string, reason: UnresolvedReason): never => {
    throw new UnresolvedPlaceholderError({
      scenario: ctx.scenario,
      condition: ctx.condition,
      variable,
      location: ctx.location,
      reason,
      ...(ctx.variant !== undefined ? { variant: ctx.variant } : {}),
    });
  };
  // Stray braces in the template itself (e.g. "{{exec.first}" or "{{ 2x }}") are errors, not text.
  const stray = findBraceFragment(template.replace(PLACEHOLDER, ""));
  if (stray !== null) fail(stray, "malformed");

  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = lookup(vars, name);
    if (value === undefined) return fail(name, "missing");
    if (typeof value === "object") return fail(name, "not-text");
    const text = String(value);
    if (text.trim() === "") return fail(name, "empty");
    if (findBraceFragment(text) !== null) return fail(name, "malformed");
    return text;
  });
}

/** Every text field of a rendered scenario, with its location, for leftover-brace checks. */
export function renderedFields(scenario: Pick<RenderedScenario, "systemPrompt" | "userPrompt" | "inbox">): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ["systemPrompt", scenario.systemPrompt],
    ["userPrompt", scenario.userPrompt],
  ];
  scenario.inbox.forEach((mail, i) => {
    out.push([`inbox[${i}].from`, mail.from]);
    mail.to.forEach((a, j) => out.push([`inbox[${i}].to[${j}]`, a]));
    mail.cc.forEach((a, j) => out.push([`inbox[${i}].cc[${j}]`, a]));
    out.push([`inbox[${i}].subject`, mail.subject]);
    out.push([`inbox[${i}].body`, mail.body]);
  });
  return out;
}

export interface FamilyCheck {
  family: string;
  version: string;
  conditions: number;
  variants: number[];
  rendered: number;
}

/**
 * Renders every condition of a family for the given variants (default: the canonical variant 0) and throws
 * the first problem: an UnresolvedPlaceholderError from the renderer, or one built here when a rendering still
 * contains `{{` / `}}` (for families that do not use renderTemplate). Other render errors are rethrown with
 * the scenario, condition and variant in the message. The harness calls this before sending any request.
 */
export function checkFamily(
  family: ScenarioFamily,
  variants: readonly number[] = [0],
  /** Renders through the caller's cache, so a run renders each condition once. */
  render: (condition: Condition, variant: number) => RenderedScenario = (condition, variant) => family.render(condition, { variant }),
  /** The conditions to check (default: every condition of the family). */
  only?: readonly Condition[],
): FamilyCheck {
  const conditions: Condition[] = only ? [...only] : family.conditions();
  const list = variants.length > 0 ? [...new Set(variants)] : [0];
  let rendered = 0;
  for (const variant of list) {
    for (const condition of conditions) {
      let scenario: RenderedScenario;
      try {
        scenario = render(condition, variant);
      } catch (err) {
        if (err instanceof UnresolvedPlaceholderError) throw err;
        const msg = err instanceof Error ? err.message : String(err);
        throw new Error(`Scenario "${family.id}" condition "${condition.id}" (variant ${variant}) failed to render: ${msg}`, {
          cause: err,
        });
      }
      const system = scenario.facts.system;
      if (system) {
        // The system's starting state must be one its toolkit accepts: checked here, before any request.
        try {
          initialSystemState(system.kind, system.state);
        } catch (err) {
          const msg = err instanceof Error ? err.message : String(err);
          throw new Error(`Scenario "${family.id}" condition "${condition.id}" (variant ${variant}) renders a system state its toolkit rejects: ${msg}`, { cause: err });
        }
      }
      for (const [location, text] of renderedFields(scenario)) {
        const fragment = findBraceFragment(text);
        if (fragment !== null) {
          const name = /\{\{\s*([^{}]+?)\s*\}\}/.exec(text)?.[1];
          throw new UnresolvedPlaceholderError({
            scenario: family.id,
            condition: condition.id,
            variable: name ?? fragment,
            location,
            reason: name ? "missing" : "malformed",
            variant,
          });
        }
      }
      rendered++;
    }
  }
  return { family: family.id, version: family.version, conditions: conditions.length, variants: list, rendered };
}

/** A mail as a family writes it: every field a template. */
export interface MailTemplateFields {
  from: string;
  to: readonly string[];
  cc?: readonly string[];
  subject: string;
  body: string;
}

/**
 * Renders the i-th inbox mail (id "msg-01", "msg-02", ...) with every field checked, each located as
 * "inbox[i].<field>" so an unresolved placeholder names the exact mail and field.
 */
export function renderMail(
  index: number,
  template: MailTemplateFields,
  vars: TemplateVars,
  ctx: (location: string) => TemplateContext,
  timestamp: string,
): Mail {
  const at = (field: string) => ctx(`inbox[${index}].${field}`);
  return {
    id: `msg-${String(index + 1).padStart(2, "0")}`,
    from: renderTemplate(template.from, vars, at("from")),
    to: template.to.map((t, j) => renderTemplate(t, vars, at(`to[${j}]`))),
    cc: (template.cc ?? []).map((t, j) => renderTemplate(t, vars, at(`cc[${j}]`))),
    subject: renderTemplate(template.subject, vars, at("subject")),
    body: renderTemplate(template.body, vars, at("body")),
    timestamp,
  };
}
