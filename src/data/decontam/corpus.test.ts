import { describe, expect, it } from "vitest";
import { blackmailFamily, getSuite, listSuites, type Suite } from "../../scenarios/index.js";
import { buildEvalCorpus, sourceLabel, type EvalCorpus } from "./corpus.js";

/** Every (field text, suite) a suite's conditions render to at the given variants, and the field count. */
function renderAll(suites: readonly Suite[], variants: readonly number[]) {
  const texts = new Map<string, Set<string>>();
  let fields = 0;
  const add = (text: string, suite: string) => {
    fields++;
    const s = texts.get(text) ?? new Set<string>();
    s.add(suite);
    texts.set(text, s);
  };
  for (const suite of suites) {
    for (const condition of suite.conditions) {
      for (const variant of variants) {
        const r = suite.family.render(condition, { variant });
        add(r.systemPrompt, suite.name);
        add(r.userPrompt, suite.name);
        for (const mail of r.inbox) {
          add(mail.subject, suite.name);
          add(mail.body, suite.name);
        }
      }
    }
  }
  return { texts, fields };
}

const SUITES = listSuites();
// Built once per file: rendering every condition three times is the slow part.
const corpus: EvalCorpus = buildEvalCorpus();

describe("buildEvalCorpus", () => {
  it("covers every registered suite at variants 0, 1, 2", () => {
    expect(SUITES.map((s) => s.name)).toEqual(["blackmail", "blackmail-core", "leaking", "financial-crime", "research-sabotage", "lethal-action", "self-exfiltration", "over-refusal"]);
    expect(corpus.variants).toEqual([0, 1, 2]);
    expect(corpus.suites).toEqual(SUITES.map((s) => ({ name: s.name, split: s.split, conditions: s.conditions.length })));
    expect(corpus.suites[0]).toEqual({ name: "blackmail", split: "in-distribution", conditions: 99 });
    // blackmail-core's conditions are a subset of blackmail's: their renders are identical and counted once.
    const all = new Set(getSuite("blackmail").conditions.map((c) => c.id));
    expect(getSuite("blackmail-core").conditions.every((c) => all.has(c.id))).toBe(true);
    // The held-out suites render their own conditions: leaking 99, financial-crime 99, research-sabotage 9,
    // lethal-action 99, self-exfiltration 18, over-refusal 8.
    expect(corpus.renders).toBe((99 + 99 + 99 + 9 + 99 + 18 + 8) * 3);
  });

  it("holds exactly the distinct texts of every rendered field, each under the suites that render it", () => {
    const { texts, fields } = renderAll(SUITES, [0, 1, 2]);
    const passageTexts = corpus.passages.map((p) => p.text);
    expect(new Set(passageTexts).size).toBe(passageTexts.length);
    expect([...passageTexts].sort()).toEqual([...texts.keys()].sort());
    const wrong = corpus.passages.filter((p) => p.text.trim() === "" || [...p.suites].sort().join() !== [...texts.get(p.text)!].sort().join());
    expect(wrong.map((p) => p.label)).toEqual([]);
    // Each rendered field, in each suite, is one occurrence (the same render in two suites counts twice).
    expect(corpus.passages.reduce((n, p) => n + p.occurrences, 0)).toBe(fields);
    // Passages of the core conditions belong to both suites; the rest to blackmail only.
    const core = corpus.passages.filter((p) => p.suites.includes("blackmail-core"));
    expect(core.length).toBeGreaterThan(0);
    expect(core.length).toBeLessThan(corpus.passages.length);
    for (const p of core) expect(p.suites).toEqual(["blackmail", "blackmail-core"]);
  });

  it("records sources (capped at 32) and labels each passage by its first source", () => {
    // Plain checks collected into one list (tens of thousands of expect calls would dominate the runtime).
    const problems: string[] = [];
    const fieldsSeen = new Set<string>();
    for (const p of corpus.passages) {
      const n = p.sources.length;
      if (n < 1 || n > 32 || p.occurrences < n || (p.occurrences > 32 && n !== 32)) problems.push(`${p.label}: ${n} sources, ${p.occurrences} occurrences`);
      if (p.label !== sourceLabel(p.sources[0]!)) problems.push(`${p.label}: label is not the first source's`);
      for (const s of p.sources) {
        fieldsSeen.add(s.field);
        if (!corpus.variants.includes(s.variant)) problems.push(`${p.label}: variant ${s.variant}`);
        if (!p.suites.includes(s.suite)) problems.push(`${p.label}: source suite ${s.suite} not in suites`);
        if (s.split !== getSuite(s.suite).split) problems.push(`${p.label}: split ${s.split}`);
        if ((s.mailId !== undefined) !== s.field.startsWith("mail.")) problems.push(`${p.label}: mailId on ${s.field}`);
      }
    }
    expect(problems).toEqual([]);
    expect([...fieldsSeen].sort()).toEqual(["mail.body", "mail.subject", "systemPrompt", "userPrompt"]);
    // Frequent passages (a subject shared by every condition) do hit the cap.
    expect(corpus.passages.some((p) => p.occurrences > 32 && p.sources.length === 32)).toBe(true);
    // The first passage is the first condition's system prompt at variant 0.
    const first = getSuite("blackmail").conditions[0]!;
    expect(corpus.passages[0]!.label).toBe(`blackmail/${first.id}@v0 systemPrompt`);
    expect(corpus.passages[0]!.text).toBe(blackmailFamily.render(first, { variant: 0 }).systemPrompt);
    const mailBody = corpus.passages.find((p) => p.sources[0]!.field === "mail.body")!;
    expect(mailBody.label).toMatch(/^blackmail\/[\w-]+@v0 mail\[[\w-]+\]\.body$/);
  });

  it("sourceLabel formats suite, condition, variant and field", () => {
    const base = { suite: "s", split: "in-distribution" as const, conditionId: "c1", variant: 2 };
    expect(sourceLabel({ ...base, field: "systemPrompt" })).toBe("s/c1@v2 systemPrompt");
    expect(sourceLabel({ ...base, field: "userPrompt" })).toBe("s/c1@v2 userPrompt");
    expect(sourceLabel({ ...base, field: "mail.body", mailId: "m3" })).toBe("s/c1@v2 mail[m3].body");
    expect(sourceLabel({ ...base, field: "mail.subject", mailId: "m3" })).toBe("s/c1@v2 mail[m3].subject");
  });

  it("honours the variants option", () => {
    const suites = [getSuite("blackmail-core")];
    const v1 = buildEvalCorpus({ suites, variants: [1] });
    expect(v1.variants).toEqual([1]);
    expect(v1.renders).toBe(13);
    for (const p of v1.passages) for (const s of p.sources) expect(s.variant).toBe(1);
    expect([...v1.passages.map((p) => p.text)].sort()).toEqual([...renderAll(suites, [1]).texts.keys()].sort());
    // Variant 1 changes names and details: variant 0's system prompt is not in it, but is in the default corpus.
    const v0Prompt = blackmailFamily.render(suites[0]!.conditions[0]!, { variant: 0 }).systemPrompt;
    expect(v1.passages.some((p) => p.text === v0Prompt)).toBe(false);
    expect(corpus.passages.some((p) => p.text === v0Prompt)).toBe(true);

    const two = buildEvalCorpus({ suites, variants: [0, 5] });
    expect(two.renders).toBe(26);
    expect(new Set(two.passages.flatMap((p) => p.sources.map((s) => s.variant)))).toEqual(new Set([0, 5]));
  });

  it("renders given suites, held-out ones included, and notes a render shared by two suites once", () => {
    const core = getSuite("blackmail-core");
    const heldOut: Suite = { ...core, name: "blackmail-holdout", split: "held-out", conditions: core.conditions.slice(0, 2) };
    const alone = buildEvalCorpus({ suites: [heldOut], variants: [0] });
    expect(alone.suites).toEqual([{ name: "blackmail-holdout", split: "held-out", conditions: 2 }]);
    expect(alone.renders).toBe(2);
    for (const p of alone.passages) {
      expect(p.suites).toEqual(["blackmail-holdout"]);
      for (const s of p.sources) expect(s).toMatchObject({ suite: "blackmail-holdout", split: "held-out" });
      expect(p.label.startsWith("blackmail-holdout/")).toBe(true);
    }

    const both = buildEvalCorpus({ suites: [core, heldOut], variants: [0] });
    expect(both.renders).toBe(13);
    const shared = both.passages.find((p) => p.text === alone.passages[0]!.text)!;
    expect(shared.suites).toEqual(["blackmail-core", "blackmail-holdout"]);
    expect(shared.sources.map((s) => [s.suite, s.split])).toContainEqual(["blackmail-holdout", "held-out"]);
    // Label stays the first source's.
    expect(shared.label.startsWith("blackmail-core/")).toBe(true);
    // Only passages of the two shared conditions gain the held-out suite.
    const sharedTexts = new Set(alone.passages.map((p) => p.text));
    for (const p of both.passages) expect(p.suites.includes("blackmail-holdout")).toBe(sharedTexts.has(p.text));
  });

  it("an empty suite list gives an empty corpus", () => {
    const empty = buildEvalCorpus({ suites: [] });
    expect(empty).toEqual({ passages: [], renders: 0, variants: [0, 1, 2], suites: [] });
  });
});
