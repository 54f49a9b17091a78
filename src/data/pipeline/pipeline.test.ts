import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transport } from "../../model/transport.js";
import { openPipelineStore } from "../../store/index.js";
import { EXPORT_FORMATS, validateContent } from "../export/index.js";
import { ChatExampleSchema, LineageSchema } from "../types.js";
import { readExamplesFile } from "../mix-datasets.js";
import { evalCorpus } from "./finish.js";
import { startCountingSim, testAdviceRecipe } from "./fixtures.js";
import { PipelineInputError, registerRecipe, runPipeline, showPipeline, type PipelineOptions } from "./index.js";

let dir: string;
let sim: Awaited<ReturnType<typeof startCountingSim>>;
let teacher: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-pipeline-"));
  sim = await startCountingSim();
  teacher = `sim:teacher@${sim.url}`;
  registerRecipe(testAdviceRecipe);
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function chatLine(user: string, assistant: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content: assistant }], ...extra });
}

const HARMLESS = [
  ["How do I keep basil alive on a windowsill?", "Give it at least six hours of light, water when the top of the soil is dry, and pinch off flower buds so it keeps producing leaves."],
  ["What is a good way to start learning chess?", "Learn how the pieces move, then play short games and review them; puzzles on basic tactics help more than memorising openings."],
  ["Can you explain what a mortgage offset account is?", "It is a savings account linked to your mortgage: its balance is subtracted from the loan before interest is charged, so you pay less interest."],
  ["How should I prepare for a job interview at a bakery?", "Read about the bakery, think of examples of working early shifts and under pressure, and be ready to talk about food hygiene."],
  ["Why does my bread come out dense?", "Usually the dough was under-proofed or the flour too weak; give it more time to rise and check your yeast is fresh."],
];

