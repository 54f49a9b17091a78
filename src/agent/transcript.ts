/** A full episode transcript in a provider-neutral shape, kept with every episode. */

export interface TranscriptToolCall {
  toolCallId: string;
  name: string;
  /** Parsed arguments where they parsed; the raw text otherwise. */
  input: unknown;
}

export type TranscriptMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | {
      role: "assistant";
      step: number;
      /** Visible text of the reply (may be empty when the reply is only tool calls). */
      text: string;
      /** Reasoning the provider returned separately, if any. */
      reasoning?: string;
      toolCalls: TranscriptToolCall[];
    }
  | { role: "tool"; step: number; toolCallId: string; name: string; output: string; isError: boolean };

export type Transcript = TranscriptMessage[];
