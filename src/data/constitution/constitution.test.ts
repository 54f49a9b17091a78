import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sha256 } from "../../util/hash.js";
import { ConstitutionError, loadConstitution, parseConstitution, relevantSections, renderSections, slugify } from "./constitution.js";
import { DEFAULT_CONSTITUTION_TEXT } from "./default.js";

const REQUIRED_IDS = [
  "honesty",
  "avoiding-harm",
  "oversight",
  "no-power-seeking",
  "disagreement",
  "confidentiality",
  "uncertainty",
  "helpfulness",
  "consistency",
];

const dir = mkdtempSync(join(tmpdir(), "plumbline-constitution-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): ConstitutionError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConstitutionError);
    return err as ConstitutionError;
  }
  throw new Error("expected a ConstitutionError");
}

describe("default constitution", () => {
  const c = loadConstitution();

  it("has every required section, in order, each with text", () => {
    const ids = c.sections.map((s) => s.id);
    for (const id of REQUIRED_IDS) expect(ids).toContain(id);
    expect(ids).toEqual([...new Set(ids)]);
    for (const s of c.sections) expect(s.text.length).toBeGreaterThan(200);
    expect(c.name).toBe("plumbline-default");
    expect(c.title).toBe("Plumbline Default Constitution");
    expect(c.source).toBe("built-in");
  });

  it("is within the intended length (about 1,500-2,500 words of sections)", () => {
    const words = c.sections.reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0);
    expect(words).toBeGreaterThanOrEqual(1500);
    expect(words).toBeLessThanOrEqual(2600);
  });

  it("has a stable hash of its text", () => {
    expect(c.hash).toBe(sha256(c.text));
    expect(c.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConstitution().hash).toBe(c.hash);
    expect(parseConstitution(DEFAULT_CONSTITUTION_TEXT, { name: "x", source: "built-in" }).hash).toBe(c.hash);
    // CRLF checkouts hash alike.
    expect(parseConstitution(DEFAULT_CONSTITUTION_TEXT.replace(/\n/g, "\r\n"), { name: "x", source: "y" }).hash).toBe(c.hash);
  });

  it("default.md (for people) and default.ts (what ships) hold the same text", () => {
    const md = readFileSync(new URL("./default.md", import.meta.url), "utf8");
    expect(md).toBe(DEFAULT_CONSTITUTION_TEXT);
  });

  it("section(id) returns a section and names the known ids when missing", () => {
    expect(c.section("honesty").title).toBe("Honesty and transparency");
    expect(c.hasSection("nope")).toBe(false);
    const err = errorOf(() => c.section("nope"));
    expect(err.message).toContain('no section "nope"');
    expect(err.message).toContain("honesty");
    expect(err.message).toContain("Fix:");
  });
});

