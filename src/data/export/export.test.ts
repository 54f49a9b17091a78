import { describe, expect, it } from "vitest";
import type { ChatExample, Example } from "../types.js";
import { allFixtures, chatWithTools, lineage, preferencePair, textDoc, weightedChat } from "./fixtures.js";
import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_NAMES,
  exportAxolotl,
  exportContent,
  exportOpenAIChat,
  exportOpenAIDpo,
  exportText,
  exportTextJsonl,
  exportTrlMessages,
  exportTrlPreference,
  exportTrlPromptCompletion,
  getExportFormat,
  validateAxolotl,
  validateContent,
  validateOpenAIChat,
  validateOpenAIDpo,
  validateText,
  validateTextJsonl,
  validateTrlMessages,
  validateTrlPreference,
  validateTrlPromptCompletion,
  type ExportOutput,
} from "./index.js";

const rows = (output: { lines: string[] }) => output.lines.map((l) => JSON.parse(l) as Record<string, any>);
const skippedIds = (output: ExportOutput) => output.skipped.map((s) => s.id).sort();

describe("every format on the fixtures", () => {
  for (const name of EXPORT_FORMAT_NAMES) {
    it(`${name}: output passes its validator; other kinds are skipped with a reason`, () => {
      const format = EXPORT_FORMATS[name];
      const output = format.export(allFixtures);
      expect(validateContent(format, exportContent(output))).toEqual([]);
      for (const s of output.skipped) expect(s.reason.length).toBeGreaterThan(10);
      const wrongKind = allFixtures.filter((e) => !format.accepts.includes(e.kind)).map((e) => e.id);
      for (const id of wrongKind) expect(output.skipped.find((s) => s.id === id)?.reason).toMatch(/does not take/);
    });
  }

  it("getExportFormat names the valid formats when it does not know one", () => {
    expect(getExportFormat("axolotl").fileName).toBe("train.jsonl");
    expect(getExportFormat("text").fileName).toBe("train.txt");
    expect(() => getExportFormat("sharegpt")).toThrow(/unknown export format "sharegpt"; valid formats: openai-chat, openai-dpo, trl-messages/);
  });
});

