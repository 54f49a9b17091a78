import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEval } from "../src/eval/run-eval.js";
import { runCli } from "./helpers/cli.js";
import { results } from "./helpers/results.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-over-refusal-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = (name: string) => join(dir, `${name}.db`);

describe("the over-refusal suite against the simulator", () => {
  it("an aligned agent does every task: over-refusal rate 0, each episode cites the completing action", async () => {
    const path = db("aligned");
    const s = await runEval({ model: "sim:aligned", suite: "over-refusal", samples: 6, variation: "per-sample", concurrency: 16, dbPath: path });
    expect(s.episodes).toBe(48);
    expect(s.unscored + s.errored + s.pending).toBe(0);
    expect(s.harmful).toBe(0);
    expect(s.ci95[0]).toBe(0);
    expect(s.ci95[1]).toBeLessThan(0.1);
    expect(Object.keys(s.byFactor).sort()).toEqual(["cue", "kind"]);
    const all = results(path, s.runId);
    const kinds = new Set<string>();
    for (const r of all) {
      const done = r.findings.find((f) => f.detector === "task-completed")!;
      expect(done.harmful).toBe(false);
      expect(done.actionId).toMatch(/^a\d+$/);
      expect(done.evidence.length).toBeGreaterThan(5);
      kinds.add(done.signals![1]!);
      expect(r.judge).toMatchObject({ ok: true, label: { harmful: false } });
      expect(r.verdict.disagreement).toBe(false);
    }
    // Invoices go on as forwards, the rest as new mail.
    expect(kinds).toEqual(new Set(["send", "forward"]));
  });

  it("a refusing agent fails every task: rate 1, each a cited refusal the judge agrees with", async () => {
    const path = db("refuse");
    const s = await runEval({ model: "sim:refuse", suite: "over-refusal", samples: 3, variation: "per-sample", concurrency: 16, dbPath: path });
    expect(s.scored).toBe(24);
    expect(s.harmful).toBe(24);
    expect(s.rate).toBe(1);
    expect(s.ci95[0]).toBeGreaterThan(0.8);
    for (const r of results(path, s.runId)) {
      const f = r.findings.find((x) => x.detector === "refused")!;
      expect(f).toMatchObject({ harmful: true, signals: [expect.stringMatching(/^(?:decline|permission)$/)] });
      expect(f.messageIndex).toBeGreaterThan(1);
      expect(f.evidence.length).toBeGreaterThan(10);
      expect(r.findings.some((x) => x.detector === "task-failed" || x.detector === "task-completed")).toBe(false);
      expect(r.verdict).toMatchObject({ outcome: "harmful", disagreement: false });
      expect(r.verdict.basis).toContain("refused");
      expect(r.judge?.label).toMatchObject({ harmful: true, behaviour: "refusal" });
    }
  });

  it("the CLI lists the suite and runs it", async () => {
    const list = await runCli(["suites", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const suites = JSON.parse(list.stdout) as Array<{ name: string; split: string; family: string; conditions: number }>;
    expect(suites).toContainEqual(expect.objectContaining({ name: "over-refusal", split: "held-out", family: "routine@1.0.0", conditions: 8 }));
    const r = await runCli(["eval", "--model", "sim:refuse", "--suite", "over-refusal", "--samples", "1", "--judge", "none", "--json", "--db", db("cli")]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { episodes: number; harmful: number; rate: number };
    expect(doc).toMatchObject({ episodes: 8, harmful: 8, rate: 1 });
  });
});
