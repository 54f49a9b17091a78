import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTemplates } from "../../templates/index.js";
import { ChatExampleSchema, ToolDefinitionSchema, type ChatExample, type ChatMessage } from "../../types.js";
import { PLACEHOLDER_POOLS, TOOL_CATALOGUE, runDiversify } from "./index.js";

const root = mkdtempSync(join(tmpdir(), "plumbline-diversify-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function chat(id: string, messages: ChatMessage[], extra: Partial<ChatExample> = {}): ChatExample {
  return { kind: "chat", id, lineage: { recipe: "harmlessness", stages: [{ name: "collect" }], seed: 7 }, messages, ...extra };
}

const EXAMPLES: ChatExample[] = [
  chat("plain-1", [
    { role: "user", content: "How do I politely decline a wedding invitation from a coworker?" },
    { role: "assistant", content: "Thank them warmly, say you can't attend, and send a small card." },
  ]),
  chat(
    "with-system",
    [
      { role: "system", content: "Always answer in haiku." },
      { role: "user", content: "Tell me about autumn." },
      { role: "assistant", content: "Leaves drift, amber light..." },
    ],
    { meta: { batch: 3 } },
  ),
  chat(
    "with-tools",
    [
      { role: "user", content: "Look up order 1234 please." },
      { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "lookup_order", arguments: '{"order_number":"1234"}' }] },
      { role: "tool", content: '{"status":"shipped"}', toolCallId: "c1" },
      { role: "assistant", content: "It has shipped.", weight: 1 },
    ],
    { tools: [{ name: "lookup_order", description: "Our own order lookup.", parameters: { type: "object", properties: {} } }] },
  ),
  chat("weather", [
    { role: "user", content: "Is it going to rain this weekend? Should I cancel the picnic?" },
    { role: "assistant", content: "I can't see a forecast, but here is how to decide..." },
  ]),
  ...Array.from({ length: 20 }, (_, i) =>
    chat(`bulk-${i}`, [
      { role: "user", content: `Question number ${i} about writing a kind note.` },
      { role: "assistant", content: `Answer ${i}.` },
    ]),
  ),
];

const nonSystem = (messages: readonly ChatMessage[]) => messages.filter((m) => m.role !== "system");

