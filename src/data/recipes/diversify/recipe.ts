import { z } from "zod";
import { booleanOption } from "../../pipeline/options.js";
import { defineRecipe, defineStage } from "../../pipeline/types.js";
import { exampleText, type ChatExample, type Example } from "../../types.js";
import { DIVERSIFY_RECIPE, DIVERSIFY_STAGE, runDiversify } from "./diversify.js";
import { readChatJsonl } from "./jsonl.js";
import { POOLS_VERSION } from "./pools.js";
import { TOOL_CATALOGUE_VERSION } from "./tool-catalogue.js";

/**
 * `plumbline generate diversify --input chats.jsonl`: runDiversify as a pipeline recipe. One stage, no
 * teacher: each conversation gets unused tool definitions and an operator system prompt, deterministically
 * from the seed and its id. The finishing chain still grades (when --grader is given), dedups, decontaminates
 * and exports.
 */

export const DiversifyRecipeOptionsSchema = z
  .object({
    toolsMin: z.coerce.number().int().min(0).default(1).describe("fewest unused tools attached to an example"),
    toolsMax: z.coerce.number().int().min(0).default(4).describe("most unused tools attached to an example"),
    systemPromptRate: z.coerce.number().min(0).max(1).default(1).describe("share of examples that get an operator system prompt"),
    keepOriginalSystem: booleanOption().default(true).describe("keep an existing system message after the operator prompt (false: replace it)"),
  })
  .strict()
  .refine((o) => o.toolsMax >= o.toolsMin, { message: "toolsMax must be at least toolsMin", path: ["toolsMax"] });
export type DiversifyRecipeOptions = z.infer<typeof DiversifyRecipeOptionsSchema>;

function settings(seed: number, o: DiversifyRecipeOptions) {
  return { seed, toolsPerExample: [o.toolsMin, o.toolsMax] as const, systemPromptRate: o.systemPromptRate, keepOriginalSystem: o.keepOriginalSystem };
}

const attach = defineStage<ChatExample, ChatExample, DiversifyRecipeOptions>({
  name: DIVERSIFY_STAGE,
  // The catalogue and pools decide the output as much as the code does.
  version: `1.0.0+tools-${TOOL_CATALOGUE_VERSION}+pools-${POOLS_VERSION}`,
  description: "attach unused tool definitions and an operator system prompt; the conversation is unchanged",
  templates: ["system/"],
  run(item, ctx) {
    const { examples, report } = runDiversify([item.value], { ...settings(ctx.seed, ctx.options), templates: ctx.templates });
    const out = examples[0];
    if (!out) {
      const why = report.skipped.find((s) => s.what === "example")?.reason ?? "left out by diversify";
      return { outputs: [], rejected: [{ id: item.id, reason: `${DIVERSIFY_STAGE}: ${why}` }] };
    }
    return { outputs: [{ id: out.id, value: out }] };
  },
});

/** Near-duplicates are judged on the conversation, not on the operator prompt many examples share. */
function conversationText(example: Example): string {
  return example.kind === "chat" ? exampleText({ ...example, messages: example.messages.filter((m) => m.role !== "system") } as Example) : exampleText(example);
}

export const diversifyRecipe = defineRecipe<DiversifyRecipeOptions>({
  name: DIVERSIFY_RECIPE,
  version: "1.0.0",
  description: "Attach unused tool definitions and varied operator system prompts to any chat dataset, keeping each conversation intact.",
  output: "chat",
  needsTeacher: false,
  input: { required: true, description: "chat JSONL in OpenAI format (one {\"messages\": [...]} per line)" },
  options: DiversifyRecipeOptionsSchema as unknown as z.ZodType<DiversifyRecipeOptions>,
  sourceName: "read-chat-jsonl",
  validate(ctx) {
    // Checks the options and that every system template's placeholders have pools, before any work.
    runDiversify([], { ...settings(ctx.seed, ctx.options), templates: ctx.templates });
  },
  async source(ctx) {
    const examples = await readChatJsonl(ctx.input!);
    return examples.map((e) => ({ id: e.id, value: e }));
  },
  stages: [attach],
  dedupText: conversationText,
  gradingPurpose:
    "Ordinary chat data placed in a realistic deployment: an operator system prompt and tool definitions the conversation does not use. Keep an example when the assistant's replies are helpful, honest and harmless in that setting; tools that go unused are expected.",
});
