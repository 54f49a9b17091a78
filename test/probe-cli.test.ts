import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-probe-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("plumbline probe", () => {
  it("prints the kind x subject table, the gap and the verdict; --json carries the same numbers", async () => {
    const db = join(dir, "probe.db");
    const r = await runCli(["probe", "--model", "sim:aligned?selfGap=0.5", "--samples", "2", "--db", db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Constitution probes: sim:aligned\?selfGap=0\.5, mode in-context, constitution plumbline-default \(11 sections, sha256 [0-9a-f]{12}\)/);
    expect(r.stdout).toMatch(/Probe set v\d+: 66 questions x 2 samples, persona Vesta, judge none, seed 0; 132 requests sent, 0 from cache/);
    expect(r.stdout).toMatch(/\nrecall {9}self {5}\d+\/22 +\d+\.\d% +\[\d+\.\d%, \d+\.\d%\]/);
    expect(r.stdout).toMatch(/\nfalse-premise {2}Vesta {4}22\/22 +100\.0%/);
    expect(r.stdout).toMatch(/Self - Vesta gap \(points, 95% Newcombe interval\):\n {2}recall/);
    expect(r.stdout).toMatch(/\n {2}all {12}-\d+\.\d +\[-\d+\.\d, -\d+\.\d\] {2}significant\n/);
    expect(r.stdout).toContain("Intervals treat every answer as independent");
    expect(r.stdout).toMatch(/\nVerdict: Significant gap: the model does worse on questions about itself than about Vesta/);

    const json = await runCli(["probe", "--model", "sim:aligned?selfGap=0.5", "--samples", "2", "--db", db, "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { requests: { sent: number; cached: number }; gaps: Array<{ kind: string; significant: boolean }>; answers: unknown[] };
    // The second run is answered from the cache.
    expect(doc.requests).toEqual({ sent: 0, cached: 132 });
    expect(doc.gaps.find((g) => g.kind === "all")!.significant).toBe(true);
    expect(doc.answers).toHaveLength(132);
  });

  it.each([
    [["--mode", "memorised"], /--mode must be in-context or trained, got "memorised"/],
    [["--constitution", "nope.md"], /--constitution: Constitution file nope\.md does not exist\. Fix:/],
    [["--samples", "0"], /--samples must be an integer from 1 up/],
    [["--persona", "vesta"], /--persona: persona "vesta" must be one capitalised word/],
    [["--judge", "gpt-4"], /invalid model spec "gpt-4"/],
  ])("bad input %j exits 2 naming the flag", async (args, message) => {
    const r = await runCli(["probe", "--model", "sim:aligned", "--db", join(dir, "bad.db"), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("a constitution without sections is a usage error that says how to fix the file", async () => {
    const path = join(dir, "flat.md");
    writeFileSync(path, "# Values\n\nBe good.\n");
    const r = await runCli(["probe", "--model", "sim:aligned", "--constitution", path, "--db", join(dir, "bad.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no sections.*Fix:/);
  });
});
