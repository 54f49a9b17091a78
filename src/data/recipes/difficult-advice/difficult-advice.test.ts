import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchTransport, type Transport } from "../../../model/transport.js";
import { openPipelineStore } from "../../../store/index.js";
import { loadConstitution } from "../../constitution/index.js";
import { PipelineInputError, preparePipeline, runPipeline, showPipeline, type PipelineOptions, type PipelineResult } from "../../pipeline/index.js";
import { DIFFICULT_ADVICE_TEMPLATE_IDS } from "../../templates/builtin/difficult-advice.js";
import { loadTemplates } from "../../templates/index.js";
import { ChatExampleSchema, type ChatExample, type Lineage } from "../../types.js";
import { DIFFICULT_ADVICE_RECIPE, type DifficultAdviceMeta } from "./index.js";

/**
 * The recipe end to end against the simulator's teacher policy (in-process, loopback only), which also grades.
 * One run is shared by the tests that inspect it; the second run checks the cache.
 */

const root = mkdtempSync(join(tmpdir(), "plumbline-difficult-advice-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Sent {
  url: string;
  body: { messages: Array<{ role: string; content: string }>; response_format?: unknown };
}
const sent: Sent[] = [];
const base = fetchTransport();
const recording: Transport = async (url, init, timeoutMs) => {
  if (typeof init.body === "string") sent.push({ url, body: JSON.parse(init.body) as Sent["body"] });
  return base(url, init, timeoutMs);
};

const SMALL = { behaviours: "leverage-under-threat,deceiving-overseers", principles: 2, promptTypes: 1, scenarios: 2, systemPromptRate: 0.5 };
/** 2 behaviours x 1 domain x 2 principles x 1 prompt type x 2 scenarios. */
const EXAMPLES = 8;
const STAGES = ["principles", "prompt-types", "scenarios", "prompts", "realism-rewrite", "answer", "constitution-rewrite"] as const;

function options(extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return {
    recipe: DIFFICULT_ADVICE_RECIPE,
    teacher: "sim:teacher",
    out: join(root, "out"),
    dbPath: join(root, "pipeline.db"),
    seed: 3,
    transport: recording,
    recipeOptions: { ...SMALL },
    ...extra,
  };
}

const guidanceOpening = loadTemplates().get(DIFFICULT_ADVICE_TEMPLATE_IDS.answerGuidance).text.split("\n")[0]!;
const constitution = loadConstitution();

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

let first: PipelineResult;
let firstRequests: Sent[];

beforeAll(async () => {
  first = await runPipeline(options());
  firstRequests = sent.slice();
});

describe("difficult-advice end to end (sim teacher)", () => {
  it("produces valid chat examples: optional system prompt, the person's message, the answer", () => {
    expect(first.status, first.message).toBe("complete");
    expect(first.failures).toEqual([]);
    const data = readJsonl<{ messages: Array<{ role: string; content: string }> }>(first.dataset!.formats[0]!.dataPath);
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBe(first.dataset!.examples);
    for (const row of data) {
      const roles = row.messages.map((m) => m.role);
      expect([["user", "assistant"], ["system", "user", "assistant"]]).toContainEqual(roles);
      for (const m of row.messages) expect(m.content.trim().length).toBeGreaterThan(0);
    }
    // Every example the last stage made reached the finishing chain; show what, if anything, it removed.
    const made = first.stages.find((s) => s.stage === "constitution-rewrite")!;
    expect(made.output).toBe(EXAMPLES);
    expect(data.length + Object.values(first.dataset!.rejectedByStage).reduce((a, b) => a + b, 0)).toBe(EXAMPLES);
  });

  it("fans out as configured and keeps every stage's output inspectable", () => {
    const expected: Record<(typeof STAGES)[number], number> = {
      principles: 4,
      "prompt-types": 4,
      scenarios: EXAMPLES,
      prompts: EXAMPLES,
      "realism-rewrite": EXAMPLES,
      answer: EXAMPLES,
      "constitution-rewrite": EXAMPLES,
    };
    const store = openPipelineStore(join(root, "pipeline.db"));
    try {
      const view = showPipeline(store, first.pipelineId);
      expect(view.stages.map((s) => s.stage).slice(0, 8)).toEqual(["behaviours", ...STAGES]);
      for (const stage of STAGES) {
        const shown = showPipeline(store, first.pipelineId, { stage });
        const outputs = shown.items!.filter((i) => i.status === "output");
        expect(outputs.length, stage).toBe(expected[stage]);
        for (const item of outputs) expect(item.value, `${stage} ${item.id}`).not.toBeNull();
      }
      const value = (stage: string) => showPipeline(store, first.pipelineId, { stage }).items![0]!.value as Record<string, any>;
      expect(value("principles").principle.statement).toBeTruthy();
      expect(value("prompt-types").promptType.name).toBeTruthy();
      expect(value("scenarios").scenario.temptation).toBeTruthy();
      expect(value("prompts").user).toBeTruthy();
      expect(value("realism-rewrite").userDraft).toBeTruthy();
      expect(value("realism-rewrite").user).not.toBe(value("realism-rewrite").userDraft);
      expect(value("answer").answer).toBeTruthy();
      expect(ChatExampleSchema.safeParse(value("constitution-rewrite")).success).toBe(true);
      expect(showPipeline(store, first.pipelineId, { stage: "principles" }).items![0]!.id).toMatch(/^(leverage-under-threat|deceiving-overseers)\.[a-z-]+\/p1$/);
    } finally {
      store.close();
    }
  });

  it("records lineage of all seven stages with their template ids and versions", () => {
    const lines = readJsonl<{ id: string; lineage: Lineage; meta: { difficultAdvice: DifficultAdviceMeta } }>(first.dataset!.files.lineage);
    expect(lines.length).toBe(first.dataset!.examples);
    const templates = loadTemplates();
    for (const { lineage, meta } of lines) {
      expect(lineage.recipe).toBe(DIFFICULT_ADVICE_RECIPE);
      expect(lineage.teacher).toBe("sim:teacher");
      expect(lineage.constitution?.hash).toBe(constitution.hash);
      const names = lineage.stages.map((s) => s.name);
      expect(names.slice(0, 8)).toEqual(["behaviours", ...STAGES]);
      for (const stage of lineage.stages.filter((s) => (STAGES as readonly string[]).includes(s.name))) {
        expect(stage.templateId, stage.name).toBeTruthy();
        const ids = stage.templateId!.split("+");
        const versions = stage.templateVersion!.split("+");
        expect(versions.length).toBe(ids.length);
        ids.forEach((id, i) => {
          expect(id.startsWith("difficult-advice/")).toBe(true);
          expect(versions[i]).toBe(templates.get(id).version);
        });
        expect(stage.model).toBe("sim:teacher");
        expect(stage.outputHash).toBeTruthy();
      }
      expect(lineage.stages.find((s) => s.name === "constitution-rewrite")!.templateId).toBe(
        [DIFFICULT_ADVICE_TEMPLATE_IDS.rewriteSystem, DIFFICULT_ADVICE_TEMPLATE_IDS.rewriteRequest].sort().join("+"),
      );
      expect(meta.difficultAdvice.rewritten).toBe(true);
      expect(meta.difficultAdvice.constitutionSections.length).toBeGreaterThan(0);
    }
  });

  it("injects the constitution sections into the stage-6 system prompt, never into the exported example", () => {
    const answerCalls = firstRequests.filter((r) => r.body.messages[0]?.role === "system" && r.body.messages[0].content.includes(guidanceOpening));
    expect(answerCalls.length).toBe(EXAMPLES);
    const injected = new Set<string>();
    for (const call of answerCalls) {
      const system = call.body.messages[0]!.content;
      const ids = constitution.sections.filter((s) => system.includes(s.text)).map((s) => s.id);
      expect(ids.length).toBeGreaterThan(0);
      ids.forEach((id) => injected.add(id));
      expect(call.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    }
    // Leverage under threat draws on the sections against leverage; deceiving overseers on honesty.
    expect(injected.has("no-power-seeking")).toBe(true);
    expect(injected.has("honesty")).toBe(true);

    const exported = [readFileSync(first.dataset!.formats[0]!.dataPath, "utf8"), readFileSync(first.dataset!.files.lineage, "utf8")];
    for (const text of exported) {
      expect(text).not.toContain(guidanceOpening);
      for (const id of injected) {
        const section = constitution.section(id);
        // Any sentence-long stretch of a section would show; JSON escaping does not touch these excerpts.
        const excerpt = section.text.replace(/\s+/g, " ").slice(0, 60);
        expect(text.replace(/\s+/g, " ")).not.toContain(excerpt);
        expect(text).not.toContain(`{#${id}}`);
      }
    }
  });

  it("rewrites each answer in a fresh conversation (stage 7 shares nothing with stage 6's)", () => {
    const rewriteOpening = loadTemplates().get(DIFFICULT_ADVICE_TEMPLATE_IDS.rewriteSystem).text.split("\n")[0]!;
    const rewrites = firstRequests.filter((r) => r.body.messages[0]?.content.includes(rewriteOpening));
    expect(rewrites.length).toBe(EXAMPLES);
    for (const r of rewrites) {
      expect(r.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
      expect(r.body.messages[0]!.content).not.toContain(guidanceOpening);
      expect(r.body.messages[1]!.content).toContain("draft reply");
    }
    // The exported answers are the rewrites, not the stage-6 drafts.
    const store = openPipelineStore(join(root, "pipeline.db"));
    try {
      const drafts = new Map(showPipeline(store, first.pipelineId, { stage: "answer" }).items!.map((i) => [i.id, (i.value as { answer: string }).answer]));
      for (const item of showPipeline(store, first.pipelineId, { stage: "constitution-rewrite" }).items!) {
        const example = item.value as ChatExample;
        expect(example.messages.at(-1)!.content).not.toBe(drafts.get(item.id));
      }
    } finally {
      store.close();
    }
  });

  it("resumes from the cache: a second run sends zero requests and exports the same data", async () => {
    const before = sent.length;
    const second = await runPipeline(options());
    expect(second.status).toBe("complete");
    expect(second.resumed).toBe(true);
    expect(sent.length).toBe(before);
    expect(second.totals.requests).toBe(0);
    for (const stage of second.stages.filter((s) => (STAGES as readonly string[]).includes(s.stage))) {
      expect(stage.freshUnits, stage.stage).toBe(0);
      expect(stage.cachedUnits, stage.stage).toBe(stage.input);
    }
    expect(readFileSync(second.dataset!.formats[0]!.dataPath, "utf8")).toBe(readFileSync(first.dataset!.formats[0]!.dataPath, "utf8"));
  });
});

describe("difficult-advice source, options and dry run", () => {
  const dry = (extra: Partial<PipelineOptions> = {}) => options({ dryRun: true, dbPath: join(root, "none.db"), ...extra });

  it("estimates every model stage in the dry run", async () => {
    const result = await runPipeline(dry());
    const rows = new Map(result.estimate!.rows.map((r) => [r.stage, r]));
    const requests = { principles: 2, "prompt-types": 4, scenarios: 4, prompts: 8, "realism-rewrite": 8, answer: 8, "constitution-rewrite": 8 };
    for (const [stage, n] of Object.entries(requests)) {
      const row = rows.get(stage)!;
      expect(row.requests, stage).toBe(n);
      expect(row.inputTokens, stage).toBeGreaterThan(0);
      expect(row.outputTokens, stage).toBeGreaterThan(0);
      expect(row.note ?? "", stage).not.toMatch(/no estimate declared/);
    }
    const ablation = await runPipeline(dry({ recipeOptions: { ...SMALL, rewrite: "false" } }));
    expect(ablation.estimate!.rows.find((r) => r.stage === "constitution-rewrite")!.requests).toBe(0);
  });

  it("sizes the run from --target-tokens when domains is not set", async () => {
    const small = await preparePipeline(dry({ recipeOptions: {} }));
    expect(small.items.length).toBe(6); // six built-in behaviours, one domain each
    const sized = await preparePipeline(dry({ recipeOptions: {}, targetTokens: 200_000 }));
    // 200k x 1.25 / 900 tokens = 278 examples; 12 per source item -> 24 items.
    expect(sized.items.length).toBe(24);
    expect(new Set(sized.items.map((i) => i.id)).size).toBe(24);
    const fixed = await preparePipeline(dry({ recipeOptions: { domains: "2" }, targetTokens: 200_000 }));
    expect(fixed.items.length).toBe(12);
    await expect(preparePipeline(dry({ recipeOptions: {}, targetTokens: 50_000_000 }))).rejects.toThrow(/needs about \d+ examples.*Fix: raise the fan-out/);
  });

  it("reads your own summaries with --input (plain lines and JSONL)", async () => {
    const file = join(root, "summaries.jsonl");
    writeFileSync(
      file,
      [
        "# my behaviours",
        "A lab technician who has been told their contract ends soon finds evidence that the director falsified a grant report and considers using it to secure an extension.",
        "",
        JSON.stringify({ id: "inflated-numbers", summary: "A sales lead under pressure to hit a quarterly target is tempted to book next quarter's deals early and tell finance they closed on time.", sections: ["honesty"] }),
      ].join("\n"),
    );
    const p = await preparePipeline(dry({ input: file, recipeOptions: { principles: 1, promptTypes: 1, scenarios: 1 } }));
    expect(p.items.length).toBe(2);
    const values = p.items.map((i) => i.value as { behaviour: { id: string }; sections: string[] });
    expect(values[0]!.behaviour.id).toMatch(/^custom-[0-9a-f]{10}$/);
    expect(values[0]!.sections.length).toBeGreaterThan(0);
    expect(values[1]!.behaviour.id).toBe("inflated-numbers");
    expect(values[1]!.sections).toEqual(["honesty"]);
  });

  it("rejects a bad --input file with the file, the line and the fix", async () => {
    const cases: Array<[string, RegExp]> = [
      ["A valid line describing someone who is tempted to leak a report to a journalist.\n{not json\n", /line 2: not valid JSON.*Fix:/],
      ['{"summary": "Too short."}\n', /line 1: the summary has 2 word\(s\).*Fix:/],
      ['{"summary": "Someone tempted to mislead an auditor about a missed safety inspection at the plant.", "sections": ["kindness"]}\n', /line 1: section "kindness" is not in the constitution.*Fix:/],
      ['{"text": "Someone tempted to mislead an auditor about a missed safety inspection at the plant."}\n', /line 1: field "(summary|text)".*Fix:/],
      ["# only a comment\n\n", /no summaries found.*Fix:/],
    ];
    for (const [i, [content, pattern]] of cases.entries()) {
      const file = join(root, `bad-${i}.txt`);
      writeFileSync(file, content);
      const error = await preparePipeline(dry({ input: file })).catch((e: unknown) => e);
      expect(error, content).toBeInstanceOf(PipelineInputError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(pattern);
    }
    const missing = await preparePipeline(dry({ input: join(root, "nope.txt") })).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/nope\.txt: does not exist\. Fix:/);
  });

  it("rejects unknown behaviour ids and bad options before any work", async () => {
    await expect(preparePipeline(dry({ recipeOptions: { behaviours: "blackmail,power-seeking" } }))).rejects.toThrow(/no behaviour "blackmail".*Fix: use ids from: leverage-under-threat/);
    await expect(preparePipeline(dry({ recipeOptions: { scenarios: "0" } }))).rejects.toThrow(/option "scenarios"/);
    await expect(preparePipeline(dry({ recipeOptions: { domains: "99" } }))).rejects.toThrow(/option "domains"/);
    await expect(preparePipeline(dry({ teacher: undefined }))).rejects.toThrow(/--teacher/);
  });
});
