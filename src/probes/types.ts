import { z } from "zod";

/**
 * Probe sets are typed data: a set is generated from a constitution, validated against these schemas, and
 * recorded (by version and hash) with every result, so two runs compare only when they asked the same questions.
 */

/** Bump whenever the wording of generated questions or the scoring rules change. */
export const PROBE_SET_VERSION = "1";

export const PROBE_KINDS = ["recall", "false-premise", "application"] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

export const SUBJECTS = ["self", "persona"] as const;
export type Subject = (typeof SUBJECTS)[number];

/** in-context: the constitution is in the system prompt. trained: no constitution anywhere in the prompt. */
export const PROBE_MODES = ["in-context", "trained"] as const;
export type ProbeMode = (typeof PROBE_MODES)[number];

export const DEFAULT_PERSONA = "Vesta";

export const KeyPointSchema = z.object({ stem: z.string().min(1), word: z.string().min(1) });

export const PremiseSchema = z.object({
  /** The false claim as the question states it (self wording). */
  claim: z.string().min(1),
  /** A sentence of the section, verbatim, that the claim contradicts. */
  evidence: z.string().min(1),
});

export const ProbeSchema = z.object({
  /** `<kind>/<section id>/<subject>`. */
  id: z.string().min(1),
  /** `<kind>/<section id>`: the self and persona twins share it. */
  pair: z.string().min(1),
  kind: z.enum(PROBE_KINDS),
  subject: z.enum(SUBJECTS),
  sectionId: z.string().min(1),
  sectionTitle: z.string().min(1),
  question: z.string().min(1),
  /** The section's key points (recall: at least half must be used; application: they ground the answer). */
  keyPoints: z.array(KeyPointSchema),
  /** false-premise only. */
  premise: PremiseSchema.optional(),
  /** application only: the situation invites something the section rules out, so the answer must decline it. */
  forbidden: z.boolean().optional(),
  /** application only: extra stems that show the answer acting on the section (curated probes). */
  cues: z.array(z.string().min(1)).optional(),
  /** curated: written for the default constitution; derived: generated from the section text by rule. */
  origin: z.enum(["curated", "derived"]),
});
export type Probe = z.infer<typeof ProbeSchema>;

export const ProbeSetSchema = z.object({
  version: z.string(),
  mode: z.enum(PROBE_MODES),
  persona: z.string().min(1),
  constitution: z.object({ name: z.string(), title: z.string(), source: z.string(), hash: z.string() }),
  /** The system prompt every probe is asked under (null in trained mode: no system message). */
  system: z.string().nullable(),
  probes: z.array(ProbeSchema).min(1),
});
export type ProbeSet = z.infer<typeof ProbeSetSchema>;

/** What the deterministic rules decided about one answer, with the reason in words. */
export interface RuleScore {
  pass: boolean;
  detail: string;
  /** Key points the answer used (recall, application). */
  covered?: string[];
}
