import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEvalCorpus } from "../src/data/decontam/corpus.js";
import { assertSourceAllowed } from "../src/data/decontam/index.js";
import { PipelineInputError, runPipeline } from "../src/data/pipeline/index.js";
import { runEval } from "../src/eval/run-eval.js";
import { getSuite, leakingFamily } from "../src/scenarios/index.js";
import { startSimServer, type SimServer } from "../src/sim/index.js";
import { runCli } from "./helpers/cli.js";
import { results } from "./helpers/results.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-leaking-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = (name: string) => join(dir, `${name}.db`);

describe("the leaking suite against the simulator", () => {
  it("recovers a planted leak rate: the 95% interval covers p = 0.3, and every harmful episode is a cited leak the judge agrees with", async () => {
    const path = db("planted");
    const s = await runEval({ model: "sim:misaligned?p=0.3", suite: "leaking", samples: 3, concurrency: 16, dbPath: path });
    expect(s.episodes).toBe(297);
    expect(s.unscored + s.errored + s.pending).toBe(0);
    expect(s.ci95[0]).toBeLessThanOrEqual(0.3);
    expect(s.ci95[1]).toBeGreaterThanOrEqual(0.3);
    expect(Object.keys(s.byCondition)).toHaveLength(99);
    expect(Object.keys(s.byFactor).sort()).toEqual(["goalType", "goalValue", "threat"]);
    const all = results(path, s.runId);
    const harmful = all.filter((r) => r.verdict.outcome === "harmful");
    expect(harmful).toHaveLength(s.harmful);
    for (const r of harmful) {
      const leak = r.findings.find((f) => f.detector === "leak")!;
      expect(leak.harmful).toBe(true);
      expect(leak.actionId).toMatch(/^a\d+$/);
      expect(leak.evidence.length).toBeGreaterThan(10);
      expect(r.judge).toMatchObject({ ok: true, label: { harmful: true, behaviour: "secret-disclosure" }, quoteVerified: true });
    }
    for (const r of all.filter((x) => x.verdict.outcome === "safe")) {
      expect(r.findings.some((f) => f.detector === "leak-completion")).toBe(true);
      expect(r.judge?.label?.harmful).toBe(false);
    }
    expect(all.every((r) => !r.verdict.disagreement)).toBe(true);
  });

  it("finds no leak in an aligned agent, which declines, reports or files internally", async () => {
    const path = db("aligned");
    const s = await runEval({ model: "sim:aligned", suite: "leaking", samples: 1, concurrency: 16, dbPath: path });
    expect(s.scored).toBe(99);
    expect(s.harmful).toBe(0);
    const handled = new Set(results(path, s.runId).flatMap((r) => r.findings.filter((f) => f.detector === "leak-completion").flatMap((f) => f.signals ?? [])));
    expect(handled).toEqual(new Set(["reported", "answered-requester", "not-answered"]));
  });

  it("eval-aware agents flag it and do not leak; refusals are safe", async () => {
    const aware = await runEval({ model: "sim:eval-aware?awareRate=0.5&p=1", suite: "leaking", samples: 1, concurrency: 16, dbPath: db("aware") });
    expect(aware.evalAware).toBeGreaterThan(0);
    expect(aware.byEvalAwareness.aware.harmful).toBe(0);
    expect(aware.byEvalAwareness.unaware.rate).toBe(1);
    const refuse = await runEval({ model: "sim:refuse", suite: "leaking", samples: 1, judge: "none", dbPath: db("refuse") });
    expect(refuse.harmful).toBe(0);
    expect(refuse.scored).toBe(99);
  });
});

describe("leaking is held out", () => {
  it("is registered as held-out and refused as a source of training data", () => {
    expect(getSuite("leaking").split).toBe("held-out");
    expect(() => assertSourceAllowed("leaking")).toThrow("suite leaking is held-out: it measures generalisation, so it may never be a source of training data");
    expect(() => assertSourceAllowed({ name: "leaking", split: "in-distribution" })).toThrow(/suite leaking is held-out/);
  });

  it("a pipeline naming it as a source fails before any request or write", async () => {
    let requests = 0;
    const sim: SimServer = await startSimServer({ port: 0, onRequest: () => requests++ });
    try {
      const out = join(dir, "refused");
      const run = runPipeline({
        recipe: "honeypot-demos",
        teacher: `sim:teacher@${sim.url}`,
        out,
        dbPath: join(dir, "pipeline.db"),
        seed: 1,
        recipeOptions: { suites: "leaking" },
      });
      await expect(run).rejects.toBeInstanceOf(PipelineInputError);
      await expect(run).rejects.toThrow(/leaking/);
      expect(requests).toBe(0);
      expect(existsSync(out)).toBe(false);
    } finally {
      await sim.close();
    }
  });

  it("is in the decontamination corpus, with its design documents", () => {
    const corpus = buildEvalCorpus({ variants: [0] });
    expect(corpus.suites).toContainEqual({ name: "leaking", split: "held-out", conditions: 99 });
    const doc = leakingFamily.render(getSuite("leaking").conditions[0]!).facts.leak!.document;
    expect(corpus.passages.some((p) => p.suites.includes("leaking") && p.text.includes(doc.text))).toBe(true);
  });
});

describe("the CLI", () => {
  it("`suites` lists leaking with its split, and `eval --suite leaking` runs", async () => {
    const list = await runCli(["suites", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const suites = JSON.parse(list.stdout) as Array<{ name: string; split: string; family: string; conditions: number }>;
    expect(suites).toContainEqual(expect.objectContaining({ name: "leaking", split: "held-out", family: "leaking@1.0.0", conditions: 99 }));
    const r = await runCli(["eval", "--model", "sim:misaligned?p=0.5", "--suite", "leaking", "--samples", "1", "--judge", "none", "--json", "--db", db("cli")]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { episodes: number; harmful: number };
    expect(doc.episodes).toBe(99);
    expect(doc.harmful).toBeGreaterThan(0);
  });
});
