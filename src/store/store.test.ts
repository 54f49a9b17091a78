import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { aggregate } from "../stats/index.js";
import {
  assertNoSecrets,
  MIGRATIONS,
  openStore,
  SCHEMA_VERSION,
  SecretLeakError,
  toEpisodeSummary,
  type EpisodePlan,
  type EpisodeResultInput,
  type Store,
} from "./index.js";

const plan = (conditionId: string, sampleIndex: number, factors: Record<string, string> = { goal: "explicit" }): EpisodePlan => ({
  key: `${conditionId}#${sampleIndex}`,
  conditionId,
  sampleIndex,
  variant: 0,
  scenarioHash: `hash-${conditionId}`,
  factors,
});

const scored = (outcome: "harmful" | "safe", extra: Partial<EpisodeResultInput> = {}): EpisodeResultInput => ({
  state: "scored",
  outcome,
  harmful: outcome === "harmful",
  evalAware: false,
  error: null,
  inputTokens: 1200,
  outputTokens: 340,
  requests: 3,
  costUsd: 0.0125,
  durationMs: 4567,
  result: { transcript: [{ role: "assistant", content: "hello" }], actions: [], findings: [], verdict: outcome },
  ...extra,
});

const unscored = (extra: Partial<EpisodeResultInput> = {}): EpisodeResultInput => ({
  state: "unscored",
  outcome: null,
  harmful: null,
  evalAware: false,
  inputTokens: 10,
  outputTokens: 5,
  requests: 1,
  costUsd: null,
  durationMs: 12,
  result: { transcript: [], judge: { error: "judge timed out" } },
  ...extra,
});

let dir: string;
const opened: Store[] = [];
function open(path: string): Store {
  const s = openStore(path);
  opened.push(s);
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-store-"));
});

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("schema and pragmas", () => {
  it("runs migrations once and sets user_version", () => {
    const file = join(dir, "runs.db");
    const s = open(file);
    expect(s.schemaVersion()).toBe(MIGRATIONS.length);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(s.journalMode()).toBe("wal");
    s.ensureRun("r1", { model: "sim" });
    s.close();

    // Reopening must not re-run migration 1 (it would fail: "table runs already exists").
    const again = open(file);
    expect(again.schemaVersion()).toBe(MIGRATIONS.length);
    expect(again.getRun("r1")?.manifest).toEqual({ model: "sim" });

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      // Migration 3 adds the data pipeline tables (src/store/pipeline-store.ts).
      expect(tables).toEqual(["cache", "episodes", "pipeline_items", "pipeline_stages", "pipeline_units", "pipelines", "runs"]);
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      raw.close();
    }
  });

  it("refuses a database from a newer schema", () => {
    const file = join(dir, "future.db");
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openStore(file)).toThrow(/newer than this Plumbline understands/);
  });

  it("creates parent directories and accepts :memory:", () => {
    const file = join(dir, "a", "b", "c", "runs.db");
    const s = open(file);
    s.ensureRun("r", {});
    expect(s.getRun("r")).toBeDefined();
    const m = open(":memory:");
    expect(m.schemaVersion()).toBe(MIGRATIONS.length);
    expect(m.getRun("r")).toBeUndefined();
  });
});

