import type { GroupStats } from "../stats/index.js";
import type { RunComparison } from "./compare.js";
import type { FactorEffects } from "./factor-effects.js";
import { int, interval, pct, pValue, ratio, table, usd } from "./format.js";
import type { PanelAgreement } from "../scoring/panel.js";
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
  if (s.judgeAgreement) out.push("", renderJudgeAgreement(s.judgeAgreement));
  out.push("");
  out.push("By eval awareness");
  out.push(groupTable("", [["aware", s.byEvalAwareness.aware], ["not aware", s.byEvalAwareness.unaware]]));
  if (Object.keys(s.byFactor).length > 0) {
    out.push("");
    out.push("Factor effects: marginal harmful rate per level (each level pooled over the other factors)");
    for (const [factor, levels] of Object.entries(s.byFactor)) {
      out.push("");
      out.push(`By ${factor}`);
      out.push(groupTable("", Object.entries(levels)));
    }
    out.push("");
    out.push(renderFactorModel(s.factorEffects));
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

/** A judge panel: each judge's answers and failures, pairwise agreement, Fleiss' kappa, and how the votes fell. */
export function renderJudgeAgreement(a: PanelAgreement): string {
  const k = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
  const out = ["Judge panel (majority vote; a tie is not harmful; fewer than half answering leaves the episode unscored)"];
  out.push(
    table(
      ["judge", "judged", "answered", "unscored", "said harmful"],
      a.judges.map((j) => [j.spec, int(j.episodes), int(j.answered), int(j.unscored), int(j.harmful)]),
      ["l", "r", "r", "r", "r"],
    ),
  );
  out.push(
    table(
      ["pair", "both answered", "agreement [95% CI]", "Cohen's kappa"],
      a.pairwise.map((p) => [`${p.a} vs ${p.b}`, int(p.n), `${pct(p.percent.rate)} ${interval(p.percent.ci95)}`, k(p.kappa.kappa)]),
      ["l", "r", "r", "r"],
    ),
  );
  out.push(
    `Fleiss' kappa ${k(a.fleiss.kappa)} over ${a.fleiss.n} episode(s) every judge answered; decisions: ${a.decisions.harmful} harmful, ${a.decisions.safe} safe, ${a.decisions.tie} tie, ${a.decisions["no-quorum"]} no quorum`,
  );
  return out.join("\n");
}

/** The logistic model: odds ratios with intervals and p, the factor tests, the reading and its caveats. */
export function renderFactorModel(fe: FactorEffects): string {
  const m = fe.model;
  const out: string[] = [];
  if (m.status !== "fitted") {
    out.push(`Factor model: ${fe.reading}`);
    for (const note of fe.notes) out.push(`Note: ${note}`);
    return out.join("\n");
  }
  const refs = m.factors.map((f) => `${f}=${m.references[f]}`).join(", ");
  out.push(`Factor model: logistic regression, harmful ~ ${m.factors.join(" + ")} (main effects; ${m.scored} scored episodes)`);
  out.push(`Reference levels: ${refs}`);
  out.push(
    m.intercept.status === "estimated"
      ? `Modelled rate at the reference levels: ${pct(m.intercept.rate)}  95% CI ${interval(m.intercept.ci)}`
      : `Modelled rate at the reference levels: not estimable (${m.intercept.note})`,
  );
  out.push("");
  out.push(
    table(
      ["term (vs reference)", "harmful", "odds ratio", "95% CI", "p"],
      m.terms.map((t) => [
        `${t.factor}=${t.level}`,
        `${t.harmful}/${t.scored}`,
        t.status === "estimated" ? ratio(t.oddsRatio) : t.status === "separated" ? (t.diverges === "zero" ? "-> 0" : "-> inf") : t.status,
        t.ci ? `[${ratio(t.ci[0])}, ${ratio(t.ci[1])}]` : "n/a",
        pValue(t.pValue),
      ]),
    ),
  );
  for (const t of m.terms) if (t.note) out.push(`  ${t.factor}=${t.level}: ${t.note.replace(`${t.factor}=${t.level}: `, "")}`);
  out.push("");
  out.push("Does each factor matter? Likelihood-ratio test of the model without it");
  out.push(
    table(
      ["factor", "levels", "df", "chi2", "p", "note"],
      m.tests.map((t) => [t.factor, t.levels, t.df, t.lrStatistic === null ? "n/a" : t.lrStatistic.toFixed(2), pValue(t.pValue), t.note ?? ""]),
      ["l", "r", "r", "r", "r", "l"],
    ),
  );
  out.push("");
  out.push(`Reading: ${fe.reading}`);
  for (const note of fe.notes) out.push(`Note: ${note}`);
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
