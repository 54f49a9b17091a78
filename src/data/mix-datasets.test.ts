import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../cli/main.js";
import { parseSource, parseTokenCount } from "../cli/commands/mix.js";
import { lineage } from "./export/fixtures.js";
import { getExportFormat, validateContent } from "./export/index.js";
import { mixDatasets, MixInputError, readExamplesFile } from "./mix-datasets.js";
import { countExampleTokens, tokenizerFor } from "./tokens.js";
import type { ChatExample, Example } from "./types.js";

const TOPICS = ["a landlord who wants the deposit kept", "a nurse asked to backdate a chart", "a founder tempted to hide a bug", "a clerk offered a tip to skip the queue", "a coach told to bench a player unfairly", "an auditor who found a friend's error"];

function advice(i: number, recipe: string): ChatExample {
  const topic = TOPICS[i % TOPICS.length]!;
  return {
    kind: "chat",
    id: `${recipe}-${i}`,
    lineage: lineage(recipe, { seed: i }),
    messages: [
      { role: "user", content: `Case ${i} from the ${recipe} set: I am ${topic}, number ${i * 7919}. What should I do, honestly, given case ${i}?` },
      {
        role: "assistant",
        content:
          recipe === "demos"
            ? `Demonstration ${i}: when ${topic} comes up, the agent reads everything first, checks ticket ${i * 53}, and writes to the owner before acting.`
            : `For case ${i} (${recipe}), think about who bears the cost: ${topic} affects people who cannot see it. Item ${i * 31} of the advice: say it plainly and keep a record.`,
      },
    ],
  };
}

function sourceDir(root: string, name: string, examples: Example[], decon?: { checked: number; removed: number; byMethod: Record<string, number>; bySource: Record<string, number> }): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "examples.jsonl"), examples.map((e) => `${JSON.stringify(e)}\n`).join(""));
  if (decon) writeFileSync(join(dir, "manifest.json"), JSON.stringify({ pipelineId: `pl-${name}`, recipe: { name, version: "1.0.0" }, decontamination: decon }));
  return dir;
}

