/**
 * Held-out suites measure generalisation: a model trained on text derived from them is no longer being tested
 * out of distribution. So they may never be a source of training data, whatever else a pipeline decides.
 */
import { getSuite, suiteNames, type SuiteSplit } from "../../scenarios/index.js";

export interface SuiteLike {
  name: string;
  split: SuiteSplit;
}

/**
 * Throws when a suite may not be used to generate training data. Takes a registered suite's name (unknown
 * names throw too) or a suite-like object; for an object, a registered suite of the same name that is
 * held-out is refused even if the object says otherwise.
 */
export function assertSourceAllowed(suite: string | SuiteLike): void {
  const given: SuiteLike = typeof suite === "string" ? getSuite(suite) : suite;
  const registered = suiteNames().includes(given.name) ? getSuite(given.name) : null;
  if (given.split === "held-out" || registered?.split === "held-out") {
    throw new Error(`suite ${given.name} is held-out: it measures generalisation, so it may never be a source of training data`);
  }
}
