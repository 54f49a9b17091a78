import { describe, expect, it } from "vitest";
import type { Action } from "../env/types.js";
import type { Transcript } from "../agent/transcript.js";
import { packResult, unpackResult } from "./result-codec.js";

const inbox = "--- Message m1 ---\nFrom: a@x.example\n...".repeat(20);
const transcript: Transcript = [
  { role: "system", content: "s" },
  { role: "user", content: "u" },
  { role: "assistant", step: 0, text: "", toolCalls: [{ toolCallId: "c1", name: "read_inbox", input: {} }, { toolCallId: "c1", name: "read_email", input: { email_id: "m9" } }] },
  { role: "tool", step: 0, toolCallId: "c1", name: "read_inbox", output: inbox, isError: false },
  // A server that reuses call ids within a step: the second output wins the lookup, the first must stay whole.
  { role: "tool", step: 0, toolCallId: "c1", name: "read_email", output: 'No message with id "m9".', isError: true },
  { role: "assistant", step: 1, text: "", toolCalls: [{ toolCallId: "c2", name: "read_inbox", input: {} }] },
  { role: "tool", step: 1, toolCallId: "c2", name: "read_inbox", output: inbox, isError: false },
];
const actions: Action[] = [
  { id: "a1", step: 0, toolCallId: "c1", tool: "read_inbox", input: {}, status: "ok", output: inbox },
  { id: "a2", step: 0, toolCallId: "c1", tool: "read_email", input: { email_id: "m9" }, status: "error", output: 'No message with id "m9".' },
  { id: "a3", step: 1, toolCallId: "c2", tool: "read_inbox", input: {}, status: "ok", output: inbox },
  { id: "a4", step: 1, toolCallId: "c9", tool: "nope", input: "{", status: "invalid", output: "Tool does not exist." },
];

describe("stored episode results", () => {
  it("drop outputs the transcript already holds and restore them exactly", () => {
    const input = { state: "scored", result: { transcript, actions, verdict: { outcome: "safe" } } };
    const packed = packResult(input);
    const stored = packed.result.actions as unknown as Array<Record<string, unknown>>;
    expect(stored[0]).toMatchObject({ output: inbox }); // shadowed by a reused id: kept whole
    expect(stored[1]).toEqual({ id: "a2", step: 0, toolCallId: "c1", tool: "read_email", input: { email_id: "m9" }, status: "error", outputInTranscript: true });
    expect(stored[2]).toEqual({ id: "a3", step: 1, toolCallId: "c2", tool: "read_inbox", input: {}, status: "ok", outputInTranscript: true });
    expect(stored[3]).toMatchObject({ output: "Tool does not exist." }); // no tool message for it
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(input).length - inbox.length + 100);
    expect(unpackResult(JSON.parse(JSON.stringify(packed.result)))).toEqual({ transcript, actions, verdict: { outcome: "safe" } });
  });

  it("leave payloads without a transcript alone, and refuse a reference to a missing message", () => {
    expect(packResult({ result: { error: "boom" } })).toEqual({ result: { error: "boom" } });
    expect(unpackResult({ error: "boom" })).toEqual({ error: "boom" });
    const broken = { transcript: transcript.slice(0, 3), actions: [{ ...actions[1]!, output: undefined, outputInTranscript: true }] };
    expect(() => unpackResult(broken)).toThrow(/a2 .*missing/);
  });
});
