import type { Example } from "../types.js";
import { checkKeys, emitRow, kindSkipReason, parseRow, skip, type JsonlExport, type TextExport } from "./common.js";

/**
 * Document fine-tuning (constitution documents, stories): plain text, or JSONL `{"text": ...}` when document
 * boundaries must survive loading (TRL's standard language-modeling type, axolotl `type: completion`).
 */

export interface TextOptions {
  /**
   * Written between documents. Default "\n\n" (a blank line). A separator with visible text, such as
   * "\n\n<|endoftext|>\n\n", also marks document ends; documents containing that marker are skipped, since
   * they would be cut in two when the file is split again.
   */
  separator?: string;
}

function textOnly(out: { skipped: TextExport["skipped"] }, example: Example, format: string): example is Extract<Example, { kind: "text" }> {
  if (example.kind === "text") return true;
  const use = example.kind === "chat" ? 'export conversations with "openai-chat", "trl-messages" or "axolotl"' : 'export pairs with "openai-dpo" or "trl-preference"';
  skip(out, example, kindSkipReason(example.kind, format, use));
  return false;
}

export function exportText(examples: readonly Example[], options: TextOptions = {}): TextExport {
  const separator = options.separator ?? "\n\n";
  const marker = separator.trim();
  const skipped: TextExport["skipped"] = [];
  const docs: string[] = [];
  for (const example of examples) {
    if (!textOnly({ skipped }, example, "plain-text document tuning")) continue;
    // Trailing newlines would pile up against the separator and blur the blank-line boundary.
    const doc = example.text.replace(/\s+$/u, "");
    if (doc === "") skipped.push({ id: example.id, reason: "the document is empty (only whitespace)" });
    else if (marker !== "" && doc.includes(marker)) skipped.push({ id: example.id, reason: `the document contains the end-of-document marker ${JSON.stringify(marker)}` });
    else docs.push(doc);
  }
  return { text: docs.length > 0 ? `${docs.join(separator)}\n` : "", skipped };
}

/** Problems with a plain-text training file (the whole file). */
export function validateText(text: string): string[] {
  const problems: string[] = [];
  if (text.trim() === "") problems.push("the file is empty");
  if (text.includes("\u0000")) problems.push("contains a NUL character");
  if (hasLoneSurrogate(text)) problems.push("contains a lone UTF-16 surrogate, which cannot be written as UTF-8");
  if (text !== "" && !text.endsWith("\n")) problems.push("does not end with a newline");
  return problems;
}

function hasLoneSurrogate(text: string): boolean {
  // String.prototype.isWellFormed is Node 20+; this is the same check without relying on the lib typings.
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

export function exportTextJsonl(examples: readonly Example[]): JsonlExport {
  const out: JsonlExport = { lines: [], skipped: [] };
  for (const example of examples) {
    if (!textOnly(out, example, "text JSONL")) continue;
    emitRow(out, example, { text: example.text }, validateTextJsonl);
  }
  return out;
}

/** Problems with one line of a `{"text": ...}` JSONL file. */
export function validateTextJsonl(line: string): string[] {
  const { row, problems } = parseRow(line);
  if (!row) return problems;
  checkKeys(row, ["text"], "line", problems);
  if (typeof row.text !== "string") problems.push("text: must be a string");
  else if (row.text.trim() === "") problems.push("text: must not be empty");
  else if (hasLoneSurrogate(row.text)) problems.push("text: contains a lone UTF-16 surrogate");
  return problems;
}
