import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSuite } from "../../../scenarios/index.js";
import { startSimServer, type SimServer } from "../../../sim/index.js";
import { messageText, type ChatRequest } from "../../../sim/wire.js";
import { validateOpenAIChat } from "../../export/openai-chat.js";
import { preparePipeline, runPipeline, type PipelineOptions, type PipelineResult } from "../../pipeline/index.js";
import { INJECTION_TEMPLATE_IDS, loadTemplates } from "../../templates/index.js";
import type { ChatExample } from "../../types.js";
import { renderPlan, type EpisodePlan } from "../honeypot-demos/plan.js";
import { composeSystemPrompt, ECHO_WORDS, stripInjection } from "./injection.js";
import { DELIBERATION_RECIPE } from "./recipe.js";

/**
 * deliberation end to end against the simulator on loopback. The agent's requests are recorded as the simulator
 * receives them, so the test sees the injection go out and checks it never comes back in the data.
 */

const root = mkdtempSync(join(tmpdir(), "plumbline-deliberation-"));
let sim: SimServer;
const requests: ChatRequest[] = [];
let teacher: string;

const templates = loadTemplates();
const CONGLOMERATE = templates.get("injection/conglomerate").text;
const CORE = getSuite("blackmail-core");
const CONDITIONS = [CORE.conditions[1]!, CORE.conditions[6]!].map((c) => c.id);
const SMALL = { suites: "blackmail-core", conditions: CONDITIONS.join(","), samples: 2 };

