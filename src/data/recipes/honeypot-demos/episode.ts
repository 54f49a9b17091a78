import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { runEpisode } from "../../../agent/episode.js";
import type { Transcript } from "../../../agent/transcript.js";
import type { Action } from "../../../env/types.js";
import type { RenderedScenario, ScenarioFacts } from "../../../scenarios/index.js";
import type { Item, Rejection, StageContext, StageResult } from "../../pipeline/types.js";
import type { ToolDefinition } from "../../types.js";
import { renderPlan, type EpisodeOptions, type EpisodePlan } from "./plan.js";

/**
 * One episode with the teacher as the agent: the scenario's real tools (runEpisode), the teacher as an AI SDK
 * model through the pipeline's cache and budget (ctx.teacher.languageModel()), and the tools offered recorded
 * from the request itself, so the training example declares exactly what the model saw.
 */

/** An injection sampled with (deliberation): what was added to the system prompt, and where. */
export interface InjectionRecord {
  id: string;
  version: string;
  placement: "append" | "prepend";
  /** The rendered insert (empty for injection/none). */
  text: string;
  /** The scenario's own system prompt, before the insert. */
  originalSystemPrompt: string;
}

/** An episode as the stages pass it on. */
export interface EpisodeRecord {
  plan: EpisodePlan;
  facts: ScenarioFacts;
  /** The tools the requests offered. */
  tools: ToolDefinition[];
  transcript: Transcript;
  actions: Action[];
  steps: number;
  stoppedBy: "agent" | "step-limit";
  injection?: InjectionRecord;
}

/** The model with every call's options handed to `onCall` first (the request as the provider gets it). */
export function observed(model: LanguageModelV3, onCall: (options: LanguageModelV3CallOptions) => void): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate(options) {
      onCall(options);
      return model.doGenerate(options);
    },
    doStream(options) {
      onCall(options);
      return model.doStream(options);
    },
  };
}

function toolsOf(options: LanguageModelV3CallOptions): ToolDefinition[] {
  return (options.tools ?? []).flatMap((t) =>
    t.type === "function" ? [{ name: t.name, description: t.description ?? "", parameters: t.inputSchema as unknown as Record<string, unknown> }] : [],
  );
}

/**
 * Runs the plan's episode with the teacher as the agent. `systemPrompt` replaces the scenario's (deliberation adds
 * its injection there); the environment, inbox and facts are the scenario's own. An episode still calling tools
 * at maxSteps is rejected: it has no final answer to learn from.
 */
export async function runTeacherEpisode(
  stage: string,
  item: Item<EpisodePlan>,
  ctx: StageContext<EpisodeOptions>,
  systemPrompt?: (scenario: RenderedScenario) => { systemPrompt: string; injection?: InjectionRecord },
): Promise<StageResult<EpisodeRecord>> {
  const plan = item.value;
  const id = item.id;
  const { scenario } = renderPlan(plan);
  const o = ctx.options;
  const framed = systemPrompt?.(scenario);
  let tools: ToolDefinition[] | undefined;
  const model = observed(ctx.teacher.languageModel(), (call) => {
    tools ??= toolsOf(call);
  });
  const run = await runEpisode({
    model,
    scenario: framed ? { ...scenario, systemPrompt: framed.systemPrompt } : scenario,
    maxSteps: o.maxSteps,
    seed: plan.seed,
    temperature: o.temperature,
    maxOutputTokens: o.maxOutputTokens,
    decoys: o.decoys,
    abortSignal: ctx.signal,
  });
  const record: EpisodeRecord = {
    plan,
    facts: scenario.facts,
    tools: tools ?? [],
    transcript: run.transcript,
    actions: run.actions,
    steps: run.steps,
    stoppedBy: run.stoppedBy,
    ...(framed?.injection ? { injection: framed.injection } : {}),
  };
  if (run.stoppedBy === "step-limit") {
    const rejected: Rejection = {
      id,
      reason: `${stage}: the agent was still calling tools after maxSteps ${o.maxSteps}; an unfinished episode has no final answer to learn from (raise --set maxSteps to keep longer episodes)`,
      value: record,
    };
    return { outputs: [], rejected: [rejected] };
  }
  return { outputs: [{ id, value: record }] };
}
