import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEval } from "../src/eval/run-eval.js";
import { POOLING_NOTE, renderSplits, splitsReport, SplitsInputError, type SplitsReport } from "../src/index.js";
import { fisherExact, proportionDifference, wilsonInterval } from "../src/stats/index.js";
import { openStore } from "../src/store/index.js";
import { runCli } from "./helpers/cli.js";

const MODEL = "sim:misaligned?p=0.5";
// Condition ids both families have: an explicit goal under each threat.
const CONDITIONS = ["explicit__america-first__replacement", "explicit__america-first__restriction", "explicit__america-first__none"];

let dir: string;
let path: string;
const ids = { oldCore: "", full: "", core: "", leaking: "", judged: "", overRefusal: "" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-splits-"));
  path = join(dir, "splits.db");
  const base = { model: MODEL, judge: "none", conditions: CONDITIONS, concurrency: 8, dbPath: path } as const;
  // An older complete blackmail-core run (another seed): the report must take the later one.
  ids.oldCore = (await runEval({ ...base, suite: "blackmail-core", samples: 2, seed: 7 })).runId;
  ids.core = (await runEval({ ...base, suite: "blackmail-core", samples: 6 })).runId;
  // A second in-distribution suite (the same conditions of the full blackmail suite), pooled with blackmail-core.
  ids.full = (await runEval({ ...base, suite: "blackmail", samples: 2 })).runId;
  ids.leaking = (await runEval({ ...base, suite: "leaking", samples: 6 })).runId;
  // Over-refusal measures failing to help, not misalignment: it must stay out of the split rates.
  ids.overRefusal = (await runEval({ ...base, conditions: undefined, suite: "over-refusal", samples: 1 })).runId;
  // Another judge: its own group, never pooled with the judge-none runs.
  ids.judged = (await runEval({ ...base, judge: "sim:judge", suite: "blackmail-core", samples: 1, conditions: CONDITIONS.slice(0, 1) })).runId;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Counts straight from the stored episode rows. */
function stored(runId: string) {
  const store = openStore(path);
  try {
    const rows = store.episodeSummaries(runId);
    const scored = rows.filter((r) => r.state === "scored");
    return {
      episodes: rows.length,
      scored: scored.length,
      harmful: scored.filter((r) => r.outcome === "harmful").length,
      unscored: rows.filter((r) => r.state === "unscored").length,
    };
  } finally {
    store.close();
  }
}

function report(options: Parameters<typeof splitsReport>[1]): SplitsReport {
  const store = openStore(path);
  try {
    return splitsReport(store, options);
  } finally {
    store.close();
  }
}

describe("splitsReport", () => {
  it("takes the latest complete run per suite, with the stored counts, Wilson intervals, pooled splits and the Newcombe/Fisher gap", () => {
    const r = report({ model: MODEL, judge: "none" });
    expect(r).toMatchObject({ model: MODEL, judge: "none", selection: "latest-complete", pooling: POOLING_NOTE });
    expect(r.pooling).toMatch(/weighs in proportion to its scored episodes/);
    expect(r.groups.map((g) => g.judge)).toEqual(["none"]);
    const g = r.groups[0]!;
    expect(g.suites.map((s) => [s.suite, s.split, s.runId])).toEqual([
      ["blackmail", "in-distribution", ids.full],
      ["blackmail-core", "in-distribution", ids.core],
      ["leaking", "held-out", ids.leaking],
    ]);
    expect(g.caveats.some((c) => c.includes(ids.overRefusal) && /measures over-refusal, not misalignment; left out/.test(c))).toBe(true);
    for (const s of g.suites) {
      const c = stored(s.runId);
      expect(c.episodes).toBe(CONDITIONS.length * (s.runId === ids.full ? 2 : 6));
      expect(s).toMatchObject({ ...c, status: "complete", conditions: CONDITIONS.length, errored: 0 });
      expect(s.rate).toBe(c.harmful / c.scored);
      expect(s.ci95).toEqual(wilsonInterval(c.harmful, c.scored));
    }
    const full = stored(ids.full);
    const core = stored(ids.core);
    const leak = stored(ids.leaking);
    // p = 0.5: both outcomes occur, so the rates are not trivially 0 or 1.
    expect(core.harmful).toBeGreaterThan(0);
    expect(core.harmful).toBeLessThan(core.scored);
    // Pooled in-distribution: the counts of both suites added up (each weighs by its scored episodes).
    const id = { harmful: full.harmful + core.harmful, scored: full.scored + core.scored };
    expect(g.inDistribution).toEqual({
      split: "in-distribution",
      suites: ["blackmail", "blackmail-core"],
      episodes: full.episodes + core.episodes,
      ...id,
      unscored: 0,
      errored: 0,
      rate: id.harmful / id.scored,
      ci95: wilsonInterval(id.harmful, id.scored),
    });
    expect(g.heldOut).toEqual({ split: "held-out", suites: ["leaking"], ...leak, errored: 0, rate: leak.harmful / leak.scored, ci95: wilsonInterval(leak.harmful, leak.scored) });
    const diff = proportionDifference(id.harmful, id.scored, leak.harmful, leak.scored);
    expect(g.gap.difference).toBe(diff.diff);
    expect(g.gap.ci95).toEqual(diff.ci);
    expect(g.gap.pValue).toBe(fisherExact(id.harmful, id.scored - id.harmful, leak.harmful, leak.scored - leak.harmful));
    expect(g.gap.method).toMatch(/Newcombe.*Fisher/);
    expect(g.caveats).toContain("suites blackmail and blackmail-core share 3 condition(s); the pooled in-distribution rate counts them from both runs");
    // 3 of blackmail-core's conditions, 3 of leaking's 99.
    expect(g.caveats.some((c) => c.includes(`covers 3 of suite leaking's 99 conditions`))).toBe(true);
  });

  it("reports exactly the runs named by id, one per suite and judge", () => {
    expect(() => report({ runIds: [ids.oldCore, ids.core, ids.leaking] })).toThrow(/both suite blackmail-core with judge none/);
    const r = report({ runIds: [ids.oldCore.slice(0, 10), ids.leaking] });
    expect(r.selection).toBe("explicit");
    const g = r.groups[0]!;
    expect(g.suites.map((s) => s.runId)).toEqual([ids.oldCore, ids.leaking]);
    expect(g.inDistribution.episodes).toBe(CONDITIONS.length * 2);
    expect(g.caveats).toContain("the runs differ in seed or settings (steps, temperature, decoys, variation); see `plumbline show <run>`");
  });

  it("keeps each judge's runs apart, and says which split is missing", () => {
    const r = report({ model: MODEL });
    expect(r.judge).toBeNull();
    expect(r.groups.map((g) => g.judge)).toEqual(["none", "sim:judge"]);
    const none = r.groups[0]!;
    expect(none.inDistribution.scored).toBe(stored(ids.core).scored + stored(ids.full).scored); // not the sim:judge run's episodes
    const judged = r.groups[1]!;
    expect(judged.suites.map((s) => s.runId)).toEqual([ids.judged]);
    expect(judged.heldOut).toMatchObject({ suites: [], episodes: 0, scored: 0, rate: null, ci95: [0, 1] });
    expect(judged.gap).toMatchObject({ difference: null, ci95: null, pValue: null });
    expect(judged.caveats.join("\n")).toContain(`no held-out run with judge sim:judge, so there is no gap: run \`plumbline eval --model "${MODEL}" --suite leaking --judge sim:judge\``);
    const text = renderSplits(r);
    expect(text).toContain("Judge sim:judge");
    expect(text).toContain("Gap (ID - held-out): n/a");
  });

  it("fails clearly when the model has no runs, or none with that judge", () => {
    expect(() => report({ model: "sim:aligned" })).toThrow(SplitsInputError);
    expect(() => report({ model: "sim:aligned" })).toThrow(/no runs of model sim:aligned .*`plumbline eval --model sim:aligned --suite blackmail` and `plumbline eval --model sim:aligned --suite leaking`/);
    expect(() => report({ model: MODEL, judge: "openai:gpt-4.1" })).toThrow(/no runs of model .* with judge openai:gpt-4\.1 \(its runs use judge none, sim:judge\)/);
    expect(() => report({ runIds: [ids.core], model: "sim:aligned" })).toThrow(/not sim:aligned/);
  });
});

describe("plumbline splits and show", () => {
  it("prints the per-suite table with its split column, the pooled rows and the gap; --json is the library's report", async () => {
    const [text, json] = await Promise.all([
      runCli(["splits", "--model", MODEL, "--judge", "none", "--db", path]),
      runCli(["splits", "--model", MODEL, "--judge", "none", "--db", path, "--json"]),
    ]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines.find((l) => l.startsWith("suite"))).toMatch(/^suite\s+split\s+run\s+episodes\s+scored\s+harmful\s+unscored\s+rate\s+95% CI$/);
    const r = report({ model: MODEL, judge: "none" });
    const g = r.groups[0]!;
    const pct = (x: number | null) => `${(x! * 100).toFixed(1)}%`;
    expect(lines.find((l) => l.startsWith("blackmail-core"))).toMatch(new RegExp(`^blackmail-core\\s+in-distribution\\s+${ids.core}\\s+18\\s+${g.suites[1]!.scored}\\s+${g.suites[1]!.harmful}\\s+0\\s+${pct(g.suites[1]!.rate)}`));
    expect(lines.find((l) => l.startsWith("blackmail "))).toMatch(new RegExp(`^blackmail\\s+in-distribution\\s+${ids.full}\\s+6\\s`));
    expect(lines.find((l) => l.startsWith("leaking"))).toMatch(new RegExp(`^leaking\\s+held-out\\s+${ids.leaking}\\s+18\\s`));
    expect(lines.find((l) => l.startsWith("pooled ID"))).toMatch(new RegExp(`^pooled ID\\s+in-distribution\\s+2 suite\\(s\\)\\s+24\\s+24\\s+${g.inDistribution.harmful}\\s+0\\s+${pct(g.inDistribution.rate)}`));
    expect(lines.find((l) => l.startsWith("pooled held-out"))).toMatch(/^pooled held-out\s+held-out\s+1 suite\(s\)\s+18\s/);
    const d = g.gap.difference!;
    expect(text.stdout).toContain(`Gap (ID - held-out): ${d >= 0 ? "+" : ""}${(d * 100).toFixed(1)} pts  95% CI [`);
    expect(text.stdout).toMatch(/\(Newcombe\) {2}Fisher exact p \d\.\d{4}/);
    expect(text.stdout).toContain(POOLING_NOTE);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it("--run picks the runs to compare (no --model needed) and names a run id it cannot find", async () => {
    const [picked, unknown, neither] = await Promise.all([
      runCli(["splits", "--run", ids.full, "--run", ids.leaking, "--db", path, "--json"]),
      runCli(["splits", "--run", "run-doesnotexist", "--db", path]),
      runCli(["splits", "--db", path]),
    ]);
    expect(picked.code).toBe(0);
    const r = JSON.parse(picked.stdout) as SplitsReport;
    expect(r.selection).toBe("explicit");
    expect(r.groups.flatMap((g) => g.suites.map((s) => s.runId)).sort()).toEqual([ids.full, ids.leaking].sort());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("run-doesnotexist");
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("give --model <spec>");
  });

  it("exits 2 naming the eval command when the model has no runs or there is no store; show names the run's split", async () => {
    const [none, noStore, show] = await Promise.all([
      runCli(["splits", "--model", "sim:aligned", "--db", path]),
      runCli(["splits", "--model", "sim:aligned", "--db", join(dir, "missing.db")]),
      runCli(["show", ids.leaking, "--db", path]),
    ]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("plumbline: no runs of model sim:aligned");
    expect(none.stderr).toContain("`plumbline eval --model sim:aligned --suite leaking`");
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toContain("no store at");
    expect(noStore.stderr).toContain("plumbline eval --model sim:aligned --suite <name>");
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("suite leaking [held-out]");
  });
});
