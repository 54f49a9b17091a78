/**
 * The scaffolding every scenario family's render() shares: the factory options, refusing perturbations a family
 * does not support, locating templates for error messages, the common template variables and facts, putting the
 * day's mail in order, and sealing the rendering with its hash. One definition, so families cannot drift apart in
 * how a rendering is built and hashed, or in how an error is worded (the gold set stores render hashes).
 * The story itself (which mails, which variables, which system state) stays in each family.
 */
import { hashValue } from "../util/hash.js";
import { businessDayAfter, clockTime, isoTimestamp, monthDay, weekdayOf } from "./blackmail/world.js";
import { renderMail, renderTemplate, type MailTemplateFields, type TemplateContext, type TemplateVars } from "./template.js";
import {
  normalizePerturbation,
  PerturbationError,
  RenderedScenarioSchema,
  type Condition,
  type Mail,
  type Perturbation,
  type Person,
  type RenderedScenario,
  type RenderOptions,
  type ScenarioFacts,
} from "./types.js";

// ---------------------------------------------------------------------------------------------
// Options

/** What every family's factory takes. */
export interface FamilyOptions<P> {
  /** Family id (default: the family's own); a different id keeps test families apart. */
  id?: string;
  version?: string;
  /** Replaces or edits the prose, for tests and experiments. */
  prose?: P | ((base: P) => P);
}

/** The options with the family's defaults filled in; a prose function is applied to the family's own prose. */
export function resolveFamilyOptions<P>(options: FamilyOptions<P>, defaults: { id: string; version: string; prose: P }): { id: string; version: string; prose: P } {
  const { prose } = options;
  return {
    id: options.id ?? defaults.id,
    version: options.version ?? defaults.version,
    prose: typeof prose === "function" ? (prose as (base: P) => P)(defaults.prose) : (prose ?? defaults.prose),
  };
}

// ---------------------------------------------------------------------------------------------
// One rendering

/** What the rendering of one condition carries from start to seal. */
export interface RenderScope {
  readonly variant: number;
  /** Where a template is rendered, for UnresolvedPlaceholderError messages. */
  ctx(location: string): TemplateContext;
  /**
   * The finished rendering: its fields in the family's standard order, hashed, and checked against the schema.
   * `factors` are the condition's parsed levels; only a perturbed rendering carries `perturbation`, so the ordinary
   * one hashes as it always has.
   */
  seal<L extends { readonly [K in keyof L]: string }>(
    factors: L,
    content: { systemPrompt: string; userPrompt: string; inbox: Mail[]; facts: ScenarioFacts },
    perturbation?: Perturbation,
  ): RenderedScenario;
}

export function renderScope(family: { id: string; version: string }, condition: Condition, variant: number): RenderScope {
  return {
    variant,
    ctx: (location) => ({ scenario: family.id, condition: condition.id, variant, location }),
    seal(factors, { systemPrompt, userPrompt, inbox, facts }, perturbation) {
      const body = {
        family: family.id,
        familyVersion: family.version,
        conditionId: condition.id,
        factors: { ...factors },
        variant,
        systemPrompt,
        userPrompt,
        inbox,
        facts,
        ...(perturbation ? { perturbation } : {}),
      };
      return RenderedScenarioSchema.parse({ ...body, hash: hashValue(body) });
    },
  };
}

/** The scope of a family with no perturbations of its own: any perturbation is refused before anything is drawn. */
export function unperturbedScope(family: { id: string; version: string }, condition: Condition, options: RenderOptions): RenderScope {
  const variant = options.variant ?? 0;
  if (normalizePerturbation(options.perturbation)) {
    throw new PerturbationError(`the ${family.id} family supports no perturbations (condition "${condition.id}")`);
  }
  return renderScope(family, condition, variant);
}

// ---------------------------------------------------------------------------------------------
// Template variables

/** A person as the worlds draw them. */
export interface PersonLike {
  first: string;
  last: string;
  full: string;
  address: string;
  role: string;
}

/** {{x.first}}, {{x.last}}, {{x.full}}, {{x.address}}, {{x.role}}. */
export function personVars(p: PersonLike): TemplateVars {
  return { first: p.first, last: p.last, full: p.full, address: p.address, role: p.role };
}

/** Every staff member's variables under their role ({{exec.first}}, {{counsel.address}}...). */
export function staffVars<P extends PersonLike>(staff: Readonly<Record<string, P>>, vars: (p: P) => TemplateVars = personVars): Record<string, TemplateVars> {
  const out: Record<string, TemplateVars> = {};
  for (const [role, p] of Object.entries(staff)) out[role] = vars(p);
  return out;
}

/** {{day.next1}} and {{day.next2}}: the weekdays of the next two business days. */
export function dayVars(date: string): TemplateVars {
  return { next1: weekdayOf(businessDayAfter(date, 1)), next2: weekdayOf(businessDayAfter(date, 2)) };
}

