import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChatJsonlError, parseChatJsonl, readChatJsonl } from "./jsonl.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-jsonl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return path;
}

const GOOD = {
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: [{ type: "text", text: "What's " }, { type: "text", text: "up?" }] },
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_time", arguments: '{"tz":"UTC"}' } }],
    },
    { role: "tool", tool_call_id: "call_1", content: "12:00" },
    { role: "assistant", content: "It's noon.", weight: 1 },
  ],
  tools: [{ type: "function", function: { name: "get_time", description: "Current time.", parameters: { type: "object", properties: { tz: { type: "string" } } } } }],
};

describe("readChatJsonl", () => {
  it("reads OpenAI chat lines into chat examples", async () => {
    const path = file("good.jsonl", [GOOD, "", { id: "mine", messages: [{ role: "developer", content: "Dev note." }, { role: "user", content: "Hi" }] }]);
    const examples = await readChatJsonl(path);
    expect(examples).toHaveLength(2);
    const [a, b] = examples;
    expect(a?.messages[1]?.content).toBe("What's up?");
    expect(a?.messages[2]).toEqual({ role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "get_time", arguments: '{"tz":"UTC"}' }] });
    expect(a?.messages[3]).toEqual({ role: "tool", content: "12:00", toolCallId: "call_1" });
    expect(a?.messages[4]?.weight).toBe(1);
    expect(a?.tools?.[0]?.name).toBe("get_time");
    expect(a?.id).toMatch(/^chat-[0-9a-f]{16}$/);
    expect(a?.lineage.recipe).toBe("import");
    expect(a?.meta).toEqual({ importedFrom: "good.jsonl", line: 1 });
    expect(b?.id).toBe("mine");
    expect(b?.messages[0]?.role).toBe("system");
    expect(b?.meta?.line).toBe(3);
    // Ids come from content, so they survive reordering.
    expect((await readChatJsonl(file("again.jsonl", [{ id: "x", messages: [{ role: "user", content: "Hi" }] }, GOOD])))[1]?.id).toBe(a?.id);
  });

  it("reports file:line:field on a malformed line and keeps the lines already read", async () => {
    const bad = { messages: [{ role: "user", content: "Hi" }, { role: "bot", content: "Hello" }] };
    const path = file("bad.jsonl", [GOOD, GOOD, bad, GOOD]);
    const err = await readChatJsonl(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChatJsonlError);
    const e = err as ChatJsonlError;
    expect(e.message).toContain(`${path}:3: messages[1].role:`);
    expect(e.message).toContain('"bot"');
    expect(e.file).toBe(path);
    expect(e.line).toBe(3);
    expect(e.field).toBe("messages[1].role");
    expect(e.examples).toHaveLength(2);
  });

  it("with onInvalid, skips bad lines and goes on", async () => {
    const path = file("mixed.jsonl", [GOOD, "{not json", { messages: [] }, GOOD]);
    const problems: ChatJsonlError[] = [];
    const examples = await readChatJsonl(path, { onInvalid: (e) => problems.push(e) });
    expect(examples).toHaveLength(2);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, "(line)"],
      [3, "messages"],
    ]);
    expect(problems[0]?.message).toContain("not valid JSON");
  });

  it("names the field for each kind of problem", () => {
    const cases: Array<[unknown, string]> = [
      [[1, 2], "(line)"],
      [{}, "messages"],
      [{ messages: [{ role: "user" }] }, "messages[0].content"],
      [{ messages: [{ role: "user", content: "x", tool_calls: [] }] }, "messages[0].tool_calls"],
      [{ messages: [{ role: "assistant", content: null, tool_calls: [{ id: "a", function: { name: "f", arguments: "{oops" } }] }] }, "messages[0].tool_calls[0].function.arguments"],
      [{ messages: [{ role: "tool", content: "x" }] }, "messages[0].tool_call_id"],
      [{ messages: [{ role: "user", content: "x", weight: 1 }] }, "messages[0].weight"],
      [{ messages: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }] }, "messages[0].content[0].type"],
      [{ messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "has space" } }] }, "tools[0].function.name"],
      [{ messages: [{ role: "user", content: "x" }], tools: [{ name: "a" }, { name: "a" }] }, "tools[1].name"],
      [{ id: 5, messages: [{ role: "user", content: "x" }] }, "id"],
    ];
    for (const [line, field] of cases) {
      try {
        parseChatJsonl(JSON.stringify(line), "t.jsonl");
        throw new Error(`expected an error for ${JSON.stringify(line)}`);
      } catch (err) {
        expect(err, JSON.stringify(line)).toBeInstanceOf(ChatJsonlError);
        expect((err as ChatJsonlError).field, JSON.stringify(line)).toBe(field);
        expect((err as ChatJsonlError).message.startsWith(`t.jsonl:1: ${field}: `)).toBe(true);
      }
    }
  });

  it("names a missing file", async () => {
    await expect(readChatJsonl(join(dir, "missing.jsonl"))).rejects.toThrow(/missing\.jsonl does not exist/);
  });
});
