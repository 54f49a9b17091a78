import { readFileSync, statSync } from "node:fs";

/**
 * Line-list input files (`--input`) for the text recipes: one entry per line, blank lines and lines starting
 * with "#" ignored. Every problem is reported with the file, the line and the fix, before any work starts.
 */

export class ListFileError extends Error {
  override name = "ListFileError";
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface ListLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

export interface ListFileSpec {
  /** What one entry is, for messages: "document type", "premise". */
  what: string;
  /** How one line is written, for messages: "Type name | one-sentence description". */
  format: string;
  minChars: number;
  maxChars: number;
}

/** Reads the entries of a list file; throws ListFileError naming the file, the line and the fix. */
export function readListFile(path: string, spec: ListFileSpec): ListLine[] {
  let raw: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new ListFileError(path, undefined, `--input ${path} is a directory. Fix: pass a text file with one ${spec.what} per line.`);
    raw = readFileSync(path);
  } catch (error) {
    if (error instanceof ListFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new ListFileError(path, undefined, `--input ${path} does not exist. Fix: check the path (relative paths resolve from ${process.cwd()}), or leave --input out to use the built-in list.`);
    }
    throw new ListFileError(path, undefined, `--input ${path} could not be read (${code ?? (error as Error).message}). Fix: check that the file exists and is readable.`);
  }
  const text = raw.toString("utf8");
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  const head = text.trimStart();
  if ((head.startsWith("[") || head.startsWith("{")) && !head.startsWith("[#")) {
    throw new ListFileError(path, 1, `${path}, line 1: the file looks like JSON, but this recipe reads plain text with one ${spec.what} per line (${spec.format}). Fix: write one entry per line, without quotes or brackets.`);
  }
  const out: ListLine[] = [];
  const seen = new Map<string, number>();
  lines.forEach((content, i) => {
    const line = i + 1;
    const where = `${path}, line ${line}`;
    if (content.includes("\u0000") || content.includes("\uFFFD")) {
      throw new ListFileError(path, line, `${where}: not UTF-8 text (binary or another encoding). Fix: save the file as UTF-8 text with one ${spec.what} per line.`);
    }
    const entry = content.trim();
    if (entry === "" || entry.startsWith("#")) return;
    if (/\{\{[^}]*\}\}/.test(entry)) {
      throw new ListFileError(path, line, `${where}: "${clip(entry)}" contains a {{placeholder}}; input lines are used as written, nothing fills them in. Fix: write the text out in full.`);
    }
    if (entry.length < spec.minChars) {
      throw new ListFileError(path, line, `${where}: "${entry}" is too short for a ${spec.what} (${entry.length} characters, at least ${spec.minChars}). Fix: write it out (${spec.format}), or delete the line.`);
    }
    if (entry.length > spec.maxChars) {
      throw new ListFileError(path, line, `${where}: the ${spec.what} is ${entry.length} characters long, over the limit of ${spec.maxChars}. Fix: shorten it, and put each ${spec.what} on its own line.`);
    }
    const key = entry.toLowerCase().replace(/\s+/g, " ");
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ListFileError(path, line, `${where}: "${clip(entry)}" repeats line ${first}. Fix: delete one of the two lines.`);
    }
    seen.set(key, line);
    out.push({ line, text: entry });
  });
  if (out.length === 0) {
    throw new ListFileError(path, undefined, `--input ${path} has no ${spec.what} in it (every line is blank or a # comment). Fix: write one ${spec.what} per line (${spec.format}).`);
  }
  return out;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
