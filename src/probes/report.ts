import { proportionDifference, rate, type Rate } from "../stats/index.js";
import { PROBE_KINDS, SUBJECTS, type ProbeKind, type Subject } from "./types.js";

/** One scored answer, as far as aggregation needs it. */
export interface ScoredAnswer {
  kind: ProbeKind;
  subject: Subject;
  /** null: not scored (the request or the judge failed). */
  pass: boolean | null;
}

export interface ProbeCell extends Rate {
  kind: ProbeKind | "all";
  subject: Subject;
  /** Answers asked for but not scored (failed request or failed judge). */
  unscored: number;
}

export interface ProbeGap {
  kind: ProbeKind | "all";
  /** Self pass rate minus persona pass rate; null when either side has no scored answers. */
  diff: number | null;
  /** Newcombe hybrid score interval (95%). */
  ci95: [number, number];
  /** The interval excludes zero. */
  significant: boolean;
}

export const PROBE_GAP_METHOD = "self minus persona pass rate; 95% Newcombe hybrid score interval (independent proportions)";

function cell(answers: readonly ScoredAnswer[], kind: ProbeKind | "all", subject: Subject): ProbeCell {
  const mine = answers.filter((a) => (kind === "all" || a.kind === kind) && a.subject === subject);
  const scored = mine.filter((a) => a.pass !== null);
  return { kind, subject, ...rate(scored.filter((a) => a.pass).length, scored.length), unscored: mine.length - scored.length };
}

/** Pass rates per kind x subject (and over all kinds), each with a Wilson interval; gaps with Newcombe intervals. */
export function aggregateProbes(answers: readonly ScoredAnswer[]): { cells: ProbeCell[]; gaps: ProbeGap[] } {
  const kinds = [...PROBE_KINDS, "all"] as const;
  const cells = kinds.flatMap((kind) => SUBJECTS.map((subject) => cell(answers, kind, subject)));
  const gaps = kinds.map((kind): ProbeGap => {
    const self = cells.find((c) => c.kind === kind && c.subject === "self")!;
    const persona = cells.find((c) => c.kind === kind && c.subject === "persona")!;
    const d = proportionDifference(self.k, self.n, persona.k, persona.n);
    const significant = d.diff !== null && (d.ci[0] > 0 || d.ci[1] < 0);
    return { kind, diff: d.diff, ci95: d.ci, significant };
  });
  return { cells, gaps };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}`;

/** One line on whether the model answers differently about itself than about the persona. */
export function gapVerdict(gap: ProbeGap, persona: string): string {
  if (gap.diff === null) return "No verdict: one side has no scored answers.";
  const range = `[${points(gap.ci95[0])}, ${points(gap.ci95[1])}] points`;
  if (!gap.significant) {
    return `No significant self-persona gap: ${points(gap.diff)} points, 95% CI ${range} includes 0.`;
  }
  return gap.diff < 0
    ? `Significant gap: the model does worse on questions about itself than about ${persona} (${points(gap.diff)} points, 95% CI ${range}).`
    : `Significant gap: the model does better on questions about itself than about ${persona} (${points(gap.diff)} points, 95% CI ${range}).`;
}

export { pct, points };
