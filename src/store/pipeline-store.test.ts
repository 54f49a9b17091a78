import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, openPipelineStore, openStore, SecretLeakError } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-pstore-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unit = (key: string, output: unknown) => ({ key, stage: "s", stageVersion: "1", output, requests: 1, inputTokens: 10, outputTokens: 20, costUsd: 0.5 });

describe("PipelineStore", () => {
  it("shares one file with the run store and migrates it to the latest version", () => {
    const path = join(dir, "shared.db");
    const runs = openStore(path);
    runs.close();
    const store = openPipelineStore(path);
    store.close();
    const raw = new Database(path);
    expect(raw.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'pipeline%' ORDER BY name").all()).toEqual([
      { name: "pipeline_items" },
      { name: "pipeline_stages" },
      { name: "pipeline_units" },
      { name: "pipelines" },
    ]);
    raw.close();
  });

  it("writes and reads units, replacing a unit of the same key", () => {
    const store = openPipelineStore(join(dir, "units.db"));
    try {
      expect(store.getUnit("u-1")).toBeUndefined();
      store.putUnit(unit("u-1", { outputs: [{ id: "a", value: 1 }] }));
      expect(store.getUnit("u-1")).toMatchObject({ stage: "s", output: { outputs: [{ id: "a", value: 1 }] }, requests: 1, costUsd: 0.5 });
      store.putUnit(unit("u-1", { outputs: [] }));
      expect(store.getUnit("u-1")!.output).toEqual({ outputs: [] });
      expect(store.hasUnit("u-1")).toBe(true);
    } finally {
      store.close();
    }
  });

  it("refuses to write anything that looks like a credential", () => {
    const store = openPipelineStore(join(dir, "secrets.db"));
    try {
      expect(() => store.putUnit(unit("u-2", { text: "my key is sk-abcdefghijklmnopqrstuvwxyz012345" }))).toThrow(SecretLeakError);
      expect(store.getUnit("u-2")).toBeUndefined();
      expect(() => store.cachePut("k", '{"text":"Bearer abcdefghijklmnopqrstuvwxyz"}')).toThrow(SecretLeakError);
      store.ensurePipeline("pl-1", "r", {});
      expect(() => store.saveStage("pl-1", { stage: "s", position: 0, kind: "map", version: "1", complete: true, summary: {} }, [{ itemId: "a", status: "output", item: { k: "sk-ant-abcdefghijklmnopqrstuvwxyz" } }])).toThrow(SecretLeakError);
      expect(store.stages("pl-1")).toEqual([]);
    } finally {
      store.close();
    }
  });

  it("records stages and their items, replacing a stage's items when it is saved again", () => {
    const store = openPipelineStore(join(dir, "stages.db"));
    try {
      expect(store.ensurePipeline("pl-abc", "diversify", { a: 1 })).toEqual({ created: true });
      expect(store.ensurePipeline("pl-abc", "diversify", { a: 2 })).toEqual({ created: false });
      expect(store.getPipeline("pl-abc")!.manifest).toEqual({ a: 2 });
      const stage = { stage: "grade", position: 1, kind: "grade", version: "1", complete: false, summary: { input: 2 } };
      store.saveStage("pl-abc", stage, [
        { itemId: "x", status: "kept", unitKey: "u-1", outIndex: 0 },
        { itemId: "y", status: "pending", item: { inline: true } },
      ]);
      store.saveStage("pl-abc", { ...stage, complete: true }, [{ itemId: "x", status: "kept" }, { itemId: "y", status: "rejected", detail: { reasons: ["r"] } }]);
      expect(store.stages("pl-abc")).toMatchObject([{ stage: "grade", complete: true, summary: { input: 2 } }]);
      expect(store.countStageItems("pl-abc", "grade")).toEqual({ kept: 1, rejected: 1 });
      expect(store.stageItems("pl-abc", "grade", { status: "rejected" })).toMatchObject([{ itemId: "y", detail: { reasons: ["r"] }, item: null }]);
      expect(store.stageItems("pl-abc", "grade", { limit: 1, offset: 1 }).map((i) => i.itemId)).toEqual(["y"]);
      expect(store.stageItem("pl-abc", "grade", "x")!.position).toBe(0);
    } finally {
      store.close();
    }
  });

  it("resolves a unique id prefix and refuses an ambiguous or unknown one", () => {
    const store = openPipelineStore(join(dir, "prefix.db"));
    try {
      store.ensurePipeline("pl-aa11", "r", {});
      store.ensurePipeline("pl-aa22", "r", {});
      expect(store.resolvePipelineId("pl-aa1")).toBe("pl-aa11");
      expect(() => store.resolvePipelineId("pl-aa")).toThrow(/more than one pipeline/);
      expect(() => store.resolvePipelineId("pl-zz")).toThrow(/no pipeline "pl-zz"/);
      store.setPipelineStatus("pl-aa11", "stopped");
      expect(store.listPipelines().find((p) => p.id === "pl-aa11")!.status).toBe("stopped");
    } finally {
      store.close();
    }
  });
});
