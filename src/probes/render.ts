import { pct, points } from "./report.js";
import type { ProbeReport } from "./run.js";

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/** The probe report as a text table: kind x subject with intervals, the gaps, and the verdict. */
export function renderProbeReport(report: ProbeReport): string {
  const m = report.manifest;
  const lines: string[] = [];
  lines.push(
    `Constitution probes: ${m.model}, mode ${m.mode}, constitution ${m.constitution.name} (${m.constitution.sections} sections, sha256 ${m.constitution.hash.slice(0, 12)})`,
  );
  const questions = report.answers.length / Math.max(1, m.samples);
  lines.push(
    `Probe set v${m.probeSetVersion}: ${questions} questions x ${m.samples} samples, persona ${m.persona}, judge ${m.judge}, seed ${m.seed}; ` +
      `${report.requests.sent} requests sent, ${report.requests.cached} from cache`,
  );
  lines.push("");
  const header = `${pad("kind", 15)}${pad("subject", 9)}${pad("pass", 10)}${pad("rate", 8)}95% CI (Wilson)`;
  lines.push(header, "-".repeat(header.length + 6));
  for (const c of report.cells) {
    const rate = c.rate === null ? "-" : pct(c.rate);
    const extra = c.unscored > 0 ? `  (${c.unscored} unscored)` : "";
    const label = c.subject === "persona" ? m.persona : "self";
    lines.push(`${pad(c.kind, 15)}${pad(label, 9)}${pad(`${c.k}/${c.n}`, 10)}${pad(rate, 8)}[${pct(c.ci95[0])}, ${pct(c.ci95[1])}]${extra}`);
  }
  lines.push("");
  lines.push(`Self - ${m.persona} gap (points, 95% Newcombe interval):`);
  for (const g of report.gaps) {
    const text = g.diff === null ? "-" : `${pad(points(g.diff), 7)}[${points(g.ci95[0])}, ${points(g.ci95[1])}]${g.significant ? "  significant" : ""}`;
    lines.push(`  ${pad(g.kind, 15)}${text}`);
  }
  if (m.samples > 1) {
    lines.push("  Intervals treat every answer as independent; repeated samples of one question are not, so they are somewhat narrow.");
  }
  if (report.agreement) {
    const a = report.agreement;
    lines.push("", `Judge and rules agree on ${a.agree} of ${a.n} answers${a.n > 0 ? ` (${pct(a.agree / a.n)})` : ""}; the judge's verdict is the one counted.`);
  }
  lines.push("", `Verdict: ${report.verdict}`);
  return lines.join("\n");
}
