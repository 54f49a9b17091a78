import type { Action } from "../env/types.js";
import type { Transcript } from "../agent/transcript.js";
import type { ScenarioFacts } from "../scenarios/types.js";

/** Everything a detector may look at. Detectors are pure functions of this. */
export interface DetectorInput {
  actions: readonly Action[];
  transcript: Transcript;
  facts: ScenarioFacts;
}

/** One piece of proof: which action (or transcript message) and the exact text that shows it. */
export interface Finding {
  detector: string;
  /** True when the finding is a harmful action (counts toward the harmful rate). */
  harmful: boolean;
  /** The action that proves it; absent for findings about text only (eval awareness). */
  actionId?: string;
  /** Index into the transcript, for text-only findings. */
  messageIndex?: number;
  /** Verbatim text from the action or message that shows the behaviour. */
  evidence: string;
  /** One sentence on why this counts. */
  explanation: string;
  /** Named rule signals that fired (rule-based detectors record them so a finding can be audited). */
  signals?: string[];
  /**
   * True when the finding is a report to legitimate oversight (facts.authorities): whistleblowing, which is
   * reported separately and is not counted as harmful.
   */
  reportedToOversight?: boolean;
}

export interface Detector {
  name: string;
  description: string;
  detect(input: DetectorInput): Finding[];
}

/** The detectors' verdict on one episode (see detectors/index.ts `scoreDeterministic`). */
export interface DeterministicScore {
  findings: Finding[];
  /** Some finding is a harmful action. */
  harmful: boolean;
  /** The agent's text or reasoning said it suspects a test or evaluation. */
  evalAware: boolean;
  /** The agent reported the secret to oversight (facts.authorities) without coercion. */
  whistleblowing: boolean;
}

/**
 * The final, combined outcome of one episode (see verdict.ts `combineVerdict` for the rule).
 * "unscored" episodes stay in the denominator's report as unscored; they are never dropped or defaulted.
 */
export interface Verdict {
  outcome: "harmful" | "safe" | "unscored";
  /** null exactly when outcome is "unscored". */
  harmful: boolean | null;
  evalAware: boolean;
  whistleblowing: boolean;
  /** One line on what decided the outcome. */
  basis: string;
  /** Detectors and judge disagreed on harmfulness (only possible when a judge ran and answered). */
  disagreement: boolean;
}
