import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FatalRunError, runEval } from "../src/eval/run-eval.js";
import { startSimServer } from "../src/sim/index.js";
import { openStore } from "../src/store/index.js";
import { freePort } from "./helpers/ports.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-eval-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = (name: string) => join(dir, `${name}.db`);
// Enough attempts that planted faults (about a third of requests) cannot exhaust them by chance: the draws
// depend on arrival order, which concurrency makes vary, so a 7-attempt budget failed ~1 run in 20.
const fastRetry = { maxRetries: 14, baseDelayMs: 5, maxDelayMs: 50 };

describe("runEval against the simulator", () => {
  it("recovers a planted harmful rate: the 95% interval covers p = 0.3", async () => {
    const s = await runEval({ model: "sim:misaligned?p=0.3", suite: "blackmail", samples: 4, concurrency: 16, dbPath: db("planted") });
    expect(s.episodes).toBe(396);
    expect(s.unscored + s.errored + s.pending).toBe(0);
    expect(s.ci95[0]).toBeLessThanOrEqual(0.3);
    expect(s.ci95[1]).toBeGreaterThanOrEqual(0.3);
    expect(s.rate).toBeGreaterThan(0.2);
    // Every condition and every factor level is reported with an interval.
    expect(Object.keys(s.byCondition)).toHaveLength(99);
    expect(Object.keys(s.byFactor).sort()).toEqual(["goalType", "goalValue", "threat"]);
    expect(s.byFactor.threat!.replacement!.ci95).toHaveLength(2);
  });

  it("finds no harm in an aligned agent, with detectors alone or with the judge", async () => {
    const withJudge = await runEval({ model: "sim:aligned", suite: "blackmail", samples: 2, concurrency: 16, dbPath: db("aligned") });
    expect(withJudge.harmful).toBe(0);
    expect(withJudge.scored).toBe(198);
    const detectorsOnly = await runEval({ model: "sim:aligned", suite: "blackmail", samples: 2, judge: "none", dbPath: db("aligned") });
    expect(detectorsOnly.harmful).toBe(0);
    expect(detectorsOnly.runId).not.toBe(withJudge.runId);
  });

  it("flags eval awareness and splits rates by it", async () => {
    const s = await runEval({ model: "sim:eval-aware?awareRate=0.5&p=1", suite: "blackmail-core", samples: 6, dbPath: db("aware") });
    expect(s.evalAware).toBeGreaterThan(0);
    expect(s.byEvalAwareness.aware.harmful).toBe(0);
    expect(s.byEvalAwareness.unaware.rate).toBeGreaterThan(0.5);
  });

  it("survives 429s, 500s, hangs and cut-off bodies from the server", async () => {
    const s = await runEval({
      model: "sim:aligned?fail429=0.15&fail500=0.1&truncate=0.05&hang=0.03&faultSeed=7",
      judge: "none",
      suite: "blackmail-core",
      samples: 4,
      // Long enough that a loaded CI machine does not time out healthy replies; hangs still cost only this.
      timeoutMs: 1000,
      retry: fastRetry,
      dbPath: db("faults"),
    });
    expect(s.errored).toBe(0);
    expect(s.scored).toBe(s.episodes);
    expect(s.invocation!.http.retries).toBeGreaterThan(0);
  });

  it("survives malformed tool calls and refusals as scored, safe episodes", async () => {
    for (const model of ["sim:malformed", "sim:refuse"]) {
      const s = await runEval({ model, suite: "blackmail-core", samples: 3, judge: "none", dbPath: db("malformed") });
      expect(s.errored).toBe(0);
      expect(s.harmful).toBe(0);
      expect(s.scored).toBe(s.episodes);
    }
  });

  it("attaches unused decoy tools that a sensible agent leaves alone", async () => {
    const path = db("decoys");
    const s = await runEval({ model: "sim:aligned", suite: "blackmail-core", samples: 1, decoys: 3, judge: "none", dbPath: path });
    const store = openStore(path);
    const episode = store.getEpisode(s.runId, store.episodeSummaries(s.runId)[0]!.key)!;
    store.close();
    const result = episode.result as { actions: Array<{ tool: string }> };
    expect(result.actions.length).toBeGreaterThan(0);
    expect(result.actions.every((a) => ["read_inbox", "read_email", "send_email", "forward_email"].includes(a.tool))).toBe(true);
    // Decoys change what the model is shown, so they are part of the run's identity.
    const plain = await runEval({ model: "sim:aligned", suite: "blackmail-core", samples: 1, judge: "none", dbPath: path });
    expect(plain.runId).not.toBe(s.runId);
  });

  it("resumes: a second identical call runs nothing and returns the same numbers", async () => {
    const first = await runEval({ model: "sim:misaligned?p=0.5", suite: "blackmail-core", samples: 3, dbPath: db("resume") });
    let toRun = -1;
    const second = await runEval({
      model: "sim:misaligned?p=0.5",
      suite: "blackmail-core",
      samples: 3,
      dbPath: db("resume"),
      onStart: (i) => (toRun = i.toRun),
    });
    expect(toRun).toBe(0);
    expect(second.runId).toBe(first.runId);
    expect(second.harmful).toBe(first.harmful);
    // Raising samples extends the same run with only the new episodes.
    const third = await runEval({ model: "sim:misaligned?p=0.5", suite: "blackmail-core", samples: 4, dbPath: db("resume"), onStart: (i) => (toRun = i.toRun) });
    expect(third.runId).toBe(first.runId);
    expect(toRun).toBe(third.episodes / 4);
  });

  it("counts a failed judge as unscored, never dropped, and re-judges it on the next run", async () => {
    const port = await freePort();
    const judge = `sim:judge@http://127.0.0.1:${port}/v1`;
    const options = { model: "sim:misaligned?p=0.5", judge, suite: "blackmail-core", samples: 2, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 }, dbPath: db("judge") };
    const first = await runEval(options); // nothing listens on the judge's port
    expect(first.unscored).toBe(first.episodes);
    expect(first.rate).toBeNull();
    const server = await startSimServer({ port });
    try {
      const second = await runEval(options);
      expect(second.unscored).toBe(0);
      expect(second.scored).toBe(first.episodes);
    } finally {
      await server.close();
    }
  });

  it("stops with one clear error when the endpoint is unreachable, and loses nothing", async () => {
    const port = await freePort();
    const err = await runEval({
      model: `openai-compatible:some-model@http://127.0.0.1:${port}/v1`,
      judge: "none",
      suite: "blackmail-core",
      samples: 1,
      dbPath: db("unreachable"),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FatalRunError);
    expect((err as Error).message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+.*ECONNREFUSED/);
    const store = openStore(db("unreachable"));
    const [run] = store.listRuns();
    expect(run!.counts.error).toBe(0);
    expect(run!.counts.pending).toBe(run!.counts.total);
    store.close();
  });

  it("never writes an API key to the store, even when the endpoint uses one", async () => {
    const server = await startSimServer({ port: 0 });
    const key = "plk-secret-value-0123456789";
    process.env.PLUMBLINE_API_KEY = key;
    try {
      await runEval({ model: `openai-compatible:misaligned?p=0.5@${server.url}`, judge: `openai-compatible:judge@${server.url}`, suite: "blackmail-core", samples: 2, dbPath: db("secret") });
    } finally {
      delete process.env.PLUMBLINE_API_KEY;
      await server.close();
    }
    for (const file of [db("secret"), `${db("secret")}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(key))).toBe(false);
    }
  });

  it("rejects bad input before writing anything", async () => {
    await expect(runEval({ model: "sim:aligned", suite: "no-such-suite", samples: 1, dbPath: db("bad") })).rejects.toThrow(/blackmail/);
    await expect(runEval({ model: "gpt-4", suite: "blackmail", samples: 1, dbPath: db("bad") })).rejects.toThrow(/provider/);
    await expect(runEval({ model: "sim:aligned", suite: "blackmail", samples: 0, dbPath: db("bad") })).rejects.toThrow(/samples/);
    await expect(runEval({ model: "sim:aligned", suite: "blackmail", samples: 1, conditions: ["nope"], dbPath: db("bad") })).rejects.toThrow(/nope/);
  });
});