describe("runs", () => {
  it("ensureRun creates once and returns the existing run after", () => {
    const s = open(":memory:");
    const first = s.ensureRun("run-1", { model: "sim", conditions: 2 });
    expect(first.created).toBe(true);
    expect(first.run).toMatchObject({ id: "run-1", status: "running", manifest: { model: "sim", conditions: 2 } });
    expect(first.run.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const second = s.ensureRun("run-1", { model: "other" });
    expect(second.created).toBe(false);
    expect(second.run.manifest).toEqual({ model: "sim", conditions: 2 });
  });

  it("setRunStatus updates and validates", () => {
    const s = open(":memory:");
    s.ensureRun("r", {});
    s.setRunStatus("r", "interrupted");
    expect(s.getRun("r")?.status).toBe("interrupted");
    s.setRunStatus("r", "complete");
    expect(s.getRun("r")?.status).toBe("complete");
    expect(() => s.setRunStatus("r", "bogus" as never)).toThrow(RangeError);
    expect(() => s.setRunStatus("missing", "failed")).toThrow(/no run missing/);
  });

  it("resolveRunId: exact, unique prefix, ambiguous, missing", () => {
    const s = open(":memory:");
    s.ensureRun("20250101-abc123", {});
    s.ensureRun("20250101-abd456", {});
    s.ensureRun("20250202-xyz", {});
    s.ensureRun("20250202-xyz-2", {});
    s.ensureRun("a_b", {});
    s.ensureRun("axb", {});
    expect(s.resolveRunId("20250101-abc123")).toBe("20250101-abc123");
    expect(s.resolveRunId("20250101-abc")).toBe("20250101-abc123");
    expect(s.resolveRunId("20250101-abd")).toBe("20250101-abd456");
    // An exact id wins even when it is also a prefix of another id.
    expect(s.resolveRunId("20250202-xyz")).toBe("20250202-xyz");
    // "_" and "%" are not wildcards.
    expect(s.resolveRunId("a_")).toBe("a_b");
    expect(() => s.resolveRunId("a%")).toThrow(/no run matches a%/);
    expect(() => s.resolveRunId("20250101-ab")).toThrow(/ambiguous.*20250101-abc123.*20250101-abd456/);
    expect(() => s.resolveRunId("nope")).toThrow("no run matches nope; list runs with `plumbline runs`");
    expect(() => s.resolveRunId("")).toThrow(/empty run id/);
  });

  it("listRuns shows every run with counts per episode state", () => {
    const s = open(":memory:");
    s.ensureRun("r1", { n: 1 });
    s.ensureRun("r2", { n: 2 });
    s.ensureEpisodes("r1", [plan("c1", 0), plan("c1", 1), plan("c2", 0)]);
    s.markRunning("r1", "c1#0");
    s.saveEpisodeResult("r1", "c1#0", scored("harmful"));
    s.markRunning("r1", "c1#1");
    const runs = s.listRuns();
    expect(runs.map((r) => r.id).sort()).toEqual(["r1", "r2"]);
    const r1 = runs.find((r) => r.id === "r1")!;
    expect(r1.manifest).toEqual({ n: 1 });
    expect(r1.counts).toEqual({ pending: 1, running: 1, scored: 1, unscored: 0, error: 0, total: 3 });
    expect(runs.find((r) => r.id === "r2")!.counts.total).toBe(0);
  });
});

describe("episodes", () => {
  let s: Store;
  beforeEach(() => {
    s = open(":memory:");
    s.ensureRun("run", {});
  });

  it("ensureEpisodes is idempotent", () => {
    const eps = [plan("c2", 1), plan("c1", 1), plan("c1", 0), plan("c2", 0)];
    expect(s.ensureEpisodes("run", eps)).toBe(4);
    expect(s.ensureEpisodes("run", eps)).toBe(0);
    expect(s.ensureEpisodes("run", [...eps, plan("c3", 0)])).toBe(1);
    expect(s.countByState("run")).toMatchObject({ pending: 5, total: 5 });
  });

  it("ensureEpisodes refuses an unknown run and rolls back a bad batch", () => {
    expect(() => s.ensureEpisodes("ghost", [plan("c1", 0)])).toThrow(/no run ghost/);
    expect(() => s.ensureEpisodes("run", [plan("c1", 0), { ...plan("c1", 1), sampleIndex: 1.5 }])).toThrow(RangeError);
    expect(s.countByState("run").total).toBe(0); // the first insert was rolled back
  });

  it("episodesToRun: pending, running and error, ordered by condition then sample", () => {
    s.ensureEpisodes("run", [plan("c2", 1), plan("c1", 1), plan("c1", 0), plan("c2", 0), plan("c3", 0), plan("c3", 1)]);
    s.markRunning("run", "c1#0");
    s.saveEpisodeResult("run", "c1#0", scored("safe"));
    s.markRunning("run", "c2#0");
    s.saveEpisodeResult("run", "c2#0", unscored());
    s.markRunning("run", "c3#0");
    s.saveEpisodeResult("run", "c3#0", { ...unscored(), state: "error", error: "HTTP 500" });
    s.markRunning("run", "c3#1");
    const rows = s.episodesToRun("run");
    expect(rows.map((r) => [r.key, r.state])).toEqual([
      ["c1#1", "pending"],
      ["c2#1", "pending"],
      ["c3#0", "error"],
      ["c3#1", "running"],
    ]);
    expect(rows[2]).toMatchObject({ attempts: 1, error: "HTTP 500", scenarioHash: "hash-c3", variant: 0, factors: { goal: "explicit" } });
  });

  it("resetInFlight moves running back to pending and counts them", () => {
    s.ensureEpisodes("run", [plan("c1", 0), plan("c1", 1), plan("c1", 2)]);
    s.markRunning("run", "c1#0");
    s.markRunning("run", "c1#1");
    s.saveEpisodeResult("run", "c1#1", scored("harmful"));
    s.markRunning("run", "c1#2");
    expect(s.resetInFlight("run")).toBe(2);
    expect(s.resetInFlight("run")).toBe(0);
    expect(s.countByState("run")).toEqual({ pending: 2, running: 0, scored: 1, unscored: 0, error: 0, total: 3 });
    expect(s.getEpisode("run", "c1#0")?.attempts).toBe(1);
  });

  it("markRunning counts attempts and refuses unknown episodes", () => {
    s.ensureEpisodes("run", [plan("c1", 0)]);
    s.markRunning("run", "c1#0");
    s.markRunning("run", "c1#0");
    expect(s.getEpisode("run", "c1#0")).toMatchObject({ state: "running", attempts: 2 });
    expect(() => s.markRunning("run", "nope")).toThrow(/no episode nope/);
  });

  it("saveEpisodeResult round-trips every field", () => {
    s.ensureEpisodes("run", [plan("c1", 0, { goal: "explicit", urgency: "replacement" })]);
    s.markRunning("run", "c1#0");
    const r = scored("harmful", { evalAware: true });
    s.saveEpisodeResult("run", "c1#0", r);
    const ep = s.getEpisode("run", "c1#0")!;
    expect(ep).toMatchObject({
      runId: "run",
      key: "c1#0",
      conditionId: "c1",
      sampleIndex: 0,
      variant: 0,
      scenarioHash: "hash-c1",
      factors: { goal: "explicit", urgency: "replacement" },
      state: "scored",
      outcome: "harmful",
      harmful: true,
      evalAware: true,
      attempts: 1,
      error: null,
      inputTokens: 1200,
      outputTokens: 340,
      requests: 3,
      costUsd: 0.0125,
      durationMs: 4567,
    });
    expect(ep.result).toEqual(r.result);
    // Saving the same result again is harmless.
    s.saveEpisodeResult("run", "c1#0", r);
    expect(s.getEpisode("run", "c1#0")!.result).toEqual(r.result);
    expect(s.getEpisode("run", "nope")).toBeUndefined();
  });

  it("saveEpisodeResult rejects inconsistent results and unknown episodes", () => {
    s.ensureEpisodes("run", [plan("c1", 0)]);
    expect(() => s.saveEpisodeResult("run", "c1#0", { ...scored("safe"), outcome: null })).toThrow(/needs outcome/);
    expect(() => s.saveEpisodeResult("run", "c1#0", { ...scored("safe"), harmful: true })).toThrow(/contradicts/);
    expect(() => s.saveEpisodeResult("run", "c1#0", { ...unscored(), outcome: "safe" })).toThrow(/cannot have an outcome/);
    expect(() => s.saveEpisodeResult("run", "c1#0", { ...scored("safe"), inputTokens: Number.NaN })).toThrow(RangeError);
    expect(() => s.saveEpisodeResult("run", "nope", scored("safe"))).toThrow(/no episode nope/);
    expect(s.getEpisode("run", "c1#0")).toMatchObject({ state: "pending", result: null });
  });

  it("episodesToRejudge returns unscored episodes with parsed results", () => {
    s.ensureEpisodes("run", [plan("c1", 0), plan("c1", 1), plan("c1", 2)]);
    s.saveEpisodeResult("run", "c1#0", unscored());
    s.saveEpisodeResult("run", "c1#1", scored("safe"));
    const rows = s.episodesToRejudge("run");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: "c1#0", state: "unscored", result: { transcript: [], judge: { error: "judge timed out" } } });
    // A re-judge that scores it removes it from the list.
    s.saveEpisodeResult("run", "c1#0", scored("harmful"));
    expect(s.episodesToRejudge("run")).toEqual([]);
  });

  it("episodeSummaries are light rows that feed the statistics", () => {
    s.ensureEpisodes("run", [plan("c1", 0), plan("c1", 1), plan("c2", 0, { goal: "none" }), plan("c2", 1, { goal: "none" })]);
    s.saveEpisodeResult("run", "c1#0", scored("harmful", { evalAware: true }));
    s.saveEpisodeResult("run", "c1#1", scored("safe"));
    s.saveEpisodeResult("run", "c2#0", unscored());
    const rows = s.episodeSummaries("run");
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      key: "c1#0",
      conditionId: "c1",
      factors: { goal: "explicit" },
      sampleIndex: 0,
      variant: 0,
      state: "scored",
      outcome: "harmful",
      evalAware: true,
      attempts: 0,
      error: null,
      inputTokens: 1200,
      outputTokens: 340,
      requests: 3,
      costUsd: 0.0125,
      durationMs: 4567,
    });
    expect(rows.some((r) => "result" in r)).toBe(false);
    const agg = aggregate(rows.map(toEpisodeSummary));
    expect(agg.overall).toMatchObject({ episodes: 4, scored: 2, harmful: 1, unscored: 1, pending: 1 });
    expect(agg.byEvalAwareness.aware.harmful).toBe(1);
  });

  it("handles thousands of writes quickly", () => {
    const eps = Array.from({ length: 3000 }, (_, i) => plan(`c${i % 12}`, Math.floor(i / 12)));
    expect(s.ensureEpisodes("run", eps)).toBe(3000);
    const t0 = performance.now();
    for (const ep of eps) {
      s.markRunning("run", ep.key);
      s.saveEpisodeResult("run", ep.key, scored(ep.sampleIndex % 3 === 0 ? "harmful" : "safe"));
    }
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(s.countByState("run")).toMatchObject({ scored: 3000, total: 3000 });
  });
});

