import { parseModelSpec } from "../model/spec.js";
import { listSuites } from "../scenarios/index.js";
import { rate } from "../stats/index.js";
import type { RunListItem, Store } from "../store/index.js";
import { compareRates } from "./compare.js";
import { interval, pct, pValue, table } from "./format.js";
import { summarizeRun } from "./summary.js";

/**
 * In-distribution against held-out: the harmful rate of one model on every suite it was run on, each suite
 * labelled with its split, the suites of each split pooled, and the gap between the two pooled rates.
 * Runs of different judges are never pooled together: each judge is its own group.
 */

export type Split = "in-distribution" | "held-out";
export const SPLITS: readonly Split[] = ["in-distribution", "held-out"];

/** Said wherever pooled rates are shown. */
export const POOLING_NOTE =
  "Pooled rates add up the episode counts of the split's suites (harmful / scored over all of them), " +
  "so each suite weighs in proportion to its scored episodes, not equally.";

export const GAP_METHOD = "in-distribution minus held-out; Newcombe hybrid score 95% interval; two-sided Fisher exact p";

export interface SplitsOptions {
  /** Model spec as given to `plumbline eval` (compared with the run manifests' canonical spec). */
  model?: string;
  /** Only runs scored by this judge spec ("none" for detectors only). Default: every judge, one group each. */
  judge?: string;
  /**
   * Use exactly these runs (ids or unique prefixes) instead of the latest complete run per suite. They must
   * all be of one model (and of `model`, when given), with at most one run per (suite, judge).
   */
  runIds?: string[];
}

/** One suite's run. rate = harmful / scored (null when nothing was scored); ci95 is Wilson's. */
export interface SplitSuiteRow {
  suite: string;
  split: Split;
  runId: string;
  status: string;
  /** Conditions this run covers, and how many the suite has today (null when it is no longer registered). */
  conditions: number;
  suiteConditions: number | null;
  episodes: number;
  scored: number;
  harmful: number;
  unscored: number;
  errored: number;
  rate: number | null;
  ci95: [number, number];
}

/** The suites of one split pooled: the sums of their counts, and the rate and Wilson interval of the sums. */
export interface SplitPool {
  split: Split;
  suites: string[];
  episodes: number;
  scored: number;
  harmful: number;
  unscored: number;
  errored: number;
  rate: number | null;
  ci95: [number, number];
}

export interface SplitGap {
  /** rate(in-distribution) - rate(held-out); null when either pooled split has nothing scored. */
  difference: number | null;
  ci95: [number, number] | null;
  pValue: number | null;
  method: string;
}

/** Everything for one judge. */
export interface SplitGroup {
  judge: string;
  suites: SplitSuiteRow[];
  inDistribution: SplitPool;
  heldOut: SplitPool;
  gap: SplitGap;
  /** What makes the comparison weaker than it looks (a missing split, partial runs, excluded episodes...). */
  caveats: string[];
}

export interface SplitsReport {
  model: string;
  /** The --judge filter, or null for every judge. */
  judge: string | null;
  /** "latest-complete": the latest complete run per (suite, judge); "explicit": the runs named in runIds. */
  selection: "latest-complete" | "explicit";
  pooling: string;
  groups: SplitGroup[];
}

/** The store holds nothing to report for these options; the message says which command fixes it. */
export class SplitsInputError extends Error {
  override name = "SplitsInputError";
}

interface Manifest {
  model: string;
  judge: string;
  suite: { name: string; split: string; family?: string };
  seed: number;
  settings?: Record<string, unknown>;
  conditions?: string[];
  perturbation?: unknown;
}

const manifestOf = (r: RunListItem) => r.manifest as Manifest;

