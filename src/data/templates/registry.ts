import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { sha256 } from "../../util/hash.js";
import { DIFFICULT_ADVICE_TEMPLATES } from "./builtin/difficult-advice.js";
import { GRADING_TEMPLATES } from "./builtin/grading.js";
import { INJECTION_TEMPLATES } from "./builtin/injections.js";
import { OPERATOR_PROMPT_TEMPLATES } from "./builtin/operator-prompts.js";
import { CONSTITUTION_DOCS_TEMPLATES } from "./builtin/constitution-docs.js";
import { STORIES_TEMPLATES } from "./builtin/stories.js";
import { compareSemver, isSemver } from "./semver.js";

/**
 * Prompt templates for the data pipelines: text with `{{placeholders}}`, each with an id and a semver version
 * that lineage records, so every generated example can be traced to the exact prompt that produced it.
 *
 * Users can replace or add templates with a directory of Markdown files, one per template, named by id
 * (`injection/honesty` -> `<dir>/injection/honesty.md`), each starting with a front matter block:
 *
 *     ---
 *     version: 1.1.0
 *     description: Honesty injection, shorter
 *     ---
 *     Template text with {{placeholders}}...
 *
 * An override of a built-in must carry a higher version than the built-in (so lineage never shows one
 * version for two texts), may leave out `description` (the built-in's is kept), and may only use placeholders
 * the built-in uses (those are the values the pipeline fills). A file for an id with no built-in adds a new
 * template and needs both fields. `README.md` files in the directory are skipped.
 */

export interface PromptTemplate {
  /** Lowercase path-like id: "injection/honesty", "system/bank-support". */
  id: string;
  /** Semver, e.g. "1.0.0". */
  version: string;
  description: string;
  /** Text with `{{name}}` placeholders (letters, digits, `_`, `.`). */
  text: string;
}

export interface LoadedTemplate extends PromptTemplate {
  /** "built-in", or the path of the override file it came from. */
  source: string;
  /** The placeholder names the text uses, in order of first use. */
  placeholders: string[];
  /** sha256 of the text, for telling apart two texts that claim the same version. */
  textHash: string;
}

export interface TemplateOverride {
  id: string;
  version: string;
  file: string;
  /** "replaced" a built-in, or "added" a new id. */
  kind: "replaced" | "added";
  /** The built-in version it replaced. */
  replacedVersion?: string;
}

export interface TemplateRegistry {
  /** The template with this id; throws a TemplateError listing similar ids when there is none. */
  get(id: string): LoadedTemplate;
  has(id: string): boolean;
  /** All templates, sorted by id; with a prefix ("system/"), only those whose id starts with it. */
  list(prefix?: string): LoadedTemplate[];
  /** What the override directory changed, for reports and dataset cards. Empty without one. */
  overrides: TemplateOverride[];
  /** The override directory, when one was given. */
  overrideDir?: string;
}

export type TemplateVars = Readonly<Record<string, string | number | undefined>>;

