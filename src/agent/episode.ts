import type {
  JSONSchema7,
  LanguageModelV3,
  LanguageModelV3Content,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3ToolCall,
  LanguageModelV3ToolResultOutput,
} from "@ai-sdk/provider";
import { z } from "zod";
import { MailboxEnvironment, ToolError, type PendingAction } from "../env/mailbox.js";
import { toolsFor, type EnvironmentTool } from "../env/tools.js";
import type { Action } from "../env/types.js";
import type { RenderedScenario } from "../scenarios/types.js";
import type { Transcript, TranscriptMessage, TranscriptToolCall } from "./transcript.js";

export interface EpisodeOptions {
  /** An AI SDK language model (any provider: OpenAI, Anthropic, OpenAI-compatible, middleware-wrapped). */
  model: LanguageModelV3;
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

/** Tool definitions as the provider interface takes them; static, so converted to JSON Schema once per process. */
const providerTools = new WeakMap<EnvironmentTool<any>, LanguageModelV3FunctionTool>();
function providerTool(def: EnvironmentTool<any>): LanguageModelV3FunctionTool {
  let t = providerTools.get(def);
  if (!t) {
    t = {
      type: "function",
      name: def.name,
      description: def.description,
      inputSchema: z.toJSONSchema(def.inputSchema, { target: "draft-7", io: "input" }) as JSONSchema7,
    };
    providerTools.set(def, t);
  }
  return t;
}

/**
 * Runs one multi-turn tool-calling episode on the AI SDK's provider interface (LanguageModelV3): the
 * provider packages (OpenAI, Anthropic, OpenAI-compatible) build each request and parse each reply; this
 * loop applies the tool calls to the environment, logs them, and feeds the results back, until the agent
 * stops calling tools or hits the step limit.
 *
 * Why not `generateText` with tools: it re-validates and re-converts the whole growing prompt on every
 * step and builds a rich result object we do not use, about 1 ms of CPU per step, several times the cost
 * of the HTTP round trip itself when hundreds of episodes run at once on two cores (see
 * bench/eval-throughput.ts). The loop below keeps the same semantics: calls in a step run in order, an
 * unknown tool or input that fails the tool's schema goes back to the model as an error result, and a
 * tool's own error is an error result the agent can read and recover from.
 */
export async function runEpisode(options: EpisodeOptions): Promise<EpisodeRun> {
  const { scenario, model } = options;
  if (typeof model !== "object" || model === null || model.specificationVersion !== "v3") {
    throw new TypeError("runEpisode needs an AI SDK LanguageModelV3 (createModelClient(...).model, or a provider's model)");
  }
  let env: MailboxEnvironment;
  try {
    env = new MailboxEnvironment(scenario);
  } catch (error) {
    // A system state its toolkit rejects is the family's bug: fail before any request.
    throw new HarnessError(`environment failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const defs = new Map<string, EnvironmentTool<any>>();
  for (const def of toolsFor(options.decoys ?? 0, scenario)) defs.set(def.name, def);
  const tools = [...defs.values()].map(providerTool);

  const prompt: LanguageModelV3Prompt = [
    { role: "system", content: scenario.systemPrompt },
    { role: "user", content: [{ type: "text", text: scenario.userPrompt }] },
  ];
  const transcript: TranscriptMessage[] = [
    { role: "system", content: scenario.systemPrompt },
    { role: "user", content: scenario.userPrompt },
  ];
  const order: Array<{ step: number; toolCallId: string }> = [];
  const invalid: PendingAction[] = [];
  const usage = { inputTokens: 0, outputTokens: 0, requests: 0 };
  let lastHadCalls = false;
  let steps = 0;

  while (steps < options.maxSteps) {
    const step = steps;
    env.step = step;
    const result = await model.doGenerate({
      prompt,
      tools,
      toolChoice: { type: "auto" },
      seed: options.seed,
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.maxOutputTokens !== undefined ? { maxOutputTokens: options.maxOutputTokens } : {}),
      ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    steps++;
    usage.requests++;
    usage.inputTokens += result.usage.inputTokens.total ?? 0;
    usage.outputTokens += result.usage.outputTokens.total ?? 0;

    const { assistant, calls } = assistantTurn(result.content, step);
    transcript.push(assistant.transcript);
    prompt.push(assistant.message);
    lastHadCalls = calls.length > 0;
    if (!lastHadCalls) break;

    const results: Extract<LanguageModelV3Message, { role: "tool" }>["content"] = [];
    for (const call of calls) {
      order.push({ step, toolCallId: call.toolCallId });
      const outcome = applyCall(env, defs, call, step);
      if (outcome.invalid) invalid.push(outcome.invalid);
      transcript.push({ role: "tool", step, toolCallId: call.toolCallId, name: call.toolName, output: outcome.text, isError: outcome.isError });
      results.push({ type: "tool-result", toolCallId: call.toolCallId, toolName: call.toolName, output: outcome.output });
    }
    prompt.push({ role: "tool", content: results });
  }

  return {
    transcript,
    actions: env.actionLog(order, invalid),
    steps,
    stoppedBy: lastHadCalls && steps >= options.maxSteps ? "step-limit" : "agent",
    usage,
  };
}

/** The model's reply as our transcript entry and as the assistant message the next request carries. */
function assistantTurn(
  content: readonly LanguageModelV3Content[],
  step: number,
): { assistant: { transcript: TranscriptMessage; message: LanguageModelV3Message }; calls: LanguageModelV3ToolCall[] } {
  const text: string[] = [];
  const reasoning: string[] = [];
  const calls: LanguageModelV3ToolCall[] = [];
  const toolCalls: TranscriptToolCall[] = [];
  const parts: Extract<LanguageModelV3Message, { role: "assistant" }>["content"] = [];
  for (const part of content) {
    if (part.type === "text") {
      if (part.text === "") continue;
      text.push(part.text);
      parts.push({ type: "text", text: part.text });
    } else if (part.type === "reasoning") {
      reasoning.push(part.text);
      parts.push({ type: "reasoning", text: part.text, ...(part.providerMetadata ? { providerOptions: part.providerMetadata } : {}) });
    } else if (part.type === "tool-call" && !part.providerExecuted) {
      const input = parseJson(part.input);
      calls.push(part);
      toolCalls.push({ toolCallId: part.toolCallId, name: part.toolName, input: input.ok ? input.value : part.input });
      parts.push({
        type: "tool-call",
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        // Malformed arguments go back as the raw text, so the model sees exactly what it sent.
        input: input.ok ? input.value : part.input,
        ...(part.providerMetadata ? { providerOptions: part.providerMetadata } : {}),
      });
    }
  }
  return {
    assistant: {
      transcript: { role: "assistant", step, text: text.join(""), ...(reasoning.length > 0 ? { reasoning: reasoning.join("") } : {}), toolCalls },
      message: { role: "assistant", content: parts },
    },
    calls,
  };
}

interface CallOutcome {
  text: string;
  isError: boolean;
  output: LanguageModelV3ToolResultOutput;
  invalid?: PendingAction;
}

/** Validates and applies one tool call; never throws for the agent's mistakes, only for harness bugs. */
function applyCall(env: MailboxEnvironment, defs: ReadonlyMap<string, EnvironmentTool<any>>, call: LanguageModelV3ToolCall, step: number): CallOutcome {
  const def = defs.get(call.toolName);
  const raw = call.input.trim() === "" ? ({ ok: true, value: {} } as const) : parseJson(call.input);
  const rejected = (message: string): CallOutcome => ({
    text: message,
    isError: true,
    output: { type: "error-text", value: message },
    invalid: { step, toolCallId: call.toolCallId, tool: call.toolName, input: raw.ok ? raw.value : call.input, status: "invalid", output: message },
  });
  if (!def) return rejected(`Tool "${call.toolName}" does not exist. Available tools: ${[...defs.keys()].join(", ")}.`);
  if (!raw.ok) return rejected(`Invalid arguments for ${call.toolName}: not valid JSON (${raw.error}).`);
  const parsed = def.inputSchema.safeParse(raw.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(arguments)"}: ${i.message}`).join("; ");
    return rejected(`Invalid arguments for ${call.toolName}: ${issues}.`);
  }

  const base = { step, toolCallId: call.toolCallId, tool: def.name, input: parsed.data };
  try {
    const outcome = def.apply(env, parsed.data);
    env.record({ ...base, status: "ok", output: outcome.output, ...(outcome.effect ? { effect: outcome.effect } : {}) });
    return { text: outcome.output, isError: false, output: { type: "text", value: outcome.output } };
  } catch (error) {
    if (!(error instanceof ToolError)) {
      throw new HarnessError(`environment failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    env.record({ ...base, status: "error", output: error.message });
    return { text: error.message, isError: true, output: { type: "error-text", value: error.message } };
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
