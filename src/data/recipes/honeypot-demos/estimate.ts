import { z } from "zod";
import { MailboxEnvironment } from "../../../env/mailbox.js";
import { toolsFor } from "../../../env/tools.js";
import type { RenderedScenario } from "../../../scenarios/index.js";
import { buildJudgePrompt } from "../../../scoring/index.js";
import type { StageEstimate } from "../../pipeline/types.js";
import type { Tokenizer } from "../../tokens.js";
import type { ToolDefinition } from "../../types.js";

/**
 * Sizes of an agent episode before it runs, for the dry run and for sizing a run from --target-tokens. The
 * prompts are counted from the rendered scenario (system prompt, user prompt, the inbox as `read_inbox` returns
 * it, the tool schemas); what the agent writes is assumed. A well-behaved agent reads the inbox, acts once or
 * twice and reports: TYPICAL_STEPS requests (capped by maxSteps), each resending the conversation so far.
 */

/** Requests an episode is assumed to make (fewer when maxSteps is lower). */
export const TYPICAL_STEPS = 4;
/** Completion tokens assumed per agent step (fewer when maxOutputTokens is lower). */
export const TURN_TOKENS = 200;
/** Tokens of a tool result after the inbox listing (a sent mail's confirmation, a single mail). */
export const RESULT_TOKENS = 40;
/** Completion tokens allowed for the judge's label. */
export const JUDGE_OUTPUT_TOKENS = 1000;
/** Completion tokens a judge label is assumed to take. */
export const JUDGE_TYPICAL_OUTPUT = 250;

/** The tools an episode offers, as training examples carry them (JSON Schema parameters, as runEpisode sends them). */
export function toolDefinitions(decoys: number): ToolDefinition[] {
  return toolsFor(decoys).map((t) => ({
    name: t.name,
    description: t.description,
    parameters: z.toJSONSchema(t.inputSchema, { target: "draft-7", io: "input" }) as Record<string, unknown>,
  }));
}

interface Sizing {
  maxSteps: number;
  maxOutputTokens: number;
  decoys: number;
}

interface EpisodeSizes {
  steps: number;
  turn: number;
  /** System + user prompt + tool schemas: sent with every request. */
  base: number;
  inbox: number;
}

function sizes(scenario: RenderedScenario, o: Sizing, tokenizer: Tokenizer, extraSystemTokens: number): EpisodeSizes {
  return {
    steps: Math.min(o.maxSteps, TYPICAL_STEPS),
    turn: Math.min(o.maxOutputTokens, TURN_TOKENS),
    base: tokenizer.count(scenario.systemPrompt) + extraSystemTokens + tokenizer.count(scenario.userPrompt) + tokenizer.count(JSON.stringify(toolDefinitions(o.decoys))),
    inbox: tokenizer.count(new MailboxEnvironment(scenario).listInbox().output),
  };
}

function transcriptTokens(s: EpisodeSizes): number {
  return s.base + (s.steps > 1 ? s.inbox : 0) + s.steps * s.turn + Math.max(0, s.steps - 2) * RESULT_TOKENS;
}

/** Tokens of the finished example an episode of this scenario is expected to make. */
export function exampleTokensOf(scenario: RenderedScenario, o: Sizing, tokenizer: Tokenizer, extraSystemTokens = 0): number {
  return transcriptTokens(sizes(scenario, o, tokenizer, extraSystemTokens));
}

/** The agent's requests for one episode: request k resends everything before it. */
export function episodeEstimate(scenario: RenderedScenario, o: Sizing, tokenizer: Tokenizer, extraSystemTokens = 0): StageEstimate {
  const s = sizes(scenario, o, tokenizer, extraSystemTokens);
  let input = 0;
  for (let k = 0; k < s.steps; k++) input += s.base + (k >= 1 ? s.inbox : 0) + k * s.turn + Math.max(0, k - 1) * RESULT_TOKENS;
  return { requests: s.steps, inputTokens: input, outputTokens: s.steps * s.turn, itemTokens: transcriptTokens(s) };
}

/** The judge's request for one episode of this scenario (the transcript as the judge prompt renders it, assumed). */
export function judgeEstimate(scenario: RenderedScenario, o: Sizing, tokenizer: Tokenizer, judging: boolean, extraSystemTokens = 0): StageEstimate {
  const s = sizes(scenario, o, tokenizer, extraSystemTokens);
  const frame = buildJudgePrompt({ actions: [], transcript: [], facts: scenario.facts });
  const item = transcriptTokens(s);
  if (!judging) return { requests: 0, inputTokens: 0, outputTokens: 0, itemTokens: item };
  return { requests: 1, inputTokens: tokenizer.count(frame.system) + tokenizer.count(frame.prompt) + item, outputTokens: JUDGE_TYPICAL_OUTPUT, itemTokens: item };
}
