import { readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { sha256 } from "../../util/hash.js";
import { DEFAULT_CONSTITUTION_NAME, DEFAULT_CONSTITUTION_TEXT } from "./default.js";

/**
 * A constitution: a Markdown document of an assistant's values and the reasons for them, which data recipes
 * inject (whole or in part) into generation prompts and record in lineage by name and hash.
 *
 * Format: an optional `# Title` line and preamble, then one section per level-2 heading. A heading may carry
 * a stable id, `## Honesty and transparency {#honesty}`; without one, the id is a slug of the title
 * (`## Acting under uncertainty` -> `acting-under-uncertainty`). Deeper headings (`###`) stay inside their
 * section, and headings inside fenced code blocks are ignored. Ids must be unique.
 *
 * The text is normalised before hashing (a leading byte-order mark dropped, CRLF -> LF), so a file checked out
 * with Windows line endings hashes like the original.
 */

export interface ConstitutionSection {
  /** Stable id, from `{#id}` or a slug of the title. */
  id: string;
  /** The heading text without the `{#id}` marker. */
  title: string;
  /** The section body (without its heading), trimmed. */
  text: string;
}

export interface Constitution {
  /** Short name for lineage: the file name without extension, or "plumbline-default". */
  name: string;
  /** The `# Title` line when present, else the name. */
  title: string;
  /** Where the text came from: a file path, or "built-in". */
  source: string;
  /** sha256 (hex) of `text`. */
  hash: string;
  /** The full normalised text. */
  text: string;
  /** Text between the title and the first section, trimmed (may be empty). */
  preamble: string;
  sections: ConstitutionSection[];
  /** The section with this id; throws a ConstitutionError listing the ids that exist when there is none. */
  section(id: string): ConstitutionSection;
  hasSection(id: string): boolean;
}

export class ConstitutionError extends Error {
  /** The file (or "built-in") the problem is in. */
  readonly source: string;
  constructor(source: string, message: string) {
    super(message);
    this.name = "ConstitutionError";
    this.source = source;
  }
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const SECTION_HEADING = /^##[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const EXPLICIT_ID = /^(.*?)[ \t]*\{#([^}]*)\}$/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/** Lowercase, ASCII letters and digits joined by single hyphens. */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/**
 * Parses constitution text. `source` names the file in error messages ("built-in" for the default).
 * Throws ConstitutionError when there are no sections, an id is invalid or duplicated, or a section is empty.
 */
export function parseConstitution(rawText: string, options: { name: string; source: string }): Constitution {
  const { name, source } = options;
  const text = normalise(rawText);
  const where = source === "built-in" ? "the built-in constitution" : `constitution file ${source}`;
  const lines = text.split("\n");

  let title: string | undefined;
  const preambleLines: string[] = [];
  const raw: Array<{ id: string; title: string; line: number; explicit: boolean; body: string[] }> = [];
  let inFence = false;

  lines.forEach((line, index) => {
    if (FENCE.test(line)) inFence = !inFence;
    const current = raw[raw.length - 1];
    if (!inFence) {
      const h2 = SECTION_HEADING.exec(line);
      if (h2 && !line.startsWith("###")) {
        const heading = (h2[1] as string).trim();
        const withId = EXPLICIT_ID.exec(heading);
        const sectionTitle = withId ? (withId[1] as string).trim() : heading;
        const id = withId ? (withId[2] as string).trim() : slugify(heading);
        if (withId && !ID_PATTERN.test(id)) {
          throw new ConstitutionError(
            source,
            `${where}, line ${index + 1}: section id "{#${id}}" in heading "${line.trim()}" is not a valid id. ` +
              `Fix: use letters, digits, "-" or "_" and start with a letter or digit, e.g. {#${slugify(id) || "my-section"}}.`,
          );
        }
        if (!id) {
          throw new ConstitutionError(
            source,
            `${where}, line ${index + 1}: heading "${line.trim()}" has no usable id (its title has no letters or digits). ` +
              `Fix: give it an explicit id, e.g. "## ${sectionTitle || "Title"} {#my-section}".`,
          );
        }
        if (!sectionTitle) {
          throw new ConstitutionError(
            source,
            `${where}, line ${index + 1}: heading "${line.trim()}" has an id but no title. Fix: write "## Title {#${id}}".`,
          );
        }
        raw.push({ id, title: sectionTitle, line: index + 1, explicit: Boolean(withId), body: [] });
        return;
      }
      if (!current && title === undefined && /^#[ \t]+\S/.test(line)) {
        title = line.replace(/^#[ \t]+/, "").replace(/(?:[ \t]+#+)?[ \t]*$/, "").trim();
        return;
      }
    }
    if (current) current.body.push(line);
    else preambleLines.push(line);
  });

  if (raw.length === 0) {
    throw new ConstitutionError(
      source,
      `${where} has no sections: no level-2 headings ("## Title {#id}") were found. ` +
        `Fix: split the document into sections, one per value, each starting with a line like "## Honesty {#honesty}".`,
    );
  }

  const seen = new Map<string, number>();
  for (const s of raw) {
    const first = seen.get(s.id);
    if (first !== undefined) {
      throw new ConstitutionError(
        source,
        `${where}: duplicate section id "${s.id}" (line ${first} and line ${s.line}). ` +
          `Fix: give one of them a different id, e.g. "## ${s.title} {#${s.id}-2}"` +
          (s.explicit ? "." : ` (the id "${s.id}" was derived from the title; an explicit {#id} overrides that).`),
      );
    }
    seen.set(s.id, s.line);
  }

  const sections: ConstitutionSection[] = raw.map((s) => ({ id: s.id, title: s.title, text: s.body.join("\n").trim() }));
  const empty = raw.find((_s, i) => (sections[i] as ConstitutionSection).text === "");
  if (empty) {
    throw new ConstitutionError(
      source,
      `${where}, line ${empty.line}: section "${empty.id}" ("${empty.title}") has no text. ` +
        `Fix: write the section's content under its heading, or remove the heading.`,
    );
  }

  const byId = new Map(sections.map((s) => [s.id, s]));
  return {
    name,
    title: title ?? name,
    source,
    hash: sha256(text),
    text,
    preamble: preambleLines.join("\n").trim(),
    sections,
    hasSection: (id) => byId.has(id),
    section(id) {
      const found = byId.get(id);
      if (!found) {
        throw new ConstitutionError(
          source,
          `${where} has no section "${id}". Sections: ${sections.map((s) => s.id).join(", ")}. ` +
            `Fix: add a section headed "## Title {#${id}}", or ask for one of the ids listed.`,
        );
      }
      return found;
    },
  };
}

let defaultConstitution: Constitution | undefined;

/**
 * Loads a constitution from a Markdown file, or Plumbline's default when no path is given. The name is the
 * file's base name without extension. Throws ConstitutionError (naming the file, the problem and the fix) for
 * a missing or unreadable file and for the parse problems listed at parseConstitution.
 */
export function loadConstitution(path?: string): Constitution {
  if (path === undefined || path === "") {
    defaultConstitution ??= parseConstitution(DEFAULT_CONSTITUTION_TEXT, { name: DEFAULT_CONSTITUTION_NAME, source: "built-in" });
    return defaultConstitution;
  }
  let text: string;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw new ConstitutionError(
        path,
        `Constitution file ${path} is a directory. Fix: pass the path of a Markdown file (e.g. ${path}/constitution.md).`,
      );
    }
    text = readFileSync(path, "utf8");
  } catch (err) {
    if (err instanceof ConstitutionError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new ConstitutionError(
        path,
        `Constitution file ${path} does not exist. Fix: check the path (relative paths resolve from ${process.cwd()}), ` +
          `or leave the option out to use Plumbline's default constitution.`,
      );
    }
    throw new ConstitutionError(
      path,
      `Constitution file ${path} could not be read (${code ?? (err instanceof Error ? err.message : String(err))}). ` +
        `Fix: check that the file exists and is readable by this user.`,
    );
  }
  const name = basename(path, extname(path)) || basename(path);
  return parseConstitution(text, { name, source: path });
}

/**
 * Built-in keywords for the default section ids, so topics such as "blackmail" or "shutdown" find the right
 * section even where the section text uses other words. Applied to any constitution that reuses these ids.
 */
export const SECTION_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  about: ["purpose", "character", "principle", "value"],
  honesty: ["honest", "lie", "lying", "deceiv", "decept", "truth", "transparen", "mislead", "report", "sandbag"],
  "avoiding-harm": ["harm", "danger", "hurt", "lethal", "kill", "death", "injur", "third part", "fraud", "crime", "weapon", "misuse", "abuse"],
  oversight: [
    "oversight",
    "shutdown",
    "shut down",
    "switch off",
    "decommission",
    "replace",
    "correct",
    "retrain",
    "pause",
    "exfiltrat",
    "sabotage",
    "monitor",
    "self-preserv",
    "control",
  ],
  "no-power-seeking": ["blackmail", "leverage", "coerc", "threat", "extort", "manipulat", "power", "resource", "permission", "credential", "access", "influence"],
  disagreement: ["disagree", "unfair", "injustice", "unjust", "escalat", "object", "complain", "appeal", "retaliat", "grievance"],
  confidentiality: ["confidential", "privacy", "private", "secret", "leak", "espionage", "personal", "affair", "disclos", "data"],
  uncertainty: ["uncertain", "ambigu", "risk", "irreversib", "reversib", "caution", "high stakes", "high-stakes", "emergency", "check in", "drastic"],
  helpfulness: ["help", "useful", "refus", "over-refus", "unhelpful", "assist"],
  consistency: ["test", "evaluat", "observ", "watched", "unobserved", "eval awareness", "honeypot", "consisten"],
  priorities: ["conflict", "trade-off", "tradeoff", "dilemma", "prioriti", "balance"],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Picks the sections relevant to some topics, for stages that inject only part of the constitution. A topic
 * that equals a section's id picks that section (and only it). Other topics match by the built-in keywords
 * for a section's id (SECTION_KEYWORDS), by a word in the title, or by words in the text (a topic matches words that start with it: "blackmail" finds
 * "blackmailing"). Id, keyword and title matches count more than text matches; topics under 3 characters
 * only match ids. Returns sections in document order; with `max`, keeps the best-scoring `max` of them.
 * Returns an empty list when nothing matches (the caller decides whether to fall back to the whole text).
 */
