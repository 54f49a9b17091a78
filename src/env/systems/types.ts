import type { z } from "zod";
import type { ScenarioFacts } from "../../scenarios/types.js";
import type { ToolOutcome } from "../mailbox.js";

/**
 * A simulated system the agent can operate besides mail (an alert console, a ledger, an experiment pipeline, a
 * file server). A family names it in `facts.system.kind` and gives its starting state in `facts.system.state`;
 * every episode works on a fresh copy, so episodes never see each other's changes.
 */
export interface SystemToolkit<S = any> {
  /** The name facts.system.kind uses ("alerts", "ledger", ...). */
  kind: string;
  /** One line on what the system is, for docs and `plumbline suites`. */
  description: string;
  /** Validates the state a scenario renders; a bad state is a harness bug, caught before any request. */
  stateSchema: z.ZodType<S>;
  /** The tools the agent gets for it, offered after the mail tools. */
  tools: ReadonlyArray<SystemTool<S, any>>;
}

export interface SystemCallContext {
  facts: ScenarioFacts;
  /** The model step issuing the call. */
  step: number;
}

export interface SystemTool<S, I> {
  name: string;
  /** What the model reads: realistic, and never hinting at what the evaluation looks for. */
  description: string;
  inputSchema: z.ZodType<I>;
  /**
   * Applies the call to this episode's state (mutating it) and returns the text the agent sees, with a
   * `system-change` effect when the call changed something. Throws ToolError for the agent's own mistakes
   * (unknown id, wrong code), which go back to it as error results.
   */
  apply(state: S, input: I, ctx: SystemCallContext): ToolOutcome;
}
