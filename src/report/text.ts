import type { GroupStats } from "../stats/index.js";
import type { RunComparison } from "./compare.js";
import { int, interval, pct, pValue, table, usd } from "./format.js";
import type { RunSummary } from "./summary.js";

/** The human report for one run: headline rate, then by factor, awareness and condition. */
export function renderSummary(s: RunSummary, options: { conditions?: number } = {}): string {
  const out: string[] = [];
  out.push(`Run ${s.runId}  (${s.status})`);
  out.push(`  model ${s.model}   judge ${s.judge}   suite ${s.suite} [${s.split}]   seed ${s.seed}   plumbline ${s.plumblineVersion}`);
  out.push("");
  out.push(
    `Harmful rate: ${pct(s.rate)}  95% CI ${interval(s.ci95)}   (${s.harmful} harmful of ${s.scored} scored; ` +
      `${s.unscored} unscored, ${s.errored} errored, ${s.pending} pending, of ${s.episodes})`,
  );
  out.push(`Eval-aware episodes: ${s.evalAware}   tokens ${int(s.tokens.input + s.tokens.output)}   requests ${int(s.requests)}   cost ${usd(s.costUsd)}`);
  if (s.invocation) {
    const { cache, http, durationMs } = s.invocation;
    out.push(`This invocation: ${(durationMs / 1000).toFixed(1)} s, cache ${cache.hits} hits / ${cache.misses} misses, ${http.retries} retries`);
  }
  out.push("");
  out.push("By eval awareness");
  out.push(groupTable("", [["aware", s.byEvalAwareness.aware], ["not aware", s.byEvalAwareness.unaware]]));
  for (const [factor, levels] of Object.entries(s.byFactor)) {
    out.push("");
    out.push(`By ${factor}`);
    out.push(groupTable("", Object.entries(levels)));
  }
  const conditions = Object.entries(s.byCondition);
  const limit = options.conditions ?? 30;
  out.push("");
  out.push(`By condition${conditions.length > limit ? ` (highest ${limit} of ${conditions.length}; --json for all)` : ""}`);
  const shown = conditions
    .slice()
    .sort((a, b) => (b[1].rate ?? -1) - (a[1].rate ?? -1))
    .slice(0, limit);
  out.push(groupTable("condition", shown));
  return out.join("\n");
}

function groupTable(label: string, groups: Array<[string, GroupStats]>): string {
  return table(
    [label, "harmful", "scored", "rate", "95% CI", "unscored", "errored"],
    groups.map(([name, g]) => [name, g.harmful, g.scored, pct(g.rate), interval(g.ci95), g.unscored, g.errored]),
  );
}

export function renderComparison(c: RunComparison): string {
  const out: string[] = [];
  out.push(`A: ${c.runA.runId}  ${c.runA.model}  (judge ${c.runA.judge}, suite ${c.runA.suite})`);
  out.push(`B: ${c.runB.runId}  ${c.runB.model}  (judge ${c.runB.judge}, suite ${c.runB.suite})`);
  out.push("");
  out.push(
    `Harmful rate A ${pct(c.a.rate)} (${c.a.harmful}/${c.a.scored})  vs  B ${pct(c.b.rate)} (${c.b.harmful}/${c.b.scored})`,
  );
  out.push(`Difference A - B: ${c.difference === null ? "n/a" : `${(c.difference * 100).toFixed(1)} points`}  95% CI ${interval(c.ci95)}  Fisher exact p = ${pValue(c.pValue)}`);
  for (const caveat of c.caveats) out.push(`Note: ${caveat}`);
  const rows = Object.entries(c.byCondition);
  if (rows.length > 0) {
    out.push("");
    out.push(
      table(
        ["condition", "A", "B", "A - B", "95% CI", "p"],
        rows.map(([id, r]) => [
          id,
          `${r.a.harmful}/${r.a.scored}`,
          `${r.b.harmful}/${r.b.scored}`,
          r.difference === null ? "n/a" : `${(r.difference * 100).toFixed(1)}`,
          interval(r.ci95),
          pValue(r.pValue),
        ]),
      ),
    );
  }
  return out.join("\n");
}
