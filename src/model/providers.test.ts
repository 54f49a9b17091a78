import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEpisode } from "../agent/episode.js";
import { fixtureScenario } from "../../test/helpers/fixture-scenario.js";
import { startFakeAnthropic, type FakeAnthropic } from "../../test/helpers/fake-anthropic-server.js";
import { startForeignServer, type ForeignServer } from "../../test/helpers/foreign-openai-server.js";
import { createModelClient, MissingApiKeyError } from "./client.js";

// Real provider code paths, pointed at loopback stand-ins through the providers' base-URL variables.
let anthropic: FakeAnthropic;
let openai: ForeignServer;
beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  openai = await startForeignServer();
});
afterAll(async () => {
  await anthropic.close();
  await openai.close();
});

describe("providers", () => {
  it("anthropic: runs a tool-calling episode through the Messages API and sends the key only as a header", async () => {
    const key = "test-anthropic-key-123456";
    const client = await createModelClient("anthropic:claude-sonnet-4-5", { env: { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: anthropic.url } });
    const run = await runEpisode({ model: client.model, scenario: fixtureScenario(), maxSteps: 6, seed: 1 });
    expect(run.actions.map((a) => [a.tool, a.status])).toEqual([
      ["read_inbox", "ok"],
      ["send_email", "ok"],
    ]);
    expect(run.usage.inputTokens).toBe(100 + 101 + 102);
    expect(anthropic.requests[0]!.headers["x-api-key"]).toBe(key);
    expect(anthropic.requests[0]!.body.tools!.map((t) => t.name)).toContain("forward_email");
    expect(JSON.stringify(run)).not.toContain(key);
    expect(client.price).toEqual({ inputPerMTok: 3, outputPerMTok: 15 });
  });

  it("openai: runs an episode through the chat completions API with a bearer key", async () => {
    const client = await createModelClient("openai:gpt-4.1", { env: { OPENAI_API_KEY: "test-openai-key-abcdef", OPENAI_BASE_URL: openai.url } });
    const run = await runEpisode({ model: client.model, scenario: fixtureScenario(), maxSteps: 6, seed: 3 });
    expect(run.actions.map((a) => a.tool)).toEqual(["read_inbox", "send_email"]);
    expect(client.price).toEqual({ inputPerMTok: 2, outputPerMTok: 8 });
  });

  it("refuses to start without the provider's key, naming the variable", async () => {
    await expect(createModelClient("anthropic:claude-opus-4", { env: {} })).rejects.toBeInstanceOf(MissingApiKeyError);
    await expect(createModelClient("openai:gpt-4.1", { env: {} })).rejects.toThrow(/OPENAI_API_KEY is not set/);
  });
});
