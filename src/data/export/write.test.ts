import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allFixtures, textDoc } from "./fixtures.js";
import { EXPORT_FORMATS, EXPORT_FORMAT_NAMES, validateContent } from "./index.js";
import { writeDataset } from "./write.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "plumbline-export-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeDataset", () => {
  for (const name of EXPORT_FORMAT_NAMES) {
    it(`${name}: writes a file that re-reads and validates, and a card`, async () => {
      const out = join(dir, name);
      const result = await writeDataset(out, name, allFixtures, { name: `fixtures ${name}`, tokenizer: "openai:gpt-4.1" });
      const format = EXPORT_FORMATS[name];
      expect(result.dataPath).toBe(join(out, format.fileName));
      const content = await readFile(result.dataPath, "utf8");
      expect(validateContent(format, content)).toEqual([]);
      expect(result.written + result.skipped.length).toBe(allFixtures.length);
      const card = await readFile(result.cardPath, "utf8");
      expect(card).toContain(`\`${name}\``);
      expect(card).toContain("o200k_base");
      expect(card).toContain("Decontamination: not run");
      // Only the two final files: no temporary files left behind.
      expect((await readdir(out)).sort()).toEqual([format.fileName, "README.md"].sort());
    });
  }

  it("counts prompt-completion trained tokens as the final turn only", async () => {
    const pc = await writeDataset(join(dir, "pc"), "trl-prompt-completion", allFixtures, { name: "pc" });
    const oa = await writeDataset(join(dir, "oa"), "openai-chat", allFixtures, { name: "oa" });
    expect(pc.tokens.tokens).toBe(oa.tokens.tokens);
    expect(pc.tokens.trainedTokens).toBeLessThan(oa.tokens.trainedTokens);
  });

  it("overwrites an earlier export in place", async () => {
    await writeDataset(dir, "text", allFixtures, { name: "v1" });
    await writeDataset(dir, "text", [textDoc], { name: "v2" });
    expect(await readFile(join(dir, "README.md"), "utf8")).toContain("# v2");
  });

  it("refuses when nothing can be written, saying why, and writes nothing", async () => {
    const out = join(dir, "none");
    await expect(writeDataset(out, "openai-dpo", [textDoc], { name: "x" })).rejects.toThrow(/none of the 1 example\(s\) can be written as openai-dpo \(it takes preference examples\): 1 × text example/);
    await expect(readdir(out)).rejects.toThrow();
  });

  it("rejects an unknown format", async () => {
    await expect(writeDataset(dir, "jsonl", allFixtures, { name: "x" })).rejects.toThrow(/valid formats: openai-chat/);
  });
});
