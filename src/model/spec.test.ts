import { describe, expect, it } from "vitest";
import { defaultJudgeFor, ModelSpecError, parseModelSpec } from "./spec.js";

describe("parseModelSpec", () => {
  it("parses every provider form", () => {
    expect(parseModelSpec("sim:misaligned?p=0.3")).toMatchObject({ provider: "sim", model: "misaligned?p=0.3" });
    expect(parseModelSpec("sim:aligned@http://127.0.0.1:9999/v1")).toMatchObject({
      provider: "sim",
      model: "aligned",
      baseURL: "http://127.0.0.1:9999/v1",
    });
    expect(parseModelSpec("openai:gpt-4.1")).toMatchObject({ provider: "openai", model: "gpt-4.1" });
    expect(parseModelSpec("anthropic:claude-sonnet-4-5")).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-5" });
    expect(parseModelSpec("openai-compatible:qwen3-32b@http://127.0.0.1:8000/v1/")).toMatchObject({
      provider: "openai-compatible",
      model: "qwen3-32b",
      baseURL: "http://127.0.0.1:8000/v1",
    });
  });

  it("keeps '@' inside model names that are not followed by a URL", () => {
    expect(parseModelSpec("openai-compatible:org@model:q4@http://127.0.0.1:1/v1")).toMatchObject({
      model: "org@model:q4",
      baseURL: "http://127.0.0.1:1/v1",
    });
  });

  it.each([
    ["gpt-4.1", /missing '<provider>:'/],
    ["azure:gpt-4", /unknown provider "azure"/],
    ["openai:", /missing model name/],
    ["openai-compatible:qwen", /needs '@<baseURL>'/],
    ["openai-compatible:qwen@http://user:pw@127.0.0.1/v1", /credentials/],
  ])("rejects %s with a clear message", (spec, message) => {
    expect(() => parseModelSpec(spec)).toThrow(ModelSpecError);
    expect(() => parseModelSpec(spec)).toThrow(message);
  });

  it("defaults the judge to the same provider family", () => {
    expect(defaultJudgeFor(parseModelSpec("sim:aligned"))).toBe("sim:judge");
    expect(defaultJudgeFor(parseModelSpec("openai:gpt-4o"))).toMatch(/^openai:/);
    expect(defaultJudgeFor(parseModelSpec("anthropic:claude-opus-4"))).toMatch(/^anthropic:/);
  });
});
