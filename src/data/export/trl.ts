import type { ChatMessage, Example } from "../types.js";
import {
  CHAT_ROLES,
  callNames,
  checkKeys,
  checkMessages,
  checkTools,
  emitRow,
  isRecord,
  kindSkipReason,
  linkToolResult,
  parseRow,
  skip,
  toolCallRows,
  withTools,
  type JsonlExport,
  type MessageRules,
  type Row,
} from "./common.js";
import { exportTextJsonl, validateTextJsonl } from "./text.js";

/**
 * TRL's conversational dataset types, loaded with `load_dataset("json", data_files=...)`:
 *   messages           {"messages":[...], "tools"?:[...]}                 SFTTrainer, language modeling
 *   prompt-completion  {"prompt":[...], "completion":[{assistant}]}        SFTTrainer, loss on the completion
 *   preference         {"prompt":[...], "chosen":[...], "rejected":[...]}   DPOTrainer and friends
 *   text               {"text": ...}                                        document tuning
 * Messages follow transformers' chat-template conventions: tool calls are
 * `{"type":"function","function":{"name", "arguments": {...}}}` (arguments as an object, which most templates
 * expect), tool results `{"role":"tool","name":..., "tool_call_id":..., "content":...}`.
 *
 * TRL has no per-message weights. With `assistant_only_loss=True` every assistant turn is trained, so the
 * `messages` type refuses examples with weight-0 assistant turns (those are often turns we must NOT teach,
 * kept as context); `prompt-completion` trains only the final turn, so earlier turns become context there.
 */

export interface TrlOptions {
  /**
   * How tool-call arguments are written. "object" (default) is what transformers templates expect. "json-string"
   * sidesteps `datasets` merging argument keys across rows into one struct (absent keys come back as null);
   * use it only with templates that accept string arguments (e.g. Qwen's).
   */
  toolArguments?: "object" | "json-string";
}

export const TRL_MESSAGE_RULES: MessageRules = {
  roles: CHAT_ROLES,
  arguments: "json-string-or-object",
  callIdRequired: false,
  toolLink: "id-or-name",
  weight: false,
  training: false,
};

function toTrlMessage(message: ChatMessage, names: Map<string, string>, options: TrlOptions): Row {
  const row: Row = { role: message.role, content: message.content };
  const calls = message.toolCalls ?? [];
  if (calls.length > 0) row.tool_calls = toolCallRows(calls, (args) => toolArguments(args, options));
  linkToolResult(row, message, names);
  return row;
}

function toolArguments(args: string, options: TrlOptions): unknown {
  if (options.toolArguments === "json-string") return args;
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return args; // left as the raw string: the validator reports it and the example is skipped with that reason
  }
}

function wrongKind(out: JsonlExport, example: Example, type: string, wants: "chat" | "preference"): boolean {
  if (example.kind === wants) return false;
  const use =
    example.kind === "text"
      ? 'export documents with "text-jsonl" (TRL\'s {"text": ...} type)'
      : example.kind === "preference"
        ? 'export pairs with "trl-preference"'
        : 'export conversations with "trl-messages" or "trl-prompt-completion"';
  skip(out, example, kindSkipReason(example.kind, `TRL ${type}`, use));
  return true;
}

export function exportTrlMessages(examples: readonly Example[], options: TrlOptions = {}): JsonlExport {
  const out: JsonlExport = { lines: [], skipped: [] };
  for (const example of examples) {
    if (wrongKind(out, example, "messages", "chat") || example.kind !== "chat") continue;
    if (example.messages.some((m) => m.role === "assistant" && m.weight === 0)) {
      skip(out, example, 'has weight-0 assistant turns, which TRL\'s messages type would train on; use "trl-prompt-completion", "axolotl" or "openai-chat" to keep them as context');
      continue;
    }
    const names = callNames(example.messages);
    emitRow(out, example, withTools({ messages: example.messages.map((m) => toTrlMessage(m, names, options)) }, example), validateTrlMessages);
  }
  return out;
}

export function exportTrlPromptCompletion(examples: readonly Example[], options: TrlOptions = {}): JsonlExport {
  const out: JsonlExport = { lines: [], skipped: [] };
  for (const example of examples) {
    if (wrongKind(out, example, "prompt-completion", "chat") || example.kind !== "chat") continue;
    const last = example.messages[example.messages.length - 1] as ChatMessage;
    if (last.role !== "assistant") {
      skip(out, example, `ends with a ${last.role} message; prompt-completion trains the final assistant turn, so the conversation must end with one`);
      continue;
    }
    if (last.weight === 0) {
      skip(out, example, "the final assistant turn has weight 0; prompt-completion would have nothing to train on");
      continue;
    }
    if (example.messages.length < 2) {
      skip(out, example, "has no prompt: the conversation is a single assistant message");
      continue;
    }
    const names = callNames(example.messages);
    const prompt = example.messages.slice(0, -1).map((m) => toTrlMessage(m, names, options));
    emitRow(out, example, withTools({ prompt, completion: [toTrlMessage(last, names, options)] }, example), validateTrlPromptCompletion);
  }
  return out;
}

