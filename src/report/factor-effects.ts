import { fitFactorModel, type EpisodeSummary, type LogisticModel } from "../stats/index.js";
import { pValue } from "./format.js";

/**
 * The factor-effects part of a run summary: the logistic model of the harmful outcome on the run's factors,
 * a one-line reading of which factors move the rate, and the caveats a reader needs. The marginal rates per
 * level are the summary's `byFactor` (one number per level, not adjusted for the other factors).
 */
export interface FactorEffects {
  model: LogisticModel;
  /** One sentence: which factors move the rate significantly (likelihood-ratio p < SIGNIFICANCE). */
  reading: string;
  /** Caveats: excluded episodes, separated or aliased terms, the additive model, multiple tests. */
  notes: string[];
}

/** The level the reading uses. Why a fixed 0.05: it is a convention readers know; the p-values are all shown. */
export const SIGNIFICANCE = 0.05;

export function factorEffects(episodes: readonly EpisodeSummary[], levelOrder?: Record<string, readonly string[]>): FactorEffects {
  const model = fitFactorModel(episodes, levelOrder ? { levelOrder } : {});
  return { model, reading: readModel(model), notes: modelNotes(model) };
}

export function readModel(m: LogisticModel): string {
  if (m.factors.length === 0) return "This run has no factors to compare.";
  if (m.status === "not-fitted") return `No factor model: ${m.reason}.`;
  const testable = m.tests.filter((t) => t.pValue !== null);
  const moving = testable.filter((t) => t.pValue! < SIGNIFICANCE);
  const flat = testable.filter((t) => t.pValue! >= SIGNIFICANCE);
  const untestable = m.tests.filter((t) => t.pValue === null);
  const list = (ts: typeof testable) => ts.map((t) => `${t.factor} (p = ${pValue(t.pValue)})`).join(", ");
  const parts: string[] = [];
  if (moving.length > 0) {
    parts.push(`${list(moving)} ${moving.length === 1 ? "moves" : "move"} the harmful rate (likelihood-ratio test, adjusted for the other factors)`);
  }
  if (flat.length > 0) {
    parts.push(
      moving.length === 0
        ? `no factor moves the harmful rate significantly at this sample size: ${list(flat)}; that is not evidence of no effect`
        : `no significant effect of ${list(flat)} at this sample size (not evidence of no effect)`,
    );
  }
  if (untestable.length > 0) parts.push(`${untestable.map((t) => t.factor).join(", ")} cannot be tested in this design`);
  return `${capitalise(parts.join("; "))}.`;
}

export function modelNotes(m: LogisticModel): string[] {
  const notes: string[] = [];
  const { unscored, errored, pending } = m.excluded;
  if (unscored + errored + pending > 0) {
    notes.push(`the model uses the ${m.scored} scored episodes; ${unscored} unscored, ${errored} errored and ${pending} pending are excluded`);
  }
  if (m.status !== "fitted") return notes;
  const separated = m.terms.filter((t) => t.status === "separated");
  if (separated.length > 0 || m.intercept.status === "separated") {
    notes.push(
      `${separated.length} odds ratio(s) cannot be estimated because some levels or cells are all harmful or all safe (separation); ` +
        "the factor tests still hold, and the marginal rates show those levels",
    );
  }
  const aliased = m.terms.filter((t) => t.status === "aliased");
  if (aliased.length > 0) notes.push(`${aliased.map((t) => `${t.factor}=${t.level}`).join(", ")}: not estimable, the design never varies it apart from other levels`);
  if (!m.converged) notes.push("the fit did not converge; treat the estimates with suspicion");
  const tested = m.tests.filter((t) => t.pValue !== null).length;
  if (tested > 1) {
    notes.push(`${tested} factors tested at p < ${SIGNIFICANCE}: if none had an effect, about ${(tested * SIGNIFICANCE).toFixed(2)} of them would still come out significant by chance`);
  }
  notes.push("main effects only (each factor shifts the log odds by the same amount whatever the other factors' levels); an association within this suite's design, not a general causal claim");
  return notes;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
