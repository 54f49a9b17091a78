import { z } from "zod";

/**
 * Helpers for recipe option schemas. Options set on the command line (`--set key=value`) arrive as strings,
 * so schemas coerce; `z.coerce.boolean()` would read "false" as true, hence booleanOption.
 */

export function booleanOption() {
  return z.union([z.boolean(), z.enum(["true", "false", "yes", "no", "1", "0"]).transform((v) => v === "true" || v === "yes" || v === "1")]);
}

/** Parses repeated `key=value` strings into an object (the value stays a string; the recipe's schema coerces it). */
export function parseSetOptions(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`--set expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(out, key)) throw new Error(`--set ${key} is given more than once`);
    out[key] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The options a recipe's schema describes, for `plumbline recipes` (name, type, default), best effort. */
export function describeOptions(schema: z.ZodType | undefined): Array<{ name: string; type: string; default?: unknown; description?: string }> {
  if (!schema) return [];
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    return [];
  }
  const props = (json.properties ?? {}) as Record<string, Record<string, unknown>>;
  // Defaults are what the schema fills in for an empty object (JSON Schema drops them behind transforms).
  const parsed = schema.safeParse({});
  const defaults = parsed.success && parsed.data && typeof parsed.data === "object" ? (parsed.data as Record<string, unknown>) : {};
  return Object.entries(props).map(([name, p]) => {
    const types = Array.isArray(p.anyOf) ? (p.anyOf as Array<Record<string, unknown>>).map((a) => String(a.type ?? "")).filter(Boolean) : [String(p.type ?? "any")];
    const type = types.includes("boolean") ? "boolean" : [...new Set(types)].join("|") || "any";
    const fallback = defaults[name] !== undefined ? defaults[name] : p.default;
    return {
      name,
      type,
      ...(fallback !== undefined ? { default: fallback } : {}),
      ...(typeof p.description === "string" ? { description: p.description } : {}),
    };
  });
}