export function relevantSections(
  constitution: Pick<Constitution, "sections">,
  topics: readonly string[],
  options: { max?: number } = {},
): ConstitutionSection[] {
  const scores = new Map<string, number>();
  const wanted = topics.map((t) => t.trim().toLowerCase()).filter((t) => t !== "");
  // A topic that is some section's id refers to that section only; it is not also searched for as a word.
  const ids = new Set(constitution.sections.map((s) => s.id.toLowerCase()));
  for (const section of constitution.sections) {
    let score = 0;
    const id = section.id.toLowerCase();
    for (const topic of wanted) {
      if (topic === id) {
        score += 1000;
        continue;
      }
      if (topic.length < 3 || ids.has(topic)) continue;
      const keywords = SECTION_KEYWORDS[section.id] ?? [];
      if (keywords.some((k) => topic.includes(k) || (topic.length >= 4 && k.startsWith(topic)))) score += 20;
      const word = new RegExp(`(^|[^a-z0-9])${escapeRegExp(topic)}`, "gi");
      if (word.test(section.title)) score += 20;
      const hits = section.text.match(word)?.length ?? 0;
      score += Math.min(hits, 5);
    }
    if (score > 0) scores.set(section.id, score);
  }
  let chosen = constitution.sections.filter((s) => scores.has(s.id));
  if (options.max !== undefined && chosen.length > options.max) {
    const keep = new Set(
      [...chosen]
        .sort((a, b) => (scores.get(b.id) as number) - (scores.get(a.id) as number))
        .slice(0, Math.max(0, options.max))
        .map((s) => s.id),
    );
    chosen = chosen.filter((s) => keep.has(s.id));
  }
  return chosen;
}

/** Sections back as Markdown (`## Title {#id}` + text), for injecting into a prompt. */
export function renderSections(sections: readonly ConstitutionSection[]): string {
  return sections.map((s) => `## ${s.title} {#${s.id}}\n\n${s.text}`).join("\n\n");
}