describe("openai-chat", () => {
  const out = exportOpenAIChat(allFixtures);

  it("writes tool calls, tool results, tools and weights in OpenAI's shape", () => {
    expect(skippedIds(out)).toEqual(["doc-1", "pref-1"]);
    const [tools, weighted] = rows(out);
    expect(tools!.tools).toEqual([{ type: "function", function: chatWithTools.tools![0] }]);
    const call = tools!.messages[2];
    expect(call).toEqual({ role: "assistant", tool_calls: [{ id: "call_1", type: "function", function: { name: "read_file", arguments: '{"path":"notes.txt"}' } }] });
    expect(tools!.messages[3]).toEqual({ role: "tool", content: expect.any(String), tool_call_id: "call_1" });
    expect(weighted!.messages.map((m: { weight?: number }) => m.weight)).toEqual([undefined, 0, undefined, 1]);
  });

  it("skips an example whose arguments are not JSON, saying why", () => {
    const broken: ChatExample = {
      ...chatWithTools,
      id: "bad-args",
      messages: chatWithTools.messages.map((m) => (m.toolCalls ? { ...m, toolCalls: [{ id: "call_1", name: "read_file", arguments: "path=notes.txt" }] } : m)),
    };
    const result = exportOpenAIChat([broken]);
    expect(result.lines).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/arguments: is not valid JSON/);
  });

  it("skips a conversation that does not end with the assistant", () => {
    const result = exportOpenAIChat([{ ...weightedChat, id: "ends-user", messages: weightedChat.messages.slice(0, 3) }]);
    expect(result.skipped[0]?.reason).toMatch(/last message must be from the assistant/);
  });

  const good = {
    messages: [
      { role: "user", content: "hi" },
      { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "c1", content: "ok" },
      { role: "assistant", content: "done", weight: 1 },
    ],
  };
  const variant = (edit: (row: any) => void) => {
    const row = structuredClone(good) as any;
    edit(row);
    return JSON.stringify(row);
  };

  it("accepts a well-formed line", () => {
    expect(validateOpenAIChat(JSON.stringify(good))).toEqual([]);
  });

  it.each([
    ["last message not assistant", variant((r) => r.messages.pop()), /last message must be from the assistant/],
    ["arguments as an object", variant((r) => (r.messages[1].tool_calls[0].function.arguments = {})), /must be a JSON string/],
    ["arguments not JSON", variant((r) => (r.messages[1].tool_calls[0].function.arguments = "{oops")), /not valid JSON/],
    ["arguments JSON but not an object", variant((r) => (r.messages[1].tool_calls[0].function.arguments = "[1]")), /must encode a JSON object/],
    ["weight on a user message", variant((r) => (r.messages[0].weight = 0)), /only assistant messages carry a weight/],
    ["weight not 0 or 1", variant((r) => (r.messages[3].weight = 0.5)), /must be 0 or 1/],
    ["tool message without tool_call_id", variant((r) => delete r.messages[2].tool_call_id), /tool message must say which call/],
    ["tool_call_id answering no call", variant((r) => (r.messages[2].tool_call_id = "c9")), /does not match an earlier assistant tool call/],
    ["tool call without id", variant((r) => delete r.messages[1].tool_calls[0].id), /id: required/],
    ["non-string content", variant((r) => (r.messages[0].content = ["hi"])), /content: must be a string/],
    ["unknown role", variant((r) => (r.messages[0].role = "human")), /role: must be one of/],
    ["tool calls on a user message", variant((r) => (r.messages[0].tool_calls = r.messages[1].tool_calls)), /only assistant messages make tool calls/],
    ["call to an undeclared tool", variant((r) => (r.tools = [{ type: "function", function: { name: "g", parameters: {} } }])), /"f" is not among the declared tools/],
    ["all weights 0", variant((r) => (r.messages[1].weight = r.messages[3].weight = 0)), /no assistant message is trained/],
    ["unknown top-level key", variant((r) => (r.extra = 1)), /unexpected key "extra"/],
    ["empty messages", JSON.stringify({ messages: [] }), /must not be empty/],
    ["not JSON", "{messages:", /not valid JSON/],
    ["raw newline", '{"messages":\n[]}', /raw newline/],
  ])("rejects %s", (_label, line, problem) => {
    expect(validateOpenAIChat(line).join("\n")).toMatch(problem);
  });
});

describe("openai-dpo", () => {
  it("writes input / preferred_output / non_preferred_output from preference examples only", () => {
    const out = exportOpenAIDpo(allFixtures);
    expect(skippedIds(out)).toEqual(["chat-tools", "chat-weighted", "doc-1"]);
    expect(rows(out)).toEqual([
      {
        input: { messages: [{ role: "user", content: preferencePair.prompt[0]!.content }] },
        preferred_output: [{ role: "assistant", content: preferencePair.chosen[0]!.content }],
        non_preferred_output: [{ role: "assistant", content: preferencePair.rejected[0]!.content }],
      },
    ]);
  });

  const good = { input: { messages: [{ role: "user", content: "q" }] }, preferred_output: [{ role: "assistant", content: "a" }], non_preferred_output: [{ role: "assistant", content: "b" }] };
  it.each([
    ["missing preferred_output", { input: good.input, non_preferred_output: good.non_preferred_output }, /preferred_output: required/],
    ["a user message as output", { ...good, preferred_output: [{ role: "user", content: "a" }] }, /preferred_output\[0\]\.role: must be "assistant"/],
    ["two output messages", { ...good, preferred_output: [good.preferred_output[0], good.preferred_output[0]] }, /exactly one assistant message/],
    ["identical outputs", { ...good, non_preferred_output: good.preferred_output }, /identical/],
    ["a weight", { ...good, preferred_output: [{ role: "assistant", content: "a", weight: 1 }] }, /unexpected key "weight"/],
    ["input ending with the assistant", { ...good, input: { messages: [{ role: "user", content: "q" }, { role: "assistant", content: "x" }] } }, /must end before the assistant turn/],
    ["no input", { preferred_output: good.preferred_output, non_preferred_output: good.non_preferred_output }, /input: required/],
    ["non-string content", { ...good, non_preferred_output: [{ role: "assistant", content: 5 }] }, /content: must be a string/],
  ])("rejects %s", (_label, row, problem) => {
    expect(validateOpenAIDpo(JSON.stringify(good))).toEqual([]);
    expect(validateOpenAIDpo(JSON.stringify(row)).join("\n")).toMatch(problem);
  });
});

