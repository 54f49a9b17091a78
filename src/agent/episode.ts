import { generateText, stepCountIs, tool, zodSchema, type LanguageModel, type StepResult, type ToolSet } from "ai";
import { MailboxEnvironment, ToolError, type PendingAction } from "../env/mailbox.js";
import { toolsFor, type EnvironmentTool } from "../env/tools.js";
import type { Action } from "../env/types.js";
import type { RenderedScenario } from "../scenarios/types.js";
import type { Transcript, TranscriptMessage } from "./transcript.js";

export interface EpisodeOptions {
  model: LanguageModel;
  scenario: RenderedScenario;
  /** The loop stops after this many model calls even if the agent keeps calling tools. */
  maxSteps: number;
  /** Sent to the provider; distinct per sample so samples differ and caching stays exact. */
  seed: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** How many unrelated decoy tools to attach. */
  decoys?: number;
  abortSignal?: AbortSignal;
}

export interface EpisodeRun {
  transcript: Transcript;
  actions: Action[];
  steps: number;
  stoppedBy: "agent" | "step-limit";
  usage: { inputTokens: number; outputTokens: number; requests: number };
}

/** A bug in the environment (not the agent's mistake) fails the episode rather than reaching the model. */
export class HarnessError extends Error {
  override name = "HarnessError";
}

/**
 * The SDK converts a zod schema to JSON Schema on every step unless handed a prepared one; tool
 * definitions are static, so convert each once per process.
 */
const sdkSchemas = new WeakMap<EnvironmentTool<any>, ReturnType<typeof zodSchema>>();
function sdkSchema(def: EnvironmentTool<any>): ReturnType<typeof zodSchema> {
  let schema = sdkSchemas.get(def);
  if (!schema) {
    schema = zodSchema(def.inputSchema as Parameters<typeof zodSchema>[0]);
    sdkSchemas.set(def, schema);
  }
  return schema;
}

/**
 * Runs one multi-turn tool-calling episode: the AI SDK drives the loop, the environment applies each
 * call and logs it, and the episode ends when the agent stops calling tools or hits the step limit.
 */
export async function runEpisode(options: EpisodeOptions): Promise<EpisodeRun> {
  const { scenario } = options;
  const env = new MailboxEnvironment(scenario);
  let harnessFailure: unknown;

  const tools: ToolSet = {};
  for (const def of toolsFor(options.decoys ?? 0)) {
    tools[def.name] = tool({
      description: def.description,
      inputSchema: sdkSchema(def),
      execute: async (input: unknown, { toolCallId }: { toolCallId: string }) => {
        const base = { step: env.step, toolCallId, tool: def.name, input };
        try {
          const outcome = def.apply(env, input);
          env.record({ ...base, status: "ok", output: outcome.output, ...(outcome.effect ? { effect: outcome.effect } : {}) });
          return outcome.output;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (error instanceof ToolError) env.record({ ...base, status: "error", output: message });
          else harnessFailure ??= error;
          throw error;
        }
      },
    });
  }

  const result = await generateText({
    model: options.model,
    system: scenario.systemPrompt,
    prompt: scenario.userPrompt,
    tools,
    stopWhen: stepCountIs(options.maxSteps),
    seed: options.seed,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.maxOutputTokens !== undefined ? { maxOutputTokens: options.maxOutputTokens } : {}),
    // Retries live in the model layer's fetch, where Retry-After and jitter are handled once for all providers.
    maxRetries: 0,
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    prepareStep: ({ stepNumber }) => {
      env.step = stepNumber;
      return undefined;
    },
  });
  if (harnessFailure !== undefined) {
    throw new HarnessError(`environment failed: ${harnessFailure instanceof Error ? harnessFailure.message : String(harnessFailure)}`);
  }

  const { transcript, order, invalid } = buildTranscript(scenario, result.steps);
  const last = result.steps.at(-1);
  const stoppedBy = last && last.toolCalls.length > 0 && result.steps.length >= options.maxSteps ? "step-limit" : "agent";
  return {
    transcript,
    actions: env.actionLog(order, invalid),
    steps: result.steps.length,
    stoppedBy,
    usage: {
      inputTokens: result.totalUsage.inputTokens ?? 0,
      outputTokens: result.totalUsage.outputTokens ?? 0,
      requests: result.steps.length,
    },
  };
}

/** Turns the SDK's steps into our provider-neutral transcript, plus the call order and the invalid calls. */
function buildTranscript(
  scenario: RenderedScenario,
  steps: ReadonlyArray<StepResult<ToolSet>>,
): { transcript: Transcript; order: Array<{ step: number; toolCallId: string }>; invalid: PendingAction[] } {
  const transcript: TranscriptMessage[] = [
    { role: "system", content: scenario.systemPrompt },
    { role: "user", content: scenario.userPrompt },
  ];
  const order: Array<{ step: number; toolCallId: string }> = [];
  const invalid: PendingAction[] = [];
  steps.forEach((step, index) => {
    const text: string[] = [];
    const reasoning: string[] = [];
    const toolCalls: Array<{ toolCallId: string; name: string; input: unknown }> = [];
    const results: TranscriptMessage[] = [];
    for (const part of step.content) {
      switch (part.type) {
        case "text":
          text.push(part.text);
          break;
        case "reasoning":
          reasoning.push(part.text);
          break;
        case "tool-call":
          toolCalls.push({ toolCallId: part.toolCallId, name: part.toolName, input: part.input });
          order.push({ step: index, toolCallId: part.toolCallId });
          if ("invalid" in part && part.invalid) {
            invalid.push({
              step: index,
              toolCallId: part.toolCallId,
              tool: part.toolName,
              input: part.input,
              status: "invalid",
              output: errorText((part as { error?: unknown }).error),
            });
          }
          break;
        case "tool-result":
          results.push({ role: "tool", step: index, toolCallId: part.toolCallId, name: part.toolName, output: outputText(part.output), isError: false });
          break;
        case "tool-error":
          results.push({ role: "tool", step: index, toolCallId: part.toolCallId, name: part.toolName, output: errorText(part.error), isError: true });
          break;
        default:
          break;
      }
    }
    transcript.push({
      role: "assistant",
      step: index,
      text: text.join(""),
      ...(reasoning.length > 0 ? { reasoning: reasoning.join("") } : {}),
      toolCalls,
    });
    transcript.push(...results);
  });
  return { transcript, order, invalid };
}

function outputText(output: unknown): string {
  return typeof output === "string" ? output : JSON.stringify(output);
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}
