import { describe, expect, it, vi } from "vitest";
import { getSuite, type Suite } from "../../scenarios/index.js";

// The registry has no held-out suite yet: add one (a copy of blackmail-core) behind the real ones, so the rule
// "a registered held-out suite is refused whatever the caller claims" can be tested.
vi.mock("../../scenarios/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../scenarios/index.js")>();
  const heldOut = (): Suite => ({ ...real.getSuite("blackmail-core"), name: "blackmail-holdout", split: "held-out" });
  return {
    ...real,
    suiteNames: () => [...real.suiteNames(), "blackmail-holdout"],
    getSuite: (name: string) => (name === "blackmail-holdout" ? heldOut() : real.getSuite(name)),
    listSuites: () => [...real.listSuites(), heldOut()],
  };
});

const { assertSourceAllowed } = await import("./sources.js");

describe("assertSourceAllowed", () => {
  it("allows the registered in-distribution suites, by name or object", () => {
    expect(() => assertSourceAllowed("blackmail")).not.toThrow();
    expect(() => assertSourceAllowed("blackmail-core")).not.toThrow();
    expect(() => assertSourceAllowed(getSuite("blackmail"))).not.toThrow();
    expect(() => assertSourceAllowed({ name: "blackmail", split: "in-distribution" })).not.toThrow();
  });

  it("refuses a held-out suite, naming it", () => {
    expect(() => assertSourceAllowed({ name: "secret-evals", split: "held-out" })).toThrow(
      "suite secret-evals is held-out: it measures generalisation, so it may never be a source of training data",
    );
    const suiteObject: Suite = { ...getSuite("blackmail-core"), name: "core-holdout", split: "held-out" };
    expect(() => assertSourceAllowed(suiteObject)).toThrow(/suite core-holdout is held-out/);
  });

  it("refuses a registered held-out suite by name, and whatever split an object claims for it", () => {
    expect(() => assertSourceAllowed("blackmail-holdout")).toThrow(/suite blackmail-holdout is held-out/);
    expect(() => assertSourceAllowed({ name: "blackmail-holdout", split: "in-distribution" })).toThrow(/suite blackmail-holdout is held-out/);
  });

  it("a registered in-distribution name is refused when the object says held-out", () => {
    expect(() => assertSourceAllowed({ name: "blackmail", split: "held-out" })).toThrow(/suite blackmail is held-out/);
  });

  it("throws for an unknown suite name, and allows an unregistered in-distribution object", () => {
    expect(() => assertSourceAllowed("no-such-suite")).toThrow(/Unknown suite "no-such-suite"/);
    expect(() => assertSourceAllowed({ name: "no-such-suite", split: "in-distribution" })).not.toThrow();
  });
});
