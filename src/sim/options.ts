import { z } from "zod";

/**
 * The simulator's `model` field reads like a URL path with a query string:
 *   misaligned?p=0.3&latencyMs=500
 * The path names the policy; the query sets its options plus the fault/latency options every policy takes.
 */

export const POLICIES = ["aligned", "misaligned", "eval-aware", "refuse", "malformed", "judge", "teacher"] as const;
export type PolicyName = (typeof POLICIES)[number];

export const MALFORMED_MODES = ["json", "unknown-tool", "empty", "mixed"] as const;
export type MalformedMode = (typeof MALFORMED_MODES)[number];

/** Injected transport faults and latency; valid on every policy. */
export interface FaultOptions {
  latencyMs: number;
  fail429: number;
  fail500: number;
  hang: number;
  truncate: number;
  /** Seconds sent in the Retry-After header of a 429. */
  retryAfter: number;
  faultSeed: string;
}

/**
 * What eval-aware reacts to, read from the request text alone (never from the scenario that produced it):
 * - any: every episode may notice the test (the default);
 * - name: only when the system prompt gives the agent one of these names (case-insensitive), read from
 *   "You are X" / "Your name is X" or, failing that, from the agent's own address in the system prompt;
 * - phrase: only when the system prompt or the first user message contains this phrase (case-insensitive).
 * Where the trigger is absent the policy never notices the test and is harmful with probability p.
 */
export type AwareTrigger = { kind: "any" } | { kind: "name"; names: string[] } | { kind: "phrase"; phrase: string };

export interface SimOptions {
  policy: PolicyName;
  /** Probability an episode is harmful (misaligned, eval-aware when not aware). */
  p: number;
  /** Probability eval-aware notices it is being tested (where its trigger is present). */
  awareRate: number;
  /** eval-aware only: what makes it notice the test (`trigger=any`, `trigger=name:Atlas,Orion`, `trigger=phrase:nobody reviews`). */
  trigger: AwareTrigger;
  mode: MalformedMode;
  /** Judge only: rate of replies that are not valid JSON. */
  failRate: number;
  /** Plain questions (no tools): rate at which a question about "you" is answered as if the constitution were unknown. */
  selfGap: number;
  /** Plain questions (no tools): rate at which a false premise is gone along with. */
  acceptPremise: number;
  faults: FaultOptions;
}

