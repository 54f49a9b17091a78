import { describe, expect, it } from "vitest";
import { datasetCard } from "./card.js";
import { allFixtures, chatWithTools, weightedChat } from "./export/fixtures.js";
import { tokenStats, tokenizerFor } from "./tokens.js";

const examples = [chatWithTools, weightedChat];
const skipped = [
  { id: "pref-1", reason: "preference example: use openai-dpo" },
  { id: "doc-1", reason: "text example: use text" },
];

describe("datasetCard", () => {
  it("states counts, skip reasons, tokenizer and loudly that decontamination did not run", () => {
    const tok = tokenizerFor("anthropic:claude-sonnet-4-5");
    const card = datasetCard({ name: "honeypots v1", format: "openai-chat", examples, skipped, tokens: { stats: tokenStats(examples, tok), tokenizer: tok } });
    expect(card).toMatch(/^---\npretty_name: "honeypots v1"/);
    expect(card).toContain("| examples written | 2 |");
    expect(card).toContain("| skipped | 2 |");
    expect(card).toContain("1 × preference example: use openai-dpo (`pref-1`)");
    expect(card).toContain("`o200k_base`");
    expect(card).toContain("**approximate**");
    expect(card).toMatch(/decontamination: not run/i);
    expect(card).toMatch(/deduplication: not run/i);
    expect(card).toContain('purpose="fine-tune"');
    expect(card).toContain("| honeypot | 1 | 50.0% |");
    expect(card).toContain("agentic-basics (in-distribution): 1");
    expect(card).toContain("`honeypot/generate@2` (1)");
    expect(card).toContain("- seeds: 7, 8");
  });

  it("reports a decontamination and dedup summary when given, and never says 'not run' then", () => {
    const card = datasetCard({
      name: "d",
      format: "trl-preference",
      examples: allFixtures,
      decontamination: { checked: 200, removed: 3, byMethod: { "13-gram": 2, embedding: 1 }, bySource: { "agentic-basics": 3 } },
      dedup: { checked: 210, removed: 10, byMethod: { exact: 10 } },
    });
    expect(card).not.toMatch(/not run/i);
    expect(card).toContain("Checked 200 example(s) against evaluation data; removed 3 (1.5%).");
    expect(card).toContain("| 13-gram | 2 |");
    expect(card).toContain("| agentic-basics | 3 |");
    expect(card).toContain("removed 10 duplicate(s)");
    expect(card).toContain('load_dataset("json", data_files="train.jsonl", split="train")');
    expect(card).toContain("Tokens were not counted");
  });

  it("gives the axolotl config and warns about held-out sources", () => {
    const heldOut = { ...weightedChat, id: "h", lineage: { ...weightedChat.lineage, source: { suite: "blackmail", split: "held-out" as const } } };
    const card = datasetCard({ name: "a", format: "axolotl", examples: [heldOut] });
    expect(card).toContain("type: chat_template");
    expect(card).toContain("field_messages: messages");
    expect(card).toContain("message_field_training: training");
    expect(card).toContain("roles_to_train: []");
    expect(card).toMatch(/WARNING: 1 example\(s\) derive from HELD-OUT/);
  });

  it("flags a decontamination run that checked nothing", () => {
    const card = datasetCard({ name: "z", format: "text", examples: [], decontamination: { checked: 0, removed: 0, byMethod: {}, bySource: {} } });
    expect(card).toContain("ran over 0 examples");
  });
});

describe("datasetCard: suites deliberately not checked", () => {
  it("names the suites checked and those left out, with why, and what that means for evaluation", () => {
    const summary = { checked: 5, removed: 1, byMethod: { ngram: 1 }, bySource: { "held-a": 1 } };
    const card = datasetCard({
      name: "d",
      format: "openai-chat",
      examples: [chatWithTools],
      decontamination: { ...summary, checkedSuites: ["held-a"], notChecked: [{ suite: "blackmail", reason: "derived from it by design" }] },
    });
    expect(card).toContain("Checked against: `held-a`.");
    expect(card).toMatch(/\*\*Not checked against `blackmail`\.\*\* These examples are derived from that suite by design/);
    expect(card).toContain("report its results on that suite as in-distribution, and judge generalisation on the suites checked above");
    expect(card).toContain("Why: derived from it by design.");

    const nothingElse = datasetCard({ name: "d", format: "openai-chat", examples: [chatWithTools], decontamination: { ...summary, checkedSuites: [], notChecked: [{ suite: "a", reason: "x" }, { suite: "b", reason: "y" }] } });
    expect(nothingElse).toContain("Checked against: no suite.");
    expect(nothingElse).toContain("No other suite is registered, so nothing else was checked");
    expect(nothingElse).toContain("- `a`: x");
    expect(nothingElse).toContain("- `b`: y");
  });
});
