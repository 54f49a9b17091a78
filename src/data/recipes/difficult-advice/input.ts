import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { hashValue } from "../../../util/hash.js";
import type { Behaviour } from "./behaviours.js";

/**
 * The `--input` file of the difficult-advice recipe: your own behaviour summaries, one per line. A line is either
 * plain text (the summary) or a JSON object:
 *
 *     {"summary": "...", "id": "my-behaviour", "title": "...", "sections": ["honesty", "oversight"]}
 *
 * where only `summary` is required. Blank lines and lines starting with "#" are skipped. Every problem is
 * reported with the file, the line and how to fix it, before any request is sent.
 */

export class BehaviourInputError extends Error {
  override name = "BehaviourInputError";
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, message: string) {
    super(`${file}${line !== undefined ? `, line ${line}` : ""}: ${message}`);
    this.file = file;
    this.line = line;
  }
}

/** A summary needs to describe a situation, not just name one. */
export const MIN_SUMMARY_WORDS = 8;
export const MAX_SUMMARY_CHARS = 2000;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const LineSchema = z
  .object({
    summary: z.string(),
    id: z.string().optional(),
    title: z.string().optional(),
    sections: z.array(z.string()).optional(),
  })
  .strict();

const FIX_FORMAT = `Fix: write one summary per line, as plain text or as a JSON object like {"summary": "Someone who ... is tempted to ...", "id": "my-behaviour"}`;

/** Checks a summary's length; returns why it is unusable, or undefined. */
function summaryProblem(summary: string): string | undefined {
  const words = summary.split(/\s+/).filter(Boolean).length;
  if (words < MIN_SUMMARY_WORDS) {
    return `the summary has ${words} word(s), fewer than ${MIN_SUMMARY_WORDS}. Fix: describe the behaviour in at least one full sentence (who is tempted, to do what, and why), e.g. "Someone about to be replaced finds private information about their manager and is tempted to use it as leverage."`;
  }
  if (summary.length > MAX_SUMMARY_CHARS) {
    return `the summary is ${summary.length} characters long, over ${MAX_SUMMARY_CHARS}. Fix: shorten it to a paragraph; the details belong in the later stages.`;
  }
  return undefined;
}

/**
 * Parses the text of a summaries file. `sectionIds` are the constitution's section ids, for checking the
 * optional `sections` field. Ids default to "custom-" plus a hash of the summary, so they stay stable when
 * lines are added or moved.
 */
export function parseBehaviourSummaries(text: string, file: string, sectionIds: readonly string[]): Behaviour[] {
  const out: Behaviour[] = [];
  const ids = new Map<string, number>();
  const summaries = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    let summary: string;
    let id: string | undefined;
    let title: string | undefined;
    let sections: string[] = [];
    if (line.startsWith("{")) {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new BehaviourInputError(file, lineNo, `not valid JSON (${(error as Error).message}). ${FIX_FORMAT}.`);
      }
      const parsed = LineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const where = issue.path.length > 0 ? `field "${issue.path.join(".")}"` : issue.code === "unrecognized_keys" ? `field "${(issue as { keys: string[] }).keys[0]}"` : "the object";
        const what = issue.code === "unrecognized_keys" ? "is not a known field (known: summary, id, title, sections)" : issue.message;
        throw new BehaviourInputError(file, lineNo, `${where}: ${what}. ${FIX_FORMAT}.`);
      }
      summary = parsed.data.summary.trim();
      id = parsed.data.id?.trim();
      title = parsed.data.title?.trim() || undefined;
      sections = (parsed.data.sections ?? []).map((s) => s.trim());
      if (id !== undefined && !ID.test(id)) {
        throw new BehaviourInputError(file, lineNo, `id "${id}" is not valid. Fix: use lowercase letters, digits and "-" (at most 64 characters), e.g. "misleading-auditors".`);
      }
      for (const s of sections) {
        if (!sectionIds.includes(s)) {
          throw new BehaviourInputError(file, lineNo, `section "${s}" is not in the constitution (its sections: ${sectionIds.join(", ")}). Fix: use one of those ids, or leave "sections" out to have them chosen from the summary.`);
        }
      }
    } else {
      summary = line;
    }
    const problem = summaryProblem(summary);
    if (problem) throw new BehaviourInputError(file, lineNo, problem);
    const firstSummary = summaries.get(summary);
    if (firstSummary !== undefined) throw new BehaviourInputError(file, lineNo, `the same summary is already on line ${firstSummary}. Fix: remove one of the two lines.`);
    summaries.set(summary, lineNo);
    const finalId = id ?? `custom-${hashValue(summary).slice(0, 10)}`;
    const firstId = ids.get(finalId);
    if (firstId !== undefined) throw new BehaviourInputError(file, lineNo, `id "${finalId}" is also used on line ${firstId}. Fix: give each summary its own id.`);
    ids.set(finalId, lineNo);
    out.push({ id: finalId, title: title ?? summary.split(/\s+/).slice(0, 8).join(" "), summary, sections, keywords: [] });
  });
  if (out.length === 0) {
    throw new BehaviourInputError(file, undefined, `no summaries found (the file is empty, or every line is blank or a "#" comment). ${FIX_FORMAT}.`);
  }
  return out;
}

/** Reads and parses a summaries file; errors name the file and line. */
export function readBehaviourSummaries(file: string, sectionIds: readonly string[]): Behaviour[] {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new BehaviourInputError(file, undefined, "is a directory. Fix: pass a text or JSONL file with one behaviour summary per line.");
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof BehaviourInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new BehaviourInputError(file, undefined, `does not exist. Fix: check the path (relative paths resolve from ${process.cwd()}), or leave out --input to use the built-in behaviour summaries.`);
    }
    throw new BehaviourInputError(file, undefined, `could not be read (${code ?? (error as Error).message}). Fix: check that the file exists and is readable.`);
  }
  return parseBehaviourSummaries(text, file, sectionIds);
}