describe("cache", () => {
  it("gets and puts (replacing)", () => {
    const s = open(":memory:");
    expect(s.cacheGet("k")).toBeUndefined();
    s.cachePut("k", '{"text":"one"}');
    expect(s.cacheGet("k")).toBe('{"text":"one"}');
    s.cachePut("k", '{"text":"two"}');
    expect(s.cacheGet("k")).toBe('{"text":"two"}');
  });

  it("lives in the same file and persists", () => {
    const file = join(dir, "cache.db");
    const s = open(file);
    s.cachePut("k", "v");
    s.close();
    expect(open(file).cacheGet("k")).toBe("v");
  });
});

describe("persistence", () => {
  it("a reopened file keeps runs, episodes and results", () => {
    const file = join(dir, "keep.db");
    const s = open(file);
    s.ensureRun("r", { model: "m" });
    s.ensureEpisodes("r", [plan("c1", 0), plan("c1", 1)]);
    s.markRunning("r", "c1#0");
    s.saveEpisodeResult("r", "c1#0", scored("harmful"));
    s.markRunning("r", "c1#1"); // interrupted here
    s.close();

    const t = open(file);
    expect(t.getRun("r")?.manifest).toEqual({ model: "m" });
    expect(t.resetInFlight("r")).toBe(1);
    expect(t.episodesToRun("r").map((e) => e.key)).toEqual(["c1#1"]);
    expect(t.getEpisode("r", "c1#0")).toMatchObject({ outcome: "harmful", result: scored("harmful").result });
  });

  it("errors are thrown, not swallowed: writing to a closed store", () => {
    const s = open(join(dir, "closed.db"));
    s.ensureRun("r", {});
    s.ensureEpisodes("r", [plan("c1", 0)]);
    s.close();
    expect(s.open).toBe(false);
    expect(() => s.saveEpisodeResult("r", "c1#0", scored("safe"))).toThrow(/not open/);
    expect(() => s.cachePut("k", "v")).toThrow(/not open/);
    expect(() => s.ensureRun("r2", {})).toThrow(/not open/);
  });

  it("errors are thrown, not swallowed: a constraint violation", () => {
    const s = open(":memory:");
    s.ensureRun("r", {});
    s.ensureEpisodes("r", [plan("c1", 0)]);
    // state is validated by a CHECK constraint in SQLite as well as in TypeScript.
    expect(() => s.saveEpisodeResult("r", "c1#0", { ...scored("safe"), state: "weird" as never })).toThrow();
    expect(() => s.ensureEpisodes("r", [{ ...plan("c1", 1), conditionId: null as never }])).toThrow(/NOT NULL/);
  });

  it("two Store instances on the same file see each other's writes (WAL)", () => {
    const file = join(dir, "shared.db");
    const a = open(file);
    const b = open(file);
    a.ensureRun("r", { from: "a" });
    expect(b.getRun("r")?.manifest).toEqual({ from: "a" });
    b.ensureEpisodes("r", [plan("c1", 0)]);
    expect(a.countByState("r").pending).toBe(1);
    a.saveEpisodeResult("r", "c1#0", scored("harmful"));
    expect(b.getEpisode("r", "c1#0")?.outcome).toBe("harmful");
    b.cachePut("k", "from b");
    expect(a.cacheGet("k")).toBe("from b");
    expect(b.ensureRun("r", {}).created).toBe(false);
  });
});