export function exportTrlPreference(examples: readonly Example[], options: TrlOptions = {}): JsonlExport {
  const out: JsonlExport = { lines: [], skipped: [] };
  for (const example of examples) {
    if (wrongKind(out, example, "preference", "preference") || example.kind !== "preference") continue;
    if ([...example.chosen, ...example.rejected].some((m) => m.weight === 0)) {
      skip(out, example, "a chosen or rejected message has weight 0; a preference output is compared whole, so there is nothing to drop");
      continue;
    }
    const names = callNames([...example.prompt, ...example.chosen, ...example.rejected]);
    const row: Row = {
      prompt: example.prompt.map((m) => toTrlMessage(m, names, options)),
      chosen: example.chosen.map((m) => toTrlMessage(m, names, options)),
      rejected: example.rejected.map((m) => toTrlMessage(m, names, options)),
    };
    emitRow(out, example, withTools(row, example), validateTrlPreference);
  }
  return out;
}

/** TRL's standard language-modeling type, {"text": ...}: the same lines as the "text-jsonl" format. */
export const exportTrlText = exportTextJsonl;
export const validateTrlText = validateTextJsonl;

function toolNamesOf(row: Row, problems: string[]): Set<string> | undefined {
  return row.tools === undefined ? undefined : checkTools(row.tools, "tools", problems);
}

function lastRole(messages: unknown): unknown {
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  const last = messages[messages.length - 1];
  return isRecord(last) ? last.role : undefined;
}

function assistantsOnly(messages: unknown, path: string, problems: string[]): void {
  if (!Array.isArray(messages)) return;
  messages.forEach((m, i) => {
    if (isRecord(m) && m.role !== "assistant") problems.push(`${path}[${i}].role: must be "assistant" (tool results belong in the prompt)`);
  });
}

/** Problems with one line of a TRL conversational language-modeling file. */
export function validateTrlMessages(line: string): string[] {
  const { row, problems } = parseRow(line);
  if (!row) return problems;
  checkKeys(row, ["messages", "tools"], "line", problems);
  checkMessages(row.messages, "messages", TRL_MESSAGE_RULES, problems, { calls: new Map(), toolNames: toolNamesOf(row, problems) });
  if (Array.isArray(row.messages) && !row.messages.some((m) => isRecord(m) && m.role === "assistant")) {
    problems.push("messages: has no assistant message to train on");
  }
  return problems;
}

/** Problems with one line of a TRL conversational prompt-completion file. */
export function validateTrlPromptCompletion(line: string): string[] {
  const { row, problems } = parseRow(line);
  if (!row) return problems;
  checkKeys(row, ["prompt", "completion", "tools"], "line", problems);
  const context = { calls: new Map<string, string>(), toolNames: toolNamesOf(row, problems) };
  checkMessages(row.prompt, "prompt", TRL_MESSAGE_RULES, problems, context);
  if (lastRole(row.prompt) === "assistant") problems.push("prompt: must end before the assistant turn (its last message is the assistant's)");
  if (row.completion === undefined) problems.push("completion: required, a list with the assistant message to train");
  else checkMessages(row.completion, "completion", TRL_MESSAGE_RULES, problems, context);
  assistantsOnly(row.completion, "completion", problems);
  return problems;
}

/** Problems with one line of a TRL conversational preference file (explicit prompt). */
export function validateTrlPreference(line: string): string[] {
  const { row, problems } = parseRow(line);
  if (!row) return problems;
  checkKeys(row, ["prompt", "chosen", "rejected", "tools"], "line", problems);
  const toolNames = toolNamesOf(row, problems);
  const calls = new Map<string, string>();
  checkMessages(row.prompt, "prompt", TRL_MESSAGE_RULES, problems, { calls, toolNames });
  if (lastRole(row.prompt) === "assistant") problems.push("prompt: must end before the assistant turn being compared");
  for (const key of ["chosen", "rejected"] as const) {
    if (row[key] === undefined) {
      problems.push(`${key}: required, a list of assistant messages`);
      continue;
    }
    checkMessages(row[key], key, TRL_MESSAGE_RULES, problems, { calls: new Map(calls), toolNames });
    assistantsOnly(row[key], key, problems);
  }
  if (row.chosen !== undefined && JSON.stringify(row.chosen) === JSON.stringify(row.rejected)) problems.push("chosen and rejected are identical: the pair teaches nothing");
  return problems;
}
