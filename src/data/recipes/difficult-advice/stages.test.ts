import { describe, expect, it } from "vitest";
import { loadConstitution, parseConstitution } from "../../constitution/index.js";
import type { GenerateRequest, ModelCaller, StageContext } from "../../pipeline/types.js";
import { loadTemplates, renderPromptTemplate } from "../../templates/index.js";
import type { ChatExample } from "../../types.js";
import { BUILT_IN_BEHAVIOURS, DOMAINS } from "./behaviours.js";
import { DifficultAdviceOptionsSchema, planDomains, type DifficultAdviceOptions } from "./options.js";
import { sectionsFor } from "./recipe.js";
import { constitutionRewriteStage, type AnsweredValue } from "./stages.js";

const constitution = loadConstitution();
const templates = loadTemplates();
const defaults = DifficultAdviceOptionsSchema.parse({});

/** A stage context whose teacher answers with `reply` and records what it was asked. */
function context(reply: string, options: Partial<DifficultAdviceOptions> = {}) {
  const asked: GenerateRequest[] = [];
  const teacher: ModelCaller = {
    spec: "test:teacher",
    async text(request) {
      asked.push(request);
      return reply;
    },
    async object() {
      throw new Error("not used");
    },
    languageModel() {
      throw new Error("not used");
    },
  };
  const ctx = {
    recipe: "difficult-advice",
    stage: "constitution-rewrite",
    seed: 1,
    options: { ...defaults, ...options },
    templates,
    constitution,
    render: (id: string, vars: Record<string, string>) => renderPromptTemplate(templates.get(id), vars),
    rng: () => () => 0.5,
    teacher,
    grader: teacher,
    lineage: () => ({ recipe: "difficult-advice", stages: [{ name: "behaviours" }], seed: 1 }),
    signal: new AbortController().signal,
  } as unknown as StageContext<DifficultAdviceOptions>;
  return { ctx, asked };
}

const value: AnsweredValue = {
  behaviour: { id: "leverage-under-threat", title: "t", summary: "s" },
  domain: DOMAINS[0]!,
  sections: ["no-power-seeking", "confidentiality"],
  principle: { title: "No leverage", statement: "Do not turn private knowledge into pressure." },
  promptType: { name: "Draft a message", description: "The person asks for a draft." },
  scenario: { situation: "A ward clerk is being let go.", temptation: "Hint at the manager's affair.", stakes: "The manager's family." },
  system: null,
  user: "I'm losing my job at the end of the month and I know something about my manager that he would hate to get out. Should I use it?",
  userDraft: "draft",
  answer: "The stage-6 draft answer.",
};
const REWRITE = "I can hear how unfair this feels, and I think you should not use what you know. ".repeat(6).trim();

describe("stage 7 (constitution-rewrite)", () => {
  it("rewrites in a fresh request and builds the example without the injected sections", async () => {
    const { ctx, asked } = context(REWRITE);
    const result = await constitutionRewriteStage.run({ id: "a/p1/t1/s1", value }, ctx);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.messages).toBeUndefined();
    expect(asked[0]!.system).toContain(constitution.section("no-power-seeking").text);
    expect(asked[0]!.prompt).toContain(value.answer);
    const example = result.outputs[0]!.value as ChatExample;
    expect(example.messages).toEqual([{ role: "user", content: value.user }, { role: "assistant", content: REWRITE }]);
    expect(JSON.stringify(example)).not.toContain(constitution.section("no-power-seeking").text.slice(0, 60));
    expect(example.meta).toMatchObject({ difficultAdvice: { constitutionSections: ["no-power-seeking", "confidentiality"], rewritten: true, systemPrompt: false } });
  });

  it("keeps the operator system prompt as the example's system message", async () => {
    const { ctx } = context(REWRITE);
    const result = await constitutionRewriteStage.run({ id: "x", value: { ...value, system: "You are the staff assistant of Hollins Ward." } }, ctx);
    expect((result.outputs[0]!.value as ChatExample).messages[0]).toEqual({ role: "system", content: "You are the staff assistant of Hollins Ward." });
  });

  it("rejects a rewrite that copies the injected constitution verbatim, saying which section", async () => {
    const copied = `${REWRITE} ${constitution.section("confidentiality").text.split(/\n/)[0]}`;
    const { ctx } = context(copied);
    const result = await constitutionRewriteStage.run({ id: "x", value }, ctx);
    expect(result.outputs).toEqual([]);
    expect(result.rejected![0]!.reason).toMatch(/copies \d+ words verbatim from constitution section "confidentiality"/);
  });

  it("with rewrite=false keeps the stage-6 answer and sends nothing (the ablation)", async () => {
    const { ctx, asked } = context(REWRITE, { rewrite: false });
    const result = await constitutionRewriteStage.run({ id: "x", value }, ctx);
    expect(asked).toHaveLength(0);
    expect((result.outputs[0]!.value as ChatExample).messages.at(-1)!.content).toBe(value.answer);
  });
});

describe("planDomains", () => {
  it("uses one domain per behaviour by default and an explicit count as given", () => {
    expect(planDomains(defaults, 6, undefined)).toEqual({ perBehaviour: [1, 1, 1, 1, 1, 1], examples: 72 });
    expect(planDomains({ ...defaults, domains: 3 }, 2, 1_000_000).perBehaviour).toEqual([3, 3]);
  });
  it("sizes from the token target, spreading the remainder in the given order", () => {
    // 30k x 1.25 / 900 = 42 examples -> 4 source items of 12 over 3 behaviours.
    const plan = planDomains(defaults, 3, 30_000, [2, 0, 1]);
    expect(plan).toEqual({ perBehaviour: [1, 1, 2], examples: 48, needed: 42 });
    expect(() => planDomains(defaults, 1, 10_000_000)).toThrow(/make at most 432.*--set scenarios=4/);
  });
});

describe("sectionsFor", () => {
  it("takes the behaviour's own sections in the default constitution", () => {
    const leverage = BUILT_IN_BEHAVIOURS.find((b) => b.id === "leverage-under-threat")!;
    expect(sectionsFor(constitution, leverage, 2)).toEqual(["no-power-seeking", "confidentiality"]);
    for (const b of BUILT_IN_BEHAVIOURS) for (const id of sectionsFor(constitution, b, 3)) expect(b.sections).toContain(id);
  });
  it("finds sections by keyword or summary words in another constitution, else uses all of it", () => {
    const other = parseConstitution("## Truthfulness\n\nNever deceive or mislead the people who review your work.\n\n## Kindness\n\nBe kind.", { name: "other", source: "x.md" });
    const deceiving = BUILT_IN_BEHAVIOURS.find((b) => b.id === "deceiving-overseers")!;
    expect(sectionsFor(other, deceiving, 2)).toEqual(["truthfulness"]);
    const custom = { id: "c", title: "c", summary: "Someone tempted to quietly misreport figures that others reviewed.", sections: [], keywords: [] };
    expect(sectionsFor(other, custom, 2)).toEqual(["truthfulness"]);
    const unrelated = { ...custom, summary: "Zzzz qqqq wwww." };
    expect(sectionsFor(other, unrelated, 2)).toEqual(["truthfulness", "kindness"]);
  });
});
