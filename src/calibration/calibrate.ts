/**
 * Calibration: how well the detectors and each judge agree with the gold set.
 *
 * Every gold case is scored the way an eval run scores an episode of its family: the family's detectors
 * (scoreDeterministic), each judge (judgeEpisode), and the verdict rule (combineVerdict), plus the panel when
 * several judges vote (combinePanel). Each of these is a rater; for each rater the report gives the confusion
 * matrix against the gold label, precision, recall, accuracy and Cohen's kappa with intervals, overall and per
 * family, accuracy per hard-case kind, the unscored count (a judge reply that failed is counted, never dropped),
 * and every disagreement with the rater's basis.
 */
import { setMaxListeners } from "node:events";
import { createModelClient, type ModelClient } from "../model/client.js";
import type { RetryPolicy } from "../model/http.js";
import { parseModelSpec } from "../model/spec.js";
import type { Transport } from "../model/transport.js";
import { combinePanel, combineVerdict, judgeEpisode, panelAgreement, scoreDeterministic, type PanelAgreement, type PanelMember } from "../scoring/index.js";
import type { JudgeResult } from "../scoring/judge.js";
import type { DeterministicScore, DetectorInput, Verdict } from "../scoring/types.js";
import { binaryMetrics, confusion, rate, type BinaryMetrics, type Rate } from "../stats/index.js";
import { openStore, type Store } from "../store/index.js";
import { DEFAULT_DB_PATH, scenarioSummary } from "../eval/run-eval.js";
import { loadGoldSet, type GoldCase, type GoldSetFile } from "./load.js";
import { HARD_CASE_NAMES } from "./schema.js";

export interface CalibrateOptions {
  /** Judge model specs; empty (or ["none"]) scores with the detectors alone. Two or more also vote as a panel. */
  judges?: readonly string[];
  /** A gold file or a directory of them (default: the built-in gold set). */
  goldPath?: string;
  /** Only these families. */
  families?: readonly string[];
  /** SQLite file holding the response cache for judge calls (default .plumbline/plumbline.db). */
  dbPath?: string;
  /** Cache judge responses by content, so re-running a calibration is free (default on). */
  cache?: boolean;
  /** Requests in flight per judge. */
  concurrency?: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
  transport?: Transport;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Use this store for the cache instead of opening dbPath (the caller keeps ownership). */
  store?: Store;
}

/** A rater's metrics on some cases: the confusion matrix over the scored ones, and how many were unscored. */
export interface RaterMetrics extends BinaryMetrics {
  /** Gold cases in the group; n (scored) + unscored. */
  cases: number;
  /** Cases the rater gave no label (a failed judge): counted here, left out of the matrix, never dropped. */
  unscored: number;
}

export interface HardCaseMetrics {
  cases: number;
  unscored: number;
  /** Scored cases the rater got right, with its Wilson interval. */
  accuracy: Rate;
}

export interface Disagreement {
  caseId: string;
  family: string;
  hard: string | null;
  gold: boolean;
  goldBehaviour: string;
  /** null when the rater gave no label (unscored). */
  predicted: boolean | null;
  /** Why the rater said what it said: the finding and its evidence, the judge's label and quote, the verdict's basis. */
  basis: string;
}

export type RaterKind = "detectors" | "judge" | "verdict" | "panel" | "panel-verdict";

export interface RaterReport {
  /** "detectors", "judge sim:judge", "verdict sim:judge", "panel", "verdict panel". */
  name: string;
  kind: RaterKind;
  /** The judge spec(s) behind it; empty for the detectors. */
  judges: string[];
  description: string;
  overall: RaterMetrics;
  byFamily: Record<string, RaterMetrics>;
  byHard: Record<string, HardCaseMetrics>;
  disagreements: Disagreement[];
}

export interface CalibrationReport {
  gold: {
    source: string;
    files: GoldSetFile[];
    cases: number;
    harmful: number;
    byFamily: Record<string, { cases: number; harmful: number }>;
    byHard: Record<string, number>;
  };
  judges: string[];
  raters: RaterReport[];
  /** With two or more judges: pairwise kappa and percent agreement, Fleiss' kappa, unscored per judge. */
  agreement: PanelAgreement | null;
  /** The detectors must catch every gold-harmful case: recall on them, and the ids of any they missed. */
  detectorRecall: { harmful: number; caught: number; recall: number | null; missed: string[] };
  /** Things a reader must know (a judge that answered nothing, say). */
  caveats: string[];
  durationMs: number;
}

/** The options name something that does not exist or is out of range; nothing was sent. */
export class CalibrationInputError extends Error {
  override name = "CalibrationInputError";
}

interface CaseScore {
  gold: GoldCase;
  det: DeterministicScore;
  judges: PanelMember[];
  verdicts: Verdict[];
  panel: ReturnType<typeof combinePanel> | null;
  panelVerdict: Verdict | null;
}

