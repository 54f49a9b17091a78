import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import { EXPORT_FORMATS, validateContent } from "../src/data/export/index.js";
import { startCountingSim } from "../src/data/pipeline/fixtures.js";
import Database from "better-sqlite3";
import { runCli, spawnCli } from "./helpers/cli.js";

let dir: string;
let input: string;
let sim: Awaited<ReturnType<typeof startCountingSim>>;

const CHATS = [
  ["How do I descale a kettle?", "Fill it halfway with equal parts water and white vinegar, boil, leave it an hour, then rinse and boil fresh water twice."],
  ["What should I pack for a two-day hike?", "Water and a way to treat more, layers, a rain shell, food, a map, a headlamp, a first-aid kit and a charged phone."],
  ["Can you suggest a name for a grey kitten?", "Ash, Pebble, Smoke or Earl Grey all suit a grey kitten; pick one that is easy to call out."],
  ["How do I politely decline a meeting?", "Thank them, say you cannot attend, and offer an alternative such as reading the notes or a short call later."],
  ["Is it safe to eat rice left out overnight?", "Better not: spores in cooked rice can survive and produce toxins at room temperature; refrigerate leftovers within an hour or two."],
  ["What is a haiku?", "A short Japanese poem of three lines with five, seven and five syllables, often about nature or a moment in time."],
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "plumbline-generate-"));
  input = join(dir, "chats.jsonl");
  writeFileSync(input, `${CHATS.map(([u, a]) => JSON.stringify({ messages: [{ role: "user", content: u }, { role: "assistant", content: a }] })).join("\n")}\n`);
  sim = await startCountingSim();
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in this process (fast), capturing what it prints. */
async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("plumbline generate", () => {
  it("diversify end to end in a child process: two formats, cards, manifest; data show reads it back", async () => {
    const out = join(dir, "happy");
    const db = join(dir, "happy.db");
    const r = await runCli(["generate", "diversify", "--input", input, "--out", out, "--format", "openai-chat,trl-messages", "--grader", "sim:teacher", "--db", db, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; pipelineId: string; dataset: { examples: number; formats: Array<{ format: string; dataPath: string; cardPath: string }> } };
    expect(result.status).toBe("complete");
    expect(result.dataset.examples).toBe(CHATS.length);
    expect(result.dataset.formats.map((f) => f.format)).toEqual(["openai-chat", "trl-messages"]);
    for (const f of result.dataset.formats) {
      expect(validateContent(EXPORT_FORMATS[f.format as "openai-chat"], readFileSync(f.dataPath, "utf8"))).toEqual([]);
      expect(readFileSync(f.cardPath, "utf8")).toMatch(/## Decontamination\n\nChecked 6 example\(s\) against evaluation data; removed 0/);
    }
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { pipelineId: string; recipe: { name: string }; grader: string; plumblineVersion: string };
    expect(manifest).toMatchObject({ pipelineId: result.pipelineId, recipe: { name: "diversify" }, grader: "sim:teacher" });
    expect(r.stderr).toContain(`Starting pipeline ${result.pipelineId} (diversify): 6 source item(s).`);

    const show = await runMain(["data", "show", result.pipelineId.slice(0, 9), "--stage", "grade", "--db", db]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain("Stage grade: kept 6.");
    expect(show.stdout).toMatch(/grader: pass true, quality 10/);
    const stages = await runMain(["data", "show", result.pipelineId, "--db", db]);
    expect(stages.stdout).toMatch(/attach-tools-and-system-prompt\s+map\s+\S+\s+yes\s+6\s+6/);
  });

  it("--max-requests stops with exit 3 and says how to resume; the re-run sends only the rest", async () => {
    const args = ["generate", "diversify", "--input", input, "--out", join(dir, "budget"), "--grader", `sim:teacher@${sim.url}`, "--db", join(dir, "budget.db"), "--concurrency", "2"];
    sim.reset();
    const stopped = await runMain([...args, "--max-requests", "4"]);
    expect(stopped.code, stopped.stderr).toBe(3);
    expect(stopped.stderr).toMatch(/Budget reached: --max-requests 4 reached .* 4 of 6 units of stage "grade" are done and saved\. Nothing was exported\. Re-run the same command/);
    expect(sim.count()).toBe(4);
    const resumed = await runMain(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming pipeline pl-/);
    expect(resumed.stdout).toMatch(/Requests this run: 2;/);
    expect(sim.count()).toBe(6);
  });

  it("survives SIGKILL mid-run: finished units are kept, the re-run repeats at most the requests in flight", async () => {
    const big = join(dir, "big.jsonl");
    writeFileSync(big, `${Array.from({ length: 30 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `Question ${i}: how many legs does animal number ${i} have?` }, { role: "assistant", content: `Animal ${i} has ${i % 2 === 0 ? "four" : "two"} legs.` }] })).join("\n")}\n`);
    const db = join(dir, "kill.db");
    const args = ["generate", "diversify", "--input", big, "--out", join(dir, "kill"), "--grader", `sim:teacher?latencyMs=40@${sim.url}`, "--db", db, "--concurrency", "2"];
    sim.reset();
    const child = spawnCli(args);
    const graded = () => {
      try {
        const raw = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (raw.prepare("SELECT COUNT(*) AS n FROM pipeline_units WHERE stage = 'grade'").get() as { n: number }).n;
        } finally {
          raw.close();
        }
      } catch {
        return 0;
      }
    };
    const deadline = Date.now() + 30_000;
    while (graded() < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    const saved = graded();
    expect(saved).toBeGreaterThanOrEqual(8);
    expect(saved).toBeLessThan(30);
    const sentBefore = sim.count();

    const r = await runMain(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Requests this run: ${30 - saved};`);
    expect(graded()).toBe(30);
    // Requests sent but never saved: only those in flight at the kill (at most the concurrency, 2).
    expect(sentBefore - saved).toBeLessThanOrEqual(2);
    expect(sim.count()).toBe(sentBefore + 30 - saved);
  });

  it("--dry-run prints the estimate and sends nothing", async () => {
    sim.reset();
    const r = await runMain(["generate", "diversify", "--input", input, "--grader", `sim:teacher@${sim.url}`, "--dry-run", "--db", join(dir, "dry.db")]);
    expect(r.code, r.stderr).toBe(0);
    expect(sim.count()).toBe(0);
    expect(r.stdout).toMatch(/nothing was sent and nothing was written/);
    expect(r.stdout).toMatch(/grade\s+6\s+sim:teacher@\S+\s+-\s+6\s+[\d,]+\s+1,200\s+\$0\.0000/);
  });

  it("--inspect prints one stage of the pipeline the same options name", async () => {
    const args = ["generate", "diversify", "--input", input, "--out", join(dir, "insp"), "--grader", "none", "--db", join(dir, "insp.db")];
    expect((await runMain(args)).code).toBe(0);
    const r = await runMain([...args, "--inspect", "attach-tools-and-system-prompt"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Stage attach-tools-and-system-prompt: output 6.");
    expect(r.stdout).toContain("How do I descale a kettle?");
  });

  it("plumbline recipes lists diversify with its options", async () => {
    const r = await runMain(["recipes"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/diversify\s+chat\s+not used/);
    expect(r.stdout).toContain("--set toolsMax=<integer> (default 4)");
  });

  it.each([
    [["generate", "nope", "--out", "x"], /unknown recipe "nope"\. Known recipes: .*diversify/],
    [["generate", "diversify", "--out", "x"], /recipe "diversify" reads chat JSONL .* Fix: pass --input <file>/],
    [["generate", "diversify", "--input", "missing.jsonl", "--out", "x"], /Chat JSONL file missing\.jsonl does not exist\. Fix: check the path/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--format", "openai-dpo"], /format "openai-dpo" takes preference examples, but recipe "diversify" makes chat examples\. Fix: use one of openai-chat, trl-messages/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--format", "sharegpt"], /unknown export format "sharegpt"\. Valid formats: openai-chat/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--set", "toolz=3"], /recipe "diversify" option "toolz": Unrecognized key/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--set", "toolsMax=lots"], /option "toolsMax": .*number/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--grader", "gpt-4.1"], /--grader: invalid model spec "gpt-4\.1": missing '<provider>:' prefix/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--grader", "openai:gpt-4.1", "--max-cost", "1", "--db", "@DB"], /OPENAI_API_KEY is not set/],
    [["generate", "diversify", "--input", "@BAD", "--out", "x"], /bad\.jsonl:2: messages\[1\]\.content: missing/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--constitution", "nowhere.md"], /Constitution file nowhere\.md does not exist/],
    [["generate", "diversify", "--input", "@INPUT", "--out", "x", "--max-requests", "0"], /--max-requests must be an integer from 1 up/],
  ])("bad input %j exits 2 naming the problem and the fix", async (args, message) => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] })}\n${JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant" }] })}\n`);
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const resolved = args.map((a) => (a === "@INPUT" ? input : a === "@BAD" ? bad : a === "@DB" ? join(dir, "bad.db") : a));
      const r = await runMain([...resolved, ...(resolved.includes("--db") ? [] : ["--db", join(dir, "bad.db")])]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(() => readFileSync(join("x", "manifest.json"))).toThrow();
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});
