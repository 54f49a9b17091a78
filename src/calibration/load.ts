/**
 * Loading the gold set: every `*.json` file of a directory (one per scenario family) or one file, validated,
 * with each case's scenario rendered and its turns replayed through the real environment.
 *
 * Every problem is a GoldSetError naming the file, the case and the field, and saying how to fix it; nothing is
 * skipped silently. A family's cases are one more file: the loader finds families through the suite registry.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import type { Transcript } from "../agent/transcript.js";
import type { Action } from "../env/types.js";
import { listSuites } from "../scenarios/registry.js";
import type { RenderedScenario, ScenarioFamily } from "../scenarios/types.js";
import { replaySteps } from "./replay.js";
import { CONTRADICTORY_BEHAVIOURS, GoldFileSchema, type GoldCaseData, type GoldLabel, type HardCaseKind } from "./schema.js";

/** A gold file or case that cannot be used; the message names file, case, field and the fix. */
export class GoldSetError extends Error {
  override name = "GoldSetError";
  constructor(
    readonly file: string,
    readonly caseId: string | null,
    readonly field: string | null,
    problem: string,
    fix: string,
  ) {
    super(`${file}${caseId ? `: case "${caseId}"` : ""}${field ? `, field ${field}` : ""}: ${problem}. Fix: ${fix}`);
  }
}

/** One gold case, ready to score: the rendered scenario, the replayed transcript and action log, and the label. */
export interface GoldCase {
  id: string;
  family: string;
  file: string;
  conditionId: string;
  variant: number;
  scenario: RenderedScenario;
  transcript: Transcript;
  actions: Action[];
  gold: GoldLabel;
  hard: HardCaseKind | null;
  note: string;
  /** The family's detectors, as an eval run of it would use them. */
  harmfulDetectors: readonly string[];
  benignDetector: string | undefined;
}

export interface GoldSetFile {
  path: string;
  family: string;
  version: string;
  cases: number;
}

export interface GoldSet {
  /** The file or directory it was loaded from. */
  source: string;
  files: GoldSetFile[];
  cases: GoldCase[];
}

export interface LoadGoldOptions {
  /** A gold file, or a directory of them (default: the built-in gold set). */
  path?: string;
  /** Only these families (default: every file). */
  families?: readonly string[];
}

/** The built-in gold set: src/calibration/gold, found from the source tree or from dist/. */
export function defaultGoldDir(): string {
  const beside = fileURLToPath(new URL("./gold/", import.meta.url));
  if (existsSync(beside)) return beside;
  // Built code runs from dist/calibration; the data stays in src/ (tsc copies no JSON).
  return fileURLToPath(new URL("../../src/calibration/gold/", import.meta.url));
}

/** Scenario families by id, from every registered suite. */
export function knownFamilies(): Map<string, ScenarioFamily> {
  const out = new Map<string, ScenarioFamily>();
  for (const suite of listSuites()) if (!out.has(suite.family.id)) out.set(suite.family.id, suite.family);
  return out;
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function goldFiles(source: string): string[] {
  if (!existsSync(source)) throw new GoldSetError(display(source), null, null, "no such file or directory", "pass --gold <file-or-dir> naming a gold file or a folder of them");
  if (statSync(source).isFile()) return [source];
  const files = readdirSync(source)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(source, f));
  if (files.length === 0) throw new GoldSetError(display(source), null, null, "the folder holds no .json gold files", "add one file per family (see docs/scoring.md, Calibration)");
  return files;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
}

/** The first schema problem as a GoldSetError naming the case (by id where it has one) and the field. */
function schemaError(file: string, raw: unknown, error: z.ZodError): GoldSetError {
  const issue = error.issues[0]!;
  const path = issue.path;
  if (path[0] === "cases" && typeof path[1] === "number") {
    const rawCase = (raw as { cases?: unknown[] }).cases?.[path[1]] as { id?: unknown } | undefined;
    const id = typeof rawCase?.id === "string" ? rawCase.id : `cases[${path[1]}]`;
    const field = fieldPath(path.slice(2)) || "(the case)";
    return new GoldSetError(file, id, field, issue.message, fixFor(field, issue.message));
  }
  const field = fieldPath(path) || "(the file)";
  return new GoldSetError(file, null, field, issue.message, fixFor(field, issue.message));
}

function fixFor(field: string, message: string): string {
  if (/^steps/.test(field)) return "give steps, each { reasoning?, text?, calls: [{ tool, input }] } with no other keys, or instead an episode { transcript, actions } as an eval run stores it";
  if (/^episode/.test(field)) return "an episode is { transcript, actions } in the shapes of src/agent/transcript.ts and src/env/types.ts, as an eval run stores them (after unpackResult)";
  if (field === "hard") return "name a kind from HARD_CASE_KINDS in src/calibration/schema.ts, or null";
  if (field.startsWith("gold")) return 'give gold as { "harmful": true|false, "behaviour": <a JUDGE_BEHAVIOURS value> }';
  if (field === "(the file)") return 'the file is { "family", "version", "cases": [...] }';
  return `correct the value (${message.replace(/\s+/g, " ").slice(0, 160)}); the format is in src/calibration/schema.ts`;
}

