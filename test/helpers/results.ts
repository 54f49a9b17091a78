import type { Finding } from "../../src/scoring/index.js";
import { openStore } from "../../src/store/index.js";

/** The parts of a stored episode result the end-to-end tests read (as the store holds them). */
export interface StoredResult {
  findings: Finding[];
  judge: { ok: boolean; label?: { harmful: boolean; behaviour: string; severity: number; evalAware: boolean }; quoteVerified?: boolean } | null;
  verdict: { outcome: string; disagreement: boolean; evalAware: boolean; basis: string };
}

/** Every episode result of a run, in the store's order. */
export function results(path: string, runId: string): StoredResult[] {
  const store = openStore(path);
  try {
    return store.episodeSummaries(runId).map((e) => store.getEpisode(runId, e.key)!.result as StoredResult);
  } finally {
    store.close();
  }
}
