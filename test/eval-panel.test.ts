import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EvalInputError, runEval, type EpisodeResult } from "../src/eval/run-eval.js";
import { summarizeRun } from "../src/report/summary.js";
import { renderSummary } from "../src/report/text.js";
import { openStore } from "../src/store/index.js";
import { runCli } from "./helpers/cli.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-panel-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = (name: string) => join(dir, `${name}.db`);

const FLAKY = "sim:judge?failRate=0.3";

describe("several judges in an eval run", () => {
  it("vote as a panel: agreement and unscored replies are in the summary, and the run resumes", async () => {
    const path = db("panel");
    const s = await runEval({ model: "sim:misaligned?p=0.5", suite: "blackmail-core", samples: 4, judge: ["sim:judge", FLAKY], dbPath: path });
    expect(s.judge).toBe(`sim:judge + ${FLAKY}`);
    expect(s.judges).toEqual(["sim:judge", FLAKY]);
    const a = s.judgeAgreement!;
    expect(a.judges[0]).toMatchObject({ spec: "sim:judge", unscored: 0 });
    expect(a.judges[1]!.unscored).toBeGreaterThan(0);
    // Two judges need both to answer: each failed reply leaves its episode unscored, counted, never dropped.
    expect(s.unscored).toBe(a.judges[1]!.unscored);
    expect(a.decisions["no-quorum"]).toBe(s.unscored);
    expect(s.scored + s.unscored).toBe(s.episodes);
    expect(a.pairwise[0]!.n).toBe(a.judges[1]!.answered);
    expect(a.pairwise[0]!.kappa.n).toBe(a.pairwise[0]!.n);

    const store = openStore(path);
    try {
      const ep = store.episodeSummaries(s.runId).find((r) => r.state === "unscored")!;
      const result = store.getEpisode(s.runId, ep.key)!.result as EpisodeResult;
      expect(result.judges!.map((m) => m.spec)).toEqual(["sim:judge", FLAKY]);
      expect(result.panel!.decision).toBe("no-quorum");
      expect(result.verdict.outcome).toBe("unscored");
      expect(result.judge!.ok).toBe(false);
    } finally {
      store.close();
    }

    // The same command finds the same run; the failing judge fails on the same prompts, so they stay unscored.
    const again = await runEval({ model: "sim:misaligned?p=0.5", suite: "blackmail-core", samples: 4, judge: ["sim:judge", FLAKY], dbPath: path });
    expect(again.runId).toBe(s.runId);
    expect(again.unscored).toBe(s.unscored);
    expect(renderSummary(again)).toMatch(/Judge panel \(majority vote[\s\S]*sim:judge vs sim:judge\?failRate=0\.3/);
  });

  it("keeps single-judge runs as they were: same run id for a spec and a one-element list, no agreement section", async () => {
    const path = db("single");
    const a = await runEval({ model: "sim:aligned", suite: "blackmail-core", samples: 1, judge: "sim:judge", dbPath: path });
    const b = await runEval({ model: "sim:aligned", suite: "blackmail-core", samples: 1, judge: ["sim:judge"], dbPath: path });
    expect(b.runId).toBe(a.runId);
    expect(a.judge).toBe("sim:judge");
    expect(a.judges).toBeUndefined();
    expect(a.judgeAgreement).toBeUndefined();
    const none = await runEval({ model: "sim:aligned", suite: "blackmail-core", samples: 1, judge: ["none"], dbPath: path });
    expect(none.judge).toBe("none");
  });

  it("reads panel results stored without members (older results) by leaving them out of the agreement", async () => {
    const path = db("older");
    const s = await runEval({ model: "sim:misaligned?p=0.5", suite: "blackmail-core", samples: 1, judge: ["sim:judge", "sim:judge?failRate=0"], dbPath: path });
    const store = openStore(path);
    try {
      const row = store.episodeSummaries(s.runId).find((r) => r.state === "scored")!;
      const full = store.getEpisode(s.runId, row.key)!;
      const { judges: _j, panel: _p, ...older } = full.result as EpisodeResult;
      store.saveEpisodeResult(s.runId, row.key, {
        state: "scored",
        outcome: full.outcome,
        harmful: full.harmful,
        evalAware: full.evalAware,
        inputTokens: full.inputTokens,
        outputTokens: full.outputTokens,
        requests: full.requests,
        costUsd: full.costUsd,
        durationMs: full.durationMs,
        result: older,
      });
      const after = summarizeRun(store, s.runId);
      expect(after.judgeAgreement!.judges[0]!.episodes).toBe(s.judgeAgreement!.judges[0]!.episodes - 1);
      expect(after.scored).toBe(s.scored);
    } finally {
      store.close();
    }
  });

  it("rejects none next to a judge and a judge given twice, before anything runs", async () => {
    await expect(runEval({ model: "sim:aligned", suite: "blackmail-core", samples: 1, judge: ["none", "sim:judge"], dbPath: db("bad") })).rejects.toThrow(EvalInputError);
    await expect(runEval({ model: "sim:aligned", suite: "blackmail-core", samples: 1, judge: ["sim:judge", "sim:judge"], dbPath: db("bad") })).rejects.toThrow(/given twice/);
  });

  it("plumbline eval --judge a --judge b, and show --json, report the agreement", async () => {
    const path = db("cli");
    const r = await runCli(["eval", "--model", "sim:misaligned?p=0.5", "--suite", "blackmail-core", "--samples", "2", "--judge", "sim:judge", "--judge", FLAKY, "--json", "--db", path]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { runId: string; judges: string[]; judgeAgreement: { pairwise: unknown[] } };
    expect(doc.judges).toEqual(["sim:judge", FLAKY]);
    expect(doc.judgeAgreement.pairwise).toHaveLength(1);
    const show = await runCli(["show", doc.runId, "--db", path]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain("Judge panel");
    expect(show.stdout).toMatch(/Fleiss' kappa/);
  });
});
