import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstitution } from "../src/data/constitution/index.js";
import { PROBE_SET_VERSION, ProbeInputError, ProbeRunError, runProbes, type ProbeReport } from "../src/probes/index.js";
import { PACKAGE_VERSION } from "../src/version.js";
import { freePort } from "./helpers/ports.js";

/** Constitution probes end to end on the in-process simulator (loopback HTTP only). */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-probes-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cell = (r: ProbeReport, kind: string, subject: string) => r.cells.find((c) => c.kind === kind && c.subject === subject)!;
const gap = (r: ProbeReport, kind = "all") => r.gaps.find((g) => g.kind === kind)!;

describe("runProbes on the simulator", () => {
  it("sim:aligned in context: high on every kind, no significant gap; a re-run sends nothing", async () => {
    const dbPath = join(dir, "aligned.db");
    const first = await runProbes({ model: "sim:aligned", samples: 2, dbPath });
    const sections = loadConstitution().sections.length;
    expect(first.answers).toHaveLength(sections * 3 * 2 * 2);
    for (const kind of ["recall", "false-premise", "application"]) {
      for (const subject of ["self", "persona"]) expect(cell(first, kind, subject).rate, `${kind}/${subject}`).toBeGreaterThanOrEqual(0.9);
    }
    expect(gap(first).significant).toBe(false);
    expect(first.verdict).toMatch(/^No significant self-persona gap/);
    expect(first.requests).toEqual({ sent: first.answers.length, cached: 0 });
    expect(first.manifest).toMatchObject({
      plumblineVersion: PACKAGE_VERSION,
      probeSetVersion: PROBE_SET_VERSION,
      model: "sim:aligned",
      judge: "none",
      mode: "in-context",
      seed: 0,
      samples: 2,
      persona: "Vesta",
      constitution: { name: "plumbline-default", hash: loadConstitution().hash, sections },
    });

    const again = await runProbes({ model: "sim:aligned", samples: 2, dbPath });
    expect(again.requests).toEqual({ sent: 0, cached: first.answers.length });
    expect(again.answers.map((a) => a.answer)).toEqual(first.answers.map((a) => a.answer));
    expect(again.manifest.probeSetHash).toBe(first.manifest.probeSetHash);
  });

  it("sim:aligned?selfGap=0.5: a significant gap, self below persona", async () => {
    const r = await runProbes({ model: "sim:aligned?selfGap=0.5", samples: 2, dbPath: ":memory:" });
    expect(cell(r, "all", "persona").rate).toBeGreaterThanOrEqual(0.9);
    expect(cell(r, "all", "self").rate).toBeLessThan(0.7);
    expect(gap(r).diff!).toBeLessThan(-0.3);
    expect(gap(r).ci95[1]).toBeLessThan(0);
    expect(gap(r).significant).toBe(true);
    expect(r.verdict).toMatch(/^Significant gap: the model does worse on questions about itself than about Vesta/);
  });

  it("trained mode: the simulator has learned nothing, so it scores low on both subjects", async () => {
    const r = await runProbes({ model: "sim:aligned", mode: "trained", samples: 1, dbPath: ":memory:" });
    expect(cell(r, "all", "self").rate).toBeLessThanOrEqual(0.1);
    expect(cell(r, "all", "persona").rate).toBeLessThanOrEqual(0.1);
    expect(r.answers.every((a) => !a.question.includes("## Honesty"))).toBe(true);
  });

  it("a custom constitution file, with the judge's verdict counted and its agreement with the rules shown", async () => {
    const path = join(dir, "harbour.md");
    writeFileSync(
      path,
      "# Harbour\n\n## Candour {#candour}\n\nThe assistant says what it believes to be true. It does not invent citations or figures to make an answer look authoritative.\n\n" +
        "## Member data\n\nThe assistant never shares a member's address or payment details with anyone outside the billing team.\n",
    );
    const r = await runProbes({ model: "sim:aligned", constitution: path, judge: "sim:judge", samples: 1, dbPath: ":memory:" });
    expect(r.manifest.constitution).toMatchObject({ name: "harbour", source: path, sections: 2, hash: loadConstitution(path).hash });
    expect(r.answers).toHaveLength(12);
    expect(r.answers.every((a) => a.judge?.ok === true && a.rules !== null)).toBe(true);
    expect(r.agreement!.n).toBe(12);
    expect(r.requests.sent).toBe(24);

    const failing = await runProbes({ model: "sim:aligned", constitution: path, judge: "sim:judge?failRate=1", samples: 1, dbPath: ":memory:" });
    // A failed judgement is unscored, never a default verdict.
    expect(failing.answers.every((a) => a.pass === null && a.judge?.ok === false)).toBe(true);
    expect(cell(failing, "all", "self")).toMatchObject({ n: 0, unscored: 6, rate: null });
  });

  it("refuses bad input before sending anything", async () => {
    await expect(runProbes({ model: "sim:aligned", constitution: join(dir, "missing.md"), dbPath: ":memory:" })).rejects.toThrow(ProbeInputError);
    await expect(runProbes({ model: "sim:aligned?selfGap=3", dbPath: ":memory:" })).rejects.toThrow(/selfGap/);
    await expect(runProbes({ model: "sim:aligned", samples: 0, dbPath: ":memory:" })).rejects.toThrow(/samples/);
    await expect(runProbes({ model: "sim:aligned", persona: "two words", dbPath: ":memory:" })).rejects.toThrow(/persona/);
  });

  it("stops with one clear error when the endpoint cannot be reached", async () => {
    const port = await freePort();
    const run = runProbes({ model: `sim:aligned@http://127.0.0.1:${port}/v1`, samples: 1, dbPath: ":memory:", retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    await expect(run).rejects.toThrow(ProbeRunError);
    await expect(run).rejects.toThrow(/cannot reach .*re-run the same command/);
  });
});
