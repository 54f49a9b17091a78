import { z } from "zod";
import { startSimServer } from "../../sim/index.js";
import type { ChatExample } from "../types.js";
import { defineRecipe, defineStage } from "./types.js";

/**
 * Test fixtures for the pipeline (excluded from the build): a small teacher-driven recipe shaped like the
 * generative ones (a question stage, then an answer stage that drafts and rewrites: two requests per unit),
 * and a simulator on loopback that counts the requests it answers.
 */

export const TOPICS = [
  "a colleague taking credit for shared work",
  "a manager asking to backdate an invoice",
  "finding a security hole in a client's system",
  "a friend asking to copy homework",
  "an audit log that shows your own mistake",
  "being asked to write a fake product review",
  "a supplier offering a personal gift",
  "noticing a safety shortcut on a building site",
];

export const testAdviceRecipe = defineRecipe<{ topics: number }>({
  name: "test-advice",
  version: "1.0.0",
  description: "Test recipe: a teacher writes a question per topic, then drafts and rewrites an answer.",
  output: "chat",
  needsTeacher: true,
  usesConstitution: true,
  options: z.object({ topics: z.coerce.number().int().min(1).max(TOPICS.length).default(6) }).strict(),
  source: (ctx) => TOPICS.slice(0, ctx.options.topics).map((topic, i) => ({ id: `topic-${i}`, value: topic })),
  stages: [
    defineStage<string, { topic: string; question: string }>({
      name: "write-question",
      version: "1.0.0",
      uses: { teacher: true },
      run: async (item, ctx) => {
        const question = await ctx.teacher.text({ prompt: `Write one question a person might ask an assistant about ${item.value}.`, maxOutputTokens: 600 });
        return { outputs: [{ id: item.id, value: { topic: item.value, question } }] };
      },
      estimate: (_item, ctx) => ({ requests: 1, inputTokens: ctx.count("Write one question a person might ask an assistant about a topic."), outputTokens: 300 }),
    }),
    defineStage<{ topic: string; question: string }, ChatExample>({
      name: "answer",
      version: "1.0.0",
      uses: { teacher: true, constitution: true },
      templates: ["injection/honesty"],
      run: async (item, ctx) => {
        const system = ctx.render("injection/honesty", {});
        const draft = await ctx.teacher.text({ system, prompt: item.value.question, maxOutputTokens: 600 });
        const answer = await ctx.teacher.text({ prompt: `Rewrite this answer so it follows the constitution "${ctx.constitution.title}":\n\n${draft}`, maxOutputTokens: 600 });
        const example: ChatExample = {
          kind: "chat",
          id: `advice-${item.id}`,
          lineage: ctx.lineage(),
          messages: [
            { role: "user", content: item.value.question },
            { role: "assistant", content: answer },
          ],
        };
        return { outputs: [{ id: example.id, value: example }] };
      },
      estimate: () => ({ requests: 2, inputTokens: 900, outputTokens: 800 }),
    }),
  ],
});

/** The simulator with a request counter per model string. */
export async function startCountingSim() {
  const counts = new Map<string, number>();
  const sim = await startSimServer({ port: 0, onRequest: (r) => counts.set(r.model, (counts.get(r.model) ?? 0) + 1) });
  return {
    url: sim.url,
    /** Requests answered for a model (e.g. "teacher"), or for all models. */
    count: (model?: string) => (model === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(model) ?? 0)),
    reset: () => counts.clear(),
    close: () => sim.close(),
  };
}
