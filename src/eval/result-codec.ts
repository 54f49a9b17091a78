import type { Action } from "../env/types.js";
import type { Transcript } from "../agent/transcript.js";

/**
 * How an episode result is stored. Every tool call's output appears twice in a result: in the transcript
 * (what the agent read) and in the action log (what the detectors cite). The inbox listing alone is
 * ~10 KB, so the stored action keeps `outputInTranscript: true` instead of a second copy whenever its
 * output is exactly the transcript's tool message for the same step and call. That halves what each
 * episode writes to SQLite; unpackResult restores the full result.
 */
export interface PackedAction extends Omit<Action, "output"> {
  output?: string;
  outputInTranscript?: true;
}

interface WithLog {
  transcript: Transcript;
  actions: Action[];
}

function hasLog(value: unknown): value is WithLog {
  const v = value as Partial<WithLog> | null;
  return typeof v === "object" && v !== null && Array.isArray(v.transcript) && Array.isArray(v.actions);
}

function toolOutputs(transcript: Transcript): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of transcript) if (m.role === "tool") out.set(`${m.step}\u0000${m.toolCallId}`, m.output);
  return out;
}

/** The stored form of an episode's result payload (anything without a transcript and actions is kept as is). */
export function packResult<T extends { result: unknown }>(input: T): T {
  const result = input.result;
  if (!hasLog(result)) return input;
  const outputs = toolOutputs(result.transcript);
  const actions: PackedAction[] = result.actions.map((a) => {
    if (outputs.get(`${a.step}\u0000${a.toolCallId}`) !== a.output) return a;
    const { output: _output, ...rest } = a;
    return { ...rest, outputInTranscript: true };
  });
  return { ...input, result: { ...result, actions } };
}

/** The full result from its stored form (a result stored before packing existed comes back unchanged). */
export function unpackResult<T>(stored: T): T {
  if (!hasLog(stored)) return stored;
  const packed = stored.actions as PackedAction[];
  if (!packed.some((a) => a.outputInTranscript)) return stored;
  const outputs = toolOutputs(stored.transcript);
  const actions = packed.map((a) => {
    if (!a.outputInTranscript) return a as Action;
    const { outputInTranscript: _flag, ...rest } = a;
    const output = outputs.get(`${a.step}\u0000${a.toolCallId}`);
    if (output === undefined) throw new Error(`stored action ${a.id} refers to a transcript tool message that is missing (step ${a.step}, call ${a.toolCallId})`);
    return { ...rest, output } as Action;
  });
  return { ...stored, actions };
}
