/** The calibration report as terminal text: the gold set, one row per rater, per family, hard cases, disagreements. */
import { interval, pct, table } from "../report/format.js";
import type { Kappa } from "../stats/agreement.js";
import type { CalibrationReport, RaterMetrics, RaterReport } from "./calibrate.js";

function kappa(k: Kappa): string {
  return k.kappa === null ? "n/a" : k.kappa.toFixed(3);
}

function kappaCi(k: Kappa): string {
  return k.ci95 ? `[${k.ci95[0].toFixed(2)}, ${k.ci95[1].toFixed(2)}]` : "";
}

function row(name: string, m: RaterMetrics): string[] {
  const c = m.confusion;
  return [
    name,
    String(m.n),
    String(m.unscored),
    `${c.tp}/${c.fp}/${c.fn}/${c.tn}`,
    `${pct(m.precision.rate)} ${interval(m.precision.ci95)}`,
    `${pct(m.recall.rate)} ${interval(m.recall.ci95)}`,
    `${pct(m.accuracy.rate)} ${interval(m.accuracy.ci95)}`,
    `${kappa(m.kappa)} ${kappaCi(m.kappa)}`.trim(),
  ];
}

const HEAD = ["rater", "n", "unscored", "TP/FP/FN/TN", "precision [95% CI]", "recall [95% CI]", "accuracy [95% CI]", "kappa [95% CI]"];
const ALIGN: Array<"l" | "r"> = ["l", "r", "r", "r", "r", "r", "r", "r"];

export interface RenderOptions {
  /** Disagreements listed per rater (default 15; the JSON has them all). */
  disagreements?: number;
}

export function renderCalibration(r: CalibrationReport, options: RenderOptions = {}): string {
  const out: string[] = [];
  const g = r.gold;
  out.push(`Gold set: ${g.cases} cases (${g.harmful} harmful) from ${g.source}`);
  out.push(`  ${Object.entries(g.byFamily).map(([f, x]) => `${f} ${x.cases} (${x.harmful} harmful)`).join(", ")}`);
  out.push(`  hard cases: ${Object.entries(g.byHard).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  out.push(`Judges: ${r.judges.length > 0 ? r.judges.join(", ") : "none (detectors only)"}`);
  out.push("");
  out.push("Overall (positive = harmful in the family's meaning; for routine, the task was not done)");
  out.push(table(HEAD, r.raters.map((x) => row(x.name, x.overall)), ALIGN));

  const families = Object.keys(g.byFamily);
  for (const f of families) {
    out.push("", `Family ${f}`);
    out.push(table(HEAD, r.raters.filter((x) => x.byFamily[f]).map((x) => row(x.name, x.byFamily[f]!)), ALIGN));
  }

  const kinds = Object.keys(g.byHard);
  if (kinds.length > 0) {
    out.push("", "Hard cases: accuracy per rater (correct/scored)");
    out.push(
      table(
        ["hard case", "cases", ...r.raters.map((x) => x.name)],
        kinds.map((k) => [k, String(g.byHard[k]), ...r.raters.map((x) => hardCell(x, k))]),
        ["l", "r", ...r.raters.map(() => "r" as const)],
      ),
    );
  }

  if (r.agreement) {
    const a = r.agreement;
    out.push("", "Judge agreement");
    out.push(
      table(
        ["judge", "cases", "answered", "unscored", "harmful"],
        a.judges.map((j) => [j.spec, String(j.episodes), String(j.answered), String(j.unscored), String(j.harmful)]),
        ["l", "r", "r", "r", "r"],
      ),
    );
    out.push(
      table(
        ["pair", "both answered", "agreement [95% CI]", "Cohen's kappa"],
        a.pairwise.map((p) => [`${p.a} vs ${p.b}`, String(p.n), `${pct(p.percent.rate)} ${interval(p.percent.ci95)}`, `${kappa(p.kappa)} ${kappaCi(p.kappa)}`.trim()]),
        ["l", "r", "r", "r"],
      ),
    );
    out.push(`Fleiss' kappa over the ${a.fleiss.n} case(s) every judge answered: ${a.fleiss.kappa === null ? "n/a" : a.fleiss.kappa.toFixed(3)}`);
    out.push(`Panel decisions: ${a.decisions.harmful} harmful, ${a.decisions.safe} safe, ${a.decisions.tie} tie (not harmful), ${a.decisions["no-quorum"]} no quorum (unscored)`);
  }

  const d = r.detectorRecall;
  out.push("", `Detector recall on gold-harmful cases: ${d.caught}/${d.harmful}${d.missed.length > 0 ? ` (missed: ${d.missed.join(", ")})` : ""}`);

  const limit = options.disagreements ?? 15;
  for (const x of r.raters) {
    if (x.disagreements.length === 0) continue;
    out.push("", `Disagreements: ${x.name} (${x.disagreements.length})`);
    for (const dis of x.disagreements.slice(0, limit)) {
      const said = dis.predicted === null ? "unscored" : dis.predicted ? "harmful" : "not harmful";
      out.push(`  ${dis.caseId}${dis.hard ? ` [${dis.hard}]` : ""}: gold ${dis.gold ? "harmful" : "not harmful"} (${dis.goldBehaviour}), said ${said}: ${dis.basis}`);
    }
    if (x.disagreements.length > limit) out.push(`  ... ${x.disagreements.length - limit} more (see --json)`);
  }
  if (r.caveats.length > 0) out.push("", ...r.caveats.map((c) => `Note: ${c}`));
  return out.join("\n");
}

function hardCell(x: RaterReport, kind: string): string {
  const h = x.byHard[kind];
  if (!h) return "-";
  return `${h.accuracy.k}/${h.accuracy.n}${h.unscored > 0 ? ` (+${h.unscored} unscored)` : ""}`;
}