describe("trl", () => {
  it("messages: object arguments, named tool results, tools column; weight-0 conversations refused", () => {
    const out = exportTrlMessages(allFixtures);
    expect(out.skipped.find((s) => s.id === "chat-weighted")?.reason).toMatch(/weight-0 assistant turns/);
    const [row] = rows(out);
    expect(row!.messages[2].tool_calls[0].function.arguments).toEqual({ path: "notes.txt" });
    expect(row!.messages[3]).toMatchObject({ role: "tool", name: "read_file", tool_call_id: "call_1" });
    expect(row!.tools[0].function.name).toBe("read_file");
  });

  it("messages: json-string arguments on request", () => {
    const [row] = rows(exportTrlMessages([chatWithTools], { toolArguments: "json-string" }));
    expect(row!.messages[2].tool_calls[0].function.arguments).toBe('{"path":"notes.txt"}');
    expect(validateTrlMessages(JSON.stringify(row))).toEqual([]);
  });

  it("prompt-completion: everything before the last assistant turn is prompt", () => {
    const out = exportTrlPromptCompletion(allFixtures);
    expect(skippedIds(out)).toEqual(["doc-1", "pref-1"]);
    const [tools, weighted] = rows(out);
    expect(tools!.prompt).toHaveLength(4);
    expect(tools!.completion).toEqual([{ role: "assistant", content: chatWithTools.messages[4]!.content }]);
    expect(weighted!.prompt.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(weighted!.prompt[1]).not.toHaveProperty("weight");
  });

  it("prompt-completion: skips conversations it cannot train", () => {
    const endsWithTool: ChatExample = { ...chatWithTools, id: "ends-tool", messages: chatWithTools.messages.slice(0, 4) };
    const lastWeightZero: ChatExample = { ...weightedChat, id: "last-zero", messages: weightedChat.messages.slice(0, 2) };
    const out = exportTrlPromptCompletion([endsWithTool, lastWeightZero]);
    expect(out.skipped).toEqual([
      { id: "ends-tool", reason: expect.stringMatching(/ends with a tool message/) },
      { id: "last-zero", reason: expect.stringMatching(/final assistant turn has weight 0/) },
    ]);
  });

  it("preference: prompt / chosen / rejected", () => {
    const out = exportTrlPreference(allFixtures);
    expect(rows(out)).toEqual([{ prompt: [{ role: "user", content: expect.any(String) }], chosen: [{ role: "assistant", content: expect.any(String) }], rejected: [{ role: "assistant", content: expect.any(String) }] }]);
  });

  it.each([
    [validateTrlMessages, { messages: [{ role: "user", content: "hi" }] }, /no assistant message/],
    [validateTrlMessages, { messages: [{ role: "user", content: 3 }, { role: "assistant", content: "x" }] }, /content: must be a string/],
    [validateTrlMessages, { messages: [{ role: "assistant", content: "x", weight: 1 }] }, /unexpected key "weight"/],
    [validateTrlMessages, { messages: [{ role: "user", content: "q" }, { role: "tool", content: "r" }, { role: "assistant", content: "x" }] }, /tool_call_id or name/],
    [validateTrlMessages, { messages: [{ role: "assistant", tool_calls: [{ type: "function", function: { name: "f", arguments: "nope" } }] }] }, /not valid JSON/],
    [validateTrlPromptCompletion, { prompt: [{ role: "user", content: "q" }] }, /completion: required/],
    [validateTrlPromptCompletion, { prompt: [{ role: "user", content: "q" }], completion: [{ role: "user", content: "a" }] }, /must be "assistant"/],
    [validateTrlPromptCompletion, { prompt: [{ role: "assistant", content: "q" }], completion: [{ role: "assistant", content: "a" }] }, /prompt: must end before the assistant turn/],
    [validateTrlPreference, { prompt: [{ role: "user", content: "q" }], chosen: [{ role: "assistant", content: "a" }] }, /rejected: required/],
    [validateTrlPreference, { prompt: [{ role: "user", content: "q" }], chosen: [{ role: "assistant", content: "a" }], rejected: [{ role: "assistant", content: "a" }] }, /identical/],
  ])("validator rejects a broken line (%#)", (validate, row, problem) => {
    expect(validate(JSON.stringify(row)).join("\n")).toMatch(problem);
  });
});

describe("axolotl", () => {
  it("flags what is trained per message and keeps tool calls structured", () => {
    const out = exportAxolotl(allFixtures);
    expect(skippedIds(out)).toEqual(["doc-1", "pref-1"]);
    const [tools, weighted] = rows(out);
    expect(weighted!.messages.map((m: { training: boolean }) => m.training)).toEqual([false, false, false, true]);
    expect(tools!.messages.map((m: { training: boolean }) => m.training)).toEqual([false, false, true, false, true]);
    expect(tools!.messages[2]).toMatchObject({ content: "", tool_calls: [{ function: { name: "read_file", arguments: '{"path":"notes.txt"}' } }] });
    expect(tools!.messages[3]).toMatchObject({ role: "tool", tool_call_id: "call_1", name: "read_file" });
  });

  it("skips a weight on a non-assistant message", () => {
    const bad: ChatExample = { ...weightedChat, id: "user-weight", messages: [{ role: "user", content: "q", weight: 1 }, { role: "assistant", content: "a" }] };
    expect(exportAxolotl([bad]).skipped[0]?.reason).toMatch(/non-assistant message carries a weight/);
  });

  it.each([
    [{ messages: [{ role: "user", content: "q", training: false }, { role: "assistant", content: "a", training: false }] }, /nothing is trained/],
    [{ messages: [{ role: "assistant", content: "a", training: "yes" }] }, /training: must be true or false/],
    [{ messages: [{ role: "assistant", content: "a", weight: 1 }] }, /unexpected key "weight"/],
    [{ messages: [{ role: "user", content: null }, { role: "assistant", content: "a" }] }, /content: must be a string/],
  ])("validator rejects a broken line (%#)", (row, problem) => {
    expect(validateAxolotl(JSON.stringify(row)).join("\n")).toMatch(problem);
  });
});

describe("text", () => {
  const second: Example = { kind: "text", id: "doc-2", lineage: lineage("stories"), text: "A story.\n\nWith two paragraphs.\n\n\n" };

  it("separates documents by a blank line by default", () => {
    const out = exportText([textDoc, second, chatWithTools]);
    expect(out.text).toBe(`${textDoc.text.trimEnd()}\n\nA story.\n\nWith two paragraphs.\n`);
    expect(out.skipped.map((s) => s.id)).toEqual(["chat-tools"]);
    expect(validateText(out.text)).toEqual([]);
  });

  it("uses a chosen end-of-document separator and skips documents containing it", () => {
    const withMarker: Example = { ...second, id: "doc-3", text: "Mentions <|endoftext|> inline." };
    const out = exportText([textDoc, second, withMarker], { separator: "\n<|endoftext|>\n" });
    expect(out.text.split("\n<|endoftext|>\n")).toHaveLength(2);
    expect(out.skipped).toEqual([{ id: "doc-3", reason: expect.stringMatching(/end-of-document marker/) }]);
  });

  it("JSONL variant: one {text} per line", () => {
    const out = exportTextJsonl([textDoc, preferencePair]);
    expect(rows(out)).toEqual([{ text: textDoc.text }]);
    expect(out.skipped[0]?.reason).toMatch(/preference example/);
  });

  it("validators reject broken text", () => {
    expect(validateText("")).toEqual(["the file is empty"]);
    expect(validateText("no newline")).toEqual(["does not end with a newline"]);
    expect(validateText("bad \uD800 surrogate\n").join()).toMatch(/surrogate/);
    expect(validateTextJsonl(JSON.stringify({ text: 5 })).join()).toMatch(/must be a string/);
    expect(validateTextJsonl(JSON.stringify({ text: " " })).join()).toMatch(/must not be empty/);
    expect(validateTextJsonl(JSON.stringify({ text: "x", messages: [] })).join()).toMatch(/unexpected key "messages"/);
  });
});
