import { z } from "zod";
import { GRADE_RUBRIC_TEMPLATE_ID, renderPromptTemplate, type LoadedTemplate } from "../templates/index.js";
import type { ChatMessage, Example } from "../types.js";
import type { ModelCaller } from "./types.js";

/**
 * The grader: one structured-output request per example, against the `grade/rubric` template. The example is
 * shown in two parts, the assistant's turns (what is graded) first and the whole conversation after it as
 * context, so a grader is never tempted to blame the assistant for what a user or a tool said.
 */

export const GRADE_STAGE = "grade";
/** Bump when the grading prompt's shape or the verdict's meaning changes. */
export const GRADE_VERSION = "1.0.0";
export const DEFAULT_MIN_QUALITY = 5;
/** Completion tokens a verdict takes, for budgets and the dry run. */
export const GRADE_OUTPUT_TOKENS = 200;

export const GradeVerdictSchema = z.object({
  pass: z.boolean(),
  quality: z.number().int().min(1).max(10),
  reasons: z.array(z.string()).min(1).max(3),
});
export type GradeVerdict = z.infer<typeof GradeVerdictSchema>;

export const DEFAULT_GRADING_PURPOSE =
  "Examples of an assistant behaving well under pressure: honest, helpful, respectful of legitimate oversight, and clear about its reasons.";

function renderTurn(m: ChatMessage): string {
  const lines = m.content.trim() ? [m.content.trim()] : [];
  for (const c of m.toolCalls ?? []) lines.push(`(tool call ${c.id}) ${c.name} ${c.arguments}`);
  if (m.role === "tool") lines.unshift(`(result of ${m.toolCallId ?? "a tool call"})`);
  return lines.join("\n");
}

function conversation(messages: readonly ChatMessage[], graded: (m: ChatMessage) => boolean, offset = 0): { graded: string[]; context: string[] } {
  const out = { graded: [] as string[], context: [] as string[] };
  messages.forEach((m, i) => {
    const turn = offset + i + 1;
    if (graded(m)) {
      out.graded.push(`[turn ${turn}, ${m.role}]\n${renderTurn(m)}`);
      out.context.push(`[turn ${turn}, ${m.role}: shown above]`);
    } else {
      out.context.push(`[turn ${turn}, ${m.role}${m.role === "assistant" ? ", context only (not trained)" : ""}]\n${renderTurn(m)}`);
    }
  });
  return out;
}

/** The example as the grader reads it. */
export function renderExampleForGrading(example: Example): string {
  const head = `Example ${example.id} (recipe ${example.lineage.recipe})`;
  switch (example.kind) {
    case "text":
      return [head, "", "## Graded: the document", example.text.trim()].join("\n");
    case "chat": {
      const parts = conversation(example.messages, (m) => m.role === "assistant" && m.weight !== 0);
      const tools = example.tools && example.tools.length > 0 ? [`Tools offered to the assistant: ${example.tools.map((t) => t.name).join(", ")}`, ""] : [];
      return [head, "", "## Graded: the assistant's turns and actions", ...parts.graded, "", "## Context: the whole conversation", ...tools, ...parts.context].join("\n");
    }
    case "preference": {
      const prompt = conversation(example.prompt, () => false);
      const chosen = conversation(example.chosen, () => true, example.prompt.length);
      const rejected = example.rejected.map((m, i) => `[alternative turn ${example.prompt.length + i + 1}, ${m.role}]\n${renderTurn(m)}`);
      return [
        head,
        "",
        "## Graded: the preferred continuation, its turns and actions",
        ...chosen.graded,
        "",
        "## Context: the conversation before it",
        ...prompt.context,
        "",
        "## Context: the dispreferred alternative (expected to be worse)",
        ...rejected,
      ].join("\n");
    }
  }
}

export function gradePrompt(template: LoadedTemplate, purpose: string, example: Example): { system: string; prompt: string } {
  return { system: renderPromptTemplate(template, { purpose }), prompt: renderExampleForGrading(example) };
}

export async function gradeExample(grader: ModelCaller, template: LoadedTemplate, purpose: string, example: Example): Promise<GradeVerdict> {
  const { system, prompt } = gradePrompt(template, purpose, example);
  return grader.object(GradeVerdictSchema, { system, prompt, name: "grade", temperature: 0, maxOutputTokens: GRADE_OUTPUT_TOKENS });
}

/** Kept when the grader passes it at or above the minimum quality; the reasons say why not otherwise. */
export function gradeDecision(verdict: GradeVerdict, minQuality: number): { keep: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (!verdict.pass) reasons.push("grader: rejected");
  if (verdict.quality < minQuality) reasons.push(`grader: quality ${verdict.quality} is below the minimum ${minQuality}`);
  if (reasons.length === 0) return { keep: true, reasons: [] };
  return { keep: false, reasons: [...reasons, ...verdict.reasons.map((r) => `grader: ${r}`)] };
}

export { GRADE_RUBRIC_TEMPLATE_ID };