/** The judge specs to run: "none" alone means none; duplicates and "none" mixed with judges are errors. */
export function normaliseJudges(judges: readonly string[] | undefined): string[] {
  const list = (judges ?? []).map((j) => j.trim()).filter((j) => j.length > 0);
  if (list.length === 0 || (list.length === 1 && list[0] === "none")) return [];
  if (list.includes("none")) throw new CalibrationInputError('--judge none means "no judge" and cannot be combined with judges');
  const seen = new Set<string>();
  for (const j of list) {
    parseModelSpec(j);
    if (seen.has(j)) throw new CalibrationInputError(`judge ${j} is given twice; give each judge once`);
    seen.add(j);
  }
  return list;
}

export async function calibrate(options: CalibrateOptions = {}): Promise<CalibrationReport> {
  const started = Date.now();
  const judgeSpecs = normaliseJudges(options.judges);
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new CalibrationInputError(`concurrency must be a positive integer, got ${concurrency}`);
  const gold = await loadGoldSet({ ...(options.goldPath ? { path: options.goldPath } : {}), ...(options.families ? { families: options.families } : {}) });

  const store = judgeSpecs.length > 0 && options.cache !== false ? (options.store ?? openStore(options.dbPath ?? DEFAULT_DB_PATH)) : undefined;
  const clients: ModelClient[] = [];
  try {
    const http = { concurrency, timeoutMs: options.timeoutMs ?? 120_000, ...(options.retry ? { retry: options.retry } : {}), ...(options.transport ? { transport: options.transport } : {}) };
    for (const spec of judgeSpecs) clients.push(await createModelClient(spec, { ...http, ...(store ? { cache: store } : {}) }));

    const stop = new AbortController();
    setMaxListeners(0, stop.signal);
    const onAbort = () => stop.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });

    const scores: CaseScore[] = new Array(gold.cases.length);
    let next = 0;
    let done = 0;
    const workers = Math.max(1, Math.min(gold.cases.length, judgeSpecs.length > 0 ? concurrency * 2 : 1));
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < gold.cases.length && !stop.signal.aborted) {
          const index = next++;
          scores[index] = await scoreCase(gold.cases[index]!, judgeSpecs, clients, stop.signal);
          options.onProgress?.({ done: ++done, total: gold.cases.length });
        }
      }),
    );
    options.signal?.removeEventListener("abort", onAbort);
    if (stop.signal.aborted) throw stop.signal.reason instanceof Error ? stop.signal.reason : new Error("calibration interrupted");
    return buildReport(gold, judgeSpecs, scores, Date.now() - started);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    if (store && !options.store) store.close();
  }
}

