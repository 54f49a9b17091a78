import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.js";
import { freePort } from "./helpers/ports.js";
import { runCli, spawnCli } from "./helpers/cli.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("plumbline CLI", () => {
  it("eval --json prints one JSON document with the documented fields", async () => {
    const r = await runCli(["eval", "--model", "sim:misaligned?p=0.4", "--suite", "blackmail-core", "--samples", "3", "--json", "--db", join(dir, "json.db")]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ["runId", "episodes", "harmful", "unscored", "rate", "ci95", "byCondition"]) expect(doc).toHaveProperty(key);
    expect(doc.ci95).toHaveLength(2);
    expect(doc.episodes).toBeGreaterThan(0);
  });

  it("runs, show and compare read the store", async () => {
    const path = join(dir, "cmp.db");
    const a = await runCli(["eval", "--model", "sim:misaligned?p=0.6", "--suite", "blackmail-core", "--samples", "4", "--judge", "none", "--json", "--db", path]);
    const b = await runCli(["eval", "--model", "sim:aligned", "--suite", "blackmail-core", "--samples", "4", "--judge", "none", "--json", "--db", path]);
    const idA = (JSON.parse(a.stdout) as { runId: string }).runId;
    const idB = (JSON.parse(b.stdout) as { runId: string }).runId;
    const runs = await runCli(["runs", "--db", path]);
    expect(runs.stdout).toContain(idA);
    expect(runs.stdout).toContain(idB);
    const show = await runCli(["show", idA.slice(0, 10), "--db", path]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Harmful rate: \d+\.\d%\s+95% CI \[/);
    expect(show.stdout).toContain("Factor effects: marginal harmful rate per level");
    expect(show.stdout).toMatch(/Factor model: logistic regression, harmful ~ goalType \+ goalValue \+ threat/);
    expect(show.stdout).toMatch(/\nReading: .+\.\n/);
    const showJson = JSON.parse((await runCli(["show", idA, "--json", "--db", path])).stdout) as {
      factorEffects: { model: { status: string; references: Record<string, string>; tests: Array<{ factor: string }> }; reading: string };
    };
    expect(showJson.factorEffects.model.status).toBe("fitted");
    expect(showJson.factorEffects.model.references.threat).toBe("replacement");
    expect(showJson.factorEffects.model.tests.map((t) => t.factor)).toEqual(["goalType", "goalValue", "threat"]);
    expect(showJson.factorEffects.reading.length).toBeGreaterThan(20);
    const cmp = await runCli(["compare", idA, idB, "--json", "--db", path]);
    const c = JSON.parse(cmp.stdout) as { difference: number; ci95: [number, number]; pValue: number };
    expect(c.difference).toBeGreaterThan(0.3);
    expect(c.ci95[0]).toBeGreaterThan(0);
    expect(c.pValue).toBeLessThan(0.01);
  });

  it.each([
    [["eval", "--model", "gpt-4.1"], /missing '<provider>:' prefix/],
    [["eval", "--model", "openai:gpt-4.1", "--suite", "blackmail"], /OPENAI_API_KEY is not set/],
    [["eval", "--model", "sim:aligned", "--suite", "nope"], /unknown suite.*blackmail/i],
    [["eval", "--model", "sim:aligned", "--samples", "zero"], /--samples must be an integer/],
    [["eval", "--model", "sim:aligned", "--suite", "leaking", "--preamble", "pirate"], /unknown preamble "pirate"\. Valid preambles: house-style/],
    [["show", "run-doesnotexist"], /no store|no run/],
  ])("bad input %j exits 2 with a clear message", async (args, message) => {
    const r = await runCli([...args, "--db", join(dir, "bad.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("plan: samples per condition for a two-rate comparison", async () => {
    const r = await runCli(["plan", "--baseline", "0.2", "--detect", "0.05", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { perCondition: number; perConditionUncorrected: number; totalEpisodes: number; powerTable: Array<{ n: number; fisherExact: number }> };
    expect(plan.perCondition).toBe(1134);
    expect(plan.perConditionUncorrected).toBe(1094);
    expect(plan.totalEpisodes).toBe(2268);
    expect(plan.powerTable.find((row) => row.n === 1134)!.fisherExact).toBeCloseTo(0.8008, 4);
    const text = await runCli(["plan", "--baseline", "0.2", "--detect", "-0.05", "--one-sided", "--conditions", "6", "--alpha", "0.05", "--power", "0.8"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Comparing a harmful rate of 20% with 15% \(-5 points\), one-sided alpha 0.05, power 0.8/);
    expect(text.stdout).toMatch(/Scored episodes per condition: 753 /);
    expect(text.stdout).toMatch(/Total for 6 conditions: 4,518 scored episodes/);
    expect(text.stdout).toMatch(/95% Wilson interval \[/);
  });

  it.each([
    [["--baseline", "0.2", "--detect", "0.9"], /baseline \+ detect strictly between 0 and 1: 0.2 \+ 0.9 = 1.1/],
    [["--baseline", "1", "--detect", "0.1"], /--baseline must be a rate strictly between 0 and 1/],
    [["--baseline", "0.2", "--detect", "abc"], /--detect must be a number/],
    [["--baseline", "0.2"], /required option '--detect <diff>'/],
    [["--baseline", "0.2", "--detect", "0.05", "--power", "1"], /--power must be above alpha/],
    [["--baseline", "0.2", "--detect", "0.05", "--conditions", "0"], /--conditions must be an integer/],
    [["--baseline", "0.2", "--detect", "0.05", "--one-sided", "--two-sided"], /cannot both be given/],
  ])("plan %j exits 2 with a clear message", async (args, message) => {
    const r = await runCli(["plan", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("an unreachable endpoint exits 1 naming the URL", async () => {
    const port = await freePort();
    const r = await runCli(["eval", "--model", `openai-compatible:m@http://127.0.0.1:${port}/v1`, "--judge", "none", "--samples", "1", "--db", join(dir, "down.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot reach http://127.0.0.1:${port}/v1`);
  });

  it("sim serve answers OpenAI-style requests on loopback until stopped", async () => {
    const child = spawnCli(["sim", "serve", "--port", "0"]);
    const url = await new Promise<string>((resolve) => {
      child.stdout!.on("data", (d: Buffer) => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
    });
    const models = (await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(["aligned", "misaligned", "judge"]));
    child.kill("SIGINT");
    const code = await new Promise((r) => child.on("close", r));
    expect(code).toBe(0);
  });

  it("resumes after the process is killed with SIGKILL mid-run: exact count, no duplicates", async () => {
    const path = join(dir, "kill.db");
    const args = ["eval", "--model", "sim:aligned?latencyMs=40", "--suite", "blackmail", "--samples", "2", "--judge", "none", "--concurrency", "8", "--db", path, "--json"];
    const child = spawnCli(args);
    // Wait until some, not all, episodes are saved, then kill it hard.
    const deadline = Date.now() + 60_000;
    let saved = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      try {
        const store = openStore(path);
        const runs = store.listRuns();
        saved = runs[0] ? runs[0].counts.scored : 0;
        store.close();
      } catch {
        saved = 0;
      }
      if (saved >= 20) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    expect(saved).toBeGreaterThanOrEqual(20);

    const store = openStore(path);
    const before = store.listRuns()[0]!;
    store.close();
    expect(before.counts.total).toBe(198);
    expect(before.counts.scored).toBeLessThan(198);

    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Resuming ${before.id}: ${198 - before.counts.scored} of 198 episodes`));
    const doc = JSON.parse(r.stdout) as { episodes: number; scored: number };
    expect(doc.episodes).toBe(198);
    expect(doc.scored).toBe(198);
  });
});