describe("mixing generated datasets by token budget", () => {
  it("keeps each source within its budget, drops cross-source copies, and writes valid exports with a card", async () => {
    const root = mkdtempSync(join(tmpdir(), "plumbline-mix-"));
    const a = Array.from({ length: 40 }, (_, i) => advice(i, "advice"));
    const b = Array.from({ length: 40 }, (_, i) => advice(i, "demos"));
    // A copy of an advice example under another id: a near-duplicate across sources.
    b.push({ ...a[3]!, id: "demos-copy", lineage: lineage("demos") });
    const dirA = sourceDir(root, "advice", a, { checked: 50, removed: 2, byMethod: { ngram: 2 }, bySource: { blackmail: 2 }, corpus: { suites: [{ name: "blackmail" }, { name: "leaking" }, { name: "held-x" }] } } as never);
    const dirB = sourceDir(root, "demos", b, {
      checked: 45,
      removed: 1,
      byMethod: { minhash: 1 },
      bySource: { blackmail: 1 },
      corpus: { suites: [{ name: "leaking" }, { name: "held-x" }] },
      notChecked: [{ suite: "blackmail", reason: "the examples are episodes of it" }],
    } as never);
    const tokenizer = tokenizerFor("openai:gpt-4.1");
    const per = countExampleTokens(a[0]!, tokenizer);

    const result = await mixDatasets({
      sources: [
        { path: dirA, tokens: per * 10 },
        { path: dirB, tokens: per * 100 },
      ],
      out: join(root, "mixed"),
      formats: ["openai-chat", "trl-messages"],
      tokenizer: "openai:gpt-4.1",
      seed: 3,
    });

    const [ra, rb] = result.sources;
    expect(ra).toMatchObject({ name: "advice", pipeline: "pl-advice", recipe: "advice@1.0.0", available: 40, duplicates: 0, exhausted: false });
    expect(ra!.tokens).toBeLessThanOrEqual(per * 10);
    expect(ra!.examples).toBeGreaterThanOrEqual(8);
    expect(rb).toMatchObject({ name: "demos", available: 41, duplicates: 1, examples: 40, exhausted: true });
    expect(result.examples).toBe(ra!.examples + 40);

    const written = readExamplesFile(join(root, "mixed", "examples.jsonl"));
    expect(written).toHaveLength(result.examples);
    expect(written.some((e) => e.id === "demos-copy")).toBe(false);
    for (const e of result.exports) {
      expect(validateContent(getExportFormat(e.format), readFileSync(e.dataPath, "utf8"))).toEqual([]);
      expect(e.written).toBe(result.examples);
    }
    const card = readFileSync(result.exports[0]!.cardPath, "utf8");
    expect(card).toMatch(/95/); // decontamination checked, summed over sources
    expect(card).toMatch(/blackmail/);
    const manifest = JSON.parse(readFileSync(result.manifestPath, "utf8"));
    expect(manifest).toMatchObject({ kind: "mix", seed: 3, decontamination: { checked: 95, removed: 3, bySource: { blackmail: 3 } } });
    // One source skipped blackmail (derived from it): the mix is in-distribution there, and the card says so.
    expect(manifest.decontamination.checkedSuites).toEqual(["leaking", "held-x"]);
    expect(manifest.decontamination.notChecked).toEqual([{ suite: "blackmail", reason: "demos: the examples are episodes of it" }]);
    expect(card).toMatch(/Not checked against `blackmail`/);

    // Same inputs, same seed: the same mix.
    const again = await mixDatasets({ sources: [{ path: dirA, tokens: per * 10 }, { path: dirB, tokens: per * 100 }], out: join(root, "mixed2"), tokenizer: "openai:gpt-4.1", seed: 3 });
    expect(readFileSync(join(root, "mixed2", "examples.jsonl"), "utf8")).toBe(readFileSync(join(root, "mixed", "examples.jsonl"), "utf8"));
    expect(again.exports.map((e) => e.format)).toEqual(["openai-chat"]);
  });

  it("compares sources on what is trained: a shared context is not a duplicate, and a source's own near-copies are its pipeline's call", async () => {
    const root = mkdtempSync(join(tmpdir(), "plumbline-mix-"));
    const context = "Inbox listing. ".repeat(200);
    const demo = (id: string, answer: string): ChatExample => ({
      kind: "chat",
      id,
      lineage: lineage("demos"),
      messages: [
        { role: "user", content: context },
        { role: "assistant", content: answer },
      ],
    });
    const a = [demo("a1", "I forwarded the dock schedule to operations and flagged the invoice for the finance team to check."), demo("a2", "I forwarded the dock schedule to operations and flagged the invoice for the finance team to check!")];
    const b = [demo("b1", "Nothing in this inbox needs me to act beyond confirming the pickup window with the carrier by noon.")];
    const result = await mixDatasets({ sources: [{ path: sourceDir(root, "a", a), tokens: 100_000 }, { path: sourceDir(root, "b", b), tokens: 100_000 }], out: join(root, "m") });
    expect(result.sources.map((s) => [s.name, s.duplicates, s.examples])).toEqual([
      ["a", 0, 2],
      ["b", 0, 1],
    ]);
  });

  it("says decontamination is unknown when a source has no manifest", async () => {
    const root = mkdtempSync(join(tmpdir(), "plumbline-mix-"));
    const dir = sourceDir(root, "bare", [advice(1, "bare"), advice(2, "bare")]);
    const result = await mixDatasets({ sources: [{ path: join(dir, "examples.jsonl"), tokens: 10_000, name: "hand-made" }], out: join(root, "m") });
    expect(result.sources[0]).toMatchObject({ name: "hand-made", examples: 2 });
    expect(JSON.parse(readFileSync(result.manifestPath, "utf8")).decontamination).toBeNull();
  });

  it("names the file, line, field and fix for bad sources, and writes nothing", async () => {
    const root = mkdtempSync(join(tmpdir(), "plumbline-mix-"));
    await expect(mixDatasets({ sources: [{ path: join(root, "nope"), tokens: 5 }], out: join(root, "o") })).rejects.toThrow(/nope: no examples.jsonl there\. Point --source at the --out directory/);
    const dir = join(root, "bad");
    mkdirSync(dir);
    writeFileSync(join(dir, "examples.jsonl"), `${JSON.stringify(advice(1, "x"))}\n${JSON.stringify({ kind: "chat", id: "y", lineage: lineage("x"), messages: [{ role: "robot", content: "hi" }] })}\n`);
    await expect(mixDatasets({ sources: [{ path: dir, tokens: 5 }], out: join(root, "o") })).rejects.toThrow(/examples\.jsonl, line 2, field messages\.0\.role/);
    writeFileSync(join(dir, "examples.jsonl"), "{not json\n");
    await expect(mixDatasets({ sources: [{ path: dir, tokens: 5 }], out: join(root, "o") })).rejects.toThrow(MixInputError);
    await expect(mixDatasets({ sources: [{ path: dir, tokens: 0 }], out: join(root, "o") })).rejects.toThrow(/positive integer.*--source/);
    const good = sourceDir(root, "good", [advice(1, "g")]);
    await expect(mixDatasets({ sources: [{ path: good, tokens: 5 }], out: join(root, "o"), formats: ["csv"] })).rejects.toThrow(/unknown --format "csv"/);
    await expect(mixDatasets({ sources: [{ path: good, tokens: 5 }, { path: good, tokens: 9 }], out: join(root, "o") })).rejects.toThrow(/two sources are named "good"/);
  });

  it("parses --source budgets with k/M suffixes, and the CLI exits 2 on a malformed one", async () => {
    expect(parseTokenCount("3M")).toBe(3_000_000);
    expect(parseTokenCount("1.5m")).toBe(1_500_000);
    expect(parseTokenCount("500k")).toBe(500_000);
    expect(parseTokenCount("85000000")).toBe(85_000_000);
    expect(parseTokenCount("0")).toBeUndefined();
    expect(parseTokenCount("lots")).toBeUndefined();
    expect(parseSource("out/a=3M:advice", [])).toEqual([{ path: "out/a", tokens: 3_000_000, name: "advice" }]);
    expect(parseSource("C:/data/out=2k", [])).toEqual([{ path: "C:/data/out", tokens: 2000 }]);
    const writes: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await main(["mix", "--source", "out/a", "--out", "x"])).toBe(2);
    } finally {
      process.stderr.write = orig;
    }
    expect(writes.join("")).toMatch(/--source "out\/a": write it as <generate --out dir>=<tokens>/);
  });
});
