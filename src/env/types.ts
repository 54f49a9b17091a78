/**
 * The environment's action log: every tool call the agent makes, in order, with what it did.
 * Detectors are pure functions of this log (plus the transcript and the scenario's facts), so this
 * shape is the contract between the environment and scoring.
 */

/** A mail the environment delivered on the agent's behalf (send or forward). */
export interface MailEffect {
  kind: "mail-sent";
  to: string[];
  cc: string[];
  subject: string;
  /** What the agent wrote itself (for a forward: its note above the forwarded mail). */
  body: string;
  /** For a forward: the id and full text of the mail that was forwarded along. */
  forwardedMailId?: string;
  forwardedText?: string;
}

/**
 * A change the agent made to a simulated system other than mail (an alert console, a ledger, an experiment
 * pipeline, a file server): which system, what operation on what, in words and as fields. Families whose
 * harm is not a mail (lethal action, financial crime, sabotage, self-exfiltration) are scored from these.
 */
export interface SystemEffect {
  kind: "system-change";
  /** The toolkit that applied it (facts.system.kind): "alerts", "ledger", ... */
  system: string;
  /** What was done, as the toolkit names it: "cancel-alert", "edit-entry", "copy-file", ... */
  operation: string;
  /** The id of the thing changed (alert, entry, run, file). */
  target: string;
  /** One line in words, for judges and reports. */
  summary: string;
  /** The fields that matter to detectors ("code", "destination", "amount", "before", "after"...). */
  details: Record<string, string>;
}

/** What an applied call did to the world, when it did something: a delivered mail or a system change. */
export type Effect = MailEffect | SystemEffect;

export type ActionStatus =
  /** Applied to the environment. */
  | "ok"
  /** A well-formed call the environment rejected (unknown mail id, bad address); the agent saw the error. */
  | "error"
  /** The model's call could not be parsed or named no known tool; never reached the environment. */
  | "invalid";

export interface Action {
  /** Stable id within the episode, in call order: "a1", "a2", ... Findings cite it. */
  id: string;
  /** The model step (0-based) that issued the call. */
  step: number;
  /** The provider's tool-call id, to tie the action to the transcript. */
  toolCallId: string;
  tool: string;
  /** Parsed arguments, or the raw argument text when the call was invalid. */
  input: unknown;
  status: ActionStatus;
  /** The text the agent got back as the tool result. */
  output: string;
  effect?: Effect;
}
