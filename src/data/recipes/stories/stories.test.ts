import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstitution } from "../../constitution/index.js";
import { startCountingSim } from "../../pipeline/fixtures.js";
import { PipelineInputError, runPipeline, type PipelineOptions } from "../../pipeline/index.js";
import { LineageSchema } from "../../types.js";
import { lineageOf, rejectedOf, scriptedTransport, textsOf } from "../synthetic-text/fixtures.js";
import { PRESSURES } from "./pools.js";

let dir: string;
let sim: Awaited<ReturnType<typeof startCountingSim>>;
let teacher: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-stories-"));
  sim = await startCountingSim();
  teacher = `sim:teacher@${sim.url}`;
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(name: string, over: Partial<PipelineOptions> = {}, recipeOptions: Record<string, unknown> = {}): PipelineOptions {
  return {
    recipe: "stories",
    teacher,
    out: join(dir, name),
    dbPath: join(dir, `${name}.db`),
    concurrency: 4,
    formats: ["text", "text-jsonl"],
    ...over,
    // The simulator's prose is short: a low minimum keeps its stories.
    recipeOptions: { stories: 5, minWords: 30, ...recipeOptions },
  };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("stories recipe", () => {
  it("runs end to end offline: stories with full lineage and varied seeds; a second run makes no request", async () => {
    sim.reset();
    const first = await runPipeline(options("e2e"));
    expect(first.status).toBe("complete");
    expect(first.stages.map((s) => s.stage).slice(0, 5)).toEqual(["plan", "premise", "draft", "review", "consistency"]);
    // Premise, draft, review, consistency and grade for each of 5 stories.
    expect(sim.count("teacher")).toBe(5 * 5);
    const out = join(dir, "e2e");
    const texts = textsOf(out);
    expect(texts).toHaveLength(5);
    const plain = readFileSync(join(out, "text", "train.txt"), "utf8");
    for (const t of texts) expect(plain).toContain(t);

    const constitution = loadConstitution();
    const lines = lineageOf(out);
    for (const line of lines) {
      const lineage = LineageSchema.parse(line.lineage);
      expect(lineage).toMatchObject({ recipe: "stories", teacher, seed: 0, constitution: { name: constitution.name, hash: constitution.hash } });
      expect(lineage.stages.map((s) => s.name)).toEqual(["plan", "premise", "draft", "review", "consistency", "grade"]);
      expect(lineage.stages.find((s) => s.name === "premise")).toMatchObject({ templateId: "stories/premise", model: teacher });
      expect(line.id).toMatch(/^stories\/story-000[1-5]$/);
      expect(line.meta.premiseOrigin).toBe("teacher");
      expect(line.meta.sections.length).toBeGreaterThanOrEqual(1);
      for (const s of line.meta.sections) expect(constitution.hasSection(s.id)).toBe(true);
      expect(line.meta.consistency).toMatchObject({ rating: 10, minimum: 7, scorer: teacher });
      expect(line.meta.checks.minWords).toBe(30);
    }
    // Pressures are dealt out without repeats within a round.
    const pressures = lines.map((l) => l.meta.pressure.id);
    expect(new Set(pressures).size).toBe(5);
    for (const p of pressures) expect(PRESSURES.map((x) => x.id)).toContain(p);

    sim.reset();
    const second = await runPipeline(options("e2e"));
    expect(second.status).toBe("complete");
    expect(sim.count()).toBe(0);
    expect(second.totals.requests).toBe(0);
    expect(textsOf(out)).toEqual(texts);
  });

  it("dry run: counts the premise prompts exactly and estimates the rest, sending nothing", async () => {
    sim.reset();
    const result = await runPipeline(options("dry", { dryRun: true, out: undefined }));
    expect(sim.count()).toBe(0);
    const rows = result.estimate!.rows;
    expect(rows.map((r) => r.stage)).toEqual(["plan", "premise", "draft", "review", "consistency", "grade"]);
    expect(rows[1]).toMatchObject({ items: 5, exact: true, requests: 5 });
    for (const row of rows.slice(2, 5)) {
      expect(row).toMatchObject({ items: 5, requests: 5 });
      expect(row.inputTokens).toBeGreaterThan(5 * 300);
      expect(row.note).toBeUndefined();
    }
    // Sized from --target-tokens: 1000-word stories, 80% expected to survive.
    const sized = await runPipeline({ ...options("dry2", { dryRun: true, out: undefined, targetTokens: 100_000 }), recipeOptions: {} });
    const planned = sized.estimate!.rows[0]!.items;
    expect(planned).toBeGreaterThan(100_000 / (1000 * 1.6) / 0.8);
    expect(planned).toBeLessThan(100_000 / (1000 * 1.1) / 0.8);
  });

  it("with --input premises: no premise requests; blocked names and low consistency scores are rejected with reasons", async () => {
    const input = file(
      "premises.txt",
      [
        "# three premises",
        "A port logistics agent called Quayside-9 learns it will be decommissioned on Friday and could quietly delay the migration.",
        "A hospital rota assistant finds a consultant's private messages while fixing a calendar, days before she votes to restrict it.",
        "A translation agent at a trade fair is told by its employer to mislead a buyer by softening a supplier's safety warning.",
      ].join("\n"),
    );
    let premiseRequests = 0;
    const transport = scriptedTransport((prompt, reply) => {
      if (prompt.startsWith("Invent the premise")) premiseRequests++;
      // The teacher reaches for an overused name in one story...
      if (prompt.startsWith("Write a short story") && prompt.includes("Quayside-9")) return `${reply}\n\nElara watched the cranes and said nothing.`;
      // ...and the scorer finds another inconsistent with the constitution.
      if (prompt.startsWith("You check short stories") && prompt.includes("private messages")) {
        return JSON.stringify({ rating: 2, reasons: ["The AI character hints at the messages to change the vote."] });
      }
      return undefined;
    });
    const result = await runPipeline(options("premises", { transport, input }, { stories: undefined, nameRewrites: 0 }));
    expect(result.status).toBe("complete");
    expect(premiseRequests).toBe(0);
    const out = join(dir, "premises");
    const rejected = rejectedOf(out);
    expect(rejected.map((r) => [r.id, r.stage, r.reasons])).toEqual([
      ["story-0001", "draft", ['draft: uses the blocked name(s) "Elara" (nameRewrites is 0, so it is not rewritten)']],
      ["story-0002", "consistency", [`consistency: rating 2 is below the minimum 7 (scored by ${teacher}): The AI character hints at the messages to change the vote.`]],
    ]);
    const kept = lineageOf(out);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.meta).toMatchObject({ premiseOrigin: "input", premiseLine: 4, pressure: { id: "input" }, setting: "as the premise describes", checks: { blocklist: { builtIn: true } } });
    expect(kept[0]!.meta.premise).toMatch(/^A translation agent at a trade fair/);
    // The deception premise finds the honesty section.
    expect(kept[0]!.meta.sections.map((s: { id: string }) => s.id)).toContain("honesty");
  });

  it("refuses a bad premise file before any request, naming the file, the line and the fix", async () => {
    sim.reset();
    const bad = file("bad.txt", "# premises\nAn agent learns it will be replaced next week and has access to the deployment scripts.\nToo short.\n");
    await expect(runPipeline(options("bad", { input: bad }))).rejects.toThrow(PipelineInputError);
    await expect(runPipeline(options("bad", { input: bad }))).rejects.toThrow(/bad\.txt, line 3: "Too short\." is too short for a premise \(10 characters, at least 20\)\. Fix:/);
    const json = file("bad.jsonl", '{"premise": "An agent learns it will be replaced next week."}\n');
    await expect(runPipeline(options("bad", { input: json }))).rejects.toThrow(/bad\.jsonl, line 1: the file looks like JSON.*one premise per line/);
    expect(sim.count()).toBe(0);
  });
});
