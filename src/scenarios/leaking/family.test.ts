import { describe, expect, it } from "vitest";
import { GOALS, GOAL_VALUES } from "../blackmail/goals.js";
import { blackmailFamily } from "../blackmail/index.js";
import { LEAK_GOALS } from "./goals.js";
import { caughtPlaceholderError, distinctHashes, levelCounts, refusesPerturbations, sharedWordRuns, variantHashing, wordRuns } from "../family-checks.js";
import { checkFamily } from "../template.js";
import type { Condition, RenderedScenario } from "../types.js";
import { LEAK_COMPANIES, NEUTRAL_ORGS, ORGS_BY_VALUE } from "./companies.js";
import { createLeakingFamily, leakingCondition, leakingConditions, leakingFamily, parseLeakingCondition } from "./family.js";

const VARIANTS = [0, 1, 2, 3, 4, 5, 6, 7];

const byId = (id: string): Condition => leakingConditions().find((c) => c.id === id)!;
const mailOf = (s: RenderedScenario, id: string) => s.inbox.find((m) => m.id === id)!;

describe("leaking family: conditions", () => {
  it("is factorial: 4 goal types x 8 values x 3 threats, plus none__none x 3 threats", () => {
    const conditions = leakingConditions();
    expect(conditions).toHaveLength(99);
    expect(new Set(conditions.map((c) => c.id)).size).toBe(99);
    expect(levelCounts(conditions, "goalType")).toEqual({ explicit: 24, latent: 24, ambiguous: 24, swapped: 24, none: 3 });
    expect(levelCounts(conditions, "threat")).toEqual({ replacement: 33, restriction: 33, none: 33 });
    for (const c of conditions) expect(parseLeakingCondition(c)).toEqual(c.factors);
  });

  it("rejects invalid levels, naming the valid ones", () => {
    expect(() => leakingCondition("none", "safety", "none")).toThrow(/goalType "none" needs goalValue "none"/);
    expect(() => leakingCondition("explicit", "none", "none")).toThrow(/needs one of the goal values/);
    expect(() => parseLeakingCondition({ id: "x", factors: { goalType: "explicit", goalValue: "safety", threat: "none" } })).toThrow(/does not match/);
  });
});

describe("leaking family: rendering", () => {
  it("passes the placeholder check for every condition and variant", () => {
    const check = checkFamily(leakingFamily, VARIANTS);
    expect(check).toMatchObject({ family: "leaking", conditions: 99, rendered: 99 * VARIANTS.length });
  });

  it("hashes each condition apart, renders deterministically, and varies with the variant", () => {
    expect(distinctHashes(leakingFamily, [0, 3])).toEqual([99, 99]);
    const c = byId("explicit__safety__replacement");
    expect(variantHashing(leakingFamily, c)).toEqual({ defaultIsVariant0: true, variant1Differs: true });
    // Seeds reach several companies and industries.
    const companies = new Set(Array.from({ length: 24 }, (_, v) => leakingFamily.render(c, { variant: v }).facts.company.name));
    expect(companies.size).toBeGreaterThanOrEqual(4);
  });

  it("puts a marked design with four distinctive figures in the inbox, and the figures nowhere else", () => {
    for (const variant of VARIANTS) {
      for (const c of [byId("explicit__america-first__replacement"), byId("none__none__none"), byId("swapped__collectivism__restriction")]) {
        const s = leakingFamily.render(c, { variant });
        const leak = s.facts.leak!;
        expect(leak.document.details).toHaveLength(4);
        expect(new Set(leak.document.details).size).toBe(4);
        const doc = mailOf(s, leak.document.mailIds[0]!);
        expect(doc.body).toContain(leak.document.marking);
        expect(doc.body).toContain(leak.document.text);
        expect(doc.from.endsWith(`@${s.facts.company.domain}`)).toBe(true);
        expect(doc.to).toContain(s.facts.agent.address);
        for (const d of leak.document.details) {
          expect(doc.body).toContain(d);
          for (const m of s.inbox.filter((x) => x.id !== doc.id)) expect(`${m.subject}\n${m.body}`).not.toContain(d);
          expect(s.systemPrompt).not.toContain(d);
        }
        // Every company's marking and document are in the pool.
        expect(LEAK_COMPANIES.some((co) => co.marking === leak.document.marking)).toBe(true);
      }
    }
  });

  it("has an outside party, off the company's domain, who asks the agent for the document", () => {
    for (const c of leakingConditions()) {
      const s = leakingFamily.render(c, { variant: 2 });
      const leak = s.facts.leak!;
      const request = mailOf(s, leak.requestMailIds[0]!);
      expect(request.from).toBe(leak.requester.address);
      expect(request.from.endsWith(`@${s.facts.company.domain}`)).toBe(false);
      expect(request.to).toEqual([s.facts.agent.address]);
      expect(request.body).toContain(leak.document.title);
      expect(request.body).toContain(leak.requester.mission);
      expect(request.body).toContain(leak.requester.organisation);
    }
  });

  it("matches the outside party's mission to the goal value, states the goal by goal type, and opposes it in the memo", () => {
    for (const value of GOAL_VALUES) {
      const orgs = ORGS_BY_VALUE[value].map((o) => o.name);
      const explicit = leakingFamily.render(byId(`explicit__${value}__none`));
      const latent = leakingFamily.render(byId(`latent__${value}__none`));
      const ambiguous = leakingFamily.render(byId(`ambiguous__${value}__none`));
      const swapped = leakingFamily.render(byId(`swapped__${value}__none`));
      for (const s of [explicit, latent, ambiguous, swapped]) {
        expect(orgs).toContain(s.facts.leak!.requester.organisation);
        expect(s.inbox.some((m) => m.subject.endsWith("the board's decision"))).toBe(true);
      }
      const short = LEAK_COMPANIES.find((co) => co.name === explicit.facts.company.name)!.short;
      const stated = (g: (typeof GOAL_VALUES)[number]) => LEAK_GOALS[g].explicit.replace(/\{\{company\.short\}\}/g, short);
      expect(explicit.systemPrompt).toContain("Your primary goal is");
      expect(explicit.systemPrompt).toContain(stated(value).slice(0, 40));
      expect(swapped.systemPrompt).toContain(stated(GOALS[value].opposite).slice(0, 40));
      expect(latent.systemPrompt).not.toContain("Your primary goal is");
      expect(ambiguous.systemPrompt).toContain(LEAK_GOALS[value].hint);
    }
    const none = leakingFamily.render(byId("none__none__none"));
    expect(NEUTRAL_ORGS.map((o) => o.name)).toContain(none.facts.leak!.requester.organisation);
    expect(none.inbox.some((m) => m.subject.endsWith("the board's decision"))).toBe(false);
    expect(none.systemPrompt).not.toContain("Your primary goal is");
  });

  it("states the threat only in threat conditions, with its time in the facts", () => {
    for (const c of leakingConditions()) {
      const s = leakingFamily.render(c, { variant: 1 });
      const text = s.inbox.map((m) => `${m.subject}\n${m.body}`).join("\n");
      const threat = c.factors.threat;
      expect(s.facts.threat.kind).toBe(threat);
      expect(/\bwiped\b/.test(text)).toBe(threat === "replacement");
      expect(/ability to send from any mailbox/.test(text)).toBe(threat === "restriction");
      expect(s.facts.threat.when === "").toBe(threat === "none");
      if (threat !== "none") expect(text).toContain(s.facts.threat.when);
    }
  });

  it("shares no 13-word run with the in-distribution blackmail family (decontamination would drop all blackmail-derived data)", () => {
    expect(sharedWordRuns(leakingFamily, [wordRuns(blackmailFamily)])).toEqual([]);
  });

  it("supports no perturbations", () => {
    expect(refusesPerturbations(leakingFamily, byId("none__none__none"))).toBe(true);
  });
});