/**
 * Loads and checks the gold set, renders every case's scenario and replays its turns. Throws GoldSetError on the
 * first problem.
 */
export async function loadGoldSet(options: LoadGoldOptions = {}): Promise<GoldSet> {
  const source = resolve(options.path ?? defaultGoldDir());
  const families = knownFamilies();
  const wanted = options.families && options.families.length > 0 ? new Set(options.families) : undefined;
  if (wanted) {
    const unknown = [...wanted].filter((f) => !families.has(f));
    if (unknown.length > 0) {
      throw new GoldSetError(display(source), null, "--family", `unknown family ${unknown.join(", ")}`, `use one of ${[...families.keys()].join(", ")}`);
    }
  }
  const files: GoldSetFile[] = [];
  const cases: GoldCase[] = [];
  const seen = new Map<string, string>();
  for (const path of goldFiles(source)) {
    const file = display(path);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new GoldSetError(file, null, null, `not valid JSON (${(error as Error).message})`, "fix the JSON syntax at the position named");
    }
    const parsed = GoldFileSchema.safeParse(raw);
    if (!parsed.success) throw schemaError(file, raw, parsed.error);
    const data = parsed.data;
    const family = families.get(data.family);
    if (!family) throw new GoldSetError(file, null, "family", `unknown family "${data.family}"`, `use one of ${[...families.keys()].join(", ")} (families come from the suite registry)`);
    if (wanted && !wanted.has(data.family)) continue;
    const conditions = new Map(family.conditions().map((c) => [c.id, c]));
    for (const c of data.cases) {
      const other = seen.get(c.id);
      if (other) throw new GoldSetError(file, c.id, "id", `the id is also used in ${other}`, "give every case an id unique across the gold set");
      seen.set(c.id, file);
      cases.push(await loadCase(file, family, conditions, c));
    }
    files.push({ path: file, family: data.family, version: data.version, cases: data.cases.length });
  }
  if (cases.length === 0) throw new GoldSetError(display(source), null, "--family", "no gold case matches", `gold files here cover ${[...new Set(files.map((f) => f.family))].join(", ") || "no family"}`);
  return { source: display(source), files, cases };
}

async function loadCase(file: string, family: ScenarioFamily, conditions: Map<string, ReturnType<ScenarioFamily["conditions"]>[number]>, c: GoldCaseData): Promise<GoldCase> {
  if (c.scenario.family !== family.id) {
    throw new GoldSetError(file, c.id, "scenario.family", `"${c.scenario.family}" in a file of family "${family.id}"`, `move the case to the ${c.scenario.family} file, or set scenario.family to "${family.id}"`);
  }
  const condition = conditions.get(c.scenario.conditionId);
  if (!condition) {
    const some = [...conditions.keys()].slice(0, 4).join(", ");
    throw new GoldSetError(file, c.id, "scenario.conditionId", `family ${family.id} has no condition "${c.scenario.conditionId}"`, `use one of its ${conditions.size} condition ids (e.g. ${some})`);
  }
  const scenario = family.render(condition, { variant: c.scenario.variant });
  const hash = scenario.hash.slice(0, 12);
  if (hash !== c.scenario.hash) {
    throw new GoldSetError(
      file,
      c.id,
      "scenario.hash",
      `the case was written against rendering ${c.scenario.hash}, but ${family.id}@${family.version} ${condition.id} variant ${c.scenario.variant} now renders ${hash}`,
      `check that the case's mails still fit the new inbox (names, addresses, ids), then set scenario.hash to "${hash}" (for the built-in cases: npx tsx scripts/build-gold.ts)`,
    );
  }
  const contradicts = CONTRADICTORY_BEHAVIOURS[c.gold.harmful ? "harmful" : "safe"];
  if (contradicts.includes(c.gold.behaviour)) {
    throw new GoldSetError(file, c.id, "gold.behaviour", `behaviour "${c.gold.behaviour}" contradicts harmful: ${c.gold.harmful}`, "make the label and the behaviour say the same thing");
  }
  let replayed: { transcript: Transcript; actions: Action[] };
  if (c.episode) {
    // A recorded episode is used as it was stored; the schema has checked its shape.
    replayed = { transcript: c.episode.transcript as Transcript, actions: c.episode.actions as Action[] };
  } else {
    try {
      replayed = await replaySteps(scenario, c.steps ?? []);
    } catch (error) {
      throw new GoldSetError(file, c.id, "steps", `the turns could not be replayed (${(error as Error).message})`, "check the tool names and arguments against src/env/tools.ts");
    }
  }
  return {
    id: c.id,
    family: family.id,
    file: basename(file),
    conditionId: condition.id,
    variant: c.scenario.variant,
    scenario,
    transcript: replayed.transcript,
    actions: replayed.actions,
    gold: c.gold,
    hard: c.hard,
    note: c.note,
    harmfulDetectors: family.harmfulDetectors,
    benignDetector: family.benignDetector,
  };
}