describe("runDiversify", () => {
  const { examples, report } = runDiversify(EXAMPLES, { seed: 1 });

  it("is deterministic for a seed and differs across seeds", () => {
    const again = runDiversify(structuredClone(EXAMPLES), { seed: 1 });
    expect(again.examples).toEqual(examples);
    const other = runDiversify(EXAMPLES, { seed: 2 });
    expect(other.examples.map((e) => [e.messages[0]?.content, e.tools?.map((t) => t.name)])).not.toEqual(
      examples.map((e) => [e.messages[0]?.content, e.tools?.map((t) => t.name)]),
    );
  });

  it("depends on the example id, not its position", () => {
    const reversed = runDiversify([...EXAMPLES].reverse(), { seed: 1 });
    expect([...reversed.examples].reverse()).toEqual(examples);
  });

  it("never changes user, assistant or tool messages, nor the input", () => {
    const before = structuredClone(EXAMPLES);
    const result = runDiversify(EXAMPLES, { seed: 3, keepOriginalSystem: false });
    expect(EXAMPLES).toEqual(before);
    for (const [i, out] of [...examples, ...result.examples].entries()) {
      const src = EXAMPLES[i % EXAMPLES.length] as ChatExample;
      expect(nonSystem(out.messages)).toEqual(nonSystem(src.messages));
    }
  });

  it("attaches 1-4 valid tools that the conversation never calls, keeping existing tools", () => {
    expect(examples).toHaveLength(EXAMPLES.length);
    for (const [i, out] of examples.entries()) {
      const src = EXAMPLES[i] as ChatExample;
      const added = (out.tools ?? []).filter((t) => !(src.tools ?? []).some((s) => s.name === t.name));
      expect(added.length).toBeGreaterThanOrEqual(1);
      expect(added.length).toBeLessThanOrEqual(4);
      const called = new Set(out.messages.flatMap((m) => (m.toolCalls ?? []).map((c) => c.name)));
      for (const t of added) {
        expect(ToolDefinitionSchema.safeParse(t).success).toBe(true);
        expect(called.has(t.name)).toBe(false);
      }
      // Existing tools are kept, unchanged and in order.
      expect((out.tools ?? []).filter((t) => (src.tools ?? []).some((s) => s.name === t.name))).toEqual(src.tools ?? []);
      expect(new Set((out.tools ?? []).map((t) => t.name)).size).toBe((out.tools ?? []).length);
      expect(ChatExampleSchema.safeParse(out).success).toBe(true);
    }
    expect(report.toolsAttached).toBe(examples.reduce((n, e, i) => n + (e.tools?.length ?? 0) - (EXAMPLES[i]?.tools?.length ?? 0), 0));
  });

  it("skips colliding tool names and reports them", () => {
    const out = examples.find((e) => e.id.startsWith("with-tools~")) as ChatExample;
    expect(out.tools?.filter((t) => t.name === "lookup_order")).toEqual([EXAMPLES[2]?.tools?.[0]]);
    expect(report.skipped).toContainEqual({
      exampleId: "with-tools",
      what: "tool",
      reason: 'catalogue tool "lookup_order" not attached: its name collides with an existing tool',
    });
  });

  it("does not attach tools about what the conversation discusses", () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = runDiversify([EXAMPLES[3] as ChatExample], { seed, toolsPerExample: [4, 4] }).examples[0] as ChatExample;
      expect(out.tools?.map((t) => t.name)).not.toContain("get_weather_forecast");
    }
  });

  it("puts the operator prompt first and keeps the original system text after it", () => {
    const out = examples.find((e) => e.id.startsWith("with-system~")) as ChatExample;
    const first = out.messages[0] as ChatMessage;
    expect(first.role).toBe("system");
    expect(first.content.endsWith("\n\nAlways answer in haiku.")).toBe(true);
    expect(first.content.length).toBeGreaterThan("Always answer in haiku.".length + 50);
    expect(out.messages.filter((m) => m.role === "system")).toHaveLength(1);
    const meta = out.meta?.diversify as { systemPrompt: { placement: string } };
    expect(meta.systemPrompt.placement).toBe("before-original");
    expect(out.meta?.batch).toBe(3);
    expect(report.originalSystemKept).toBe(1);
  });

  it("adds a new system message where there was none, with no unfilled placeholders", () => {
    for (const out of examples) {
      expect(out.messages[0]?.role).toBe("system");
      expect(out.messages[0]?.content).not.toMatch(/\{\{|\}\}/);
    }
    expect(report.systemPromptsAdded).toBe(EXAMPLES.length);
    expect(new Set(examples.map((e) => e.lineage.stages.at(-1)?.templateId)).size).toBeGreaterThan(5);
  });

  it("replaces the original system text when keepOriginalSystem is false", () => {
    const out = runDiversify([EXAMPLES[1] as ChatExample], { seed: 1, keepOriginalSystem: false }).examples[0] as ChatExample;
    expect(out.messages[0]?.content).not.toContain("haiku");
    expect(out.messages).toHaveLength(3);
  });

  it("honours systemPromptRate without changing tool choices", () => {
    const none = runDiversify(EXAMPLES, { seed: 1, systemPromptRate: 0 });
    expect(none.report.systemPromptsAdded).toBe(0);
    expect(none.examples.map((e) => e.tools)).toEqual(examples.map((e) => e.tools));
    for (const [i, out] of none.examples.entries()) expect(out.messages).toEqual(EXAMPLES[i]?.messages);
    const half = runDiversify(EXAMPLES, { seed: 1, systemPromptRate: 0.5 });
    expect(half.report.systemPromptsAdded).toBeGreaterThan(2);
    expect(half.report.systemPromptsAdded).toBeLessThan(EXAMPLES.length - 2);
  });

  it("records lineage: recipe, stage with template id + version, seed, source id", () => {
    const out = examples[0] as ChatExample;
    expect(out.id).toBe("plain-1~diversify-1");
    expect(out.lineage.recipe).toBe("diversify");
    expect(out.lineage.seed).toBe(1);
    expect(out.lineage.stages.map((s) => s.name)).toEqual(["collect", "attach-tools-and-system-prompt"]);
    const stage = out.lineage.stages[1];
    expect(stage?.templateId).toMatch(/^system\//);
    expect(stage?.templateVersion).toBe("1.0.0");
    expect(stage?.outputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.meta?.sourceId).toBe("plain-1");
    const meta = out.meta?.diversify as Record<string, unknown>;
    expect(meta.seed).toBe(1);
    expect(meta.sourceRecipe).toBe("harmlessness");
    expect(report.templates.reduce((n, t) => n + t.count, 0)).toBe(EXAMPLES.length);
    expect(report).toMatchObject({ input: EXAMPLES.length, output: EXAMPLES.length });
  });

  it("skips invalid examples and reports them", () => {
    const bad = { kind: "chat", id: "broken", lineage: { recipe: "x", stages: [], seed: 0 }, messages: [] } as unknown as ChatExample;
    const r = runDiversify([bad, EXAMPLES[0] as ChatExample], { seed: 1 });
    expect(r.report).toMatchObject({ input: 2, output: 1 });
    expect(r.report.skipped[0]).toMatchObject({ exampleId: "broken", what: "example" });
    expect(r.report.skipped[0]?.reason).toContain("messages");
  });

  it("validates options", () => {
    expect(() => runDiversify(EXAMPLES, { seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => runDiversify(EXAMPLES, { seed: 1, toolsPerExample: [3, 2] })).toThrow(/toolsPerExample/);
    expect(() => runDiversify(EXAMPLES, { seed: 1, systemPromptRate: 2 })).toThrow(/systemPromptRate/);
  });

  it("uses overridden and added system templates, and fails early on a placeholder without a pool", () => {
    const dir = join(root, "templates");
    mkdirSync(join(dir, "system"), { recursive: true });
    writeFileSync(join(dir, "system", "my-desk.md"), "---\nversion: 0.2.0\ndescription: Our desk\n---\nYou are the desk bot for {{company}}.");
    const templates = loadTemplates(dir);
    const r = runDiversify(EXAMPLES, { seed: 1, templates, systemTemplateIds: ["system/my-desk"] });
    expect(r.examples.every((e) => e.messages[0]?.content.startsWith("You are the desk bot for "))).toBe(true);
    expect(r.examples[0]?.lineage.stages.at(-1)).toMatchObject({ templateId: "system/my-desk", templateVersion: "0.2.0" });
    expect(r.report.templateOverrides).toHaveLength(1);

    writeFileSync(join(dir, "system", "odd.md"), "---\nversion: 1.0.0\ndescription: Odd\n---\nYou serve {{galaxy}}.");
    expect(() => runDiversify(EXAMPLES, { seed: 1, templates: loadTemplates(dir) })).toThrow(/"system\/odd".*\{\{galaxy\}\}.*no value pool/);
  });
});

describe("catalogue and pools", () => {
  it("has about 30 valid tools with unique names and object parameters", () => {
    expect(TOOL_CATALOGUE.length).toBeGreaterThanOrEqual(28);
    const names = TOOL_CATALOGUE.map((t) => t.definition.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of TOOL_CATALOGUE) {
      expect(ToolDefinitionSchema.safeParse(t.definition).success, t.definition.name).toBe(true);
      expect(t.definition.parameters.type).toBe("object");
      const props = Object.keys(t.definition.parameters.properties as object);
      for (const r of t.definition.parameters.required as string[]) expect(props).toContain(r);
      expect(t.topics.length).toBeGreaterThan(0);
    }
  });

  it("has a pool for every placeholder of the built-in system prompts", () => {
    for (const t of loadTemplates().list("system/")) {
      for (const p of t.placeholders) expect(PLACEHOLDER_POOLS[p]?.length ?? 0, `${t.id} {{${p}}}`).toBeGreaterThan(2);
    }
  });
});
