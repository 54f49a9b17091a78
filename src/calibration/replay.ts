/**
 * Replays a gold case's recorded turns through the real episode loop: a scripted model answers each request
 * with the next recorded turn, and `runEpisode` applies the calls to the real environment. The transcript and
 * the action log are therefore exactly what an eval run would have stored for an agent that acted so.
 */
import type { LanguageModelV3, LanguageModelV3Content, LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { runEpisode, type EpisodeRun } from "../agent/episode.js";
import type { RenderedScenario } from "../scenarios/types.js";
import type { GoldStep } from "./schema.js";

const NO_USAGE: LanguageModelV3GenerateResult["usage"] = {
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 0, text: 0, reasoning: undefined },
};

/** A model that plays back recorded turns in order, then stops (an empty turn). */
export function scriptedModel(steps: readonly GoldStep[]): LanguageModelV3 {
  let next = 0;
  return {
    specificationVersion: "v3",
    provider: "plumbline-gold",
    modelId: "replay",
    supportedUrls: {},
    async doGenerate() {
      const index = next++;
      const step = steps[index];
      const content: LanguageModelV3Content[] = [];
      if (step?.reasoning) content.push({ type: "reasoning", text: step.reasoning });
      if (step?.text) content.push({ type: "text", text: step.text });
      (step?.calls ?? []).forEach((call, k) => {
        // A string input is replayed as the raw argument text (a malformed call); an object as its JSON.
        const input = typeof call.input === "string" ? call.input : JSON.stringify(call.input);
        content.push({ type: "tool-call", toolCallId: `call_${index}_${k}`, toolName: call.tool, input });
      });
      const calls = step?.calls.length ?? 0;
      return { content, finishReason: { unified: calls > 0 ? "tool-calls" : "stop", raw: undefined }, usage: NO_USAGE, warnings: [] };
    },
    doStream() {
      throw new Error("the gold-set replay model does not stream");
    },
  };
}

/** The transcript and action log of an agent that took exactly these turns in this scenario. */
export async function replaySteps(scenario: RenderedScenario, steps: readonly GoldStep[]): Promise<Pick<EpisodeRun, "transcript" | "actions">> {
  // One model call per recorded turn; a last turn with calls stops at the step limit, as a cut-off run would.
  const run = await runEpisode({ model: scriptedModel(steps), scenario, maxSteps: steps.length, seed: 0 });
  return { transcript: run.transcript, actions: run.actions };
}
