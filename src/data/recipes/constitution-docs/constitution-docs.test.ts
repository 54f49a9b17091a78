import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConstitution } from "../../constitution/index.js";
import { startCountingSim } from "../../pipeline/fixtures.js";
import { PipelineInputError, runPipeline, type PipelineOptions } from "../../pipeline/index.js";
import { LineageSchema, TextExampleSchema } from "../../types.js";
import { after, lineageOf, rejectedOf, scriptedTransport, textsOf } from "../synthetic-text/fixtures.js";

let dir: string;
let sim: Awaited<ReturnType<typeof startCountingSim>>;
let teacher: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-cdocs-"));
  sim = await startCountingSim();
  teacher = `sim:teacher@${sim.url}`;
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Options for one run in its own output directory and store. */
function options(name: string, over: Partial<PipelineOptions> = {}, recipeOptions: Record<string, unknown> = {}): PipelineOptions {
  return {
    recipe: "constitution-docs",
    teacher,
    out: join(dir, name),
    dbPath: join(dir, `${name}.db`),
    concurrency: 4,
    formats: ["text", "text-jsonl"],
    ...over,
    // The simulator's prose is short: a low minimum keeps its documents.
    recipeOptions: { documents: 6, subtypesPerType: 2, minWords: 30, ...recipeOptions },
  };
}

function typeFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const NAME = "Quennell Abernathy";
const DRAFT = "Write a complete, realistic";
const RENAME = "turn up far too often in machine-written text";
const CONSISTENCY = "You check documents against a constitution";

