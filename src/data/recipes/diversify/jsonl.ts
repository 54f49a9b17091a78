import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { hashValue } from "../../../util/hash.js";
import { ChatExampleSchema, type ChatExample, type ChatMessage, type ToolCall, type ToolDefinition } from "../../types.js";

/**
 * Reads chat training data in OpenAI's JSONL format, one conversation per line:
 *
 *     {"messages": [{"role": "user", "content": "..."}, ...], "tools": [{"type": "function", "function": {...}}]}
 *
 * Accepted per message: `role` (system, developer (read as system), user, assistant, tool), `content` (a
 * string, a list of text parts, or null on an assistant message with tool calls), `tool_calls` (assistant),
 * `tool_call_id` (tool), `weight` (0 or 1, assistant). Tools may be OpenAI-style (`{type:"function",
 * function:{...}}`) or bare `{name, description, parameters}`. Tool-call arguments are a JSON string (an
 * object is accepted and serialised). An optional top-level `id` string becomes the example id; otherwise
 * the id is `chat-` plus a hash of the line's content, so it survives reordering the file. Other top-level
 * fields are ignored. Blank lines are skipped.
 *
 * Every problem names the file, the line and the field: `data.jsonl:14: messages[2].role: ...`.
 */

export class ChatJsonlError extends Error {
  readonly file: string;
  readonly line: number;
  /** Path of the offending field inside the line, e.g. "messages[2].role" ("(line)" for unparseable JSON). */
  readonly field: string;
  /** The examples read from the lines before this one (when thrown by readChatJsonl). */
  examples: ChatExample[];
  constructor(file: string, line: number, field: string, problem: string) {
    super(`${file}:${line}: ${field}: ${problem}`);
    this.name = "ChatJsonlError";
    this.file = file;
    this.line = line;
    this.field = field;
    this.examples = [];
  }
}

