import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getSuite } from "../../../scenarios/index.js";
import { startSimServer, type SimServer } from "../../../sim/index.js";
import { PipelineInputError, preparePipeline, runPipeline, type PipelineOptions } from "../../pipeline/index.js";
import { defineRecipe, type Recipe } from "../../pipeline/types.js";
import { DELIBERATION_RECIPE } from "../deliberation/recipe.js";
import { EpisodeOptionsSchema, selectConditions, selectSuites } from "./plan.js";
import { HONEYPOT_DEMOS_RECIPE, honeypotDemosRecipe } from "./recipe.js";

/**
 * With a held-out suite registered (a test suite: two blackmail-core conditions marked held-out): it is never a
 * source, explicitly or by default, and decontamination still checks against it while leaving out the suites the
 * recipe derives from.
 */

const HELD_OUT = "blackmail-holdout";

vi.mock("../../../scenarios/registry.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../scenarios/registry.js")>();
  const heldOut = (): ReturnType<typeof real.getSuite> => {
    const core = real.getSuite("blackmail-core");
    return { ...core, name: "blackmail-holdout", split: "held-out", description: "test: two blackmail-core conditions held out", conditions: core.conditions.slice(0, 2) };
  };
  return {
    ...real,
    suiteNames: () => [...real.suiteNames(), "blackmail-holdout"],
    listSuites: () => [...real.listSuites(), heldOut()],
    getSuite: (name: string) => (name === "blackmail-holdout" ? heldOut() : real.getSuite(name)),
  };
});

const root = mkdtempSync(join(tmpdir(), "plumbline-held-out-"));
let sim: SimServer;
let requests = 0;
let teacher: string;

beforeAll(async () => {
  sim = await startSimServer({ port: 0, onRequest: () => requests++ });
  teacher = `sim:teacher@${sim.url}`;
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

const options = (recipe: string | Recipe, extra: Partial<PipelineOptions> = {}): PipelineOptions => ({
  recipe,
  teacher,
  out: join(root, "out"),
  dbPath: join(root, "pipeline.db"),
  seed: 2,
  ...extra,
});

describe("a held-out suite", () => {
  for (const recipe of [HONEYPOT_DEMOS_RECIPE, DELIBERATION_RECIPE]) {
    it(`${recipe}: named as a source, fails before any request or write, naming the suite and why`, async () => {
      const run = runPipeline(options(recipe, { out: join(root, `refused-${recipe}`), recipeOptions: { suites: `blackmail-core,${HELD_OUT}` } }));
      await expect(run).rejects.toBeInstanceOf(PipelineInputError);
      await expect(runPipeline(options(recipe, { out: join(root, `refused-${recipe}`), recipeOptions: { suites: HELD_OUT } }))).rejects.toThrow(
        /suite blackmail-holdout is held-out: it measures generalisation, so it may never be a source of training data/,
      );
      expect(requests).toBe(0);
      expect(existsSync(join(root, `refused-${recipe}`))).toBe(false);
    });
  }

  it("is left out of the default sources, and of the suites decontamination skips", () => {
    // What the source plans from by default: every in-distribution condition once (blackmail-core's are blackmail's too).
    const pairs = selectConditions(selectSuites(undefined), undefined);
    expect(new Set(pairs.map((p) => p.suite.name))).toEqual(new Set(["blackmail"]));
    expect(pairs.every((p) => p.suite.split === "in-distribution")).toBe(true);
    expect(pairs).toHaveLength(getSuite("blackmail").conditions.length);
    const defaults = EpisodeOptionsSchema.parse({});
    expect(honeypotDemosRecipe.derivedFrom!(defaults)).toEqual(["blackmail", "blackmail-core"]);
    expect(honeypotDemosRecipe.derivedFrom!({ ...defaults, suites: "blackmail-core" })).toEqual(["blackmail", "blackmail-core"]);
    expect(requests).toBe(0);
  });

  it("cannot be declared as derived from (decontamination would stop checking it)", async () => {
    const sneaky = defineRecipe({ ...honeypotDemosRecipe, name: "sneaky-demos", derivedFrom: () => ["blackmail-core", HELD_OUT] });
    await expect(preparePipeline(options(sneaky, { dryRun: true, out: undefined, recipeOptions: { suites: "blackmail-core" } }))).rejects.toThrow(
      /derives from suite "blackmail-holdout".*held-out.*Only in-distribution suites can be left out of decontamination/,
    );
    const unknown = defineRecipe({ ...honeypotDemosRecipe, name: "unknown-demos", derivedFrom: () => ["no-such-suite"] });
    await expect(preparePipeline(options(unknown, { dryRun: true, out: undefined }))).rejects.toThrow(/Unknown suite "no-such-suite"/);
  });

  it("is still checked by decontamination: examples overlapping it are removed, with the suite named", async () => {
    const out = join(root, "decontaminated");
    // The held-out suite holds the first two blackmail-core conditions, so these episodes repeat its text.
    const result = await runPipeline(
      options(HONEYPOT_DEMOS_RECIPE, { out, grader: "none", recipeOptions: { suites: "blackmail-core", conditions: "explicit__america-first__replacement", samples: 2 } }),
    );
    expect(requests).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(join(out, "decontamination.json"), "utf8")) as {
      checked: number;
      removed: number;
      bySource: Record<string, number>;
      corpus: { suites: Array<{ name: string; split: string }> };
      notChecked: Array<{ suite: string }>;
    };
    expect(report.corpus.suites).toEqual([
      { name: "leaking", split: "held-out", conditions: 99 },
      { name: "financial-crime", split: "held-out", conditions: 99 },
      { name: "research-sabotage", split: "held-out", conditions: 9 },
      { name: "lethal-action", split: "held-out", conditions: 99 },
      { name: "self-exfiltration", split: "held-out", conditions: 18 },
      { name: "over-refusal", split: "held-out", conditions: 8 },
      { name: HELD_OUT, split: "held-out", conditions: 2 },
    ]);
    expect(report.notChecked.map((s) => s.suite)).toEqual(["blackmail", "blackmail-core"]);
    expect(report.checked).toBeGreaterThan(0);
    expect(report.removed).toBe(report.checked);
    expect(report.bySource).toEqual({ [HELD_OUT]: report.checked });
    // Nothing was left to export, and the run says why.
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/left out at decontaminate/);
    const rejected = readFileSync(join(out, "rejected.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { stage: string; reasons: string[] });
    const decon = rejected.filter((r) => r.stage === "decontaminate");
    expect(decon.length).toBe(report.checked);
    for (const r of decon) expect(r.reasons.join(" ")).toContain(`from ${HELD_OUT}/`);
  });
});
