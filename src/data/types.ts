import { z } from "zod";

/**
 * Training examples as the data pipelines produce them, before any export format. Exports (OpenAI chat,
 * DPO, TRL, axolotl, plain text) are pure functions of these, so every format is written from one shape.
 */

export const ToolCallSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Arguments as a JSON string, as the chat APIs carry them. */
  arguments: z.string(),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const ChatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string(),
  /** Assistant messages only. */
  toolCalls: z.array(ToolCallSchema).optional(),
  /** Tool messages only: the call this answers. */
  toolCallId: z.string().optional(),
  /** Assistant messages only: 0 = context, not trained on; 1 (default) = trained on. */
  weight: z.union([z.literal(0), z.literal(1)]).optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** A function tool offered to the model (JSON Schema parameters), used or not. */
export const ToolDefinitionSchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;

/** Where an example came from: enough to regenerate it or trace a problem back to a stage. */
export const LineageSchema = z.object({
  recipe: z.string().min(1),
  /** Each pipeline stage that produced or changed the example, in order. */
  stages: z.array(
    z.object({
      name: z.string(),
      templateId: z.string().optional(),
      templateVersion: z.string().optional(),
      model: z.string().optional(),
      /** Hash of the stage's output, to tie cached stage results to the example. */
      outputHash: z.string().optional(),
    }),
  ),
  teacher: z.string().optional(),
  grader: z.string().optional(),
  constitution: z.object({ name: z.string(), hash: z.string() }).optional(),
  seed: z.number().int(),
  /** For examples derived from eval scenarios: which suite and split (held-out suites are refused as sources). */
  source: z.object({ suite: z.string(), split: z.enum(["in-distribution", "held-out"]), conditionId: z.string().optional() }).optional(),
});
export type Lineage = z.infer<typeof LineageSchema>;

const base = { id: z.string().min(1), lineage: LineageSchema, meta: z.record(z.string(), z.unknown()).optional() };

export const ChatExampleSchema = z.object({
  kind: z.literal("chat"),
  ...base,
  messages: z.array(ChatMessageSchema).min(1),
  tools: z.array(ToolDefinitionSchema).optional(),
});
export const PreferenceExampleSchema = z.object({
  kind: z.literal("preference"),
  ...base,
  /** The shared conversation up to the turn being compared. */
  prompt: z.array(ChatMessageSchema).min(1),
  chosen: z.array(ChatMessageSchema).min(1),
  rejected: z.array(ChatMessageSchema).min(1),
  tools: z.array(ToolDefinitionSchema).optional(),
});
export const TextExampleSchema = z.object({
  kind: z.literal("text"),
  ...base,
  text: z.string().min(1),
});
export const ExampleSchema = z.discriminatedUnion("kind", [ChatExampleSchema, PreferenceExampleSchema, TextExampleSchema]);

export type ChatExample = z.infer<typeof ChatExampleSchema>;
export type PreferenceExample = z.infer<typeof PreferenceExampleSchema>;
export type TextExample = z.infer<typeof TextExampleSchema>;
export type Example = z.infer<typeof ExampleSchema>;

/** All the text of an example, in order, for deduplication, decontamination and token counting. */
export function exampleText(example: Example): string {
  switch (example.kind) {
    case "text":
      return example.text;
    case "chat":
      return messagesText(example.messages);
    case "preference":
      return [messagesText(example.prompt), messagesText(example.chosen), messagesText(example.rejected)].join("\n");
  }
}

function messagesText(messages: readonly ChatMessage[]): string {
  return messages
    .map((m) => [m.content, ...(m.toolCalls ?? []).map((c) => `${c.name} ${c.arguments}`)].filter(Boolean).join("\n"))
    .join("\n");
}
