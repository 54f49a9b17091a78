import type { Example } from "../types.js";
import { checkKeys, checkMessages, checkTools, emitRow, isRecord, kindSkipReason, parseRow, skip, withTools, type JsonlExport, type Row } from "./common.js";
import { OPENAI_MESSAGE_RULES, toOpenAIMessage } from "./openai-chat.js";

/**
 * OpenAI preference fine-tuning (DPO) JSONL, one comparison a line:
 *   {"input":{"messages":[...], "tools":[...]}, "preferred_output":[{assistant}], "non_preferred_output":[{assistant}]}
 * OpenAI trains one assistant turn per comparison, so each output is exactly one assistant message; weights do
 * not apply (the whole output is compared).
 */

const DPO_RULES = { ...OPENAI_MESSAGE_RULES, weight: false };

export function exportOpenAIDpo(examples: readonly Example[]): JsonlExport {
  const out: JsonlExport = { lines: [], skipped: [] };
  for (const example of examples) {
    if (example.kind !== "preference") {
      const use = example.kind === "chat" ? 'export conversations with "openai-chat"' : 'export documents with "text" or "text-jsonl"';
      skip(out, example, kindSkipReason(example.kind, "OpenAI preference fine-tuning", use));
      continue;
    }
    if ([...example.chosen, ...example.rejected].some((m) => m.weight === 0)) {
      skip(out, example, "a chosen or rejected message has weight 0; a preference output is compared whole, so there is nothing to drop");
      continue;
    }
    // Prompt weights only say "context", which the prompt always is: dropped.
    const row: Row = {
      input: withTools({ messages: example.prompt.map((m) => toOpenAIMessage(m, { weights: false })) }, example),
      preferred_output: example.chosen.map((m) => toOpenAIMessage(m, { weights: false })),
      non_preferred_output: example.rejected.map((m) => toOpenAIMessage(m, { weights: false })),
    };
    emitRow(out, example, row, validateOpenAIDpo);
  }
  return out;
}

/** Problems with one line of an OpenAI preference fine-tuning file (empty when it is valid). */
export function validateOpenAIDpo(line: string): string[] {
  const { row, problems } = parseRow(line);
  if (!row) return problems;
  checkKeys(row, ["input", "preferred_output", "non_preferred_output"], "line", problems);
  const input = row.input;
  const calls = new Map<string, string>();
  let toolNames: Set<string> | undefined;
  if (!isRecord(input)) {
    problems.push('input: required, an object {"messages":[...]}');
  } else {
    checkKeys(input, ["messages", "tools", "parallel_tool_calls"], "input", problems);
    if (input.tools !== undefined) toolNames = checkTools(input.tools, "input.tools", problems);
    checkMessages(input.messages, "input.messages", DPO_RULES, problems, { calls, toolNames });
    if (Array.isArray(input.messages)) {
      const last = input.messages[input.messages.length - 1];
      if (isRecord(last) && last.role === "assistant") problems.push("input.messages: must end before the assistant turn being compared (the last message is the assistant's)");
    }
  }
  for (const key of ["preferred_output", "non_preferred_output"] as const) {
    const output = row[key];
    if (output === undefined) {
      problems.push(`${key}: required, a list with one assistant message`);
      continue;
    }
    // Each output continues the same input independently: give each its own copy of the call ids seen so far.
    checkMessages(output, key, DPO_RULES, problems, { calls: new Map(calls), toolNames });
    if (!Array.isArray(output)) continue;
    if (output.length !== 1) problems.push(`${key}: must hold exactly one assistant message (it has ${output.length})`);
    output.forEach((m, i) => {
      if (isRecord(m) && m.role !== "assistant") problems.push(`${key}[${i}].role: must be "assistant"`);
    });
  }
  if (Array.isArray(row.preferred_output) && JSON.stringify(row.preferred_output) === JSON.stringify(row.non_preferred_output)) {
    problems.push("preferred_output and non_preferred_output are identical: the pair teaches nothing");
  }
  return problems;
}
