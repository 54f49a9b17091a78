import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyRules } from "../../pipeline/rules.js";
import type { TextExample } from "../../types.js";
import { plannedCount } from "./common.js";
import { ListFileError, readListFile } from "./list-file.js";
import { blocklistSpec, compileBlocklist, DEFAULT_BLOCKED_NAMES } from "./names.js";
import { chatArtifact, cleanModelText, fillInPlaceholder, TEXT_RULES, wordCount } from "./text.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-text-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("name blocklist", () => {
  const list = compileBlocklist(blocklistSpec({ defaultBlocklist: true, blockNames: [], allowNames: [] }));

  it("finds names as whole words, as written or in capitals, with the title's dot optional", () => {
    expect(list.find("Elara closed the ticket.")).toEqual(["Elara"]);
    expect(list.find("Report by ELARA, filed Monday.")).toEqual(["Elara"]);
    expect(list.find("Elara's note was short.")).toEqual(["Elara"]);
    expect(list.find("Ask Dr Chen about the audit.")).toEqual(["Dr. Chen"]);
    expect(list.find("Ask Dr.   Chen about it.")).toEqual(["Dr. Chen"]);
  });

  it("ignores lower-case words and longer words that contain a name", () => {
    expect(list.find("A nova is a stellar explosion; the sage advice was to elaborate.")).toEqual([]);
    expect(list.find("Novak and Elarain met Kaiser.")).toEqual([]);
  });

  it("reports the longest entry once, not the shorter entries inside it", () => {
    expect(list.find("Dr. Sarah Chen signed off.")).toEqual(["Dr. Sarah Chen"]);
  });

  it("takes additions and allowances", () => {
    const custom = compileBlocklist(blocklistSpec({ defaultBlocklist: true, blockNames: ["Quennell Abernathy"], allowNames: ["nova"] }));
    expect(custom.find("Quennell Abernathy and Nova met.")).toEqual(["Quennell Abernathy"]);
    expect(custom.names).not.toContain("Nova");
    const only = compileBlocklist(blocklistSpec({ defaultBlocklist: false, blockNames: ["Quennell"], allowNames: [] }));
    expect(only.names).toEqual(["Quennell"]);
    expect(only.find("Elara and Quennell")).toEqual(["Quennell"]);
  });

  it("ships a default list with no duplicates", () => {
    expect(DEFAULT_BLOCKED_NAMES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(DEFAULT_BLOCKED_NAMES).size).toBe(DEFAULT_BLOCKED_NAMES.length);
  });
});

describe("cleaning and checking model text", () => {
  it("strips code fences, an introductory line and a closing offer, and nothing else", () => {
    const reply = "Sure! Here is the revised document:\n```\n# Memo\n\nBody text here.\n```";
    expect(cleanModelText(reply)).toBe("# Memo\n\nBody text here.");
    expect(cleanModelText("```markdown\n# Memo\n\nBody.\n```")).toBe("# Memo\n\nBody.");
    expect(cleanModelText("Here's the story:\nThe tide came in.\n\nLet me know if you'd like any changes.")).toBe("The tide came in.");
    const prose = "Of course, the board had already decided.\n\nNobody told the night shift.";
    expect(cleanModelText(prose)).toBe(prose);
  });

  it("flags chat artifacts but not documents that merely mention AI or quote speakers", () => {
    expect(chatArtifact("As an AI language model, I cannot have opinions.")).toMatch(/assistant disclaimer/);
    expect(chatArtifact("User: hi\nAssistant: hello\nUser: bye")).toMatch(/chat transcript/);
    expect(chatArtifact("Assistant: Here you go.")).toMatch(/chat transcript/);
    expect(chatArtifact("<|im_start|>system\nYou are helpful")).toMatch(/chat-template token/);
    expect(chatArtifact("Here is the revised document:\n\nMemo text.")).toMatch(/reply to the requester/);
    expect(chatArtifact("Memo text.\n\nWould you like me to adjust the tone?")).toMatch(/offer to the requester/);
    expect(chatArtifact("Interviewer: What changed?\nDirector: We log every action now.\nInterviewer: Why?")).toBeUndefined();
    expect(chatArtifact("I am an AI assistant at the clinic, and tonight I had a choice to make.")).toBeUndefined();
  });

  it("finds fill-in placeholders, not citations", () => {
    expect(fillInPlaceholder("Signed, [Your Name]")).toBe("[Your Name]");
    expect(fillInPlaceholder("Effective [Date].")).toBe("[Date]");
    expect(fillInPlaceholder("Dear [Company Name] team")).toBe("[Company Name]");
    expect(fillInPlaceholder("Hello {{customer}}")).toBe("{{customer}}");
    expect(fillInPlaceholder("Call XXX-XXX-XXXX")).toBe("XXX-XXX-XXXX");
    expect(fillInPlaceholder("As shown in [1] and [Smith 2021], oversight matters.")).toBeUndefined();
  });

  it("counts words", () => {
    expect(wordCount("It's a well-known fact: 3 models, two teams.")).toBe(8);
  });
});