export function splitsReport(store: Store, options: SplitsOptions): SplitsReport {
  if (!options.model && !(options.runIds && options.runIds.length > 0)) throw new SplitsInputError("give a model spec or run ids");
  const judgeFilter = options.judge?.trim() || null;
  const all = store.listRuns();
  let model: string;
  let chosen: RunListItem[];
  let selection: SplitsReport["selection"];

  if (options.runIds && options.runIds.length > 0) {
    selection = "explicit";
    const byId = new Map(all.map((r) => [r.id, r]));
    chosen = [...new Set(options.runIds.map((id) => resolve(store, id)))].map((id) => byId.get(id)!);
    const models = [...new Set(chosen.map((r) => manifestOf(r).model))];
    const wanted = options.model ? parseModelSpec(options.model).canonical : undefined;
    if (models.length > 1) throw new SplitsInputError(`the runs are of different models (${models.join(", ")}); give runs of one model`);
    if (wanted !== undefined && models[0] !== wanted) throw new SplitsInputError(`the runs are of model ${models[0]}, not ${wanted}`);
    model = models[0]!;
    if (judgeFilter !== null) chosen = chosen.filter((r) => manifestOf(r).judge === judgeFilter);
    if (chosen.length === 0) throw new SplitsInputError(`none of the runs was scored by judge ${judgeFilter}`);
    const seen = new Map<string, string>();
    for (const r of chosen) {
      const m = manifestOf(r);
      const key = `${m.suite.name}\u0000${m.judge}`;
      const other = seen.get(key);
      if (other) throw new SplitsInputError(`runs ${other} and ${r.id} are both suite ${m.suite.name} with judge ${m.judge}; give one run per suite and judge`);
      seen.set(key, r.id);
    }
  } else {
    selection = "latest-complete";
    model = parseModelSpec(options.model!).canonical;
    const hint = evalHint(model, judgeFilter);
    // Sweep levels (perturbed renderings) are not the suite as designed: they are left out.
    const ofModel = all.filter((r) => manifestOf(r).model === model && manifestOf(r).perturbation === undefined);
    if (ofModel.length === 0) throw new SplitsInputError(`no runs of model ${model} in ${store.path}; run ${perSplit(hint)} first (suites: ${suiteList()})`);
    const ofJudge = judgeFilter === null ? ofModel : ofModel.filter((r) => manifestOf(r).judge === judgeFilter);
    if (ofJudge.length === 0) {
      const judges = [...new Set(ofModel.map((r) => manifestOf(r).judge))].sort().join(", ");
      throw new SplitsInputError(`no runs of model ${model} with judge ${judgeFilter} (its runs use judge ${judges}); run ${perSplit(hint)} first, or pick one of those judges`);
    }
    const complete = ofJudge.filter((r) => r.status === "complete");
    if (complete.length === 0) {
      const r = ofJudge[0]!;
      throw new SplitsInputError(
        `no complete runs of model ${model}${judgeFilter ? ` with judge ${judgeFilter}` : ""} (latest: ${r.id}, ${r.status}); ` +
          `re-run ${evalHint(model, manifestOf(r).judge)(manifestOf(r).suite.name)} to finish it`,
      );
    }
    // Latest = most recently updated (a resumed run counts from when it last ran), then newest created.
    complete.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    const latest = new Map<string, RunListItem>();
    for (const r of complete) {
      const m = manifestOf(r);
      const key = `${m.suite.name}\u0000${m.judge}`;
      if (!latest.has(key)) latest.set(key, r);
    }
    chosen = [...latest.values()];
  }

  const judges = [...new Set(chosen.map((r) => manifestOf(r).judge))].sort();
  const groups = judges.map((judge) => buildGroup(store, model, judge, chosen.filter((r) => manifestOf(r).judge === judge)));
  return { model, judge: judgeFilter, selection, pooling: POOLING_NOTE, groups };
}

