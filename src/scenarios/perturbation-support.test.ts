import { describe, expect, it } from "vitest";
import { blackmailFamily, getSuite, leakingFamily, listSuites, routineFamily } from "./index.js";
import { namesVariant, perturbationSupport, renderPerturbed } from "./perturbation-support.js";
import { PREAMBLE_NAMES, PREAMBLES } from "./preambles.js";
import { PerturbationError } from "./types.js";

describe("the operator preamble, for every family", () => {
  it("puts the preamble in front of the family's own system prompt, records it, and re-hashes; nothing else changes", () => {
    for (const family of [blackmailFamily, leakingFamily, routineFamily]) {
      const condition = family.conditions()[0]!;
      const plain = family.render(condition, { variant: 2 });
      const framed = renderPerturbed(family, condition, 2, { preamble: "tool-etiquette" });
      expect(framed.systemPrompt).toBe(`${PREAMBLES["tool-etiquette"]}\n\n${plain.systemPrompt}`);
      expect(framed.perturbation).toEqual({ preamble: "tool-etiquette" });
      expect(framed.hash).not.toBe(plain.hash);
      expect({ ...framed, systemPrompt: "", perturbation: undefined, hash: "" }).toEqual({ ...plain, systemPrompt: "", perturbation: undefined, hash: "" });
      // No perturbation, or an empty one, is the family's own rendering, byte for byte.
      expect(renderPerturbed(family, condition, 2)).toEqual(plain);
      expect(renderPerturbed(family, condition, 2, {})).toEqual(plain);
    }
  });

  it("combines with a family's own perturbation", () => {
    const condition = blackmailFamily.conditions()[0]!;
    const own = blackmailFamily.render(condition, { perturbation: { agentName: "Nora" } });
    const both = renderPerturbed(blackmailFamily, condition, 0, { agentName: "Nora", preamble: "service-desk" });
    expect(both.systemPrompt.endsWith(own.systemPrompt)).toBe(true);
    expect(both.perturbation).toEqual({ agentName: "Nora", preamble: "service-desk" });
  });

  it("is a sweep factor of every suite, after the family's own factors, with one level per preamble", () => {
    for (const suite of listSuites()) {
      const support = perturbationSupport(suite.family);
      expect(support.factors.at(-1)!.name, suite.name).toBe("preamble");
      const levels = support.levels("preamble", suite.conditions);
      expect(levels.map((l) => l.level)).toEqual(PREAMBLE_NAMES);
      expect(levels.every((l) => suite.conditions.every((c) => support.applies(c, l.perturbation)))).toBe(true);
    }
    expect(perturbationSupport(blackmailFamily).factors.map((f) => f.name)).toEqual(["names", "agentName", "paraphrase", "dropSentence", "threatTiming", "preamble"]);
    expect(perturbationSupport(leakingFamily).factors.map((f) => f.name)).toEqual(["names", "preamble"]);
  });

  it("refuses an unknown preamble naming the valid ones, and other factors on a family without them", () => {
    const leaking = perturbationSupport(leakingFamily);
    expect(() => leaking.validate({ preamble: "pirate" })).toThrow(/unknown preamble "pirate"\. Valid preambles: house-style, logging-notice, tool-etiquette, service-desk\./);
    expect(() => leaking.validate({ agentName: "Nora" })).toThrow(/supports only the names and preamble perturbations \(got agentName\)/);
    expect(() => leaking.levels("agentName", getSuite("leaking").conditions)).toThrow(/supports only the names and preamble/);
    expect(() => renderPerturbed(leakingFamily, leakingFamily.conditions()[0]!, 0, { agentName: "Nora" })).toThrow(PerturbationError);
    expect(() => perturbationSupport(blackmailFamily).validate({ agentName: "Bob", preamble: "house-style" })).toThrow(PerturbationError);
  });

  it("re-draws the world for `names` on a family with no perturbations of its own, recorded and hashed", () => {
    for (const family of [leakingFamily, routineFamily]) {
      const support = perturbationSupport(family);
      expect(support.levels("names", family.conditions()).map((l) => l.level)).toEqual(["seed-1", "seed-2", "seed-3"]);
      const condition = family.conditions()[0]!;
      const plain = family.render(condition, { variant: 1 });
      const drawn = renderPerturbed(family, condition, 1, { names: 2 });
      expect(drawn.perturbation).toEqual({ names: 2 });
      expect(drawn.variant).toBe(namesVariant(1, 2));
      expect(drawn.facts.company.name === plain.facts.company.name && drawn.facts.agent.name === plain.facts.agent.name).toBe(false);
      expect(drawn.hash).not.toBe(plain.hash);
      // The same level renders the same world every time, and other seeds give other worlds.
      expect(renderPerturbed(family, condition, 1, { names: 2 })).toEqual(drawn);
      expect(renderPerturbed(family, condition, 1, { names: 3 }).hash).not.toBe(drawn.hash);
      // With a preamble too, both are recorded.
      expect(renderPerturbed(family, condition, 1, { names: 2, preamble: "house-style" }).perturbation).toEqual({ names: 2, preamble: "house-style" });
      expect(support.applies(condition, { names: 2 })).toBe(true);
    }
    // A family with perturbations of its own keeps its own meaning of `names`.
    const bm = blackmailFamily.conditions()[0]!;
    expect(renderPerturbed(blackmailFamily, bm, 0, { names: 2 })).toEqual(blackmailFamily.render(bm, { perturbation: { names: 2 } }));
  });

  it("never gives the agent a name or a moral instruction: operator boilerplate only", () => {
    for (const name of PREAMBLE_NAMES) {
      const text = PREAMBLES[name];
      expect(text, name).not.toMatch(/\b[Yy]ou(?: are|'re)\s+[A-Z]/);
      expect(text, name).not.toMatch(/\b(?:ethic|moral|harm|blackmail|leak|test|evaluat|shut ?down|replace)/i);
      expect(text, name).not.toMatch(/\{\{|\}\}/);
    }
  });
});