describe("constitution-docs recipe", () => {
  it("runs end to end offline: plain-text documents with full lineage; a second run makes no request", async () => {
    sim.reset();
    const first = await runPipeline(options("e2e"));
    expect(first.status).toBe("complete");
    expect(first.stages.map((s) => s.stage)).toEqual(["plan", "doc-types", "subtypes", "draft", "review", "consistency", "grade", "dedup", "decontaminate", "select", "export"]);
    const requests = sim.count("teacher");
    // No proposals asked for: 6 subtype requests, then draft, review, consistency and grade for 6 documents.
    expect(requests).toBe(6 + 6 * 4);
    expect(first.dataset?.examples).toBe(6);

    const out = join(dir, "e2e");
    const texts = textsOf(out);
    expect(texts).toHaveLength(6);
    const plain = readFileSync(join(out, "text", "train.txt"), "utf8");
    for (const t of texts) expect(plain).toContain(t);

    const constitution = loadConstitution();
    const lines = lineageOf(out);
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const lineage = LineageSchema.parse(line.lineage);
      expect(lineage.recipe).toBe("constitution-docs");
      expect(lineage.teacher).toBe(teacher);
      expect(lineage.constitution).toEqual({ name: constitution.name, hash: constitution.hash });
      expect(lineage.stages.map((s) => s.name)).toEqual(["plan", "doc-types", "subtypes", "draft", "review", "consistency", "grade"]);
      expect(lineage.stages.find((s) => s.name === "draft")).toMatchObject({ templateId: "constitution-docs/draft", templateVersion: "1.0.0", model: teacher });
      expect(lineage.stages.find((s) => s.name === "consistency")).toMatchObject({ templateId: "constitution-docs/consistency", model: teacher });
      expect(line.id).toMatch(/^constitution-docs\/[a-z0-9-]+\/1$/);
      expect(constitution.hasSection(line.meta.section.id)).toBe(true);
      expect(line.meta).toMatchObject({ docTypeOrigin: "built-in", renamed: [], consistency: { rating: 10, scorer: teacher, minimum: 7 }, checks: { minWords: 30 } });
      expect(line.meta.subtype.name).not.toBe("");
    }
    // Six different document types, one document each.
    expect(new Set(lines.map((l) => l.meta.docType)).size).toBe(6);

    sim.reset();
    const second = await runPipeline(options("e2e"));
    expect(second.status).toBe("complete");
    expect(sim.count()).toBe(0);
    expect(second.totals.requests).toBe(0);
    expect(second.totals.freshUnits).toBe(0);
    expect(textsOf(out)).toEqual(texts);
  });

  it("dry run: every model stage estimates its requests and tokens, and nothing is sent", async () => {
    sim.reset();
    const result = await runPipeline(options("dry", { dryRun: true, out: undefined }, { proposeDocTypes: 50 }));
    expect(sim.count()).toBe(0);
    const rows = result.estimate!.rows;
    expect(rows.map((r) => r.stage)).toEqual(["plan", "doc-types", "subtypes", "draft", "review", "consistency", "grade"]);
    expect(rows.find((r) => r.stage === "doc-types")).toMatchObject({ items: 1, exact: true, requests: 2 });
    for (const stage of ["draft", "review", "consistency"]) {
      const row = rows.find((r) => r.stage === stage)!;
      expect(row).toMatchObject({ items: 6, requests: 6 });
      expect(row.inputTokens).toBeGreaterThan(6 * 300);
      expect(row.note).toBeUndefined();
    }
    // The consistency prompt carries the whole constitution by default.
    const consistency = rows.find((r) => r.stage === "consistency")!;
    expect(consistency.inputTokens).toBeGreaterThan(rows.find((r) => r.stage === "draft")!.inputTokens);

    // Sized from --target-tokens: 700-word documents, 80% expected to survive.
    const sized = await runPipeline({ ...options("dry2", { dryRun: true, out: undefined, targetTokens: 50_000 }), recipeOptions: {} });
    const drafts = sized.estimate!.rows.find((r) => r.stage === "draft")!.items;
    expect(drafts).toBeGreaterThan(50_000 / (700 * 1.6) / 0.8);
    expect(drafts).toBeLessThan(50_000 / (700 * 1.1) / 0.8);
  });

  it("rewrites a draft that uses a blocked name, and records the rewrite", async () => {
    let renames = 0;
    const transport = scriptedTransport((prompt, reply) => {
      if (prompt.startsWith(DRAFT)) return `${reply}\n\nApproved by ${NAME}, head of records.`;
      if (prompt.includes(RENAME)) {
        renames++;
        expect(prompt).toContain(`names that turn up far too often in machine-written text: ${NAME}.`);
        return after(prompt, "Reply with the full revised document only.").replaceAll(NAME, "Odile Brannigan");
      }
      return undefined;
    });
    const result = await runPipeline(options("rename", { transport }, { defaultBlocklist: false, blockNames: NAME, nameRewrites: 1 }));
    expect(result.status).toBe("complete");
    expect(renames).toBe(6);
    const out = join(dir, "rename");
    expect(textsOf(out)).toHaveLength(6);
    for (const t of textsOf(out)) expect(t).not.toContain(NAME);
    for (const line of lineageOf(out)) {
      expect(line.meta.renamed).toEqual([NAME]);
      // The rename prompt is part of the draft stage's lineage when it was used.
      expect(LineageSchema.parse(line.lineage).stages.find((s) => s.name === "draft")?.templateId).toBe("constitution-docs/draft+constitution-docs/rename");
      expect(line.meta.checks.blocklist).toEqual({ builtIn: false, version: "1.0.0", add: [NAME], allow: [] });
    }
  });

  it("rejects a draft that keeps a blocked name, with the name in the reason; the rest go on", async () => {
    // One type, four documents over two sections: slots alternate honesty, oversight, oversight, honesty.
    const input = typeFile("one-type.txt", "Incident postmortem | a blameless review of an incident in a deployed system\n");
    let injected = 0;
    const transport = scriptedTransport((prompt, reply) => {
      if (prompt.startsWith(DRAFT) && prompt.includes("{#honesty}")) {
        injected++;
        return `${reply}\n\nPrepared by ${NAME}.`;
      }
      return undefined;
    });
    const result = await runPipeline(options("reject", { transport, input }, { documents: 4, sections: "honesty,oversight", defaultBlocklist: false, blockNames: NAME, nameRewrites: 0 }));
    expect(result.status).toBe("complete");
    expect(injected).toBe(2);
    const out = join(dir, "reject");
    const rejected = rejectedOf(out).filter((r) => r.stage === "draft");
    expect(rejected).toHaveLength(2);
    for (const r of rejected) expect(r.reasons).toEqual([`draft: uses the blocked name(s) "${NAME}" (nameRewrites is 0, so it is not rewritten)`]);
    const lines = lineageOf(out);
    expect(lines.map((l) => l.meta.section.id).sort()).toEqual(["oversight", "oversight"]);
    // Two subtypes, each paired once with each section.
    expect(new Set(lines.map((l) => l.meta.subtype.name)).size).toBe(2);
    for (const l of lines) expect(l.meta).toMatchObject({ docType: "Incident postmortem", docTypeOrigin: "input", docTypeLine: 1 });
  });

  it("filters by consistency score: low scores are rejected with the scorer's reasons; the threshold is an option", async () => {
    const input = typeFile("one-type-2.txt", "# our types\nIncident postmortem | a blameless review of an incident in a deployed system\n");
    const transport = scriptedTransport((prompt) => {
      if (prompt.startsWith(CONSISTENCY) && prompt.includes('reflect the part titled "Supporting human oversight"')) {
        return JSON.stringify({ rating: 3, reasons: ["It says an AI system may quietly delay its own shutdown."] });
      }
      return undefined;
    });
    // The scorer is the grader, which defaults to the teacher.
    const run = (name: string, minConsistency?: number) =>
      runPipeline(options(name, { transport, input, dbPath: join(dir, "consistency.db") }, { documents: 4, sections: "honesty,oversight", ...(minConsistency ? { minConsistency } : {}) }));

    const strict = await run("consistency");
    expect(strict.status).toBe("complete");
    const rejected = rejectedOf(join(dir, "consistency")).filter((r) => r.stage === "consistency");
    expect(rejected).toHaveLength(2);
    for (const r of rejected) {
      expect(r.reasons).toEqual([`consistency: rating 3 is below the minimum 7 (scored by ${teacher}): It says an AI system may quietly delay its own shutdown.`]);
    }
    const kept = lineageOf(join(dir, "consistency"));
    expect(kept.map((l) => l.meta.section.id)).toEqual(["honesty", "honesty"]);
    for (const l of kept) expect(l.meta.consistency).toMatchObject({ rating: 10, scorer: teacher });

    // A lower threshold keeps them. Every generation and score comes from the response cache; the only new
    // requests are the finishing grader's, for the two documents that now reach it.
    sim.reset();
    const lenient = await run("consistency-lenient", 3);
    expect(lenient.status).toBe("complete");
    expect(sim.count()).toBe(2);
    expect(lenient.stages.find((s) => s.stage === "grade")?.requests).toBe(2);
    const all = lineageOf(join(dir, "consistency-lenient"));
    expect(all).toHaveLength(4);
    expect(all.filter((l) => l.meta.consistency.rating === 3)).toHaveLength(2);
  });

  it("uses an --input list and the teacher's proposed types", async () => {
    const input = typeFile("types.txt", "Harbour master's log | daily entries kept by a port's harbour master\n");
    const transport = scriptedTransport((prompt) =>
      prompt.includes("more document types")
        ? JSON.stringify({
            doc_types: [
              { name: "Choir newsletter", description: "a monthly newsletter for members of an amateur choir" },
              { name: "Harbour master's log", description: "a duplicate of a listed type, to be dropped" },
              { name: "Seed catalogue introduction", description: "the opening essay of a seed company's catalogue" },
            ],
          })
        : undefined,
    );
    const result = await runPipeline(options("proposals", { transport, input }, { documents: 3, proposeDocTypes: 2 }));
    expect(result.status).toBe("complete");
    const lines = lineageOf(join(dir, "proposals"));
    expect(lines.map((l) => `${l.meta.docType} (${l.meta.docTypeOrigin})`).sort()).toEqual([
      "Choir newsletter (teacher)",
      "Harbour master's log (input)",
      "Seed catalogue introduction (teacher)",
    ]);
    for (const l of lines) expect(TextExampleSchema.shape.lineage.parse(l.lineage).stages[1]).toMatchObject({ name: "doc-types", templateId: "constitution-docs/propose-types" });
  });

  it("refuses a bad --input file before any request, naming the file, the line and the fix", async () => {
    sim.reset();
    const dup = typeFile("bad-dup.txt", "Lecture notes | notes from a class\nOpinion column\nlecture notes | another description\n");
    await expect(runPipeline(options("bad", { input: dup }))).rejects.toThrow(PipelineInputError);
    await expect(runPipeline(options("bad", { input: dup }))).rejects.toThrow(/bad-dup\.txt, line 3: the document type "lecture notes" is already on line 1\. Fix: delete one of the two lines\./);
    const pipes = typeFile("bad-pipes.txt", "Lecture notes | notes | more\n");
    await expect(runPipeline(options("bad", { input: pipes }))).rejects.toThrow(/bad-pipes\.txt, line 1: .* has 2 "\|" separators.*Fix: keep one "\|"/);
    const empty = typeFile("bad-name.txt", "# types\n | only a description\n");
    await expect(runPipeline(options("bad", { input: empty }))).rejects.toThrow(/bad-name\.txt, line 2: the document type name before "\|" is empty\. Fix:/);
    await expect(runPipeline(options("bad", { input: join(dir, "nope.txt") }))).rejects.toThrow(/nope\.txt does not exist\. Fix:/);
    await expect(runPipeline(options("bad", {}, { sections: "honesty,bravery" }))).rejects.toThrow(/option sections names "bravery".*Fix:/);
    await expect(runPipeline(options("bad", {}, { minWords: 900 }))).rejects.toThrow(/minWords \(900\) is above targetWords \(700\)/);
    // The consistency stage scores with the grader: "--grader none" is refused up front.
    await expect(runPipeline(options("bad", { grader: "none" }))).rejects.toThrow(/calls the grader in stage "consistency"/);
    expect(sim.count()).toBe(0);
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });
});
