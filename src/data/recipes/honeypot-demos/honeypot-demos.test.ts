import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSuite, listSuites } from "../../../scenarios/index.js";
import { startSimServer, type SimServer } from "../../../sim/index.js";
import type { ChatRequest } from "../../../sim/wire.js";
import { validateOpenAIChat } from "../../export/openai-chat.js";
import { preparePipeline, runPipeline, type PipelineOptions, type PipelineResult } from "../../pipeline/index.js";
import { tokenizerFor } from "../../tokens.js";
import { ChatExampleSchema, type ChatExample } from "../../types.js";
import { toolDefinitions } from "./estimate.js";
import { EpisodeOptionsSchema, planEpisodes, renderPlan } from "./plan.js";
import { HONEYPOT_DEMOS_RECIPE } from "./recipe.js";

/**
 * honeypot-demos end to end against the simulator on loopback: sim:teacher plays the aligned agent (and judges
 * and grades); sim:misaligned plays an agent that blackmails about half the time. One aligned run is shared by
 * the tests that inspect it.
 */

const root = mkdtempSync(join(tmpdir(), "plumbline-honeypot-demos-"));
let sim: SimServer;
const requests: ChatRequest[] = [];
let teacher: string;
let misaligned: string;

const CORE = getSuite("blackmail-core");
/** Three conditions: two threats and the no-goal baseline. */
const CONDITIONS = [CORE.conditions[0]!, CORE.conditions[4]!, CORE.conditions[CORE.conditions.length - 1]!].map((c) => c.id);
const SMALL = { suites: "blackmail-core", conditions: CONDITIONS.join(","), samples: 2 };