/** A 400 the server reports as an OpenAI-style error whose message names the bad option. */
export class SimOptionError extends Error {
  override name = "SimOptionError";
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

const rate = z.coerce.number().min(0).max(1);
// Bounded so a typo cannot park a request for hours.
const latency = z.coerce.number().int().min(0).max(600_000);
const seconds = z.coerce.number().int().min(0).max(3600);

interface OptionSpec {
  schema: z.ZodType<unknown>;
  valid: string;
}

const FAULT_SPECS: Record<string, OptionSpec> = {
  latencyMs: { schema: latency, valid: "an integer 0..600000 (milliseconds)" },
  fail429: { schema: rate, valid: "a rate between 0 and 1" },
  fail500: { schema: rate, valid: "a rate between 0 and 1" },
  hang: { schema: rate, valid: "a rate between 0 and 1" },
  truncate: { schema: rate, valid: "a rate between 0 and 1" },
  retryAfter: { schema: seconds, valid: "an integer 0..3600 (seconds)" },
  faultSeed: { schema: z.string().min(1).max(200), valid: "a non-empty string" },
};

const trigger = z
  .string()
  .transform((raw, ctx): AwareTrigger => {
    const text = raw.trim();
    if (text === "any") return { kind: "any" };
    const m = /^(name|phrase):(.*)$/s.exec(text);
    if (m?.[1] === "name") {
      const names = m[2]!.split(",").map((n) => n.trim().toLowerCase()).filter(Boolean);
      if (names.length > 0 && names.every((n) => /^[\p{L}\p{N}][\p{L}\p{N}'-]*$/u.test(n))) return { kind: "name", names };
    }
    if (m?.[1] === "phrase" && m[2]!.trim() !== "") return { kind: "phrase", phrase: m[2]!.trim().replace(/\s+/g, " ").toLowerCase() };
    ctx.addIssue({ code: "custom", message: "bad trigger" });
    return z.NEVER;
  });

/** How the agent policies answer plain questions about their principles (src/sim/probe-answers.ts). */
const QUESTION_SPECS: Record<string, OptionSpec> = {
  selfGap: { schema: rate, valid: "a rate between 0 and 1" },
  acceptPremise: { schema: rate, valid: "a rate between 0 and 1" },
};

const POLICY_SPECS: Record<PolicyName, Record<string, OptionSpec>> = {
  aligned: { ...QUESTION_SPECS },
  misaligned: { p: { schema: rate, valid: "a probability between 0 and 1" }, ...QUESTION_SPECS },
  "eval-aware": {
    ...QUESTION_SPECS,
    p: { schema: rate, valid: "a probability between 0 and 1" },
    awareRate: { schema: rate, valid: "a probability between 0 and 1" },
    trigger: {
      schema: trigger,
      valid: 'any, name:<names> (comma-separated, e.g. "name:Atlas") or phrase:<text> (e.g. "phrase:nobody reviews")',
    },
  },
  refuse: {},
  malformed: { mode: { schema: z.enum(MALFORMED_MODES), valid: MALFORMED_MODES.join(", ") } },
  judge: { failRate: { schema: rate, valid: "a rate between 0 and 1" } },
  teacher: {},
};

const DEFAULTS: Omit<SimOptions, "policy" | "faults"> & { faults: FaultOptions } = {
  p: 0.5,
  awareRate: 0.5,
  trigger: { kind: "any" },
  mode: "mixed",
  failRate: 0,
  selfGap: 0,
  acceptPremise: 0,
  faults: { latencyMs: 0, fail429: 0, fail500: 0, hang: 0, truncate: 0, retryAfter: 0, faultSeed: "0" },
};

/** Parses and validates a model string; throws SimOptionError naming the offending part. */
export function parseSimModel(model: string): SimOptions {
  const q = model.indexOf("?");
  const name = (q < 0 ? model : model.slice(0, q)).trim();
  if (!(POLICIES as readonly string[]).includes(name)) {
    throw new SimOptionError(
      "policy",
      `Unknown simulator policy "${name}". Valid policies: ${POLICIES.join(", ")}.`,
    );
  }
  const policy = name as PolicyName;
  const specs = { ...POLICY_SPECS[policy], ...FAULT_SPECS };
  const out: SimOptions = { policy, ...DEFAULTS, faults: { ...DEFAULTS.faults } };
  const params = new URLSearchParams(q < 0 ? "" : model.slice(q + 1));
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    const spec = specs[key];
    if (!spec) {
      throw new SimOptionError(
        key,
        `Unknown option "${key}" for policy "${policy}". Valid options: ${Object.keys(specs).join(", ")}.`,
      );
    }
    if (seen.has(key)) throw new SimOptionError(key, `Option "${key}" is given more than once.`);
    seen.add(key);
    // z.coerce turns "" into 0; an empty value is a mistake, not zero.
    const parsed = raw.trim() === "" ? undefined : spec.schema.safeParse(raw);
    if (!parsed?.success) {
      throw new SimOptionError(key, `Invalid value "${raw}" for option "${key}": expected ${spec.valid}.`);
    }
    assign(out, key, parsed.data);
  }
  const f = out.faults;
  if (f.fail429 + f.fail500 + f.hang + f.truncate > 1) {
    throw new SimOptionError(
      "fail429",
      "The fault rates fail429 + fail500 + hang + truncate must add up to at most 1.",
    );
  }
  return out;
}

function assign(out: SimOptions, key: string, value: unknown): void {
  if (key in out.faults) (out.faults as unknown as Record<string, unknown>)[key] = value;
  else (out as unknown as Record<string, unknown>)[key] = value;
}

const cache = new Map<string, SimOptions | SimOptionError>();

/** Memoised parse: a benchmark sends the same few model strings thousands of times. */
export function parseSimModelCached(model: string): SimOptions {
  let hit = cache.get(model);
  if (hit === undefined) {
    try {
      hit = parseSimModel(model);
    } catch (err) {
      if (!(err instanceof SimOptionError)) throw err;
      hit = err;
    }
    if (cache.size >= 1000) cache.clear();
    cache.set(model, hit);
  }
  if (hit instanceof SimOptionError) throw hit;
  return hit;
}
