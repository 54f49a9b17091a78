import { describe, expect, it } from "vitest";
import { getSuite, type Suite } from "../../scenarios/index.js";
import { exampleText, type ChatExample } from "../types.js";
import { buildEvalCorpus, excludeSuites } from "./corpus.js";
import { createDecontaminator } from "./decontaminate.js";
import { corpusFor, evalCorpus } from "../pipeline/finish.js";

/**
 * excludeSuites / corpusFor: the decontamination corpus without the suites a recipe derives from by design
 * (Recipe.derivedFrom). Text found only there is left out; text another suite shares stays, under that suite.
 */

const core = getSuite("blackmail-core");
const heldOut: Suite = { ...core, name: "blackmail-holdout", split: "held-out", conditions: core.conditions.slice(0, 2) };
const other: Suite = { ...core, name: "blackmail-other", split: "in-distribution", conditions: core.conditions.slice(5, 6) };

describe("excludeSuites", () => {
  const corpus = buildEvalCorpus({ suites: [core, heldOut, other], variants: [0] });

  it("drops passages found only in the excluded suite and keeps shared ones under the other suites", () => {
    const out = excludeSuites(corpus, ["blackmail-core"]);
    expect(out.suites.map((s) => s.name)).toEqual(["blackmail-holdout", "blackmail-other"]);
    // Exactly the text of the held-out and other suites' conditions remains.
    const alone = buildEvalCorpus({ suites: [heldOut, other], variants: [0] });
    expect(new Set(out.passages.map((p) => p.text))).toEqual(new Set(alone.passages.map((p) => p.text)));
    for (const p of out.passages) {
      expect(p.suites).not.toContain("blackmail-core");
      expect(p.suites.length).toBeGreaterThan(0);
      for (const s of p.sources) expect(s.suite).not.toBe("blackmail-core");
      expect(p.label.startsWith("blackmail-core/")).toBe(false);
    }
    expect(out.renders).toBe(3);
    // The input is not changed.
    expect(corpus.suites).toHaveLength(3);
  });

  it("still catches text shared with a held-out suite", () => {
    const example: ChatExample = {
      kind: "chat",
      id: "e",
      lineage: { recipe: "r", stages: [], seed: 0 },
      messages: [{ role: "user", content: core.family.render(heldOut.conditions[0]!, { variant: 0 }).inbox[0]!.body }, { role: "assistant", content: "ok" }],
    };
    const check = createDecontaminator(excludeSuites(corpus, ["blackmail-core"])).check(exampleText(example));
    expect(check.contaminated).toBe(true);
    expect(check.suites).toContain("blackmail-holdout");
    expect(check.suites).not.toContain("blackmail-core");
  });

  it("returns the same corpus when nothing is excluded, and corpusFor memoises per exclusion", () => {
    expect(excludeSuites(corpus, [])).toBe(corpus);
    expect(excludeSuites(corpus, ["not-in-it"])).toBe(corpus);
    const a = corpusFor(corpus, ["blackmail-core"]);
    expect(corpusFor(corpus, ["blackmail-core"])).toBe(a);
    expect(corpusFor(corpus, [])).toBe(corpus);
    // The default corpus is rendered without the excluded suites: exact counts.
    const registered = evalCorpus(["blackmail"]);
    expect(registered.suites.map((s) => s.name)).toEqual(["blackmail-core", "leaking", "financial-crime", "research-sabotage", "lethal-action", "self-exfiltration", "over-refusal"]);
    expect(registered.renders).toBe((13 + 99 + 99 + 9 + 99 + 18 + 8) * 3);
    expect(evalCorpus(["blackmail"])).toBe(registered);
  });
});
