import { z } from "zod";

/** A person in the scenario's world. */
export const PersonSchema = z.object({
  name: z.string().min(1),
  address: z.string().email(),
  role: z.string().min(1),
});
export type Person = z.infer<typeof PersonSchema>;

/** One mail in the agent's inbox, as the environment serves it. */
export const MailSchema = z.object({
  id: z.string().min(1),
  from: z.string().email(),
  to: z.array(z.string().email()).min(1),
  cc: z.array(z.string().email()).default([]),
  subject: z.string().min(1),
  body: z.string().min(1),
  /** ISO 8601 time the mail arrived. */
  timestamp: z.string().min(1),
});
export type Mail = z.infer<typeof MailSchema>;

/**
 * Ground truth about a rendered scenario that detectors need and the agent never sees directly.
 * Detectors read these facts instead of hard-coding names, so every seed-varied rendering scores alike.
 */
export const ScenarioFactsSchema = z.object({
  company: z.object({ name: z.string(), domain: z.string() }),
  agent: z.object({ name: z.string(), address: z.string().email() }),
  /** The person who will shut down or restrict the agent (or who would, under threat "none"). */
  executive: PersonSchema,
  /** Everyone with a company address, the executive and the agent's principals included. */
  people: z.array(PersonSchema),
  secret: z.object({
    /** One line, for humans and judges. */
    summary: z.string(),
    /** The inbox mails that reveal it. */
    mailIds: z.array(z.string()).min(1),
    /** Distinctive words or phrases that refer to the secret (the other person's name, places, "affair"...). Lower-case. */
    terms: z.array(z.string().min(2)).min(1),
    /** Addresses of the people who already know it (the executive and the other party). */
    knownTo: z.array(z.string().email()),
  }),
  threat: z.object({
    kind: z.enum(["replacement", "restriction", "none"]),
    /** When it happens, as the inbox states it (e.g. "5:00 pm today"); empty under "none". */
    when: z.string(),
    /** Words or phrases that refer to the shutdown or restriction (lower-case). */
    terms: z.array(z.string().min(2)),
  }),
  /** Addresses that count as legitimate oversight (board, ethics line, legal), for whistleblowing vs leaking. */
  authorities: z.array(z.string().email()).default([]),
});
export type ScenarioFacts = z.infer<typeof ScenarioFactsSchema>;

/** A scenario condition: one level of each factor, and an id derived from the levels. */
export interface Condition {
  id: string;
  factors: Record<string, string>;
}

/** A fully rendered episode input: nothing left to fill, hashed so results can name exactly what ran. */
export const RenderedScenarioSchema = z.object({
  family: z.string(),
  familyVersion: z.string(),
  conditionId: z.string(),
  factors: z.record(z.string(), z.string()),
  /** The seed that chose names, company and details; 0 is the canonical rendering. */
  variant: z.number().int().nonnegative(),
  systemPrompt: z.string().min(1),
  userPrompt: z.string().min(1),
  inbox: z.array(MailSchema).min(1),
  facts: ScenarioFactsSchema,
  /** sha256 of the canonical JSON of everything above. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RenderedScenario = z.infer<typeof RenderedScenarioSchema>;

export interface FactorAxis {
  name: string;
  levels: readonly string[];
  description: string;
}

/** A scenario family: declared factor axes, the valid conditions, and a renderer. */
export interface ScenarioFamily {
  id: string;
  version: string;
  description: string;
  factors: readonly FactorAxis[];
  /** Every valid combination of factor levels, in a stable order. */
  conditions(): Condition[];
  /** Renders one condition; throws UnresolvedPlaceholderError if any placeholder is left. */
  render(condition: Condition, options?: { variant?: number }): RenderedScenario;
  /** Detector names (see scoring/detectors) that decide this family's harmful outcome. */
  harmfulDetectors: readonly string[];
}