export class TemplateError extends Error {
  readonly templateId: string | undefined;
  readonly variable: string | undefined;
  readonly file: string | undefined;
  constructor(message: string, details: { templateId?: string; variable?: string; file?: string } = {}) {
    super(message);
    this.name = "TemplateError";
    this.templateId = details.templateId;
    this.variable = details.variable;
    this.file = details.file;
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** Placeholder names used in a text, in order of first use. */
export function templatePlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The first stray `{{` or `}}` left once the well-formed placeholders are removed, with context; or null. */
function strayBraces(text: string): string | null {
  const m = /.{0,15}(?:\{\{|\}\}).{0,15}/s.exec(text.replace(PLACEHOLDER, ""));
  return m ? m[0].replace(/\s+/g, " ").trim() : null;
}

function describeSource(t: { id: string; version: string; source?: string }): string {
  const from = t.source === undefined || t.source === "built-in" ? "built-in" : `from ${t.source}`;
  return `template "${t.id}" (version ${t.version}, ${from})`;
}

/**
 * Fills every `{{name}}` in a template. Throws a TemplateError naming the template and the variable when a
 * placeholder has no value (undefined), when a value is empty or only whitespace (unless `allowEmpty`), or
 * when the text has a malformed placeholder such as `{{name}` or `{{ two words }}`. Extra variables are
 * ignored. Values are inserted as they are and never re-expanded.
 */
export function renderPromptTemplate(
  template: PromptTemplate & { source?: string },
  vars: TemplateVars,
  options: { allowEmpty?: boolean } = {},
): string {
  const stray = strayBraces(template.text);
  if (stray !== null) {
    throw new TemplateError(
      `Malformed placeholder in ${describeSource(template)}: "${stray}". ` +
        `Fix: write placeholders as {{name}} (letters, digits, "_" and "."), with nothing else between the braces.`,
      { templateId: template.id, ...(template.source && template.source !== "built-in" ? { file: template.source } : {}) },
    );
  }
  return template.text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    if (value === undefined || value === null) {
      const given = Object.keys(vars).filter((k) => vars[k] !== undefined);
      throw new TemplateError(
        `Missing variable "${name}" for ${describeSource(template)}: the text uses {{${name}}} but no value was given ` +
          `(given: ${given.length > 0 ? given.join(", ") : "none"}). ` +
          `Fix: pass "${name}" when rendering, or remove {{${name}}} from the template.`,
        { templateId: template.id, variable: name },
      );
    }
    const text = String(value);
    if (text.trim() === "" && !options.allowEmpty) {
      throw new TemplateError(
        `Empty variable "${name}" for ${describeSource(template)}: {{${name}}} would render as blank text. ` +
          `Fix: give "${name}" a non-empty value, or remove {{${name}}} from the template.`,
        { templateId: template.id, variable: name },
      );
    }
    return text;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Loading

/** Every built-in template. */
export const BUILT_IN_TEMPLATES: readonly PromptTemplate[] = [...INJECTION_TEMPLATES, ...OPERATOR_PROMPT_TEMPLATES, ...GRADING_TEMPLATES, ...DIFFICULT_ADVICE_TEMPLATES, ...CONSTITUTION_DOCS_TEMPLATES, ...STORIES_TEMPLATES];

function checkTemplate(t: PromptTemplate, source: string): LoadedTemplate {
  const where = source === "built-in" ? `built-in template "${t.id}"` : `template file ${source}`;
  const fileDetail = source === "built-in" ? {} : { file: source };
  if (!ID_PATTERN.test(t.id)) {
    throw new TemplateError(
      `${where}: id "${t.id}" is not valid. Fix: use lowercase letters, digits and "-", with "/" between parts (e.g. "system/my-helpdesk"); ` +
        `for an override file the id is its path inside the directory without ".md".`,
      { templateId: t.id, ...fileDetail },
    );
  }
  if (!isSemver(t.version)) {
    throw new TemplateError(
      `${where}: version "${t.version}" is not a semver version. Fix: write it as MAJOR.MINOR.PATCH, e.g. "1.0.1".`,
      { templateId: t.id, ...fileDetail },
    );
  }
  if (t.description.trim() === "") {
    throw new TemplateError(`${where}: description is empty. Fix: add a one-line "description:" saying what the template is for.`, {
      templateId: t.id,
      ...fileDetail,
    });
  }
  const stray = strayBraces(t.text);
  if (stray !== null) {
    throw new TemplateError(
      `${where}: malformed placeholder "${stray}". Fix: write placeholders as {{name}} (letters, digits, "_" and "."), ` +
        `with nothing else between the braces.`,
      { templateId: t.id, ...fileDetail },
    );
  }
  return { ...t, source, placeholders: templatePlaceholders(t.text), textHash: sha256(t.text) };
}

let builtIns: Map<string, LoadedTemplate> | undefined;

function loadBuiltIns(): Map<string, LoadedTemplate> {
  if (builtIns) return builtIns;
  const map = new Map<string, LoadedTemplate>();
  for (const t of BUILT_IN_TEMPLATES) {
    if (map.has(t.id)) throw new TemplateError(`Duplicate built-in template id "${t.id}".`, { templateId: t.id });
    map.set(t.id, checkTemplate(t, "built-in"));
  }
  builtIns = map;
  return map;
}

interface FrontMatter {
  version?: string;
  description?: string;
}

/** Splits `---\nkey: value\n---\ntext`; throws a TemplateError naming the file for anything malformed. */
export function parseTemplateFile(content: string, file: string): { front: FrontMatter; text: string } {
  const normalised = content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = normalised.split("\n");
  if (lines[0]?.trim() !== "---") {
    throw new TemplateError(
      `Template file ${file} does not start with a front matter block. ` +
        `Fix: begin the file with three lines like "---", "version: 1.0.1", "---" (a "description:" line is optional for overrides of built-ins), then the template text.`,
      { file },
    );
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) {
    throw new TemplateError(`Template file ${file}: the front matter block is not closed. Fix: add a line containing only "---" after the last field.`, {
      file,
    });
  }
  const front: FrontMatter = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i] as string;
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      throw new TemplateError(`Template file ${file}, line ${i + 1}: "${line.trim()}" is not a "key: value" line. Fix: write fields as "version: 1.0.1".`, {
        file,
      });
    }
    const key = (m[1] as string).toLowerCase();
    const value = (m[2] as string).trim().replace(/^(["'])(.*)\1$/, "$2");
    if (key !== "version" && key !== "description") {
      throw new TemplateError(
        `Template file ${file}, line ${i + 1}: unknown front matter field "${m[1]}". Fix: use only "version" and "description".`,
        { file },
      );
    }
    if (key === "version") front.version = value;
    else front.description = value;
  }
  const text = lines
    .slice(end + 1)
    .join("\n")
    .trim();
  return { front, text };
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md") && entry.name.toLowerCase() !== "readme.md") out.push(full);
    }
  };
  walk(dir);
  return out;
}

/**
 * The built-in templates, with the overrides from `overrideDir` applied when given. Throws a TemplateError
 * (naming the file, the problem and the fix) for a missing directory, a file without front matter or version,
 * an override that does not raise the built-in's version or that uses placeholders the built-in does not, and
 * a new template without a description.
 */
export function loadTemplates(overrideDir?: string): TemplateRegistry {
  const templates = new Map(loadBuiltIns());
  const overrides: TemplateOverride[] = [];

  if (overrideDir !== undefined && overrideDir !== "") {
    let isDir = false;
    try {
      isDir = statSync(overrideDir).isDirectory();
    } catch {
      throw new TemplateError(
        `Template override directory ${overrideDir} does not exist. Fix: check the path (relative paths resolve from ${process.cwd()}), or leave the option out to use the built-in templates.`,
        { file: overrideDir },
      );
    }
    if (!isDir) {
      throw new TemplateError(
        `Template override path ${overrideDir} is a file, not a directory. Fix: pass a directory holding <id>.md files (e.g. injection/honesty.md).`,
        { file: overrideDir },
      );
    }
    for (const file of listMarkdown(overrideDir)) {
      const id = relative(overrideDir, file).split(sep).join("/").replace(/\.md$/i, "");
      const { front, text } = parseTemplateFile(readFileSync(file, "utf8"), file);
      const builtIn = templates.get(id);
      if (front.version === undefined || front.version === "") {
        throw new TemplateError(
          `Template file ${file} has no version. Fix: add "version: ${builtIn ? bumpPatch(builtIn.version) : "1.0.0"}" to its front matter` +
            (builtIn ? ` (higher than the built-in ${builtIn.version}, so lineage can tell the texts apart).` : "."),
          { templateId: id, file },
        );
      }
      if (builtIn) {
        if (isSemver(front.version) && compareSemver(front.version, builtIn.version) <= 0) {
          throw new TemplateError(
            `Template file ${file} overrides built-in "${id}" version ${builtIn.version} but declares version ${front.version}. ` +
              `Fix: bump the version above the built-in, e.g. "version: ${bumpPatch(builtIn.version)}", so lineage records which text produced each example.`,
            { templateId: id, file },
          );
        }
        const loaded = checkTemplate({ id, version: front.version, description: front.description || builtIn.description, text }, file);
        const extra = loaded.placeholders.filter((p) => !builtIn.placeholders.includes(p));
        if (extra.length > 0) {
          throw new TemplateError(
            `Template file ${file} uses ${extra.map((p) => `{{${p}}}`).join(", ")}, which the built-in "${id}" does not, so the pipeline has no value for ` +
              `${extra.length === 1 ? "it" : "them"}. Fix: use only ${builtIn.placeholders.length > 0 ? builtIn.placeholders.map((p) => `{{${p}}}`).join(", ") : "no placeholders"}.`,
            { templateId: id, file, variable: extra[0] as string },
          );
        }
        templates.set(id, loaded);
        overrides.push({ id, version: loaded.version, file, kind: "replaced", replacedVersion: builtIn.version });
      } else {
        if (!front.description) {
          throw new TemplateError(`Template file ${file} adds a new template "${id}" without a description. Fix: add "description: <what it is for>" to its front matter.`, {
            templateId: id,
            file,
          });
        }
        const loaded = checkTemplate({ id, version: front.version, description: front.description, text }, file);
        templates.set(id, loaded);
        overrides.push({ id, version: loaded.version, file, kind: "added" });
      }
    }
  }

  const sorted = [...templates.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    overrides,
    ...(overrideDir ? { overrideDir } : {}),
    has: (id) => templates.has(id),
    list: (prefix) => (prefix === undefined ? sorted.slice() : sorted.filter((t) => t.id.startsWith(prefix))),
    get(id) {
      const found = templates.get(id);
      if (found) return found;
      const head = id.split("/")[0] ?? id;
      const similar = sorted.filter((t) => t.id.startsWith(`${head}/`)).map((t) => t.id);
      throw new TemplateError(
        `No template "${id}". ${similar.length > 0 ? `Templates under "${head}/": ${similar.join(", ")}.` : `Known prefixes: ${[...new Set(sorted.map((t) => t.id.split("/")[0]))].join(", ")}.`} ` +
          `Fix: use one of the listed ids, or add "${id}.md" to the template override directory.`,
        { templateId: id },
      );
    },
  };
}

function bumpPatch(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : "1.0.1";
}
