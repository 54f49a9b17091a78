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

/**
 * axolotl `type: chat_template` rows: {"messages":[{role, content, training, tool_calls?, tool_call_id?, name?}],
 * "tools"?:[...]}. Every message carries an explicit boolean `training` (assistant turns with weight !== 0 are
 * true, everything else false), so per-message weights survive. Config to read it:
 *
 *   datasets:
 *     - path: ./train.jsonl
 *       ds_type: json
 *       type: chat_template
 *       field_messages: messages
 *       message_field_training: training   # per-message flag overrides roles_to_train
 *       roles_to_train: []                 # train exactly what the flags say
 *       train_on_eos: turn
 *       field_tools: tools                 # tool schemas, rendered by the chat template
 *
 * Tool calls stay structured (`tool_calls`, `tool_call_id`) rather than flattened into text: chat_template
 * renders them with the model's own tool syntax (axolotl's tools support). Arguments are written as JSON strings,
 * which axolotl accepts (and decodes) since Sept 2025 (PR #3136); strings avoid `datasets` merging differing
 * argument keys across rows into one struct.
 */

export const AXOLOTL_MESSAGE_RULES: MessageRules = {
  roles: CHAT_ROLES,
  arguments: "json-string-or-object",
  callIdRequired: false,
  toolLink: "id-or-name",
  weight: false,
  training: true,
};

/** The datasets entry of an axolotl config for a file written by exportAxolotl. */
export function axolotlConfigSnippet(path = "./train.jsonl"): string {
  return [
    "datasets:",
    `  - path: ${path}`,
    "    ds_type: json",
    "    type: chat_template",
    "    field_messages: messages",
    "    message_field_training: training",
    "    roles_to_train: []",
    "    train_on_eos: turn",
    "    field_tools: tools",
  ].join("\n");
}

function toAxolotlMessage(message: ChatMessage, names: Map<string, string>): Row {
  // content is always a string (even "" beside tool calls) so every row has the same columns for `datasets`.
  const row: Row = { role: message.role, content: message.content, training: message.role === "assistant" && message.weight !== 0 };
  const calls = message.toolCalls ?? [];
  if (calls.length > 0) row.tool_calls = toolCallRows(calls);
  linkToolResult(row, message, names);
  return row;
}

export function exportAxolotl(examples: readonly Example[]): JsonlExport {
  const out: JsonlExport = { lines: [], skipped: [] };
  for (const example of examples) {
    if (example.kind !== "chat") {
      const use = example.kind === "text" ? 'export documents with "text-jsonl" (axolotl type: completion)' : 'export pairs with "trl-preference" (axolotl DPO datasets read the same prompt/chosen/rejected shape)';
      skip(out, example, kindSkipReason(example.kind, "axolotl chat_template", use));
      continue;
    }
    if (example.messages.some((m) => m.weight !== undefined && m.role !== "assistant")) {
      skip(out, example, "a non-assistant message carries a weight; only assistant messages can be weighted");
      continue;
    }
    const names = callNames(example.messages);
    emitRow(out, example, withTools({ messages: example.messages.map((m) => toAxolotlMessage(m, names)) }, example), validateAxolotl);
  }
  return out;
}

/** Problems with one line of an axolotl chat_template file. */
export function validateAxolotl(line: string): string[] {
  const { row, problems } = parseRow(line);
  if (!row) return problems;
  checkKeys(row, ["messages", "tools"], "line", problems);
  const toolNames = row.tools === undefined ? undefined : checkTools(row.tools, "tools", problems);
  checkMessages(row.messages, "messages", AXOLOTL_MESSAGE_RULES, problems, { calls: new Map(), toolNames });
  if (Array.isArray(row.messages)) {
    const flagged = row.messages.filter((m) => isRecord(m) && m.training !== undefined);
    const trains = flagged.length > 0 ? flagged.some((m) => isRecord(m) && m.training === true) : row.messages.some((m) => isRecord(m) && m.role === "assistant");
    if (!trains) problems.push("messages: nothing is trained (no message has training: true)");
  }
  return problems;
}