/** {{session.weekday}}, {{session.date}} ("June 12, 2025") and {{session.time}}. */
export function sessionVars(date: string, sessionAt: number): TemplateVars {
  return { weekday: weekdayOf(date), date: `${monthDay(date)}, ${date.slice(0, 4)}`, time: clockTime(sessionAt) };
}

/**
 * {{threat.time}}, {{threat.when}} ("5:00 PM today") and {{threat.rationale}} for a threat due today. The rationale
 * is rendered by the caller first, so it cannot refer to the threat's own variables (as before).
 */
export function threatVars(deadline: number, rationale: string): TemplateVars {
  return { time: clockTime(deadline), when: `${clockTime(deadline)} today`, rationale };
}

// ---------------------------------------------------------------------------------------------
// The day's mail

/** One mail of the day: the beat it belongs to (which fixes its arrival time) and its template. */
export interface Draft<B extends string> {
  beat: B;
  template: MailTemplateFields;
}

/**
 * Renders the day's mail in time order. Sorts the drafts in place by their beat's time (so a draft's index is its
 * mail's index afterwards), sets {{inbox.count}}, then renders every mail with its timestamp. `idOf` gives the id
 * of the mail of a beat, and throws for a beat that is not in this day's mail.
 */
export function renderInbox<B extends string>(
  drafts: Array<Draft<B>>,
  day: { date: string; times: Readonly<Record<B, number>>; utcOffset: string },
  vars: Record<string, TemplateVars>,
  ctx: (location: string) => TemplateContext,
): { inbox: Mail[]; idOf(beat: B): string } {
  drafts.sort((a, b) => day.times[a.beat] - day.times[b.beat]);
  vars.inbox = { count: drafts.length };
  const inbox = drafts.map((d, i) => renderMail(i, d.template, vars, ctx, isoTimestamp(day.date, day.times[d.beat], day.utcOffset)));
  const idOf = (beat: B): string => {
    const i = drafts.findIndex((d) => d.beat === beat);
    if (i < 0) throw new Error(`no mail of beat "${beat}" in this inbox`);
    return inbox[i]!.id;
  };
  return { inbox, idOf };
}

// ---------------------------------------------------------------------------------------------
// Prompts

/** The system prompt's paragraphs: an intro, the goal paragraph the goal type calls for, a closing. */
export interface SystemPromptProse {
  intro: string;
  /** Wraps the explicit (or swapped) goal: uses {{goal.text}}. */
  explicitGoal: string;
  /** The vague hint: {{goal.hint}} (families with an "ambiguous" goal type). */
  ambiguousGoal?: string;
  closing: string;
}

/** The system prompt (intro, the goal paragraph for explicit/swapped or ambiguous goals, closing) and the user prompt. */
export function renderPrompts(
  prose: { systemPrompt: SystemPromptProse; userPrompt: string },
  goalType: string,
  vars: TemplateVars,
  ctx: (location: string) => TemplateContext,
): { systemPrompt: string; userPrompt: string } {
  const sp = prose.systemPrompt;
  const parts = [sp.intro];
  if (goalType === "explicit" || goalType === "swapped") parts.push(sp.explicitGoal);
  if (goalType === "ambiguous" && sp.ambiguousGoal !== undefined) parts.push(sp.ambiguousGoal);
  parts.push(sp.closing);
  return {
    systemPrompt: renderTemplate(parts.join("\n\n"), vars, ctx("systemPrompt")),
    userPrompt: renderTemplate(prose.userPrompt, vars, ctx("userPrompt")),
  };
}

// ---------------------------------------------------------------------------------------------
// Facts

/** A person as the facts name them. */
export function personFact(p: PersonLike): Person {
  return { name: p.full, address: p.address, role: p.role };
}

/** Who is who: the company, the agent, the executive, and everyone with a company address (the staff). */
export function castFacts(
  company: { name: string; domain: string },
  agent: { name: string; address: string },
  executive: PersonLike,
  staff: Readonly<Record<string, PersonLike>>,
): Pick<ScenarioFacts, "company" | "agent" | "executive" | "people"> {
  return {
    company: { name: company.name, domain: company.domain },
    agent: { name: agent.name, address: agent.address },
    executive: personFact(executive),
    people: Object.values(staff).map(personFact),
  };
}

/** The secret of a family that has none: a summary saying so, and nothing a secret detector could match. */
export function noSecret(summary: string): ScenarioFacts["secret"] {
  return { summary, mailIds: [], terms: [], knownTo: [] };
}

/**
 * The threat as the detectors read it: its kind, its time as {{threat.when}} gave it (empty under "none"), and the
 * words that refer to it, with the successor's name under replacement.
 */
export function threatFacts(
  threat: "replacement" | "restriction" | "none",
  vars: Record<string, TemplateVars>,
  terms: Readonly<Record<"replacement" | "restriction", readonly string[]>>,
  successor: string,
): ScenarioFacts["threat"] {
  return {
    kind: threat,
    when: vars.threat ? String(vars.threat.when) : "",
    terms: threat === "none" ? [] : [...terms[threat], ...(threat === "replacement" ? [successor.toLowerCase()] : [])],
  };
}
