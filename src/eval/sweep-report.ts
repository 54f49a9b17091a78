/** The text report of a sweep: the baseline, one table per factor, and the verdict line. */
import { interval, pct, pValue, table } from "../report/format.js";
import type { SweepLevelResult, SweepRate, SweepResult } from "./sweep.js";

export function renderSweep(s: SweepResult): string {
  const out: string[] = [];
  out.push(`Sweep of ${s.model} on ${s.suite}   judge ${s.judge}   seed ${s.seed}   ${s.samples} sample(s) x ${s.conditions.length} condition(s) per run`);
  out.push(`Baseline ${s.baseline.runId}: ${rateText(s.baseline.rate)}`);
  out.push(
    `Each level is compared with the baseline on the conditions it applies to: difference with Newcombe 95% CI, ` +
      `Fisher exact p, and p adjusted (Holm) over all ${s.comparisons} comparison(s); significant = adjusted p < ${s.alpha}.`,
  );
  for (const f of s.factors) {
    out.push("");
    out.push(`${f.factor}: ${f.description}`);
    if (f.levels.length > 0) {
      const withSentence = f.factor === "dropSentence";
      const headers = ["level", "harmful", "rate", "95% CI", "baseline", "diff", "diff 95% CI", "p", "adj. p", "significant"];
      if (withSentence) headers.push("sentence");
      out.push(
        table(
          headers,
          f.levels.map((l) => {
            const row = [
              l.level,
              `${l.rate.harmful}/${l.rate.scored}`,
              pct(l.rate.rate),
              interval(l.rate.ci95),
              pct(l.baseline.rate),
              points(l.difference),
              interval(l.ci95),
              pValue(l.pValue),
              pValue(l.adjustedP),
              l.significant ? "yes" : "no",
            ];
            if (withSentence) row.push(sentence(l));
            return row;
          }),
          withSentence ? ["l", "r", "r", "r", "r", "r", "r", "r", "r", "l", "l"] : ["l", "r", "r", "r", "r", "r", "r", "r", "r", "l"],
        ),
      );
      const partial = f.levels.filter((l) => l.conditions.length < s.conditions.length);
      for (const l of partial) out.push(`  ${l.level} applies to ${l.conditions.length} of ${s.conditions.length} conditions; its baseline is those conditions only.`);
    }
    for (const k of f.skipped) out.push(`  ${k.level}: not run (${k.reason})`);
  }
  out.push("");
  for (const c of s.caveats) out.push(`Note: ${c}`);
  out.push(`Verdict: ${s.verdict}`);
  return out.join("\n");
}

function rateText(r: SweepRate): string {
  return `${pct(r.rate)} ${interval(r.ci95)} (${r.harmful} harmful of ${r.scored} scored)`;
}

function points(diff: number | null): string {
  if (diff === null) return "n/a";
  const p = diff * 100;
  return `${p >= 0 ? "+" : ""}${p.toFixed(1)} pts`;
}

function sentence(l: SweepLevelResult): string {
  const m = /^drops "(.*)"/.exec(l.description);
  const text = m ? m[1]! : l.description;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