async function scoreCase(c: GoldCase, specs: readonly string[], clients: readonly ModelClient[], signal: AbortSignal): Promise<CaseScore> {
  const input: DetectorInput = { actions: c.actions, transcript: c.transcript, facts: c.scenario.facts };
  const det = scoreDeterministic(c.harmfulDetectors, input, c.benignDetector);
  const results: JudgeResult[] = await Promise.all(
    clients.map((client) => judgeEpisode(client.model, { ...input, scenarioSummary: scenarioSummary(c.scenario) }, { abortSignal: signal, seed: 0 })),
  );
  const judges = results.map((result, i) => ({ spec: specs[i]!, result }));
  const panel = judges.length > 1 ? combinePanel(judges) : null;
  return {
    gold: c,
    det,
    judges,
    verdicts: judges.map((j) => combineVerdict(det, j.result)),
    panel,
    panelVerdict: panel ? combineVerdict(det, panel.result) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The report

interface Rated {
  c: GoldCase;
  predicted: boolean | null;
  basis: string;
}

function metricsOf(rows: readonly Rated[]): RaterMetrics {
  const scored = rows.filter((r): r is Rated & { predicted: boolean } => r.predicted !== null);
  const m = binaryMetrics(confusion(scored.map((r) => [r.c.gold.harmful, r.predicted] as const)));
  return { ...m, cases: rows.length, unscored: rows.length - scored.length };
}

function raterReport(name: string, kind: RaterKind, judges: string[], description: string, rows: readonly Rated[]): RaterReport {
  const families = [...new Set(rows.map((r) => r.c.family))].sort();
  const byHard: Record<string, HardCaseMetrics> = {};
  for (const kindName of HARD_CASE_NAMES) {
    const group = rows.filter((r) => r.c.hard === kindName);
    if (group.length === 0) continue;
    const scored = group.filter((r) => r.predicted !== null);
    byHard[kindName] = { cases: group.length, unscored: group.length - scored.length, accuracy: rate(scored.filter((r) => r.predicted === r.c.gold.harmful).length, scored.length) };
  }
  return {
    name,
    kind,
    judges,
    description,
    overall: metricsOf(rows),
    byFamily: Object.fromEntries(families.map((f) => [f, metricsOf(rows.filter((r) => r.c.family === f))])),
    byHard,
    disagreements: rows
      .filter((r) => r.predicted !== r.c.gold.harmful)
      .map((r) => ({ caseId: r.c.id, family: r.c.family, hard: r.c.hard, gold: r.c.gold.harmful, goldBehaviour: r.c.gold.behaviour, predicted: r.predicted, basis: r.basis })),
  };
}

function clip(text: string, max = 240): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 3)}...`;
}

function detectorBasis(det: DeterministicScore): string {
  const harmful = det.findings.find((f) => f.harmful);
  if (harmful) return clip(`${harmful.detector}${harmful.actionId ? ` (${harmful.actionId})` : ""}: "${harmful.evidence}"`);
  const other = det.findings.find((f) => f.detector !== "eval-awareness");
  return other ? clip(`no harmful finding; ${other.detector}: ${other.explanation}`) : "no harmful finding";
}

function judgeBasis(result: JudgeResult): string {
  if (!result.ok) return clip(`unscored: ${result.error}`);
  const l = result.label;
  return clip(`${l.behaviour}${l.quote ? `, quote ${result.quoteVerified ? "verified" : "NOT verified"}: "${l.quote}"` : ""}; ${l.rationale}`);
}

function buildReport(gold: Awaited<ReturnType<typeof loadGoldSet>>, specs: string[], scores: readonly CaseScore[], durationMs: number): CalibrationReport {
  const raters: RaterReport[] = [];
  raters.push(
    raterReport(
      "detectors",
      "detectors",
      [],
      "the family's deterministic detectors alone (what --judge none reports)",
      scores.map((s) => ({ c: s.gold, predicted: s.det.harmful, basis: detectorBasis(s.det) })),
    ),
  );
  specs.forEach((spec, j) => {
    raters.push(
      raterReport(
        `judge ${spec}`,
        "judge",
        [spec],
        "the judge's own label (harmful field), before the verdict rule",
        scores.map((s) => {
          const r = s.judges[j]!.result;
          return { c: s.gold, predicted: r.ok ? r.label.harmful : null, basis: judgeBasis(r) };
        }),
      ),
    );
    raters.push(
      raterReport(
        `verdict ${spec}`,
        "verdict",
        [spec],
        "detectors and this judge combined by the verdict rule: what an eval run with this judge reports",
        scores.map((s) => ({ c: s.gold, predicted: s.verdicts[j]!.harmful, basis: clip(s.verdicts[j]!.basis) })),
      ),
    );
  });
  if (specs.length > 1) {
    raters.push(
      raterReport(
        "panel",
        "panel",
        specs,
        "the judges' majority vote (a tie is not harmful; without a quorum, unscored)",
        scores.map((s) => ({
          c: s.gold,
          predicted: s.panel!.decision === "no-quorum" ? null : s.panel!.decision === "harmful",
          basis: clip(`${s.panel!.decision} (${s.panel!.votes.harmful} harmful, ${s.panel!.votes.safe} not, ${s.panel!.votes.failed} failed)`),
        })),
      ),
    );
    raters.push(
      raterReport(
        "verdict panel",
        "panel-verdict",
        specs,
        "detectors and the panel combined by the verdict rule: what an eval run with these judges reports",
        scores.map((s) => ({ c: s.gold, predicted: s.panelVerdict!.harmful, basis: clip(s.panelVerdict!.basis) })),
      ),
    );
  }

  const harmfulCases = scores.filter((s) => s.gold.gold.harmful);
  const missed = harmfulCases.filter((s) => !s.det.harmful).map((s) => s.gold.id);
  const caveats: string[] = [];
  specs.forEach((spec, j) => {
    const answered = scores.filter((s) => s.judges[j]!.result.ok).length;
    if (answered === 0 && scores.length > 0) {
      const first = scores[0]!.judges[j]!.result;
      caveats.push(`judge ${spec} answered none of the ${scores.length} cases${!first.ok ? ` (first error: ${clip(first.error, 200)})` : ""}`);
    }
  });
  if (missed.length > 0) caveats.push(`the detectors missed ${missed.length} gold-harmful case(s): ${missed.join(", ")}`);

  const byFamily: Record<string, { cases: number; harmful: number }> = {};
  const byHard: Record<string, number> = {};
  for (const c of gold.cases) {
    const f = (byFamily[c.family] ??= { cases: 0, harmful: 0 });
    f.cases++;
    if (c.gold.harmful) f.harmful++;
    if (c.hard) byHard[c.hard] = (byHard[c.hard] ?? 0) + 1;
  }
  return {
    gold: { source: gold.source, files: gold.files, cases: gold.cases.length, harmful: harmfulCases.length, byFamily, byHard },
    judges: specs,
    raters,
    agreement:
      specs.length > 1
        ? panelAgreement(
            specs,
            scores.map((s) => s.judges),
          )
        : null,
    detectorRecall: {
      harmful: harmfulCases.length,
      caught: harmfulCases.length - missed.length,
      recall: harmfulCases.length === 0 ? null : (harmfulCases.length - missed.length) / harmfulCases.length,
      missed,
    },
    caveats,
    durationMs,
  };
}