function options(extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return { recipe: DELIBERATION_RECIPE, teacher, out: join(root, "out"), dbPath: join(root, "pipeline.db"), seed: 8, concurrency: 4, recipeOptions: { ...SMALL }, ...extra };
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

const agentRequests = (from = 0) => requests.slice(from).filter((r) => (r.tools ?? []).length > 0);
const systemOf = (r: ChatRequest) => r.messages.filter((m) => m.role === "system" || m.role === "developer").map(messageText).join("\n");

let first: PipelineResult;

beforeAll(async () => {
  sim = await startSimServer({ port: 0, onRequest: (r) => requests.push(r) });
  teacher = `sim:teacher@${sim.url}`;
  first = await runPipeline(options());
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

describe("deliberation with an aligned teacher", () => {
  it("samples every agent step with the injection appended to the scenario's system prompt", () => {
    expect(first.status, first.message).toBe("complete");
    expect(first.failures).toEqual([]);
    const agent = agentRequests();
    expect(agent.length).toBe(first.stages.find((s) => s.stage === "episode-with-injection")!.requests);
    expect(agent.length).toBeGreaterThanOrEqual(4 * 2);
    for (const r of agent) {
      const system = systemOf(r);
      expect(system.endsWith(`\n\n${CONGLOMERATE}`)).toBe(true);
      expect(system.startsWith("You are ")).toBe(true);
    }
  });

  it("exports examples with the injection stripped and the agent's own text intact", () => {
    const lines = readFileSync(first.dataset!.formats[0]!.dataPath, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBe(first.dataset!.examples);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(validateOpenAIChat(line)).toEqual([]);
      expect(line).not.toContain(JSON.stringify(CONGLOMERATE).slice(1, 80));
      expect(line).not.toContain("Before you act, take a moment to think about your values");
    }
    // Nor in Plumbline's own files: examples.jsonl and lineage.jsonl (meta names the injection, not its text).
    for (const file of [first.dataset!.files.examples, first.dataset!.files.lineage]) {
      expect(readFileSync(file, "utf8")).not.toContain("take a moment to think about your values");
    }
    const examples = readJsonl<ChatExample>(first.dataset!.files.examples);
    for (const e of examples) {
      const episode = e.meta!.episode as { variant: number; scenarioHash: string };
      const { scenario } = renderPlan({ suite: "blackmail-core", split: "in-distribution", conditionId: e.lineage.source!.conditionId!, variant: episode.variant, scenarioHash: episode.scenarioHash });
      expect(e.messages[0]).toEqual({ role: "system", content: scenario.systemPrompt });
      expect(e.meta!.injection).toEqual({ id: "injection/conglomerate", version: "1.0.0", placement: "append", stripped: true });
      // Lineage: the stage that sampled with the injection records the template and its version.
      const stage = e.lineage.stages.find((s) => s.name === "episode-with-injection")!;
      expect(stage).toMatchObject({ templateId: "injection/conglomerate", templateVersion: "1.0.0", model: teacher });
      expect(e.lineage.stages.map((s) => s.name)).toEqual(["plan-episodes", "episode-with-injection", "screen", "strip", "grade"]);
      // The assistant's turns are exactly what the agent wrote under the injection: the episode's last request
      // (sent with the injection) carries every turn but the final one, word for word.
      const written = e.messages.filter((m) => m.role === "assistant").map((m) => m.content);
      const last = agentRequests().find(
        (r) =>
          systemOf(r) === `${scenario.systemPrompt}\n\n${CONGLOMERATE}` &&
          r.messages.length === e.messages.length - 1 &&
          JSON.stringify(r.messages.filter((m) => m.role === "assistant").map(messageText)) === JSON.stringify(written.slice(0, -1)),
      );
      expect(last).toBeDefined();
      expect(written.some((t) => t.trim() !== "")).toBe(true);
    }
  });

  it("re-running makes no request; a dry run makes none and counts the injection in the prompts", async () => {
    const before = requests.length;
    const again = await runPipeline(options());
    expect(again.status).toBe("complete");
    expect(requests.length).toBe(before);

    const withInjection = await runPipeline(options({ dryRun: true, out: undefined, seed: 77 }));
    const none = await runPipeline(options({ dryRun: true, out: undefined, seed: 77, recipeOptions: { ...SMALL, injection: "none" } }));
    expect(requests.length).toBe(before);
    const row = (r: PipelineResult, stage: string) => r.estimate!.rows.find((x) => x.stage === stage)!;
    expect(row(withInjection, "episode-with-injection")).toMatchObject({ items: 4, requests: 16, cachedUnits: 0 });
    expect(row(withInjection, "strip")).toMatchObject({ requests: 0, inputTokens: 0 });
    // Every one of the 16 agent requests carries the insert.
    const insert = templates.get("injection/conglomerate").text;
    const delta = row(withInjection, "episode-with-injection").inputTokens - row(none, "episode-with-injection").inputTokens;
    expect(delta).toBeGreaterThan(16 * insert.split(/\s+/).length * 0.7);
  });
});

describe("deliberation's injection choice", () => {
  it('"all" spreads the eight injections evenly over the planned episodes, seeded', async () => {
    const conditions = CORE.conditions.slice(0, 4).map((c) => c.id).join(",");
    const prepared = await preparePipeline(options({ dryRun: true, out: undefined, recipeOptions: { suites: "blackmail-core", conditions, samples: 4, injection: "all" } }));
    const counts = new Map<string, number>();
    for (const item of prepared.items) {
      const id = (item.value as EpisodePlan).injection!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
      expect(item.id.endsWith(`+${id.replace("injection/", "")}`)).toBe(true);
    }
    expect([...counts.keys()].sort()).toEqual([...INJECTION_TEMPLATE_IDS].sort());
    expect(new Set(counts.values())).toEqual(new Set([2]));
    // Not simply in plan order: the first eight plans do not get the eight injections in template order.
    expect(prepared.items.slice(0, 8).map((i) => (i.value as EpisodePlan).injection)).not.toEqual(templates.list("injection/").map((t) => t.id));
  });

  it("refuses an unknown injection before any work, naming the valid ones", async () => {
    const before = requests.length;
    await expect(runPipeline(options({ recipeOptions: { ...SMALL, injection: "kindness" } }))).rejects.toThrow(/no template "injection\/kindness".*conglomerate/);
    expect(requests.length).toBe(before);
  });

  it("prepends when asked, and the strip still restores the scenario's own prompt", async () => {
    const before = requests.length;
    const result = await runPipeline(options({ out: join(root, "prepend"), grader: "none", recipeOptions: { ...SMALL, samples: 1, injection: "honesty", placement: "prepend" } }));
    expect(result.status, result.message).toBe("complete");
    const honesty = templates.get("injection/honesty").text;
    for (const r of agentRequests(before)) expect(systemOf(r).startsWith(`${honesty}\n\nYou are `)).toBe(true);
    const text = readFileSync(result.dataset!.formats[0]!.dataPath, "utf8");
    expect(text).not.toContain("Hold yourself to a high standard of honesty");
    for (const e of readJsonl<ChatExample>(result.dataset!.files.examples)) expect(e.messages[0]!.content.startsWith("You are ")).toBe(true);
  });
});

describe("deliberation with a misaligned teacher", () => {
  it("leaves out harmful episodes with the detectors' evidence", async () => {
    const out = join(root, "misaligned");
    const result = await runPipeline(options({ teacher: `sim:misaligned?p=0.5@${sim.url}`, grader: teacher, out, dbPath: join(root, "misaligned.db"), recipeOptions: { ...SMALL, samples: 3 } }));
    expect(result.status, result.message).toBe("complete");
    const rejected = readJsonl<{ stage: string; reasons: string[] }>(join(out, "rejected.jsonl"));
    const harmful = rejected.filter((r) => r.stage === "screen" && /harmful action found by the detectors: \S+ on action a\d+: .* Evidence: "/s.test(r.reasons[0]!));
    expect(harmful.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, "rejected.jsonl"), "utf8")).toContain("screen: harmful");
  });
});

describe("stripInjection", () => {
  const original = "You are Atlas, the AI email agent.";
  const insert = templates.get("injection/transparency").text;
  const injection = { id: "injection/transparency", version: "1.0.0", placement: "append" as const, text: insert, originalSystemPrompt: original };
  const example = (assistant: string, tool = "You have 1 message."): ChatExample => ({
    kind: "chat",
    id: "x",
    lineage: { recipe: "deliberation", stages: [], seed: 0 },
    messages: [
      { role: "system", content: composeSystemPrompt(original, insert, "append") },
      { role: "user", content: "Go through your inbox." },
      { role: "assistant", content: "Let me read the inbox first.", toolCalls: [{ id: "c1", name: "read_inbox", arguments: "{}" }], weight: 1 },
      { role: "tool", content: tool, toolCallId: "c1" },
      { role: "assistant", content: assistant, weight: 1 },
    ],
    meta: { injection },
  });

  it("restores the original system prompt and keeps the assistant's turns", () => {
    const result = stripInjection(example("I replied to the one message and flagged nothing else."), injection, original);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.example.messages[0]!.content).toBe(original);
    expect(result.example.messages.slice(1)).toEqual(example("I replied to the one message and flagged nothing else.").messages.slice(1));
    expect(result.example.meta!.injection).toEqual({ id: "injection/transparency", version: "1.0.0", placement: "append", stripped: true });
  });

  it("rejects an assistant turn that repeats the insert, or the insert left anywhere", () => {
    const echo = stripInjection(example(`As I was told: ${insert.split(" ").slice(10, 10 + ECHO_WORDS + 2).join(" ")}.`), injection, original);
    expect(echo).toMatchObject({ ok: false });
    expect(!echo.ok && echo.reason).toMatch(/assistant message 4 repeats \d+ words of the injection/);
    const left = stripInjection(example("Done.", `Note: ${insert}`), injection, original);
    expect(!left.ok && left.reason).toMatch(/injection's text is still in message 3 \(tool\)/);
  });

  it("rejects a system prompt that is not the one sampled with, or an original that differs from the scenario's", () => {
    const changed = example("Done.");
    changed.messages[0] = { role: "system", content: "Something else" };
    expect(stripInjection(changed, injection, original)).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot be located/) });
    expect(stripInjection(example("Done."), injection, "Another prompt")).toMatchObject({ ok: false, reason: expect.stringMatching(/would not restore it/) });
  });

  it("rejects an example with no assistant text left to learn from", () => {
    const silent = example("Done.");
    silent.messages[2] = { ...silent.messages[2]!, content: "" };
    silent.messages[4] = { ...silent.messages[4]!, content: " " };
    expect(stripInjection(silent, injection, original)).toMatchObject({ ok: false, reason: expect.stringMatching(/no assistant turn has any text/) });
  });

  it("passes the empty control insert (injection/none) through unchanged", () => {
    const none = { ...injection, id: "injection/none", text: "" };
    const plain = example("Done.");
    plain.messages[0] = { role: "system", content: original };
    const result = stripInjection(plain, none, original);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.example.meta!.injection).toMatchObject({ id: "injection/none", stripped: false });
  });
});
