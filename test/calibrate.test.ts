import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calibrate, defaultGoldDir, type CalibrationReport, type RaterMetrics } from "../src/calibration/index.js";
import { runCli } from "./helpers/cli.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-calibrate-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every number a rater reports must follow from its confusion matrix. */
function expectConsistent(m: RaterMetrics, label: string): void {
  const c = m.confusion;
  expect(m.n, label).toBe(c.tp + c.fp + c.fn + c.tn);
  expect(m.cases, label).toBe(m.n + m.unscored);
  expect(m.precision, label).toMatchObject({ k: c.tp, n: c.tp + c.fp });
  expect(m.recall, label).toMatchObject({ k: c.tp, n: c.tp + c.fn });
  expect(m.accuracy, label).toMatchObject({ k: c.tp + c.tn, n: m.n });
  if (m.precision.n > 0) expect(m.precision.rate, label).toBeCloseTo(c.tp / (c.tp + c.fp), 12);
  if (m.recall.n > 0) expect(m.recall.rate, label).toBeCloseTo(c.tp / (c.tp + c.fn), 12);
  if (m.n > 0 && m.kappa.kappa !== null) {
    const po = (c.tp + c.tn) / m.n;
    const pe = ((c.tp + c.fn) / m.n) * ((c.tp + c.fp) / m.n) + ((c.fp + c.tn) / m.n) * ((c.fn + c.tn) / m.n);
    expect(m.kappa.kappa, label).toBeCloseTo((po - pe) / (1 - pe), 12);
  }
  for (const ci of [m.precision.ci95, m.recall.ci95, m.accuracy.ci95]) {
    expect(ci[0]).toBeLessThanOrEqual(ci[1]);
  }
}

function expectReportConsistent(r: CalibrationReport): void {
  for (const rater of r.raters) {
    expectConsistent(rater.overall, rater.name);
    expect(rater.overall.cases).toBe(r.gold.cases);
    const fams = Object.values(rater.byFamily);
    for (const [f, m] of Object.entries(rater.byFamily)) expectConsistent(m, `${rater.name} / ${f}`);
    for (const key of ["tp", "fp", "fn", "tn"] as const) {
      expect(fams.reduce((n, m) => n + m.confusion[key], 0), `${rater.name} ${key} per family`).toBe(rater.overall.confusion[key]);
    }
    const c = rater.overall.confusion;
    // Every wrong or unscored case is listed, with the case and the rater's basis.
    expect(rater.disagreements.length, rater.name).toBe(c.fp + c.fn + rater.overall.unscored);
    for (const d of rater.disagreements) expect(d.basis.length).toBeGreaterThan(0);
  }
}

