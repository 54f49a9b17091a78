import type { Example } from "../types.js";
import { exportAxolotl, validateAxolotl } from "./axolotl.js";
import type { JsonlExport, Skipped, TextExport } from "./common.js";
import { exportOpenAIChat, validateOpenAIChat } from "./openai-chat.js";
import { exportOpenAIDpo, validateOpenAIDpo } from "./openai-dpo.js";
import { exportText, exportTextJsonl, validateText, validateTextJsonl, type TextOptions } from "./text.js";
import { exportTrlMessages, exportTrlPreference, exportTrlPromptCompletion, validateTrlMessages, validateTrlPreference, validateTrlPromptCompletion, type TrlOptions } from "./trl.js";

export type { JsonlExport, Skipped, TextExport } from "./common.js";
export type { TextOptions } from "./text.js";
export type { TrlOptions } from "./trl.js";
export * from "./axolotl.js";
export * from "./openai-chat.js";
export * from "./openai-dpo.js";
export * from "./text.js";
export * from "./trl.js";

export const EXPORT_FORMAT_NAMES = ["openai-chat", "openai-dpo", "trl-messages", "trl-prompt-completion", "trl-preference", "axolotl", "text", "text-jsonl"] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

export type ExportOptions = TextOptions & TrlOptions;
export type ExportOutput = JsonlExport | TextExport;

export interface ExportFormat {
  name: ExportFormatName;
  /** One line for humans. */
  title: string;
  /** Example kinds this format writes; others are skipped with a reason. */
  accepts: readonly Example["kind"][];
  fileName: "train.jsonl" | "train.txt";
  export(examples: readonly Example[], options?: ExportOptions): ExportOutput;
  /** JSONL formats: problems with one line. "text": problems with the whole file. */
  validate(content: string): string[];
  /**
   * The example as this format trains it, for token accounting, when that differs from the example's own
   * weights (prompt-completion trains only the final assistant turn).
   */
  trainedView?(example: Example): Example;
}

export const EXPORT_FORMATS: Readonly<Record<ExportFormatName, ExportFormat>> = {
  "openai-chat": {
    name: "openai-chat",
    title: "OpenAI supervised fine-tuning (chat JSONL)",
    accepts: ["chat"],
    fileName: "train.jsonl",
    export: (examples) => exportOpenAIChat(examples),
    validate: validateOpenAIChat,
  },
  "openai-dpo": {
    name: "openai-dpo",
    title: "OpenAI preference fine-tuning (DPO JSONL)",
    accepts: ["preference"],
    fileName: "train.jsonl",
    export: (examples) => exportOpenAIDpo(examples),
    validate: validateOpenAIDpo,
  },
  "trl-messages": {
    name: "trl-messages",
    title: "TRL conversational language modeling (messages)",
    accepts: ["chat"],
    fileName: "train.jsonl",
    export: (examples, options) => exportTrlMessages(examples, options),
    validate: validateTrlMessages,
  },
  "trl-prompt-completion": {
    name: "trl-prompt-completion",
    title: "TRL conversational prompt-completion",
    accepts: ["chat"],
    fileName: "train.jsonl",
    export: (examples, options) => exportTrlPromptCompletion(examples, options),
    validate: validateTrlPromptCompletion,
    trainedView: (example) =>
      example.kind === "chat"
        ? { ...example, messages: example.messages.map((m, i) => (i === example.messages.length - 1 || m.role !== "assistant" ? m : { ...m, weight: 0 as const })) }
        : example,
  },
  "trl-preference": {
    name: "trl-preference",
    title: "TRL conversational preference (prompt/chosen/rejected)",
    accepts: ["preference"],
    fileName: "train.jsonl",
    export: (examples, options) => exportTrlPreference(examples, options),
    validate: validateTrlPreference,
  },
  axolotl: {
    name: "axolotl",
    title: "axolotl chat_template (messages with per-message training flags)",
    accepts: ["chat"],
    fileName: "train.jsonl",
    export: (examples) => exportAxolotl(examples),
    validate: validateAxolotl,
  },
  text: {
    name: "text",
    title: "Plain text for document fine-tuning",
    accepts: ["text"],
    fileName: "train.txt",
    export: (examples, options) => exportText(examples, options),
    validate: validateText,
  },
  "text-jsonl": {
    name: "text-jsonl",
    title: 'Text JSONL ({"text": ...}) for document fine-tuning',
    accepts: ["text"],
    fileName: "train.jsonl",
    export: (examples) => exportTextJsonl(examples),
    validate: validateTextJsonl,
  },
};

export function getExportFormat(name: string): ExportFormat {
  if ((EXPORT_FORMAT_NAMES as readonly string[]).includes(name)) return EXPORT_FORMATS[name as ExportFormatName];
  throw new Error(`unknown export format "${name}"; valid formats: ${EXPORT_FORMAT_NAMES.join(", ")}`);
}

/** The file content of an export: JSONL lines joined (with a final newline), or the text as is. */
export function exportContent(output: ExportOutput): string {
  return "lines" in output ? output.lines.map((l) => `${l}\n`).join("") : output.text;
}

/** Re-validates a whole file's content with the format's validator; each problem names its line. */
export function validateContent(format: ExportFormat, content: string): string[] {
  if (format.fileName === "train.txt") return format.validate(content);
  const problems: string[] = [];
  const lines = content.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) problems.push("the file has no lines");
  lines.forEach((line, i) => {
    for (const p of format.validate(line)) problems.push(`line ${i + 1}: ${p}`);
  });
  return problems;
}

/** Skipped examples grouped by reason, largest group first (for cards and CLI summaries). */
export function skippedByReason(skipped: readonly Skipped[]): Array<{ reason: string; ids: string[] }> {
  const groups = new Map<string, string[]>();
  for (const s of skipped) {
    const ids = groups.get(s.reason) ?? [];
    ids.push(s.id);
    groups.set(s.reason, ids);
  }
  return [...groups].map(([reason, ids]) => ({ reason, ids })).sort((a, b) => b.ids.length - a.ids.length || (a.reason < b.reason ? -1 : 1));
}