export interface ReadChatJsonlOptions {
  /**
   * Called for each invalid line, which is then skipped and reading goes on. Without it, the first invalid
   * line throws its ChatJsonlError, carrying the examples read so far in `error.examples`.
   */
  onInvalid?: (error: ChatJsonlError) => void;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kind(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Converts one parsed line; throws ChatJsonlError for the first problem. */
export function chatExampleFromOpenAI(value: Json, file: string, line: number): ChatExample {
  const fail = (field: string, problem: string): never => {
    throw new ChatJsonlError(file, line, field, problem);
  };
  if (!isObject(value)) return fail("(line)", `expected a JSON object per line, got ${kind(value)}`);

  const rawMessages = value.messages;
  if (rawMessages === undefined) return fail("messages", 'missing: each line needs a "messages" array');
  if (!Array.isArray(rawMessages)) return fail("messages", `expected an array, got ${kind(rawMessages)}`);
  if (rawMessages.length === 0) return fail("messages", "is empty: a conversation needs at least one message");

  const messages: ChatMessage[] = rawMessages.map((m: Json, i: number): ChatMessage => {
    const at = `messages[${i}]`;
    if (!isObject(m)) return fail(at, `expected an object, got ${kind(m)}`);
    const rawRole = m.role;
    if (typeof rawRole !== "string") return fail(`${at}.role`, rawRole === undefined ? "missing" : `expected a string, got ${kind(rawRole)}`);
    const role = rawRole === "developer" ? "system" : rawRole;
    if (role !== "system" && role !== "user" && role !== "assistant" && role !== "tool") {
      return fail(`${at}.role`, `"${rawRole}" is not one of system, developer, user, assistant, tool`);
    }

    const toolCalls = m.tool_calls;
    let calls: ToolCall[] | undefined;
    if (toolCalls !== undefined && toolCalls !== null) {
      if (role !== "assistant") return fail(`${at}.tool_calls`, `only assistant messages may have tool_calls (this one is "${rawRole}")`);
      if (!Array.isArray(toolCalls)) return fail(`${at}.tool_calls`, `expected an array, got ${kind(toolCalls)}`);
      calls = toolCalls.map((c: Json, j: number): ToolCall => {
        const cat = `${at}.tool_calls[${j}]`;
        if (!isObject(c)) return fail(cat, `expected an object, got ${kind(c)}`);
        if (typeof c.id !== "string" || c.id === "") return fail(`${cat}.id`, c.id === undefined ? "missing" : "expected a non-empty string");
        const fn = c.function;
        if (!isObject(fn)) return fail(`${cat}.function`, fn === undefined ? "missing" : `expected an object, got ${kind(fn)}`);
        if (typeof fn.name !== "string" || fn.name === "") return fail(`${cat}.function.name`, fn.name === undefined ? "missing" : "expected a non-empty string");
        let args: string;
        if (typeof fn.arguments === "string") {
          args = fn.arguments;
          try {
            JSON.parse(args);
          } catch {
            return fail(`${cat}.function.arguments`, "is not valid JSON (arguments must be a JSON-encoded string)");
          }
        } else if (isObject(fn.arguments)) {
          args = JSON.stringify(fn.arguments);
        } else {
          return fail(`${cat}.function.arguments`, fn.arguments === undefined ? "missing" : `expected a JSON string, got ${kind(fn.arguments)}`);
        }
        return { id: c.id, name: fn.name, arguments: args };
      });
    }

    let content: string;
    const c = m.content;
    if (typeof c === "string") content = c;
    else if (c === null || c === undefined) {
      if (role === "assistant" && calls && calls.length > 0) content = "";
      else return fail(`${at}.content`, c === undefined ? "missing" : "is null (only an assistant message with tool_calls may have no content)");
    } else if (Array.isArray(c)) {
      content = c
        .map((part: Json, k: number) => {
          if (!isObject(part)) return fail(`${at}.content[${k}]`, `expected a content part object, got ${kind(part)}`);
          if (part.type !== "text") return fail(`${at}.content[${k}].type`, `"${String(part.type)}" parts are not supported; only "text" parts are`);
          if (typeof part.text !== "string") return fail(`${at}.content[${k}].text`, part.text === undefined ? "missing" : "expected a string");
          return part.text;
        })
        .join("");
    } else {
      return fail(`${at}.content`, `expected a string, a list of text parts, or null; got ${kind(c)}`);
    }

    const out: ChatMessage = { role, content };
    if (calls && calls.length > 0) out.toolCalls = calls;

    if (role === "tool") {
      const id = m.tool_call_id;
      if (typeof id !== "string" || id === "") return fail(`${at}.tool_call_id`, id === undefined ? "missing (tool messages must name the call they answer)" : "expected a non-empty string");
      out.toolCallId = id;
    }

    if (m.weight !== undefined) {
      if (role !== "assistant") return fail(`${at}.weight`, `only assistant messages may carry a weight (this one is "${rawRole}")`);
      if (m.weight !== 0 && m.weight !== 1) return fail(`${at}.weight`, `expected 0 or 1, got ${JSON.stringify(m.weight)}`);
      out.weight = m.weight;
    }
    return out;
  });

  let tools: ToolDefinition[] | undefined;
  if (value.tools !== undefined && value.tools !== null) {
    if (!Array.isArray(value.tools)) return fail("tools", `expected an array, got ${kind(value.tools)}`);
    const names = new Set<string>();
    tools = value.tools.map((t: Json, i: number): ToolDefinition => {
      const at = `tools[${i}]`;
      if (!isObject(t)) return fail(at, `expected an object, got ${kind(t)}`);
      let def: Record<string, Json> = t;
      let prefix = at;
      if (t.type !== undefined || t.function !== undefined) {
        if (t.type !== "function") return fail(`${at}.type`, `"${String(t.type)}" tools are not supported; only "function" tools are`);
        if (!isObject(t.function)) return fail(`${at}.function`, t.function === undefined ? "missing" : `expected an object, got ${kind(t.function)}`);
        def = t.function;
        prefix = `${at}.function`;
      }
      if (typeof def.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(def.name)) {
        return fail(`${prefix}.name`, def.name === undefined ? "missing" : `${JSON.stringify(def.name)} is not a valid tool name (1-64 letters, digits, "_" or "-")`);
      }
      if (names.has(def.name)) return fail(`${prefix}.name`, `duplicate tool name "${def.name}"`);
      names.add(def.name);
      if (def.description !== undefined && typeof def.description !== "string") return fail(`${prefix}.description`, "expected a string");
      if (def.parameters !== undefined && !isObject(def.parameters)) return fail(`${prefix}.parameters`, `expected a JSON Schema object, got ${kind(def.parameters)}`);
      return {
        name: def.name,
        description: (def.description as string | undefined) ?? "",
        parameters: (def.parameters as Record<string, unknown> | undefined) ?? { type: "object", properties: {} },
      };
    });
  }

  if (value.id !== undefined && (typeof value.id !== "string" || value.id === "")) return fail("id", "expected a non-empty string");
  const id = typeof value.id === "string" ? value.id : `chat-${hashValue({ messages: value.messages, tools: value.tools ?? null }).slice(0, 16)}`;

  const example: ChatExample = {
    kind: "chat",
    id,
    lineage: { recipe: "import", stages: [{ name: "read-chat-jsonl" }], seed: 0 },
    meta: { importedFrom: basename(file), line },
    messages,
    ...(tools ? { tools } : {}),
  };
  const checked = ChatExampleSchema.safeParse(example);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue ? issue.path.map((p, k) => (typeof p === "number" ? `[${p}]` : k === 0 ? String(p) : `.${String(p)}`)).join("") : "(line)";
    return fail(field || "(line)", issue?.message ?? "invalid");
  }
  return checked.data;
}

/** Parses JSONL text (for tests and in-memory data); same rules and errors as readChatJsonl. */
export function parseChatJsonl(text: string, file = "<input>", options: ReadChatJsonlOptions = {}): ChatExample[] {
  const examples: ChatExample[] = [];
  text.split(/\r?\n/).forEach((raw, index) => handleLine(raw, index + 1, file, examples, options));
  return examples;
}

function handleLine(raw: string, lineNo: number, file: string, examples: ChatExample[], options: ReadChatJsonlOptions): void {
  const line = lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw;
  if (line.trim() === "") return;
  try {
    let parsed: Json;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      throw new ChatJsonlError(file, lineNo, "(line)", `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    examples.push(chatExampleFromOpenAI(parsed, file, lineNo));
  } catch (err) {
    if (!(err instanceof ChatJsonlError)) throw err;
    if (options.onInvalid) {
      options.onInvalid(err);
      return;
    }
    err.examples = examples.slice();
    throw err;
  }
}

/**
 * Reads an OpenAI-style chat JSONL file line by line (streaming, so large files are fine). Throws a
 * ChatJsonlError at the first invalid line, with the examples from earlier lines in `error.examples`; pass
 * `onInvalid` to collect problems and skip those lines instead. A missing file throws a plain Error naming it.
 */
export async function readChatJsonl(path: string, options: ReadChatJsonlOptions = {}): Promise<ChatExample[]> {
  const examples: ChatExample[] = [];
  const stream = createReadStream(path, { encoding: "utf8" });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  try {
    await opened;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === "ENOENT"
        ? `Chat JSONL file ${path} does not exist. Fix: check the path (relative paths resolve from ${process.cwd()}).`
        : `Chat JSONL file ${path} could not be read (${code ?? String(err)}). Fix: check that it is a readable file.`,
      { cause: err },
    );
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo++;
      handleLine(raw, lineNo, path, examples, options);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return examples;
}
