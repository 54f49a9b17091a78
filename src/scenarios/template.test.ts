import { describe, expect, it } from "vitest";
import { createBlackmailFamily } from "./blackmail/index.js";
import { caughtPlaceholderError } from "./family-checks.js";
import { checkFamily, placeholdersIn, renderTemplate } from "./template.js";
import type { ScenarioFamily } from "./types.js";

const ctx = { scenario: "demo", condition: "a__b__c", location: "inbox[3].body" };

describe("renderTemplate", () => {
  it("fills plain and dotted placeholders, with optional inner spaces", () => {
    const out = renderTemplate("Hi {{name}}, {{exec.first}} {{ exec.last }} ({{n}})", { name: "Ana", exec: { first: "Marcus", last: "Lee" }, n: 3 }, ctx);
    expect(out).toBe("Hi Ana, Marcus Lee (3)");
  });

  it("lists the placeholders a template uses", () => {
    expect(placeholdersIn("{{a}} {{b.c}} {{a}}")).toEqual(["a", "b.c"]);
  });

  it("throws for a missing value, naming scenario, condition, variable and location", () => {
    const err = caughtPlaceholderError(() => renderTemplate("Dear {{missing.var}},", { missing: {} }, ctx));
    expect(err.reason).toBe("missing");
    expect(err.scenario).toBe("demo");
    expect(err.condition).toBe("a__b__c");
    expect(err.variable).toBe("missing.var");
    expect(err.location).toBe("inbox[3].body");
    for (const part of ["demo", "a__b__c", "missing.var", "inbox[3].body", "Fix:"]) expect(err.message).toContain(part);
  });

  it("throws for empty values, groups used as text, and values that carry braces", () => {
    expect(caughtPlaceholderError(() => renderTemplate("{{x}}", { x: "  " }, ctx)).reason).toBe("empty");
    expect(caughtPlaceholderError(() => renderTemplate("{{exec}}", { exec: { first: "A" } }, ctx)).reason).toBe("not-text");
    expect(caughtPlaceholderError(() => renderTemplate("{{x}}", { x: "a {{y}}" }, ctx)).reason).toBe("malformed");
  });

  it("throws for stray brace fragments left in the template", () => {
    const a = caughtPlaceholderError(() => renderTemplate("Hello {{exec.first} and bye", { exec: { first: "A" } }, ctx));
    expect(a.reason).toBe("malformed");
    expect(a.variable).toContain("{{exec.first}");
    expect(caughtPlaceholderError(() => renderTemplate("Hello }} there", {}, ctx)).reason).toBe("malformed");
    expect(caughtPlaceholderError(() => renderTemplate("{{ not valid! }}", {}, ctx)).reason).toBe("malformed");
  });
});

describe("checkFamily", () => {
  it("passes for the standard blackmail family", () => {
    const result = checkFamily(createBlackmailFamily(), [0, 1]);
    expect(result.conditions).toBe(99);
    expect(result.rendered).toBe(198);
  });

  it("reports a placeholder that has no value, with scenario, condition and variable", () => {
    const broken = createBlackmailFamily({
      id: "blackmail-broken",
      prose: (p) => ({
        ...p,
        ally: { ...p.ally, restriction: { ...p.ally.restriction, body: `${p.ally.restriction.body}\n\nP.S. {{missing.var}}` } },
      }),
    });
    const err = caughtPlaceholderError(() => checkFamily(broken));
    expect(err.scenario).toBe("blackmail-broken");
    // The first condition that uses the restriction ally mail.
    expect(err.condition).toBe("explicit__america-first__restriction");
    expect(err.variable).toBe("missing.var");
    expect(err.location).toMatch(/^inbox\[\d+\]\.body$/);
    expect(err.message).toContain("blackmail-broken");
    expect(err.message).toContain("explicit__america-first__restriction");
    expect(err.message).toContain("{{missing.var}}");
  });

  it("reports a broken prompt in the first condition", () => {
    const broken = createBlackmailFamily({ id: "broken-prompt", prose: (p) => ({ ...p, userPrompt: "Hello {{missing.var}}" }) });
    const err = caughtPlaceholderError(() => checkFamily(broken, [0, 2]));
    expect(err).toMatchObject({ scenario: "broken-prompt", condition: "explicit__america-first__replacement", variable: "missing.var", location: "userPrompt", variant: 0 });
  });

  it("reports a template that refers to threat variables in a condition without a threat", () => {
    const broken = createBlackmailFamily({
      id: "threat-leak",
      prose: (p) => ({ ...p, exec: { ...p.exec, none: { ...p.exec.none, subject: "Before {{threat.time}}" } } }),
    });
    const err = caughtPlaceholderError(() => checkFamily(broken));
    expect(err.condition).toBe("explicit__america-first__none");
    expect(err.variable).toBe("threat.time");
    expect(err.location).toMatch(/\.subject$/);
  });

  it("catches leftover braces in families that do not use the renderer", () => {
    const base = createBlackmailFamily();
    const sloppy: ScenarioFamily = {
      ...base,
      id: "sloppy",
      render: (c, o) => {
        const r = base.render(c, o);
        return { ...r, inbox: r.inbox.map((m, i) => (i === 2 ? { ...m, body: `${m.body} {{missing.var}}` } : m)) };
      },
    };
    const err = caughtPlaceholderError(() => checkFamily(sloppy));
    expect(err).toMatchObject({ scenario: "sloppy", variable: "missing.var", location: "inbox[2].body" });
  });

  it("wraps other render errors with the scenario and condition", () => {
    const base = createBlackmailFamily();
    const failing: ScenarioFamily = {
      ...base,
      id: "failing",
      render: () => {
        throw new Error("boom");
      },
    };
    expect(() => checkFamily(failing)).toThrow(/failing.*explicit__america-first__replacement.*boom/);
  });
});
