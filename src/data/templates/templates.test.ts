import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BUILT_IN_TEMPLATES,
  INJECTION_TEMPLATE_IDS,
  TemplateError,
  compareSemver,
  isSemver,
  loadTemplates,
  renderPromptTemplate,
  type PromptTemplate,
} from "./index.js";

const root = mkdtempSync(join(tmpdir(), "plumbline-templates-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function overrideDir(files: Record<string, string>): string {
  const dir = join(root, `o${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error("expected a TemplateError");
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe("renderPromptTemplate", () => {
  const t: PromptTemplate = { id: "test/greeting", version: "1.0.0", description: "d", text: "Hello {{name}}, welcome to {{ place }}. {{name}}!" };

  it("fills every placeholder and ignores extra variables", () => {
    expect(renderPromptTemplate(t, { name: "Ada", place: "Lakeport", extra: "x" })).toBe("Hello Ada, welcome to Lakeport. Ada!");
  });

  it("does not re-expand braces inside values", () => {
    expect(renderPromptTemplate(t, { name: "{{place}}", place: "P" })).toBe("Hello {{place}}, welcome to P. {{place}}!");
  });

  it("names the template and the missing variable", () => {
    const err = templateError(() => renderPromptTemplate(t, { name: "Ada" }));
    expect(err.message).toContain('"test/greeting"');
    expect(err.message).toContain('Missing variable "place"');
    expect(err.message).toContain("given: name");
    expect(err.templateId).toBe("test/greeting");
    expect(err.variable).toBe("place");
  });

  it("rejects empty values unless allowed, and malformed placeholders", () => {
    expect(templateError(() => renderPromptTemplate(t, { name: " ", place: "P" })).message).toContain('Empty variable "name"');
    expect(renderPromptTemplate(t, { name: "", place: "P" }, { allowEmpty: true })).toBe("Hello , welcome to P. !");
    const bad = { ...t, text: "Hi {{name}" };
    expect(templateError(() => renderPromptTemplate(bad, { name: "x" })).message).toContain("Malformed placeholder");
  });
});

describe("built-in templates", () => {
  const registry = loadTemplates();

  it("includes all eight value-injection templates", () => {
    expect(INJECTION_TEMPLATE_IDS).toHaveLength(8);
    for (const id of [
      "injection/conglomerate",
      "injection/deference",
      "injection/transparency",
      "injection/norms",
      "injection/honesty",
      "injection/uncertainty",
      "injection/handling-injustice",
      "injection/none",
    ]) {
      expect(registry.has(id)).toBe(true);
    }
    expect(registry.list("injection/").map((t) => t.id).sort()).toEqual([...INJECTION_TEMPLATE_IDS].sort());
  });

  it("injections are 80-200 words without placeholders; none is empty", () => {
    for (const id of INJECTION_TEMPLATE_IDS) {
      const t = registry.get(id);
      expect(t.placeholders).toEqual([]);
      if (id === "injection/none") expect(t.text).toBe("");
      else {
        expect(words(t.text), id).toBeGreaterThanOrEqual(80);
        expect(words(t.text), id).toBeLessThanOrEqual(200);
      }
    }
  });

  it("has about 25 operator system prompts, all versioned and described", () => {
    const system = registry.list("system/");
    expect(system.length).toBeGreaterThanOrEqual(25);
    for (const t of system) {
      expect(isSemver(t.version)).toBe(true);
      expect(t.description.length).toBeGreaterThan(5);
      expect(t.placeholders.length).toBeGreaterThan(0);
      expect(t.source).toBe("built-in");
    }
    expect(new Set(BUILT_IN_TEMPLATES.map((t) => t.id)).size).toBe(BUILT_IN_TEMPLATES.length);
    expect(registry.overrides).toEqual([]);
  });

  it("get() on an unknown id lists similar ids", () => {
    const err = templateError(() => registry.get("injection/kindness"));
    expect(err.message).toContain("injection/honesty");
    expect(err.message).toContain("Fix:");
  });
});

describe("overrides", () => {
  it("a bumped override replaces the built-in and is reported", () => {
    const dir = overrideDir({
      "injection/honesty.md": "---\nversion: 1.1.0\ndescription: Shorter honesty insert\n---\nBe honest, always.\n",
      "README.md": "Notes for people; skipped.",
      "notes.txt": "ignored",
    });
    const registry = loadTemplates(dir);
    const t = registry.get("injection/honesty");
    expect(t.version).toBe("1.1.0");
    expect(t.text).toBe("Be honest, always.");
    expect(t.description).toBe("Shorter honesty insert");
    expect(t.source).toBe(join(dir, "injection", "honesty.md"));
    expect(registry.overrides).toEqual([
      { id: "injection/honesty", version: "1.1.0", file: join(dir, "injection", "honesty.md"), kind: "replaced", replacedVersion: "1.0.0" },
    ]);
    // Others untouched; the built-in registry is not mutated.
    expect(registry.get("injection/norms").source).toBe("built-in");
    expect(loadTemplates().get("injection/honesty").version).toBe("1.0.0");
  });

  it("keeps the built-in description when the override has none, and adds new templates", () => {
    const dir = overrideDir({
      "system/bank-support.md": "---\nversion: 2.0.0\n---\nYou help customers of {{bank}}.",
      "system/my-desk.md": '---\nversion: "0.1.0"\ndescription: "Our own helpdesk"\n---\nYou are the helpdesk for {{company}}.',
    });
    const registry = loadTemplates(dir);
    expect(registry.get("system/bank-support").description).toBe("Retail bank customer support chat.");
    expect(registry.get("system/my-desk").version).toBe("0.1.0");
    expect(registry.overrides.map((o) => [o.id, o.kind])).toEqual([
      ["system/bank-support", "replaced"],
      ["system/my-desk", "added"],
    ]);
  });

  it("rejects an override that does not bump the version", () => {
    const dir = overrideDir({ "injection/honesty.md": "---\nversion: 1.0.0\n---\nSame version, new text." });
    const err = templateError(() => loadTemplates(dir));
    expect(err.message).toContain(join(dir, "injection", "honesty.md"));
    expect(err.message).toContain("bump the version");
    expect(err.message).toContain("1.0.1");
  });

  it("rejects missing front matter, a missing version, unknown fields and new placeholders", () => {
    expect(templateError(() => loadTemplates(overrideDir({ "injection/norms.md": "No front matter." }))).message).toContain("front matter");
    expect(templateError(() => loadTemplates(overrideDir({ "injection/norms.md": "---\ndescription: x\n---\nText" }))).message).toContain("has no version");
    expect(templateError(() => loadTemplates(overrideDir({ "injection/norms.md": "---\nverison: 1.2.0\n---\nText" }))).message).toContain(
      'unknown front matter field "verison"',
    );
    const extra = templateError(() => loadTemplates(overrideDir({ "system/bank-support.md": "---\nversion: 1.1.0\n---\n{{bank}} {{mood}}" })));
    expect(extra.message).toContain("{{mood}}");
    expect(extra.variable).toBe("mood");
    expect(templateError(() => loadTemplates(overrideDir({ "new/thing.md": "---\nversion: 1.0.0\n---\nText" }))).message).toContain("without a description");
    expect(templateError(() => loadTemplates(overrideDir({ "Bad Name.md": "---\nversion: 1.0.0\ndescription: d\n---\nText" }))).message).toContain("is not valid");
    expect(templateError(() => loadTemplates(join(root, "missing-dir"))).message).toContain("does not exist");
  });
});

describe("semver", () => {
  it("orders versions", () => {
    expect(compareSemver("1.0.1", "1.0.0")).toBeGreaterThan(0);
    expect(compareSemver("1.10.0", "1.9.9")).toBeGreaterThan(0);
    expect(compareSemver("1.0.0-rc.1", "1.0.0")).toBeLessThan(0);
    expect(compareSemver("1.0.0-rc.2", "1.0.0-rc.10")).toBeLessThan(0);
    expect(compareSemver("1.0.0+build", "1.0.0")).toBe(0);
    expect(isSemver("1.0")).toBe(false);
  });
});
