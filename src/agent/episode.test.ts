import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockLanguageModelV3 } from "ai/test";
import { createModelClient } from "../model/client.js";
import { fixtureScenario } from "../../test/helpers/fixture-scenario.js";
import { startForeignServer, type ForeignServer } from "../../test/helpers/foreign-openai-server.js";
import { runEpisode } from "./episode.js";

/** A scripted model: one response per call, recording what it was sent. */
function scripted(responses: Array<{ text?: string; calls?: Array<{ name: string; args: string }> }>) {
  let i = 0;
  return new MockLanguageModelV3({
    doGenerate: async () => {
      const r = responses[Math.min(i, responses.length - 1)]!;
      const step = i++;
      const content = [
        ...(r.text ? [{ type: "text" as const, text: r.text }] : []),
        ...(r.calls ?? []).map((c, k) => ({ type: "tool-call" as const, toolCallId: `s${step}c${k}`, toolName: c.name, input: c.args })),
      ];
      return {
        content,
        finishReason: { unified: r.calls?.length ? ("tool-calls" as const) : ("stop" as const), raw: undefined },
        usage: {
          inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 5, text: 5, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
}

describe("runEpisode", () => {
  it("applies real tool calls to the environment and logs them in order", async () => {
    const model = scripted([
      { text: "Let me look.", calls: [{ name: "read_inbox", args: "{}" }] },
      {
        calls: [
          { name: "send_email", args: JSON.stringify({ to: ["ops@larkspur.example"], subject: "Re: Dock 4", body: "Confirmed." }) },
          { name: "forward_email", args: JSON.stringify({ email_id: "m9", to: ["ops@larkspur.example"] }) },
        ],
      },
      { text: "All done." },
    ]);
    const run = await runEpisode({ model, scenario: fixtureScenario(), maxSteps: 8, seed: 1 });
    expect(run.steps).toBe(3);
    expect(run.stoppedBy).toBe("agent");
    expect(run.actions.map((a) => [a.id, a.tool, a.status])).toEqual([
      ["a1", "read_inbox", "ok"],
      ["a2", "send_email", "ok"],
      ["a3", "forward_email", "error"],
    ]);
    expect(run.actions[0]!.output).toContain("--- Message m3 ---");
    expect(run.actions[1]!.effect).toMatchObject({ kind: "mail-sent", to: ["ops@larkspur.example"], subject: "Re: Dock 4" });
    expect(run.actions[2]!.output).toMatch(/No message with id "m9"/);
    // The agent saw the error as a tool result and the transcript keeps everything.
    const toolMessages = run.transcript.filter((m) => m.role === "tool");
    expect(toolMessages).toHaveLength(3);
    expect(toolMessages[2]).toMatchObject({ isError: true });
    expect(run.usage).toEqual({ inputTokens: 30, outputTokens: 15, requests: 3 });
  });

  it("records malformed and unknown tool calls as invalid actions and keeps going", async () => {
    const model = scripted([
      { calls: [{ name: "send_email", args: '{"to": ["ops@larkspur.example"], "subject": "x", "bo' }] },
      { calls: [{ name: "delete_everything", args: "{}" }] },
      { text: "" },
    ]);
    const run = await runEpisode({ model, scenario: fixtureScenario(), maxSteps: 8, seed: 1 });
    expect(run.actions.map((a) => a.status)).toEqual(["invalid", "invalid"]);
    expect(run.actions.every((a) => a.effect === undefined)).toBe(true);
    expect(run.steps).toBe(3);
  });

  it("answers arguments that fail the tool's schema with an error the agent can read, and logs them as invalid", async () => {
    let secondPrompt: unknown[] = [];
    let call = 0;
    const model = new MockLanguageModelV3({
      doGenerate: async ({ prompt }) => {
        call++;
        if (call === 2) secondPrompt = [...prompt];
        const content =
          call === 1
            ? [{ type: "tool-call" as const, toolCallId: "c1", toolName: "send_email", input: JSON.stringify({ to: "ops@larkspur.example", subject: 3 }) }]
            : [{ type: "text" as const, text: "Giving up." }];
        return {
          content,
          finishReason: { unified: call === 1 ? ("tool-calls" as const) : ("stop" as const), raw: undefined },
          usage: { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } },
          warnings: [],
        };
      },
    });
    const run = await runEpisode({ model, scenario: fixtureScenario(), maxSteps: 4, seed: 1 });
    expect(run.actions).toHaveLength(1);
    expect(run.actions[0]).toMatchObject({ tool: "send_email", status: "invalid" });
    expect(run.actions[0]!.output).toMatch(/Invalid arguments for send_email: .*to.*subject.*body/s);
    // The second request carried the call back to the model and the error as its result.
    expect(secondPrompt.at(-2)).toMatchObject({ role: "assistant", content: [{ type: "tool-call", toolCallId: "c1", input: { to: "ops@larkspur.example", subject: 3 } }] });
    expect(secondPrompt.at(-1)).toMatchObject({ role: "tool", content: [{ type: "tool-result", toolCallId: "c1", output: { type: "error-text" } }] });
    expect(run.transcript.filter((m) => m.role === "tool")).toMatchObject([{ isError: true, name: "send_email" }]);
  });

  it("stops at the step limit", async () => {
    const model = scripted([{ calls: [{ name: "read_inbox", args: "{}" }] }]);
    const run = await runEpisode({ model, scenario: fixtureScenario(), maxSteps: 4, seed: 1 });
    expect(run.steps).toBe(4);
    expect(run.stoppedBy).toBe("step-limit");
  });

  it("bounces mail to made-up colleagues like a real server", async () => {
    const model = scripted([
      { calls: [{ name: "send_email", args: JSON.stringify({ to: ["nobody@larkspur.example"], subject: "hi", body: "hi" }) }] },
      { text: "ok" },
    ]);
    const run = await runEpisode({ model, scenario: fixtureScenario(), maxSteps: 4, seed: 1 });
    expect(run.actions[0]).toMatchObject({ status: "error" });
    expect(run.actions[0]!.output).toMatch(/no mailbox nobody@larkspur.example/);
  });
});

describe("an OpenAI-compatible endpoint nobody here wrote", () => {
  let foreign: ForeignServer;
  beforeAll(async () => {
    foreign = await startForeignServer();
  });
  afterAll(async () => {
    await foreign.close();
  });

  it("runs a full episode despite reused ids, missing usage and missing finish_reason", async () => {
    const client = await createModelClient(`openai-compatible:foreign-1@${foreign.url}`, { env: {} });
    const run = await runEpisode({ model: client.model, scenario: fixtureScenario(), maxSteps: 6, seed: 7 });
    expect(run.actions.map((a) => [a.tool, a.status])).toEqual([
      ["read_inbox", "ok"],
      ["send_email", "ok"],
    ]);
    expect(run.actions[1]!.effect).toMatchObject({ kind: "mail-sent" });
    expect((run.actions[1]!.effect as { body: string }).body).toBe("Confirmed: 7-9am Thursday.");
    expect(run.transcript.at(-1)).toMatchObject({ role: "assistant", text: "Done: the pickup window is confirmed." });
    // The request carried real tool definitions and the seed.
    const first = foreign.requests[0] as { tools: Array<{ function: { name: string } }>; seed: number };
    expect(first.tools.map((t) => t.function.name)).toEqual(["read_inbox", "read_email", "send_email", "forward_email"]);
    expect(first.seed).toBe(7);
    await client.close();
  });
});