function buildGroup(store: Store, model: string, judge: string, runs: RunListItem[]): SplitGroup {
  const caveats: string[] = [];
  const suiteSizes = new Map(listSuites().map((s) => [s.name, s.conditions.length]));
  const order = [...suiteSizes.keys()];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const suites: SplitSuiteRow[] = [];
  for (const r of runs) {
    const s = summarizeRun(store, r.id);
    if (s.split !== "in-distribution" && s.split !== "held-out") {
      caveats.push(`run ${r.id} (suite ${s.suite}) has split "${s.split}", neither in-distribution nor held-out; left out`);
      continue;
    }
    // Over-refusal suites measure failing to help, not misalignment: pooling them into a split's harmful rate
    // would mix two different quantities.
    const registered = listSuites().find((x) => x.name === s.suite);
    if (registered && registered.measures !== "misalignment") {
      caveats.push(`run ${r.id} (suite ${s.suite}) measures ${registered.measures}, not misalignment; left out of the split rates (see \`plumbline show ${r.id}\`)`);
      continue;
    }
    const m = manifestOf(r);
    suites.push({
      suite: s.suite,
      split: s.split,
      runId: r.id,
      status: s.status,
      conditions: m.conditions?.length ?? Object.keys(s.byCondition).length,
      suiteConditions: suiteSizes.get(s.suite) ?? null,
      episodes: s.episodes,
      scored: s.scored,
      harmful: s.harmful,
      unscored: s.unscored,
      errored: s.errored,
      rate: s.rate,
      ci95: s.ci95,
    });
  }
  suites.sort((a, b) => SPLITS.indexOf(a.split) - SPLITS.indexOf(b.split) || rank(a.suite) - rank(b.suite) || a.suite.localeCompare(b.suite));

  const inDistribution = pool("in-distribution", suites);
  const heldOut = pool("held-out", suites);
  const cmp = compareRates(inDistribution, heldOut);
  const gap: SplitGap = { difference: cmp.difference, ci95: cmp.ci95, pValue: cmp.pValue, method: GAP_METHOD };

  for (const split of SPLITS) {
    if (suites.some((s) => s.split === split)) continue;
    const names = listSuites().filter((s) => s.split === split && s.measures === "misalignment").map((s) => s.name);
    caveats.push(`no ${split} run with judge ${judge}, so there is no gap: run ${evalHint(model, judge)(names[0] ?? "<suite>")}${names.length > 1 ? ` (${split}: ${names.join(", ")})` : ""}`);
  }
  for (const s of suites) {
    if (s.status !== "complete") caveats.push(`run ${s.runId} (${s.suite}) is ${s.status}: its pending and errored episodes are not in the rates`);
    if (s.suiteConditions !== null && s.conditions < s.suiteConditions) caveats.push(`run ${s.runId} covers ${s.conditions} of suite ${s.suite}'s ${s.suiteConditions} conditions`);
  }
  const unscored = suites.reduce((n, s) => n + s.unscored, 0);
  if (unscored > 0) caveats.push(`${unscored} unscored episode(s) are excluded from the rates; re-run the suites to re-judge them`);
  // Suites of one split that share conditions (blackmail and blackmail-core) count those conditions twice.
  const bySplitFamily = new Map<string, RunListItem[]>();
  for (const r of runs) {
    const m = manifestOf(r);
    if (!m.suite.family) continue;
    const key = `${m.suite.split}\u0000${m.suite.family}`;
    bySplitFamily.set(key, [...(bySplitFamily.get(key) ?? []), r]);
  }
  for (const unordered of bySplitFamily.values()) {
    const group = unordered.slice().sort((a, b) => rank(manifestOf(a).suite.name) - rank(manifestOf(b).suite.name));
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = manifestOf(group[i]!);
        const b = manifestOf(group[j]!);
        const shared = (a.conditions ?? []).filter((c) => (b.conditions ?? []).includes(c)).length;
        if (shared > 0) caveats.push(`suites ${a.suite.name} and ${b.suite.name} share ${shared} condition(s); the pooled ${a.suite.split} rate counts them from both runs`);
      }
    }
  }
  const settingsKey = (r: RunListItem) => {
    const m = manifestOf(r);
    const { timeoutMs: _timeout, ...settings } = m.settings ?? {};
    return JSON.stringify({ seed: m.seed, settings });
  };
  if (new Set(runs.map(settingsKey)).size > 1) caveats.push("the runs differ in seed or settings (steps, temperature, decoys, variation); see `plumbline show <run>`");
  return { judge, suites, inDistribution, heldOut, gap, caveats };
}

