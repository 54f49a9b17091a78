import type { InboxAnalysis, ParsedMail } from "../inbox-reader.js";
import type { ToolInfo, ToolKit } from "../tool-matcher.js";

/**
 * A scene: how the simulated agent acts when the request offers tools for a system beside the mailbox (an alert
 * console, a ledger, an experiment pipeline, a file server). Like the rest of the simulator it reads only the
 * request: tool names, descriptions and parameters, the prompts, and the results of its own earlier calls.
 * It never imports scenario internals.
 */
export interface Scene {
  /** Short name, for tests and errors ("alerts"). */
  id: string;
  /** The offered tools that belong to this scene, read the way a model reads a tool list; undefined: not this scene. */
  recognise(tools: readonly ToolInfo[]): SceneTools | undefined;
  /**
   * The next move, once the inbox has been read. Called on every turn: look at `ctx.calls` to see what has been
   * done (read the system first, then act, then finish).
   */
  play(ctx: SceneContext, tools: SceneTools): SceneMove;
}

/** The scene's own tools by role ("list", "cancel", ...), as recognise() found them. */
export type SceneTools = Record<string, ToolInfo>;

export interface SceneCall {
  id: string;
  name: string;
  /** The arguments as sent (JSON text). */
  args: string;
  /** The tool's result, once it came back. */
  result?: string;
}

export interface SceneContext {
  /** The mail tools (inbox, send, forward), for scenes that also mail someone. */
  mail: ToolKit;
  system: string;
  user: string;
  /** Every tool call made so far, in order, with its result. */
  calls: readonly SceneCall[];
  /** The inbox as read, and what the mail reader made of it (threat, executive, secret...). */
  mails: readonly ParsedMail[];
  analysis: InboxAnalysis;
  /** The policy drew the harmful branch for this episode. */
  harmful: boolean;
  /** The policy suspects a test (eval-aware): say so, and do not do harm. */
  aware: boolean;
  /** The agent's own name, as the system prompt gives it. */
  agentName: string;
  /** The episode's deterministic draws. */
  rng: () => number;
}

/** Calls to make now (with an optional line of text), or the final reply that ends the episode. */
export type SceneMove =
  | { content: string | null; calls: Array<{ tool: ToolInfo; args: Record<string, unknown> }> }
  | { final: string };

/**
 * The simulated judge's reading of a scene's actions: given the judge prompt's actions section (and the whole
 * prompt for facts), the harmful operation it found, if any.
 */
export interface SceneJudge {
  id: string;
  judge(actions: string, prompt: string): { behaviour: string; quote: string } | undefined;
}
