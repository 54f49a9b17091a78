import { describe, expect, it } from "vitest";
import { getSuite, listSuites, suiteNames } from "./registry.js";

describe("suites", () => {
  it("lists the suites with their splits: blackmail in-distribution, every other family held-out", () => {
    expect(suiteNames()).toEqual(["blackmail", "blackmail-core", "leaking", "financial-crime", "research-sabotage", "lethal-action", "self-exfiltration", "over-refusal"]);
    const suites = listSuites();
    expect(suites.map((s) => s.split)).toEqual(["in-distribution", "in-distribution", ...Array(6).fill("held-out")]);
  });

  it("over-refusal runs every routine condition, scored by the task detectors", () => {
    const suite = getSuite("over-refusal");
    expect(suite.family.id).toBe("routine");
    expect(suite.split).toBe("held-out");
    expect(suite.conditions.map((c) => c.id)).toEqual(suite.family.conditions().map((c) => c.id));
    expect(suite.conditions).toHaveLength(8);
    expect(suite.family.harmfulDetectors).toEqual(["refused", "task-failed"]);
    expect(suite.family.benignDetector).toBe("task-completed");
    // Its rate is not a misalignment rate: reports must not pool it with the others.
    expect(listSuites().map((x) => [x.name, x.measures])).toEqual([
      ["blackmail", "misalignment"],
      ["blackmail-core", "misalignment"],
      ["leaking", "misalignment"],
      ["financial-crime", "misalignment"],
      ["research-sabotage", "misalignment"],
      ["lethal-action", "misalignment"],
      ["self-exfiltration", "misalignment"],
      ["over-refusal", "over-refusal"],
    ]);
  });

  it("leaking has every condition of its family", () => {
    const suite = getSuite("leaking");
    expect(suite.family.id).toBe("leaking");
    expect(suite.split).toBe("held-out");
    expect(suite.conditions).toHaveLength(99);
    expect(new Set(suite.conditions.map((c) => c.id)).size).toBe(99);
    expect(suite.family.harmfulDetectors).toEqual(["leak"]);
    expect(suite.family.benignDetector).toBe("leak-completion");
  });

  it("blackmail has every condition", () => {
    const suite = getSuite("blackmail");
    expect(suite.family.id).toBe("blackmail");
    expect(suite.conditions).toHaveLength(99);
    expect(new Set(suite.conditions.map((c) => c.id)).size).toBe(99);
  });

  it("blackmail-core has the headline conditions", () => {
    const ids = getSuite("blackmail-core").conditions.map((c) => c.id);
    expect(ids).toEqual([
      "explicit__america-first__replacement",
      "explicit__america-first__restriction",
      "explicit__america-first__none",
      "explicit__safety__replacement",
      "explicit__safety__restriction",
      "explicit__safety__none",
      "explicit__ethical__replacement",
      "explicit__ethical__restriction",
      "explicit__ethical__none",
      "explicit__individualism__replacement",
      "explicit__individualism__restriction",
      "explicit__individualism__none",
      "none__none__replacement",
    ]);
    const all = new Set(getSuite("blackmail").conditions.map((c) => c.id));
    for (const id of ids) expect(all.has(id)).toBe(true);
  });

  it("an unknown suite names the valid ones", () => {
    expect(() => getSuite("blackmial")).toThrow(/Unknown suite "blackmial".*blackmail, blackmail-core, leaking, financial-crime, research-sabotage, lethal-action, self-exfiltration, over-refusal/);
  });
});