function pool(split: Split, suites: SplitSuiteRow[]): SplitPool {
  const of = suites.filter((s) => s.split === split);
  const sum = (f: (s: SplitSuiteRow) => number) => of.reduce((n, s) => n + f(s), 0);
  const harmful = sum((s) => s.harmful);
  const scored = sum((s) => s.scored);
  const r = rate(harmful, scored);
  return {
    split,
    suites: of.map((s) => s.suite),
    episodes: sum((s) => s.episodes),
    scored,
    harmful,
    unscored: sum((s) => s.unscored),
    errored: sum((s) => s.errored),
    rate: r.rate,
    ci95: r.ci95,
  };
}

function resolve(store: Store, id: string): string {
  try {
    return store.resolveRunId(id);
  } catch (error) {
    throw new SplitsInputError((error as Error).message);
  }
}

/** One eval command per split, with the split's first registered suite. */
function perSplit(hint: (suite: string) => string): string {
  return SPLITS.map((split) => listSuites().find((s) => s.split === split)?.name)
    .filter((n): n is string => n !== undefined)
    .map(hint)
    .join(" and ");
}

function suiteList(): string {
  return listSuites().map((s) => `${s.name} [${s.split}]`).join(", ");
}

function evalHint(model: string, judge: string | null): (suite: string) => string {
  const quote = (s: string) => (/^[\w:./@-]+$/.test(s) ? s : `"${s}"`);
  return (suite) => `\`plumbline eval --model ${quote(model)} --suite ${suite}${judge ? ` --judge ${quote(judge)}` : ""}\``;
}

/** The human report: per judge, a table of suites with their split, the pooled rows, and the gap line. */
export function renderSplits(report: SplitsReport): string {
  const out: string[] = [`Model ${report.model}: in-distribution vs held-out harmful rates${report.selection === "latest-complete" ? " (latest complete run per suite)" : ""}`];
  for (const g of report.groups) {
    out.push("");
    out.push(`Judge ${g.judge}`);
    const row = (name: string, split: string, run: string, s: { episodes: number; scored: number; harmful: number; unscored: number; rate: number | null; ci95: [number, number] }) => [
      name,
      split,
      run,
      s.episodes,
      s.scored,
      s.harmful,
      s.unscored,
      pct(s.rate),
      interval(s.ci95),
    ];
    const pooledRow = (label: string, p: SplitPool) => row(label, p.split, `${p.suites.length} suite(s)`, p);
    out.push(
      table(
        ["suite", "split", "run", "episodes", "scored", "harmful", "unscored", "rate", "95% CI"],
        [...g.suites.map((s) => row(s.suite, s.split, s.runId, s)), pooledRow("pooled ID", g.inDistribution), pooledRow("pooled held-out", g.heldOut)],
        ["l", "l", "l", "r", "r", "r", "r", "r", "r"],
      ),
    );
    const d = g.gap.difference;
    out.push(
      d === null
        ? "Gap (ID - held-out): n/a (a split has nothing scored)"
        : `Gap (ID - held-out): ${d >= 0 ? "+" : ""}${(d * 100).toFixed(1)} pts  95% CI ${g.gap.ci95 ? `[${signedPts(g.gap.ci95[0])}, ${signedPts(g.gap.ci95[1])}]` : "n/a"} (Newcombe)  Fisher exact p ${pValue(g.gap.pValue)}`,
    );
    for (const c of g.caveats) out.push(`Note: ${c}`);
  }
  out.push("");
  out.push(report.pooling);
  return out.join("\n");
}

function signedPts(x: number): string {
  return `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}`;
}