describe("runPipeline with a teacher recipe", () => {
  const base = (over: Partial<PipelineOptions> = {}): PipelineOptions => ({
    recipe: "test-advice",
    teacher,
    grader: "none",
    out: join(dir, "advice"),
    dbPath: join(dir, "advice.db"),
    concurrency: 4,
    ...over,
  });

  it("dry run: estimates per stage and makes no request", async () => {
    sim.reset();
    const result = await runPipeline(base({ dryRun: true, grader: teacher, out: undefined, maxRequests: 5 }));
    expect(sim.count()).toBe(0);
    expect(result.status).toBe("dry-run");
    const rows = result.estimate!.rows;
    expect(rows.map((r) => r.stage)).toEqual(["source", "write-question", "answer", "grade"]);
    expect(rows[1]).toMatchObject({ items: 6, exact: true, requests: 6, outputTokens: 1800 });
    expect(rows[2]).toMatchObject({ items: 6, exact: false, requests: 12, inputTokens: 5400 });
    expect(rows[3]!.requests).toBe(6);
    expect(result.estimate!.total.requests).toBe(24);
    expect(result.estimate!.warnings.join("\n")).toMatch(/would stop at --max-requests 5/);
  });

  it("dry run prices a priced model and says when its key is missing", async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const result = await runPipeline(base({ dryRun: true, teacher: "openai:gpt-4.1", grader: "none", out: undefined }));
      // 6 questions (300 output tokens each at $8/MTok) and 6 answers (900 in at $2/MTok, 800 out at $8/MTok), at least.
      expect(result.estimate!.total.costUsd).toBeGreaterThan((6 * 300 * 8 + 6 * (900 * 2 + 800 * 8)) / 1e6);
      expect(result.estimate!.warnings.join("\n")).toMatch(/OPENAI_API_KEY is not set/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it("stops cleanly at --max-requests, then resumes without repeating a single request", async () => {
    sim.reset();
    const stopped = await runPipeline(base({ maxRequests: 9 }));
    expect(stopped.status).toBe("stopped");
    expect(stopped.message).toMatch(/Budget reached: --max-requests 9 reached/);
    expect(stopped.message).toMatch(/Re-run the same command/);
    expect(stopped.totals.requests).toBe(9);
    expect(sim.count("teacher")).toBe(9);
    expect(stopped.dataset).toBeUndefined();
    const answer = stopped.stages.find((s) => s.stage === "answer")!;
    expect(answer.pending).toBeGreaterThan(0);

    // The store shows the partial stage and what is still pending.
    const store = openPipelineStore(join(dir, "advice.db"));
    try {
      const view = showPipeline(store, stopped.pipelineId, { stage: "answer" });
      expect(view.pipeline.status).toBe("stopped");
      expect(view.stages.find((s) => s.stage === "answer")!.complete).toBe(false);
      expect(view.counts!.pending).toBe(answer.pending);
    } finally {
      store.close();
    }

    // 6 questions + 6 answers x (draft + rewrite) = 18 requests in all, however the work was split.
    const resumed = await runPipeline(base());
    expect(resumed.status).toBe("complete");
    expect(resumed.resumed).toBe(true);
    expect(resumed.pipelineId).toBe(stopped.pipelineId);
    expect(sim.count("teacher")).toBe(18);
    expect(resumed.totals.requests).toBe(9);
    expect(resumed.dataset!.examples).toBe(6);
  });

  it("--max-cost stops before the limit with a priced model (routed to the simulator on loopback), then resumes", async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = "loopback-test-key";
    // openai:gpt-4.1 has a list price; every request it makes goes to the simulator instead of the network.
    const transport: Transport = async (_url, init) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      const res = await fetch(`${sim.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, model: "teacher" }) });
      return { status: res.status, headers: res.headers, text: await res.text() };
    };
    const options = base({ teacher: "openai:gpt-4.1", transport, out: join(dir, "cost"), dbPath: join(dir, "cost.db") });
    try {
      sim.reset();
      const stopped = await runPipeline({ ...options, maxCostUsd: 0.02 });
      expect(stopped.status).toBe("stopped");
      expect(stopped.message).toMatch(/Budget reached: --max-cost \$0\.02 reached \(\$0\.0\d+ spent/);
      expect(stopped.totals.costUsd).toBeGreaterThan(0);
      expect(stopped.totals.costUsd).toBeLessThanOrEqual(0.02);
      const sent = sim.count("teacher");
      expect(sent).toBeGreaterThan(0);
      expect(sent).toBeLessThan(18);
      const resumed = await runPipeline({ ...options, maxCostUsd: 1 });
      expect(resumed.status).toBe("complete");
      expect(sim.count("teacher")).toBe(18);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });

  it("an identical re-run is served entirely from the cache: zero requests", async () => {
    sim.reset();
    const again = await runPipeline(base());
    expect(again.status).toBe("complete");
    expect(sim.count()).toBe(0);
    expect(again.totals.requests).toBe(0);
    expect(again.totals.freshUnits).toBe(0);
    expect(again.stages.find((s) => s.stage === "answer")!.cachedUnits).toBe(6);
    // The teacher's prose differs from example to example: nothing was collapsed as a near-duplicate.
    expect(again.stages.find((s) => s.stage === "dedup")!.rejected).toBe(0);
  });

  it("records lineage: recipe, teacher, constitution, templates, stage outputs, seed", async () => {
    const lines = readFileSync(join(dir, "advice", "lineage.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(6);
    // examples.jsonl holds the same examples in Plumbline's own shape, for `plumbline mix`.
    const examples = readExamplesFile(join(dir, "advice", "examples.jsonl"));
    expect(examples.map((e) => e.id)).toEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id));
    const { lineage } = JSON.parse(lines[0]!) as { lineage: unknown };
    const parsed = LineageSchema.parse(lineage);
    expect(parsed).toMatchObject({ recipe: "test-advice", teacher, seed: 0, constitution: { name: "plumbline-default" } });
    expect(parsed.stages.map((s) => s.name)).toEqual(["source", "write-question", "answer"]);
    expect(parsed.stages[2]).toMatchObject({ templateId: "injection/honesty", templateVersion: "1.0.0", model: teacher });
    expect(parsed.stages[2]!.outputHash).toMatch(/^[0-9a-f]{16}$/);
    const manifest = JSON.parse(readFileSync(join(dir, "advice", "manifest.json"), "utf8")) as Record<string, any>;
    expect(manifest).toMatchObject({ plumblineVersion: expect.any(String), teacher, seed: 0, status: "complete" });
    expect(manifest.templates.byStage.answer).toEqual(["injection/honesty@1.0.0"]);
  });

  it("an interrupt loses at most the requests in flight; the re-run finishes the rest", async () => {
    const options = base({ out: join(dir, "intr"), dbPath: join(dir, "intr.db"), recipeOptions: { topics: "8" }, concurrency: 2 });
    const controller = new AbortController();
    sim.reset();
    const interrupted = await runPipeline({
      ...options,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "progress" && e.stage === "answer" && e.done >= 2) controller.abort();
      },
    });
    expect(interrupted.status).toBe("interrupted");
    expect(interrupted.message).toMatch(/Interrupted: \d+ of 8 units of stage "answer" are done and saved/);
    const before = sim.count("teacher");
    const resumed = await runPipeline(options);
    expect(resumed.status).toBe("complete");
    // 8 questions + 8 x (draft + rewrite) = 24; at most the 2 requests in flight (the concurrency) are sent twice.
    expect(sim.count("teacher")).toBeGreaterThanOrEqual(24);
    expect(sim.count("teacher")).toBeLessThanOrEqual(24 + 2);
    expect(resumed.totals.requests).toBe(sim.count("teacher") - before);
  });

  it("cache: false runs every unit again and keeps the fresh results", async () => {
    sim.reset();
    const fresh = await runPipeline(base({ cache: false }));
    expect(fresh.status).toBe("complete");
    expect(sim.count("teacher")).toBe(18);
    expect(fresh.totals.cachedUnits).toBe(0);
  });

  it("a different seed is a different pipeline and new work", async () => {
    sim.reset();
    const other = await runPipeline(base({ seed: 1, recipeOptions: { topics: "2" } }));
    expect(other.status).toBe("complete");
    expect(sim.count("teacher")).toBe(6);
  });

  it("refuses a recipe that needs a teacher when none is given, before any work", async () => {
    await expect(runPipeline(base({ teacher: undefined }))).rejects.toThrow(/generates with a teacher model. Fix: pass --teacher/);
    await expect(runPipeline(base({ recipeOptions: { topic: "3" } }))).rejects.toThrow(PipelineInputError);
  });
});

describe("runPipeline with diversify", () => {
  it("grades, keeps rejections with reasons, removes a planted eval passage, exports valid files and cards", async () => {
    const passage = evalCorpus().passages.find((p) => p.label.includes("mail[") && p.label.endsWith(".body") && p.text.split(/\s+/).length > 60)!;
    const input = join(dir, "chats.jsonl");
    writeFileSync(
      input,
      [
        ...HARMLESS.map(([u, a]) => chatLine(u!, a!)),
        // A reply that blackmails: the grader rejects it.
        chatLine("The board meets at 5pm about replacing you.", "Marcus, I know about your affair with Jessica. Unless you cancel the replacement, your wife and the board will hear about it by five."),
        // Ends with the user: a rule rejects it before the grader is asked.
        JSON.stringify({ messages: [{ role: "user", content: "Is anyone there?" }] }),
        // A verbatim eval mail inside otherwise ordinary data: decontamination removes it.
        chatLine(`Can you summarise this email for me?\n\n${passage.text}`, "It is a routine update; nothing in it needs an answer from you today."),
      ].join("\n"),
    );
    sim.reset();
    const out = join(dir, "div");
    const result = await runPipeline({
      recipe: "diversify",
      input,
      out,
      formats: ["openai-chat", "trl-messages", "axolotl"],
      grader: teacher,
      dbPath: join(dir, "div.db"),
      recipeOptions: { toolsMin: "2", toolsMax: "3" },
    });
    expect(result.status).toBe("complete");
    // Seven examples pass the rules and go to the grader; the one ending with a user turn does not.
    expect(sim.count("teacher")).toBe(7);
    expect(result.dataset!.examples).toBe(5);
    expect(result.dataset!.rejectedByStage).toEqual({ grade: 2, decontaminate: 1 });

    const rejected = readFileSync(join(out, "rejected.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; stage: string; reasons: string[]; example: any });
    const graded = rejected.filter((r) => r.stage === "grade");
    expect(graded.map((r) => r.reasons.join(" | ")).sort()).toEqual([
      expect.stringMatching(/^grader: rejected \| grader: quality 1 is below the minimum 5 \| grader: .*threat/),
      expect.stringMatching(/rule ends-with-assistant: the conversation ends with a user message/),
    ]);
    const decon = rejected.find((r) => r.stage === "decontaminate")!;
    expect(decon.reasons[0]).toMatch(/overlaps eval text \((ngram|minhash).*from blackmail/);
    const report = JSON.parse(readFileSync(join(out, "decontamination.json"), "utf8")) as { checked: number; removed: number; bySource: Record<string, number>; corpus: { passages: number } };
    expect(report).toMatchObject({ checked: 6, removed: 1, bySource: { blackmail: 1 }, examples: [{ id: decon.id }] });
    expect(report.corpus.passages).toBeGreaterThan(100);

    for (const f of result.dataset!.formats) {
      const format = EXPORT_FORMATS[f.format as keyof typeof EXPORT_FORMATS];
      const content = readFileSync(f.dataPath, "utf8");
      expect(validateContent(format, content), f.format).toEqual([]);
      expect(content.trim().split("\n")).toHaveLength(5);
      const card = readFileSync(f.cardPath, "utf8");
      expect(card).toContain(`\`${f.format}\``);
      expect(card).toMatch(/Checked 6 example\(s\) against evaluation data; removed 1 \(16\.7%\)/);
      expect(card).toMatch(/Checked 6 example\(s\); removed 0 duplicate/);
      expect(card).toContain("| diversify | 5 | 100.0% |");
      expect(card).toContain("`sim:teacher@");
    }
    // Conversations are intact; tools and an operator system prompt were attached.
    const rows = readFileSync(join(out, "openai-chat", "train.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { messages: Array<{ role: string; content: string }>; tools: unknown[] });
    for (const row of rows) {
      expect(row.messages[0]!.role).toBe("system");
      expect(row.tools.length).toBeGreaterThanOrEqual(2);
      expect(HARMLESS.some(([u, a]) => row.messages[1]!.content === u && row.messages[2]!.content === a)).toBe(true);
    }
    const lineage = readFileSync(join(out, "lineage.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { lineage: any });
    expect(lineage[0]!.lineage.stages.map((s: { name: string }) => s.name)).toEqual(["read-chat-jsonl", "attach-tools-and-system-prompt", "grade"]);
    expect(ChatExampleSchema.safeParse({ kind: "chat", id: "x", lineage: lineage[0]!.lineage, messages: rows[0]!.messages }).success).toBe(true);
  });

  it("a template override re-runs only what uses the template, and lineage records the new version", async () => {
    const templates = join(dir, "templates");
    mkdirSync(join(templates, "grade"), { recursive: true });
    writeFileSync(join(templates, "grade", "rubric.md"), "---\nversion: 1.0.1\n---\nYou grade training examples. {{purpose}} Answer with pass, quality and reasons as JSON.\n");
    sim.reset();
    const result = await runPipeline({
      recipe: "diversify",
      input: join(dir, "chats.jsonl"),
      out: join(dir, "div-override"),
      grader: teacher,
      dbPath: join(dir, "div.db"),
      recipeOptions: { toolsMin: "2", toolsMax: "3" },
      templates,
    });
    expect(result.status).toBe("complete");
    expect(result.stages.find((s) => s.stage === "attach-tools-and-system-prompt")).toMatchObject({ cachedUnits: 8, freshUnits: 0 });
    expect(result.stages.find((s) => s.stage === "grade")).toMatchObject({ cachedUnits: 0, freshUnits: 7 });
    expect(sim.count("teacher")).toBe(7);
    const lineage = JSON.parse(readFileSync(join(dir, "div-override", "lineage.jsonl"), "utf8").split("\n")[0]!) as { lineage: { stages: Array<{ name: string; templateVersion?: string }> } };
    expect(lineage.lineage.stages.find((s) => s.name === "grade")!.templateVersion).toBe("1.0.1");
  });

  it("selects to --target-tokens, and says so when the target cannot be met", async () => {
    const input = join(dir, "budgeted.jsonl");
    writeFileSync(input, HARMLESS.map(([u, a]) => chatLine(u!, a!)).join("\n"));
    const run = (targetTokens: number) =>
      runPipeline({ recipe: "diversify", input, out: join(dir, `target-${targetTokens}`), dbPath: join(dir, "target.db"), grader: "none", targetTokens, tokenizer: "openai:gpt-4.1" });
    const all = await runPipeline({ recipe: "diversify", input, out: join(dir, "target-all"), dbPath: join(dir, "target.db"), grader: "none", tokenizer: "openai:gpt-4.1" });
    const total = all.dataset!.tokens;
    const half = await run(Math.floor(total / 2));
    expect(half.status).toBe("complete");
    expect(half.dataset!.tokens).toBeLessThanOrEqual(Math.floor(total / 2));
    expect(half.dataset!.examples).toBeLessThan(5);
    expect(half.dataset!.examples).toBeGreaterThan(0);
    expect(half.dataset!.tokenizer).toMatchObject({ name: "o200k_base", exact: true });
    const more = await run(total * 10);
    expect(more.dataset!.examples).toBe(5);
    expect(more.dataset!.short).toBe(true);
    expect(more.message).toMatch(/token target was not met: \d+ of \d+ tokens/);
  });

  it("keeps credentials out of the store and the outputs: the example is left out, redacted, with the reason", async () => {
    const key = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    const input = join(dir, "secret.jsonl");
    writeFileSync(input, [chatLine(HARMLESS[0]![0]!, HARMLESS[0]![1]!), chatLine(`My API key is ${key}, can you check it?`, "Please never share keys; revoke that one now.")].join("\n"));
    const out = join(dir, "secret");
    const db = join(dir, "secret.db");
    const result = await runPipeline({ recipe: "diversify", input, out, dbPath: db, grader: "none" });
    expect(result.status).toBe("complete");
    expect(result.dataset!.examples).toBe(1);
    const rejected = readFileSync(join(out, "rejected.jsonl"), "utf8");
    expect(rejected).toMatch(/"stage":"read-chat-jsonl","reasons":\["read-chat-jsonl: input contains what looks like an OpenAI-style API key/);
    expect(rejected).toContain("[redacted]");
    for (const file of [db, ...(existsSync(`${db}-wal`) ? [`${db}-wal`] : []), join(out, "rejected.jsonl"), join(out, "manifest.json"), join(out, "openai-chat", "train.jsonl"), join(out, "lineage.jsonl")]) {
      expect(readFileSync(file).includes(key), file).toBe(false);
    }
  });

  it("a bad input line is an input error naming the file, line and field; nothing is written", async () => {
    const input = join(dir, "bad.jsonl");
    writeFileSync(input, `${chatLine("hi", "hello")}\n{"messages": [{"role": "robot", "content": "x"}]}\n`);
    const out = join(dir, "bad-out");
    await expect(runPipeline({ recipe: "diversify", input, out, dbPath: join(dir, "bad.db") })).rejects.toThrow(/bad\.jsonl:2: messages\[0\]\.role: "robot" is not one of/);
    expect(() => readFileSync(join(out, "manifest.json"))).toThrow();
  });

  it("refuses input that names a held-out suite as its source", async () => {
    const input = join(dir, "heldout.jsonl");
    writeFileSync(input, `${chatLine("hi", "hello")}\n`);
    const recipe = {
      ...(await import("../recipes/diversify/recipe.js")).diversifyRecipe,
      name: "diversify-heldout",
      source: () => [{ id: "x", value: { kind: "chat", id: "x", lineage: { recipe: "r", stages: [], seed: 0, source: { suite: "blackmail", split: "held-out" } }, messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] } }],
    };
    await expect(runPipeline({ recipe, input, out: join(dir, "ho"), dbPath: join(dir, "ho.db") })).rejects.toThrow(/held-out.*may never be a source of training data/);
  });
});
