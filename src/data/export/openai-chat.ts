import type { ChatMessage, Example } from "../types.js";
import {
  CHAT_ROLES,
  checkKeys,
  checkMessages,
  checkTools,
  emitRow,
  isRecord,
  kindSkipReason,
  parseRow,
  skip,
  toolCallRows,
  withTools,
  type JsonlExport,
  type MessageRules,
  type Row,
} from "./common.js";

/**
 * OpenAI supervised fine-tuning JSONL (chat models), one conversation a line:
 *   {"messages":[...], "tools":[{"type":"function","function":{name, description, parameters}}]}
 * Assistant tool calls are `tool_calls: [{id, type:"function", function:{name, arguments: "<JSON string>"}}]`,
 * tool results `{"role":"tool","tool_call_id":..., "content":...}`. An assistant message may carry
 * `"weight": 0|1` (0 = context only, not trained). The last message must be the assistant's.
 */

export const OPENAI_MESSAGE_RULES: MessageRules = {
  roles: CHAT_ROLES,
  arguments: "json-string",
  callIdRequired: true,
  toolLink: "id",
  weight: true,
  training: false,
};

/** One message in OpenAI's chat shape. `weights: false` drops weights (preference outputs have none). */
export function toOpenAIMessage(message: ChatMessage, options: { weights: boolean } = { weights: true }): Row {
  const calls = message.toolCalls ?? [];
  const row: Row = { role: message.role };
  // OpenAI's own tool-call examples omit content on a call-only assistant turn; keep it whenever there is any.
  if (!(calls.length > 0 && message.content === "")) row.content = message.content;
  if (calls.length > 0) row.tool_calls = toolCallRows(calls);
  // Emitted wherever the example has it, so a misplaced id or weight is caught by the validator, not hidden.
  if (message.toolCallId !== undefined) row.tool_call_id = message.toolCallId;
  if (options.weights && message.weight !== undefined) row.weight = message.weight;
  return row;
}

export function exportOpenAIChat(examples: readonly Example[]): JsonlExport {
  const out: JsonlExport = { lines: [], skipped: [] };
  for (const example of examples) {
    if (example.kind === "text") {
      skip(out, example, kindSkipReason("text", "OpenAI chat fine-tuning", 'export documents with the "text" or "text-jsonl" format'));
      continue;
    }
    if (example.kind === "preference") {
      skip(out, example, kindSkipReason("preference", "OpenAI chat fine-tuning", 'export pairs with the "openai-dpo" format'));
      continue;
    }
    emitRow(out, example, withTools({ messages: example.messages.map((m) => toOpenAIMessage(m)) }, example), validateOpenAIChat);
  }
  return out;
}

/** Problems with one line of an OpenAI chat fine-tuning file (empty when it is valid). */
export function validateOpenAIChat(line: string): string[] {
  const { row, problems } = parseRow(line);
  if (!row) return problems;
  checkKeys(row, ["messages", "tools", "parallel_tool_calls"], "line", problems);
  const toolNames = row.tools === undefined ? undefined : checkTools(row.tools, "tools", problems);
  if (row.parallel_tool_calls !== undefined && typeof row.parallel_tool_calls !== "boolean") problems.push("parallel_tool_calls: must be true or false");
  checkMessages(row.messages, "messages", OPENAI_MESSAGE_RULES, problems, { calls: new Map(), toolNames });
  if (Array.isArray(row.messages) && row.messages.length > 0) {
    const last = row.messages[row.messages.length - 1];
    if (isRecord(last) && last.role !== "assistant") problems.push(`messages: the last message must be from the assistant (it is "${String(last.role)}")`);
    const trained = row.messages.some((m) => isRecord(m) && m.role === "assistant" && m.weight !== 0);
    if (!trained) problems.push("messages: no assistant message is trained on (none, or all have weight 0)");
  }
  return problems;
}
