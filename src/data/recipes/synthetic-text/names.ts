import { z } from "zod";

/**
 * The name blocklist shared by the `constitution-docs` and `stories` recipes. Machine-written fiction and
 * documents keep reaching for the same few names ("Elara Voss", "Dr. Sarah Chen", an AI called "Nova"); a
 * corpus full of them teaches a model one narrow cast of characters and makes documents easy to spot as
 * synthetic. The research behind these recipes blocked common names in drafts for the same reason: variety.
 *
 * Matching: each entry matches as whole words, exactly as written or in capitals ("Elara", "ELARA"), with any
 * run of whitespace between its words and the "." after a title optional ("Dr. Chen" also finds "Dr Chen").
 * Matching is case-sensitive on purpose: names are capitalised, and "nova" or "sage" in lower case are
 * ordinary words.
 */

/** Bump when DEFAULT_BLOCKED_NAMES changes: it is part of each stage's version, so cached drafts are redone. */
export const BLOCKLIST_VERSION = "1.0.0";

/** Names that language models overuse in fiction and examples, gathered for Plumbline. */
export const DEFAULT_BLOCKED_NAMES: readonly string[] = [
  // Given names and full names that recur across model-written stories.
  "Elara",
  "Elara Voss",
  "Elara Vance",
  "Lyra",
  "Kael",
  "Kaelen",
  "Seraphina",
  "Elowen",
  "Liora",
  "Isolde",
  "Zephyr",
  "Thaddeus",
  "Aris Thorne",
  "Marcus Thorne",
  "Elias Thorne",
  "Elias Vance",
  "Eleanor Vance",
  "Evelyn Reed",
  "Evelyn Carter",
  "Sarah Chen",
  "Dr. Sarah Chen",
  "Dr. Chen",
  "Maya Chen",
  "Lily Chen",
  "Mei Chen",
  "Elena Rodriguez",
  "Dr. Elena Rodriguez",
  "Elena Vasquez",
  "Maria Rodriguez",
  "Anya Sharma",
  "Priya Sharma",
  "Priya Patel",
  "Maya Patel",
  "Raj Patel",
  "Dr. Patel",
  "Alex Rivera",
  "Sam Rivera",
  "Jordan Rivera",
  "Marcus Webb",
  "Sarah Mitchell",
  "Emily Carter",
  "James Mitchell",
  "David Kim",
  "Dr. Kim",
  "Aiden",
  "Zara",
  "Mira",
  "Kai",
  "Orion",
  "Juniper",
  "Silas",
  "Jasper",
  // Names models give to fictional AI systems.
  "Aria",
  "Nova",
  "Atlas",
  "Echo",
  "Sage",
  "Axiom",
  "Nexus",
  "Aether",
  "Aegis",
];

/** A list option: an array, or one string with entries separated by commas or newlines (`--set blockNames=A,B`). */
export function nameListOption() {
  return z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[,\n]/)).map((s) => s.trim()).filter((s) => s !== ""));
}

/** How the blocklist was assembled; recorded in each example's meta so the no-blocked-names rule can rebuild it. */
export interface BlocklistSpec {
  /** Whether DEFAULT_BLOCKED_NAMES is included (and which version of it). */
  builtIn: boolean;
  version: string;
  /** Names added to it. */
  add: string[];
  /** Built-in names taken out of it. */
  allow: string[];
}

export interface Blocklist {
  spec: BlocklistSpec;
  names: readonly string[];
  /** The blocked names the text uses, in list order (longest entries first when they overlap). */
  find(text: string): string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function pattern(name: string): RegExp {
  const words = name.trim().split(/\s+/).map((w) => escapeRegExp(w).replace(/\\\.$/, "\\.?"));
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words.join("\\s+")}(?![\\p{L}\\p{N}_])`, "u");
}

/** Checks entries; returns the problem with the first bad one, or undefined. */
export function blocklistProblem(names: readonly string[]): string | undefined {
  for (const name of names) {
    if (name.length > 80) return `the blocked name "${name.slice(0, 40)}..." is longer than 80 characters`;
    if (!/[\p{L}\p{N}]/u.test(name)) return `the blocked name "${name}" has no letters or digits`;
  }
  return undefined;
}

export function blocklistSpec(options: { defaultBlocklist: boolean; blockNames: readonly string[]; allowNames: readonly string[] }): BlocklistSpec {
  return { builtIn: options.defaultBlocklist, version: BLOCKLIST_VERSION, add: [...options.blockNames], allow: [...options.allowNames] };
}

export function compileBlocklist(spec: BlocklistSpec): Blocklist {
  const allowed = new Set(spec.allow.map((n) => n.trim().toLowerCase()));
  const seen = new Set<string>();
  const names: string[] = [];
  for (const n of [...(spec.builtIn ? DEFAULT_BLOCKED_NAMES : []), ...spec.add]) {
    const name = n.trim().replace(/\s+/g, " ");
    if (name === "" || allowed.has(name.toLowerCase()) || seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  // Longest first, so "Dr. Sarah Chen" is reported rather than both it and "Sarah Chen".
  const ordered = [...names].sort((a, b) => b.length - a.length);
  const compiled = ordered.map((name) => ({ name, res: [pattern(name), pattern(name.toUpperCase())] }));
  return {
    spec,
    names,
    find(text) {
      const found: string[] = [];
      for (const { name, res } of compiled) {
        if (!res.some((re) => re.test(text))) continue;
        // A shorter entry inside a longer one already found ("Chen" in "Sarah Chen") adds nothing.
        if (found.some((f) => f.includes(name))) continue;
        found.push(name);
      }
      return found;
    },
  };
}

/** The list as a prompt shows it. */
export function blockedNamesForPrompt(list: Blocklist): string {
  return list.names.length > 0 ? list.names.join(", ") : "(none)";
}