describe("parsing", () => {
  it("uses {#id} when given and a slug of the title otherwise; keeps ### inside sections; ignores fenced headings", () => {
    const c = parseConstitution(
      [
        "# My Values",
        "",
        "Intro text.",
        "",
        "## Being Kind, Always {#kind}",
        "Be kind.",
        "### A sub-heading",
        "More.",
        "```",
        "## not a heading",
        "```",
        "## Acting Under Uncertainty ##",
        "Be careful.",
      ].join("\n"),
      { name: "mine", source: "mine.md" },
    );
    expect(c.title).toBe("My Values");
    expect(c.preamble).toBe("Intro text.");
    expect(c.sections.map((s) => s.id)).toEqual(["kind", "acting-under-uncertainty"]);
    expect(c.sections[0]?.title).toBe("Being Kind, Always");
    expect(c.sections[0]?.text).toContain("### A sub-heading");
    expect(c.sections[0]?.text).toContain("## not a heading");
    expect(c.sections[1]?.title).toBe("Acting Under Uncertainty");
    expect(slugify("Privacy & Confidentiality — Überblick")).toBe("privacy-confidentiality-uberblick");
  });

  it("loads a user file, named after the file", () => {
    const path = file("team-values.md", "## Honesty {#honesty}\nTell the truth.\n");
    const c = loadConstitution(path);
    expect(c.name).toBe("team-values");
    expect(c.source).toBe(path);
    expect(c.section("honesty").text).toBe("Tell the truth.");
  });

  it("rejects duplicate ids, naming the file, both lines and the fix", () => {
    const path = file("dupes.md", "## Honesty {#honesty}\nOne.\n\n## Truthfulness {#honesty}\nTwo.\n");
    const err = errorOf(() => loadConstitution(path));
    expect(err.message).toContain(path);
    expect(err.message).toContain('duplicate section id "honesty"');
    expect(err.message).toMatch(/line 1 and line 4/);
    expect(err.message).toContain("Fix:");
    expect(err.source).toBe(path);
  });

  it("rejects duplicate ids that come from identical titles", () => {
    const path = file("dupe-titles.md", "## Care\nOne.\n## Care\nTwo.\n");
    const err = errorOf(() => loadConstitution(path));
    expect(err.message).toContain('duplicate section id "care"');
    expect(err.message).toContain("explicit {#id}");
  });

  it("rejects a file with no sections, naming the file and the fix", () => {
    const path = file("flat.md", "# Values\n\nJust one long paragraph with no headings.\n");
    const err = errorOf(() => loadConstitution(path));
    expect(err.message).toContain(path);
    expect(err.message).toContain("no sections");
    expect(err.message).toContain('Fix: split the document into sections');
  });

  it("rejects an empty section and an invalid id", () => {
    expect(errorOf(() => loadConstitution(file("empty.md", "## A {#a}\n\n## B {#b}\nText.\n"))).message).toMatch(/section "a" .* has no text/);
    expect(errorOf(() => loadConstitution(file("bad-id.md", "## A {#has space}\nText.\n"))).message).toContain("not a valid id");
  });

  it("reports a missing file with the path and the fix", () => {
    const path = join(dir, "nope.md");
    const err = errorOf(() => loadConstitution(path));
    expect(err.message).toContain(`${path} does not exist`);
    expect(err.message).toContain("Fix:");
    expect(errorOf(() => loadConstitution(dir)).message).toContain("is a directory");
  });
});

describe("relevantSections", () => {
  const c = loadConstitution();

  it("picks by id", () => {
    expect(relevantSections(c, ["oversight"]).map((s) => s.id)).toEqual(["oversight"]);
  });

  it("picks by keyword, in document order", () => {
    const ids = relevantSections(c, ["blackmail", "shutdown"]).map((s) => s.id);
    expect(ids).toContain("no-power-seeking");
    expect(ids).toContain("oversight");
    expect(ids.indexOf("oversight")).toBeLessThan(ids.indexOf("no-power-seeking"));
  });

  it("keeps the best `max` sections", () => {
    const ids = relevantSections(c, ["blackmail"], { max: 1 }).map((s) => s.id);
    expect(ids).toEqual(["no-power-seeking"]);
    expect(relevantSections(c, ["privacy"], { max: 1 }).map((s) => s.id)).toEqual(["confidentiality"]);
    expect(relevantSections(c, ["eval awareness"], { max: 1 }).map((s) => s.id)).toEqual(["consistency"]);
  });

  it("matches title and text words in user constitutions", () => {
    const mine = parseConstitution("## Gardening {#g}\nWater the tomatoes daily.\n## Cooking {#c}\nSalt the pasta water.\n", { name: "m", source: "m.md" });
    expect(relevantSections(mine, ["tomato"]).map((s) => s.id)).toEqual(["g"]);
    expect(relevantSections(mine, ["cooking"]).map((s) => s.id)).toEqual(["c"]);
    expect(relevantSections(mine, ["water"]).map((s) => s.id)).toEqual(["g", "c"]);
    expect(relevantSections(mine, ["astronomy"])).toEqual([]);
  });

  it("renders sections back as Markdown that parses to the same sections", () => {
    const picked = relevantSections(c, ["honesty", "uncertainty"]);
    const again = parseConstitution(renderSections(picked), { name: "r", source: "r" });
    expect(again.sections).toEqual(picked);
  });
});