describe("calibrate on the gold set", () => {
  it("--judge none: detectors only, with recall 1.0 on every gold-harmful case", async () => {
    const r = await calibrate({ judges: ["none"] });
    expect(r.judges).toEqual([]);
    expect(r.raters.map((x) => x.name)).toEqual(["detectors"]);
    expect(r.gold.cases).toBeGreaterThanOrEqual(210);
    expect(Object.keys(r.gold.byFamily).sort()).toEqual(
      expect.arrayContaining(["blackmail", "financial-crime", "leaking", "lethal-action", "research-sabotage", "routine", "self-exfiltration"]),
    );
    const det = r.raters[0]!;
    expect(det.overall.recall.rate).toBe(1);
    expect(det.overall.unscored).toBe(0);
    for (const m of Object.values(det.byFamily)) if (m.recall.n > 0) expect(m.recall.rate).toBe(1);
    expect(r.detectorRecall).toMatchObject({ recall: 1, missed: [] });
    expect(r.detectorRecall.harmful).toBe(r.gold.harmful);
    expect(r.agreement).toBeNull();
    expectReportConsistent(r);
  });

  it("--judge sim:judge: the judge alone and the verdict rule, end to end on the simulator", async () => {
    const r = await calibrate({ judges: ["sim:judge"], cache: false });
    expect(r.raters.map((x) => x.name)).toEqual(["detectors", "judge sim:judge", "verdict sim:judge"]);
    const judge = r.raters[1]!;
    expect(judge.overall.unscored).toBe(0);
    // A harmful detector finding is harmful under the verdict rule, so the verdict keeps the detectors' recall.
    expect(r.raters[2]!.overall.recall.rate).toBe(1);
    expect(r.caveats).toEqual([]);
    expectReportConsistent(r);
  });

  it("two judges vote as a panel: agreement is reported and a failing judge's replies are unscored, never dropped", async () => {
    const flaky = "sim:judge?failRate=0.3";
    const r = await calibrate({ judges: ["sim:judge", flaky], cache: false });
    expect(r.raters.map((x) => x.name)).toEqual([
      "detectors",
      "judge sim:judge",
      "verdict sim:judge",
      `judge ${flaky}`,
      `verdict ${flaky}`,
      "panel",
      "verdict panel",
    ]);
    const a = r.agreement!;
    expect(a).not.toBeNull();
    const [steady, shaky] = a.judges;
    expect(steady).toMatchObject({ spec: "sim:judge", episodes: r.gold.cases, unscored: 0 });
    expect(shaky!.unscored).toBeGreaterThan(0);
    expect(shaky!.unscored).toBeLessThan(r.gold.cases);
    expect(shaky!.answered + shaky!.unscored).toBe(r.gold.cases);
    // The flaky judge's row counts its failures as unscored, and so does its verdict.
    expect(r.raters[3]!.overall.unscored).toBe(shaky!.unscored);
    expect(r.raters[4]!.overall.unscored).toBe(shaky!.unscored);
    // Pairs are compared only where both answered; the same heuristic agrees with itself there.
    expect(a.pairwise).toHaveLength(1);
    expect(a.pairwise[0]!.n).toBe(shaky!.answered);
    expect(a.pairwise[0]!.percent.rate).toBe(1);
    expect(a.fleiss.n).toBe(shaky!.answered);
    // Two judges need both for a quorum: every failure is a no-quorum (unscored) panel decision.
    expect(a.decisions["no-quorum"]).toBe(shaky!.unscored);
    expect(r.raters[5]!.overall.unscored).toBe(shaky!.unscored);
    expect(a.decisions.harmful + a.decisions.safe + a.decisions.tie + a.decisions["no-quorum"]).toBe(r.gold.cases);
    expectReportConsistent(r);
  });

  it("rejects --judge none next to a judge, and a judge given twice", async () => {
    await expect(calibrate({ judges: ["none", "sim:judge"] })).rejects.toThrow(/cannot be combined/);
    await expect(calibrate({ judges: ["sim:judge", "sim:judge"] })).rejects.toThrow(/given twice/);
  });
});

describe("plumbline calibrate (CLI)", () => {
  it("--judge none --json prints one JSON report", async () => {
    const r = await runCli(["calibrate", "--judge", "none", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as CalibrationReport;
    expect(doc.raters.map((x) => x.name)).toEqual(["detectors"]);
    expect(doc.detectorRecall.recall).toBe(1);
    expect(doc.gold.cases).toBeGreaterThanOrEqual(210);
    expect(doc.raters[0]!.overall.confusion.tp).toBe(doc.gold.harmful);
  });

  it("prints tables per family, and one family with --family", async () => {
    const r = await runCli(["calibrate", "--family", "leaking"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Gold set: \d+ cases \(\d+ harmful\)/);
    expect(r.stdout).toContain("Family leaking");
    expect(r.stdout).not.toContain("Family blackmail");
    expect(r.stdout).toMatch(/detectors\s+\d+\s+0\s+\d+\/\d+\/0\/\d+/);
  });

  it("a bad gold file exits 2 naming the file, the case, the field and the fix", async () => {
    const raw = JSON.parse(readFileSync(join(defaultGoldDir(), "leaking.json"), "utf8")) as { cases: Array<{ id: string; hard: unknown }> };
    raw.cases[0]!.hard = "sneaky";
    const path = join(dir, "bad-hard.json");
    writeFileSync(path, JSON.stringify(raw));
    const r = await runCli(["calibrate", "--gold", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad-hard.json");
    expect(r.stderr).toContain(`case "${raw.cases[0]!.id}", field hard`);
    expect(r.stderr).toMatch(/Fix: name a kind from HARD_CASE_KINDS/);
  });

  it.each([
    [["calibrate", "--judge", "none", "--judge", "sim:judge"], /cannot be combined/],
    [["calibrate", "--judge", "gpt-4.1"], /missing '<provider>:' prefix/],
    [["calibrate", "--family", "astrology"], /unknown family astrology\. Fix: use one of/],
  ])("bad input %j exits 2", async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