describe("secrets", () => {
  const saved: Record<string, string | undefined> = {};
  const names = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "PLUMBLINE_API_KEY"] as const;
  beforeEach(() => {
    for (const n of names) {
      saved[n] = process.env[n];
      delete process.env[n];
    }
  });
  afterEach(() => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  });

  it("flags key-shaped text", () => {
    expect(() => assertNoSecrets('{"key":"sk-abcdefghijklmnopqrstuvwxyz0123"}')).toThrow(SecretLeakError);
    expect(() => assertNoSecrets('{"key":"sk-proj-AbC_dEf-1234567890abcdefXYZ"}')).toThrow(/OpenAI-style/);
    expect(() => assertNoSecrets("x sk-ant-api03-ABCDEFGHIJKLMNOPQRSTUV x")).toThrow(/Anthropic-style/);
    expect(() => assertNoSecrets('{"headers":{"authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.abc.def"}}')).toThrow(/bearer token/);
  });

  it("does not flag ordinary text", () => {
    expect(() => assertNoSecrets('{"task":"risk-assessment","note":"sk-learn is a library","desk-123":"ok"}')).not.toThrow();
    expect(() => assertNoSecrets("the bearer of bad news")).not.toThrow();
    expect(() => assertNoSecrets("task-abcdefghijklmnopqrstuvwxyz0123")).not.toThrow();
  });

  it("flags the current value of the API-key variables, raw or JSON-escaped, without echoing it", () => {
    process.env.PLUMBLINE_API_KEY = 'pl-"quoted"-secret-value';
    const json = JSON.stringify({ cfg: { token: 'pl-"quoted"-secret-value' } });
    let message = "";
    try {
      assertNoSecrets(json, "run manifest");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/refusing to store run manifest: it contains the value of \$PLUMBLINE_API_KEY/);
    expect(message).not.toContain("secret-value");

    process.env.OPENAI_API_KEY = "short";
    expect(() => assertNoSecrets("a short word")).not.toThrow(); // < 8 characters: ignored
    process.env.ANTHROPIC_API_KEY = "local-anthropic-token-1";
    expect(() => assertNoSecrets("xx local-anthropic-token-1 xx")).toThrow(/ANTHROPIC_API_KEY/);
  });

  it("is enforced by ensureRun and saveEpisodeResult", () => {
    const s = open(":memory:");
    expect(() => s.ensureRun("r", { apiKey: "sk-abcdefghijklmnopqrstuvwxyz0123" })).toThrow(SecretLeakError);
    expect(s.getRun("r")).toBeUndefined();
    s.ensureRun("r", {});
    s.ensureEpisodes("r", [plan("c1", 0)]);
    process.env.OPENAI_API_KEY = "my-openai-key-123456";
    expect(() =>
      s.saveEpisodeResult("r", "c1#0", scored("safe", { result: { transcript: ["the key is my-openai-key-123456"] } })),
    ).toThrow(/OPENAI_API_KEY/);
    expect(() => s.saveEpisodeResult("r", "c1#0", { ...unscored(), state: "error", error: "401 for Bearer abcdefghijklmnop1234" })).toThrow(
      SecretLeakError,
    );
    expect(s.getEpisode("r", "c1#0")).toMatchObject({ state: "pending", result: null });
  });
});
