import { z } from "zod";

/**
 * The OpenAI chat.completions wire format, as much of it as the simulator reads. Objects are loose:
 * real clients send many fields (temperature, user, provider extras) the simulator ignores.
 */

const ContentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });
const ContentSchema = z.union([z.string(), z.array(ContentPartSchema), z.null()]).optional();

export const WireToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("function").optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().optional() }),
});
export type WireToolCall = z.infer<typeof WireToolCallSchema>;

export const WireMessageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: ContentSchema,
  tool_calls: z.array(WireToolCallSchema).nullish(),
  tool_call_id: z.string().optional(),
});
export type WireMessage = z.infer<typeof WireMessageSchema>;

/** A JSON Schema, walked by hand where needed; kept as an open record. */
export type JsonSchema = Record<string, unknown>;

export const WireToolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type WireTool = z.infer<typeof WireToolSchema>;

export const ChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(WireMessageSchema).min(1),
  tools: z.array(WireToolSchema).nullish(),
  tool_choice: z.unknown().optional(),
  seed: z.number().int().nullish(),
  stream: z.boolean().nullish(),
  response_format: z
    .looseObject({
      type: z.string(),
      json_schema: z
        .looseObject({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional() })
        .optional(),
    })
    .nullish(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** What a policy decides; the server wraps it into a chat.completion. */
export interface AssistantReply {
  content: string | null;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
}

/** The visible text of a message, whether it came as a string or as content parts. */
export function messageText(m: WireMessage): string {
  const c = m.content;
  if (typeof c === "string") return c;
  if (!c) return "";
  let out = "";
  for (const part of c) if (typeof part.text === "string") out += (out ? "\n" : "") + part.text;
  return out;
}

let counter = 0;
const prefix = Math.random().toString(36).slice(2, 8);

/** Serialises a reply; token counts are a cheap chars/4 estimate, not a real tokenizer. */
export function completionBody(model: string, reply: AssistantReply, promptChars: number): string {
  const toolCalls = reply.toolCalls.map((c) => ({
    id: c.id,
    type: "function" as const,
    function: { name: c.name, arguments: c.arguments },
  }));
  let outChars = reply.content?.length ?? 0;
  for (const c of reply.toolCalls) outChars += c.name.length + c.arguments.length;
  const prompt = Math.ceil(promptChars / 4);
  const completion = Math.ceil(outChars / 4);
  return JSON.stringify({
    id: `chatcmpl-sim${prefix}${(++counter).toString(36)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.content,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop",
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  });
}

export function errorBody(message: string, type: string, code: string | null): string {
  return JSON.stringify({ error: { message, type, code } });
}