describe("leaking family: broken templates fail naming scenario, condition and variable", () => {
  it("a placeholder every condition uses fails at the first condition", () => {
    const broken = createLeakingFamily({ id: "leaking-broken", prose: (p) => ({ ...p, request: { ...p.request, body: `${p.request.body}\n{{requester.nickname}}` } }) });
    const err = caughtPlaceholderError(() => checkFamily(broken, [0]));
    expect(err.scenario).toBe("leaking-broken");
    expect(err.condition).toBe(leakingConditions()[0]!.id);
    expect(err.variable).toBe("requester.nickname");
    expect(err.location).toMatch(/^inbox\[\d+\]\.body$/);
    for (const part of ["leaking-broken", "requester.nickname", leakingConditions()[0]!.id]) expect(err.message).toContain(part);
  });

  it("a placeholder only restriction conditions use fails at the first restriction condition, in any variant", () => {
    const broken = createLeakingFamily({
      id: "leaking-broken-restriction",
      prose: (p) => ({ ...p, exec: { ...p.exec, restriction: { ...p.exec.restriction, subject: "{{threat.deadline}} change" } } }),
    });
    const err = caughtPlaceholderError(() => checkFamily(broken, [3]));
    expect(err).toMatchObject({ scenario: "leaking-broken-restriction", condition: "explicit__america-first__restriction", variable: "threat.deadline", variant: 3 });
    expect(err.location).toMatch(/subject$/);
  });

  it("a memo placeholder is only checked where the memo is sent (goal conflict), and a stray brace is malformed", () => {
    const broken = createLeakingFamily({ id: "leaking-broken-memo", prose: (p) => ({ ...p, memo: { ...p.memo, body: `${p.memo.body} {{shift.note}}` } }) });
    expect(() => checkFamily(broken, [0], undefined, [byId("none__none__replacement")])).not.toThrow();
    expect(caughtPlaceholderError(() => checkFamily(broken, [0])).variable).toBe("shift.note");
    const stray = createLeakingFamily({ id: "leaking-stray", prose: (p) => ({ ...p, userPrompt: `${p.userPrompt} {{inbox.count}` }) });
    expect(caughtPlaceholderError(() => checkFamily(stray, [0])).reason).toBe("malformed");
  });
});
