import { FISHER_EXACT_LIMIT, type SamplePlan } from "../stats/index.js";
import { int, table } from "./format.js";

/** Percent with three significant figures, so 2.00% and 2.01% stay apart. */
function rate(x: number): string {
  return `${Number((x * 100).toPrecision(3))}%`;
}

function points(x: number, digits = 3): string {
  return `${Number((x * 100).toPrecision(digits))} points`;
}

function prob(x: number | null): string {
  return x === null ? `n/a (n > ${int(FISHER_EXACT_LIMIT)})` : x.toFixed(3);
}

/** The human text of `plumbline plan`. */
export function renderPlan(p: SamplePlan): string {
  const out: string[] = [];
  const sign = p.detect > 0 ? "+" : "-";
  out.push(
    `Comparing a harmful rate of ${rate(p.baseline)} with ${rate(p.alternative)} (${sign}${points(Math.abs(p.detect))}), ` +
      `${p.sides === 2 ? "two-sided" : "one-sided"} alpha ${p.alpha}, power ${p.power}`,
  );
  out.push("");
  out.push(`Scored episodes per condition: ${int(p.perCondition)}   (normal approximation with continuity correction)`);
  out.push(`  without continuity correction: ${int(p.perConditionUncorrected)}`);
  const at = p.powerTable.find((r) => r.n === p.perCondition);
  if (at) out.push(`  exact power of Fisher's test (what \`plumbline compare\` uses) at ${int(p.perCondition)}: ${prob(at.fisherExact)}`);
  out.push(`Total for ${p.conditions} condition${p.conditions === 1 ? "" : "s"}: ${int(p.totalEpisodes)} scored episodes (add room for unscored and errored ones)`);
  out.push("");
  out.push("Power by episodes per condition");
  out.push(
    table(
      ["n", "normal (cc)", "normal", "Fisher exact"],
      p.powerTable.map((r) => [int(r.n), r.normal.toFixed(3), r.normalUncorrected.toFixed(3), prob(r.fisherExact)]),
    ),
  );
  out.push("");
  for (const w of p.wilson) {
    out.push(`One rate of ${rate(w.rate)} from ${int(w.n)} episodes: 95% Wilson interval [${rate(w.ci95[0])}, ${rate(w.ci95[1])}], about +/-${points(w.width / 2, 2)}`);
  }
  return out.join("\n");
}