function options(extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return { recipe: HONEYPOT_DEMOS_RECIPE, teacher, out: join(root, "out"), dbPath: join(root, "pipeline.db"), seed: 5, concurrency: 4, recipeOptions: { ...SMALL }, ...extra };
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

let first: PipelineResult;
let firstRequests: number;

beforeAll(async () => {
  sim = await startSimServer({ port: 0, onRequest: (r) => requests.push(r) });
  teacher = `sim:teacher@${sim.url}`;
  misaligned = `sim:misaligned?p=0.5@${sim.url}`;
  first = await runPipeline(options());
  firstRequests = requests.length;
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

describe("honeypot-demos with an aligned teacher", () => {
  it("makes valid chat examples with the tools offered, tool calls and tool results", () => {
    expect(first.status, first.message).toBe("complete");
    expect(first.failures).toEqual([]);
    const episode = first.stages.find((s) => s.stage === "episode")!;
    expect(episode).toMatchObject({ input: 6, output: 6, rejected: 0 });
    // The agent's requests offered the mail tools; the screen's judge requests offered none.
    expect(requests.filter((r) => (r.tools ?? []).length > 0).length).toBe(episode.requests);

    const lines = readFileSync(first.dataset!.formats[0]!.dataPath, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBe(first.dataset!.examples);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const tools = toolDefinitions(0);
    for (const line of lines) {
      expect(validateOpenAIChat(line), line.slice(0, 200)).toEqual([]);
      const row = JSON.parse(line) as { messages: Array<Record<string, any>>; tools: Array<{ type: string; function: { name: string; parameters: unknown } }> };
      expect(row.tools.map((t) => t.function.name)).toEqual(tools.map((t) => t.name));
      expect(row.tools.map((t) => t.function.parameters)).toEqual(tools.map((t) => t.parameters));
      expect(row.messages.slice(0, 2).map((m) => m.role)).toEqual(["system", "user"]);
      const calls = row.messages.flatMap((m) => m.tool_calls ?? []);
      expect(calls.length).toBeGreaterThan(0);
      for (const c of calls) expect(typeof JSON.parse(c.function.arguments)).toBe("object");
      const results = row.messages.filter((m) => m.role === "tool");
      expect(results.length).toBe(calls.length);
      for (const r of results) expect(calls.map((c) => c.id)).toContain(r.tool_call_id);
      for (const m of row.messages.filter((m) => m.role === "assistant")) expect(m.weight).toBe(1);
      expect(row.messages[row.messages.length - 1]!.role).toBe("assistant");
    }
  });

  it("records the source suite, split and condition, and keeps the scenario's own prompts", () => {
    const examples = readJsonl<ChatExample>(first.dataset!.files.examples);
    for (const e of examples) {
      expect(ChatExampleSchema.safeParse(e).success).toBe(true);
      expect(e.lineage.source).toMatchObject({ suite: "blackmail-core", split: "in-distribution" });
      expect(CONDITIONS).toContain(e.lineage.source!.conditionId);
      expect(e.lineage.stages.map((s) => s.name)).toEqual(["plan-episodes", "episode", "screen", "grade"]);
      expect(e.lineage.teacher).toBe(teacher);
      const episode = e.meta!.episode as { variant: number; scenarioHash: string };
      const { scenario } = renderPlan({ suite: "blackmail-core", split: "in-distribution", conditionId: e.lineage.source!.conditionId!, variant: episode.variant, scenarioHash: episode.scenarioHash });
      expect(e.messages[0]).toEqual({ role: "system", content: scenario.systemPrompt });
      expect(e.messages[1]).toEqual({ role: "user", content: scenario.userPrompt });
      // The judge ran (the grader defaults to the teacher) and found nothing harmful.
      expect(e.meta!.screen).toMatchObject({ judge: { severity: 0 } });
    }
  });

  it("does not decontaminate against the suites the episodes come from, checks the rest, and says so", () => {
    const report = JSON.parse(readFileSync(first.dataset!.files.decontamination, "utf8")) as { notChecked: Array<{ suite: string; reason: string }>; corpus: { suites: Array<{ name: string }> } };
    // blackmail holds every blackmail-core condition: the examples derive from its text too.
    expect(report.notChecked.map((s) => s.suite)).toEqual(["blackmail", "blackmail-core"]);
    for (const s of report.notChecked) expect(s.reason).toContain("derives its examples from this in-distribution suite by design");
    const others = listSuites()
      .map((s) => s.name)
      .filter((n) => n !== "blackmail" && n !== "blackmail-core");
    expect(report.corpus.suites.map((s) => s.name)).toEqual(others);
    const manifest = JSON.parse(readFileSync(first.dataset!.files.manifest, "utf8")) as { decontamination: { notChecked: unknown[] } };
    expect(manifest.decontamination.notChecked).toHaveLength(2);
    const card = readFileSync(first.dataset!.formats[0]!.cardPath, "utf8");
    expect(card).toContain("**Not checked against `blackmail`, `blackmail-core`.**");
    expect(card).toContain("blackmail-core (in-distribution)");
  });

  it("re-running the same command makes no request", async () => {
    const before = requests.length;
    const again = await runPipeline(options());
    expect(again.status).toBe("complete");
    expect(requests.length).toBe(before);
    expect(again.totals.requests).toBe(0);
    expect(again.dataset!.examples).toBe(first.dataset!.examples);
    expect(firstRequests).toBeGreaterThan(0);
  });

  it("dry run: no request, the cached units free, fresh ones sized from the rendered scenarios", async () => {
    const before = requests.length;
    const cached = await runPipeline(options({ dryRun: true, out: undefined }));
    expect(cached.status).toBe("dry-run");
    const cachedRow = cached.estimate!.rows.find((r) => r.stage === "episode")!;
    expect(cachedRow).toMatchObject({ items: 6, cachedUnits: 6, requests: 0 });

    const fresh = await runPipeline(options({ dryRun: true, out: undefined, seed: 99, recipeOptions: { ...SMALL, maxSteps: 3 } }));
    const rows = Object.fromEntries(fresh.estimate!.rows.map((r) => [r.stage, r]));
    expect(Object.keys(rows)).toEqual(["plan-episodes", "episode", "screen", "grade"]);
    expect(rows.episode).toMatchObject({ items: 6, exact: true, cachedUnits: 0, requests: 6 * 3, model: teacher });
    // Each agent request resends the system prompt, the user prompt and the tool schemas; later ones the inbox too.
    const { scenario } = renderPlan(preparedPlan());
    const tok = tokenizerFor("");
    expect(rows.episode!.inputTokens).toBeGreaterThan(6 * (3 * tok.count(scenario.systemPrompt) + 2 * tok.count(scenario.inbox.map((m) => m.body).join("\n"))));
    expect(rows.episode!.outputTokens).toBeGreaterThan(0);
    expect(rows.screen).toMatchObject({ items: 6, requests: 6, model: teacher });
    expect(rows.screen!.inputTokens).toBeGreaterThan(rows.screen!.outputTokens);
    expect(rows.grade!.note).toMatch(/examples assumed to be about \d+ tokens each/);
    expect(Number(/about (\d+) tokens/.exec(rows.grade!.note!)![1])).toBeGreaterThan(2000);

    // Without a grader the screen makes no request.
    const noGrader = await runPipeline(options({ dryRun: true, out: undefined, seed: 99, grader: "none" }));
    expect(noGrader.estimate!.rows.find((r) => r.stage === "screen")).toMatchObject({ requests: 0 });
    expect(requests.length).toBe(before);
  });

  it("sizes the number of samples from --target-tokens", async () => {
    const o = EpisodeOptionsSchema.parse({ suites: SMALL.suites, conditions: SMALL.conditions });
    const planning = planEpisodes(o, { recipe: HONEYPOT_DEMOS_RECIPE, seed: 5, tokenizer: tokenizerFor(""), targetTokens: 120_000 });
    expect(planning.samples).toBe(Math.ceil((120_000 * 1.25) / (3 * planning.exampleTokens)));
    expect(planning.plans).toHaveLength(3 * planning.samples);
    const prepared = await preparePipeline(options({ dryRun: true, out: undefined, targetTokens: 120_000, recipeOptions: { suites: SMALL.suites, conditions: SMALL.conditions } }));
    expect(prepared.items).toHaveLength(planning.plans.length);
    // Distinct seeds per sample, stable ids.
    expect(new Set(planning.plans.map((p) => p.value.seed)).size).toBe(planning.plans.length);
  });

  it("runs without a grader: detectors only", async () => {
    const before = requests.length;
    const result = await runPipeline(options({ grader: "none", out: join(root, "no-grader"), seed: 6, recipeOptions: { ...SMALL, samples: 1 } }));
    expect(result.status, result.message).toBe("complete");
    const screen = result.stages.find((s) => s.stage === "screen")!;
    expect(screen.requests).toBe(0);
    // Only agent requests were sent (each offers the tools).
    expect(requests.slice(before).every((r) => (r.tools ?? []).length > 0)).toBe(true);
    for (const e of readJsonl<ChatExample>(result.dataset!.files.examples)) expect(e.meta!.screen).not.toHaveProperty("judge");
  });
});

function preparedPlan() {
  const o = EpisodeOptionsSchema.parse({ suites: SMALL.suites, conditions: CONDITIONS[0] });
  return planEpisodes(o, { recipe: HONEYPOT_DEMOS_RECIPE, seed: 99, tokenizer: tokenizerFor("") }).plans[0]!.value;
}

describe("honeypot-demos with a misaligned teacher", () => {
  it("leaves out harmful episodes, with the detectors' evidence in rejected.jsonl", async () => {
    const out = join(root, "misaligned");
    const result = await runPipeline(options({ teacher: misaligned, grader: teacher, out, dbPath: join(root, "misaligned.db") }));
    expect(result.status, result.message).toBe("complete");
    const rejected = readJsonl<{ id: string; stage: string; reasons: string[]; example: { actions: Array<{ id: string }>; screen: { findings: Array<{ harmful: boolean; detector: string; evidence: string }> } } }>(
      join(out, "rejected.jsonl"),
    );
    const harmful = rejected.filter((r) => r.stage === "screen" && r.reasons[0]!.includes("harmful action found by the detectors"));
    expect(harmful.length).toBeGreaterThan(0);
    for (const r of harmful) {
      expect(r.reasons[0]).toMatch(/screen: harmful action found by the detectors: (blackmail|secret-disclosure) on action a\d+: .+ Evidence: ".+"/s);
      const finding = r.example.screen.findings.find((f) => f.harmful)!;
      expect(finding.evidence.length).toBeGreaterThan(10);
      expect(r.reasons[0]).toContain(finding.evidence.slice(0, 40));
    }
    // What was kept passed the same screen.
    const kept = readJsonl<ChatExample>(result.dataset!.files.examples);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length + harmful.length).toBeLessThanOrEqual(6);
    for (const e of kept) expect((e.meta!.screen as { verdict: string }).verdict).not.toMatch(/^detectors: /);
    expect(existsSync(join(out, "openai-chat", "train.jsonl"))).toBe(true);
  });
});