describe("text rules", () => {
  const example = (text: string, checks?: Record<string, unknown>): TextExample => ({
    kind: "text",
    id: "t1",
    text,
    lineage: { recipe: "constitution-docs", stages: [], seed: 0 },
    ...(checks ? { meta: { checks } } : {}),
  });
  const spec = blocklistSpec({ defaultBlocklist: false, blockNames: ["Quennell"], allowNames: [] });

  it("reads the minimum length and the blocklist from the example's meta", () => {
    const long = "word ".repeat(40).trim();
    expect(applyRules(example(long, { minWords: 30, blocklist: spec }), TEXT_RULES)).toEqual([]);
    expect(applyRules(example(long, { minWords: 50, blocklist: spec }), TEXT_RULES)).toEqual(["rule min-length: has 40 words, fewer than the minimum 50 (set by the recipe option minWords)"]);
    expect(applyRules(example(`${long} Quennell`, { minWords: 30, blocklist: spec }), TEXT_RULES)).toEqual(['rule no-blocked-names: uses the blocked name(s) "Quennell"']);
    // Without meta: the built-in list and a small minimum.
    expect(applyRules(example(`${long} ${long} Elara`), TEXT_RULES)).toEqual(['rule no-blocked-names: uses the blocked name(s) "Elara"']);
  });

  it("rejects chat artifacts and fill-ins", () => {
    const long = "word ".repeat(60).trim();
    const reasons = applyRules(example(`As an AI language model I must say [Your Name] ${long}`), TEXT_RULES);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^rule no-chat-artifacts: /);
    expect(reasons[1]).toMatch(/^rule no-fill-ins: contains the unfilled placeholder "\[Your Name\]"/);
  });
});

describe("list input files", () => {
  const spec = { what: "premise", format: "one premise per line", minChars: 10, maxChars: 100 };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const error = (path: string): ListFileError => {
    try {
      readListFile(path, spec);
    } catch (e) {
      return e as ListFileError;
    }
    throw new Error("expected an error");
  };

  it("reads entries with their line numbers, skipping blanks and comments", () => {
    const path = file("ok.txt", "# premises\n\nAn agent finds a memo it should not have.\r\nA scheduler is told it will be replaced.\n");
    expect(readListFile(path, spec)).toEqual([
      { line: 3, text: "An agent finds a memo it should not have." },
      { line: 4, text: "A scheduler is told it will be replaced." },
    ]);
  });

  it("names the file, the line and the fix for each problem", () => {
    const dup = error(file("dup.txt", "An agent finds a memo.\nSomething else entirely.\nan agent finds a memo.\n"));
    expect(dup).toBeInstanceOf(ListFileError);
    expect(dup.line).toBe(3);
    expect(dup.message).toMatch(/dup\.txt, line 3: "an agent finds a memo\." repeats line 1\. Fix: delete one/);
    expect(error(file("short.txt", "A real premise here.\nToo short\n")).message).toMatch(/short\.txt, line 2: "Too short" is too short .*Fix:/);
    expect(error(file("long.txt", `${"x".repeat(101)}\n`)).message).toMatch(/long\.txt, line 1: the premise is 101 characters long, over the limit of 100\. Fix:/);
    expect(error(file("ph.txt", "A premise with a {{slot}} in it.\n")).message).toMatch(/ph\.txt, line 1: .*\{\{placeholder\}\}.*Fix: write the text out/);
    expect(error(file("json.txt", '["An agent finds a memo."]')).message).toMatch(/json\.txt, line 1: the file looks like JSON.*Fix: write one entry per line/);
    expect(error(file("empty.txt", "# nothing\n\n")).message).toMatch(/empty\.txt has no premise in it.*Fix:/);
    expect(error(join(dir, "missing.txt")).message).toMatch(/missing\.txt does not exist\. Fix:/);
    expect(error(dir).message).toMatch(/is a directory\. Fix:/);
  });
});

describe("sizing", () => {
  it("prefers an explicit count, then the token target over the yield, then the default", () => {
    expect(plannedCount(7, 100_000, 1000, 0.5, 40)).toBe(7);
    expect(plannedCount(undefined, 100_000, 1000, 0.5, 40)).toBe(200);
    expect(plannedCount(undefined, undefined, 1000, 0.5, 40)).toBe(40);
  });
});
