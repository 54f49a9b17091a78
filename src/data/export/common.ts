import type { ChatMessage, Example, ToolCall, ToolDefinition } from "../types.js";

/** An example an exporter left out, and why (shown in the dataset card). */
export interface Skipped {
  id: string;
  reason: string;
}

export interface JsonlExport {
  lines: string[];
  skipped: Skipped[];
}

export interface TextExport {
  text: string;
  skipped: Skipped[];
}

export type Row = Record<string, unknown>;

export function isRecord(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Serializes a row, runs the format's own validator on it and keeps it only if it passes, so an exporter can
 * never emit a line its validator would reject; the validator's problems become the skip reason.
 */
export function emitRow(out: JsonlExport, example: Example, row: Row, validate: (line: string) => string[]): void {
  const line = JSON.stringify(row);
  const problems = validate(line);
  if (problems.length === 0) out.lines.push(line);
  else out.skipped.push({ id: example.id, reason: problems.join("; ") });
}

export function skip(out: { skipped: Skipped[] }, example: Example, reason: string): void {
  out.skipped.push({ id: example.id, reason });
}

/** Parses one JSONL line into an object, or says why it is not one. */
export function parseRow(line: string): { row?: Row; problems: string[] } {
  // JSON.parse accepts whitespace newlines between tokens, but a raw newline would split the JSONL record.
  if (/[\n\r]/.test(line)) return { problems: ["line contains a raw newline; a JSONL record must be on one line"] };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  if (!isRecord(value)) return { problems: ["a line must be a JSON object"] };
  return { row: value, problems: [] };
}

export function checkKeys(row: Row, allowed: readonly string[], path: string, problems: string[]): void {
  for (const key of Object.keys(row)) {
    if (!allowed.includes(key)) problems.push(`${path}: unexpected key "${key}" (allowed: ${allowed.join(", ")})`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tools

/** OpenAI's and transformers' function-tool shape, used by every chat format here. */
export function functionTools(tools: readonly ToolDefinition[]): Row[] {
  return tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

/**
 * Sets `row.tools` when the example declares tools. Every chat format carries tools this way, so a change to
 * how tools are written reaches all of them at once.
 */
export function withTools<R extends Row>(row: R, example: { tools?: readonly ToolDefinition[] | undefined }): R {
  if (example.tools && example.tools.length > 0) (row as Row).tools = functionTools(example.tools);
  return row;
}

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Checks a `tools` array; returns the declared function names (for checking calls against them). */
export function checkTools(tools: unknown, path: string, problems: string[]): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(tools)) {
    problems.push(`${path}: must be an array of {"type":"function","function":{...}}`);
    return names;
  }
  tools.forEach((tool, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(tool)) return void problems.push(`${p}: must be an object`);
    if (tool.type !== "function") problems.push(`${p}.type: must be "function"`);
    const fn = tool.function;
    if (!isRecord(fn)) return void problems.push(`${p}.function: must be an object with name, description, parameters`);
    if (typeof fn.name !== "string" || !FUNCTION_NAME.test(fn.name)) problems.push(`${p}.function.name: must match ${FUNCTION_NAME.source}`);
    else if (names.has(fn.name)) problems.push(`${p}.function.name: "${fn.name}" is declared twice`);
    else names.add(fn.name);
    if (fn.description !== undefined && typeof fn.description !== "string") problems.push(`${p}.function.description: must be a string`);
    if (fn.parameters !== undefined && !isRecord(fn.parameters)) problems.push(`${p}.function.parameters: must be a JSON Schema object`);
  });
  return names;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

export interface MessageRules {
  roles: readonly string[];
  /** How tool-call arguments must be carried. */
  arguments: "json-string" | "object" | "json-string-or-object";
  /** Tool calls must carry an `id` (OpenAI). */
  callIdRequired: boolean;
  /** Tool messages: "id" = tool_call_id required; "id-or-name" = either identifies the call (transformers templates). */
  toolLink: "id" | "id-or-name";
  /** Per-message `weight` (0|1) accepted on assistant messages. */
  weight: boolean;
  /** Per-message boolean `training` accepted (axolotl). */
  training: boolean;
}

export const CHAT_ROLES = ["system", "developer", "user", "assistant", "tool"] as const;

/**
 * Checks a list of messages against a format's rules. `calls` collects tool-call ids seen so far (pass the same
 * set for a prompt and then its completion), so a tool result must answer a call made earlier.
 */
export function checkMessages(
  messages: unknown,
  path: string,
  rules: MessageRules,
  problems: string[],
  context: { calls: Map<string, string>; toolNames?: Set<string> | undefined },
): void {
  if (!Array.isArray(messages)) return void problems.push(`${path}: must be an array of messages`);
  if (messages.length === 0) return void problems.push(`${path}: must not be empty`);
  const allowed = ["role", "content", "tool_calls", "tool_call_id", "name", ...(rules.weight ? ["weight"] : []), ...(rules.training ? ["training"] : [])];
  messages.forEach((message, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(message)) return void problems.push(`${p}: must be an object`);
    checkKeys(message, allowed, p, problems);
    const role = message.role;
    if (typeof role !== "string" || !rules.roles.includes(role)) {
      return void problems.push(`${p}.role: must be one of ${rules.roles.join(", ")}`);
    }
    const hasCalls = message.tool_calls !== undefined;
    if (hasCalls) {
      if (role !== "assistant") problems.push(`${p}.tool_calls: only assistant messages make tool calls`);
      checkToolCalls(message.tool_calls, `${p}.tool_calls`, rules, problems, context);
    }
    // Content is a string; only an assistant message that makes tool calls may leave it out (or null).
    if (typeof message.content !== "string") {
      if (!(role === "assistant" && hasCalls && (message.content === undefined || message.content === null))) {
        problems.push(`${p}.content: must be a string`);
      }
    } else if (role === "assistant" && !hasCalls && message.content.trim() === "") {
      problems.push(`${p}: assistant message has neither content nor tool_calls`);
    }
    if (message.name !== undefined && typeof message.name !== "string") problems.push(`${p}.name: must be a string`);
    if (role === "tool") checkToolResult(message, p, rules, problems, context.calls);
    else if (message.tool_call_id !== undefined) problems.push(`${p}.tool_call_id: only tool messages answer a tool call`);
    if (message.weight !== undefined) {
      if (role !== "assistant") problems.push(`${p}.weight: only assistant messages carry a weight`);
      else if (message.weight !== 0 && message.weight !== 1) problems.push(`${p}.weight: must be 0 or 1`);
    }
    if (message.training !== undefined && typeof message.training !== "boolean") problems.push(`${p}.training: must be true or false`);
  });
}

function checkToolCalls(calls: unknown, path: string, rules: MessageRules, problems: string[], context: { calls: Map<string, string>; toolNames?: Set<string> | undefined }): void {
  if (!Array.isArray(calls) || calls.length === 0) return void problems.push(`${path}: must be a non-empty array`);
  calls.forEach((call, j) => {
    const q = `${path}[${j}]`;
    if (!isRecord(call)) return void problems.push(`${q}: must be an object`);
    checkKeys(call, ["id", "type", "function"], q, problems);
    if (call.type !== "function") problems.push(`${q}.type: must be "function"`);
    const fn = call.function;
    if (!isRecord(fn)) return void problems.push(`${q}.function: must be an object with name and arguments`);
    checkKeys(fn, ["name", "arguments"], `${q}.function`, problems);
    const name = typeof fn.name === "string" && fn.name !== "" ? fn.name : undefined;
    if (!name) problems.push(`${q}.function.name: must be a non-empty string`);
    else if (context.toolNames && !context.toolNames.has(name)) problems.push(`${q}.function.name: "${name}" is not among the declared tools`);
    checkArguments(fn.arguments, `${q}.function.arguments`, rules.arguments, problems);
    if (call.id === undefined) {
      if (rules.callIdRequired) problems.push(`${q}.id: required`);
    } else if (typeof call.id !== "string" || call.id === "") {
      problems.push(`${q}.id: must be a non-empty string`);
    } else if (context.calls.has(call.id)) {
      problems.push(`${q}.id: "${call.id}" is used by an earlier tool call`);
    } else {
      context.calls.set(call.id, name ?? "");
    }
  });
}

function checkArguments(args: unknown, path: string, mode: MessageRules["arguments"], problems: string[]): void {
  if (typeof args === "string") {
    if (mode === "object") return void problems.push(`${path}: must be a JSON object here, not a string`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(args);
    } catch {
      return void problems.push(`${path}: is not valid JSON`);
    }
    if (!isRecord(parsed)) problems.push(`${path}: must encode a JSON object`);
    return;
  }
  if (mode === "json-string") return void problems.push(`${path}: must be a JSON string (e.g. "{\\"path\\":\\"a.txt\\"}"), not ${describe(args)}`);
  if (!isRecord(args)) problems.push(`${path}: must be a JSON object, not ${describe(args)}`);
}

function checkToolResult(message: Row, path: string, rules: MessageRules, problems: string[], calls: Map<string, string>): void {
  const id = message.tool_call_id;
  if (id === undefined) {
    if (rules.toolLink === "id" || typeof message.name !== "string") {
      problems.push(`${path}.tool_call_id: a tool message must say which call it answers${rules.toolLink === "id-or-name" ? " (tool_call_id or name)" : ""}`);
    }
    return;
  }
  if (typeof id !== "string" || id === "") return void problems.push(`${path}.tool_call_id: must be a non-empty string`);
  if (!calls.has(id)) problems.push(`${path}.tool_call_id: "${id}" does not match an earlier assistant tool call`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** True when some assistant message of the list would be trained on (weight absent or 1). */
export function hasTrainedAssistant(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => m.role === "assistant" && m.weight !== 0);
}

/**
 * An assistant message's tool calls in the OpenAI/transformers shape every chat format shares; only how the
 * arguments are carried differs (JSON string or object), so the caller passes that conversion.
 */
export function toolCallRows(calls: readonly ToolCall[], args: (json: string) => unknown = (json) => json): Row[] {
  return calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: args(c.arguments) } }));
}

/**
 * Links a tool result to its call on `row`: `tool_call_id`, plus the function's `name` on tool messages (from
 * callNames), since many templates (Llama, Hermes) label a tool result by function name rather than by call id.
 */
export function linkToolResult(row: Row, message: ChatMessage, names: ReadonlyMap<string, string>): void {
  if (message.toolCallId === undefined) return;
  row.tool_call_id = message.toolCallId;
  const name = message.role === "tool" ? names.get(message.toolCallId) : undefined;
  if (name !== undefined) row.name = name;
}

/** Call id -> function name over a conversation, so tool results can carry the function's name. */
export function callNames(messages: readonly ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) for (const c of m.toolCalls ?? []) names.set(c.id, c.name);
  return names;
}

export function kindSkipReason(kind: Example["kind"], format: string, use: string): string {
  return `${kind} example: ${format} does not take ${kind} examples; ${use}`;
}
