import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createModelClient } from "../../model/client.js";
import { parseModelSpec } from "../../model/spec.js";
import { priceFor } from "../../model/pricing.js";
import { assertNoSecrets, openPipelineStore, redactSecrets, type PipelineStatus, type PipelineStore, type StageItemInput } from "../../store/index.js";
import { hashValue } from "../../util/hash.js";
import { PACKAGE_VERSION } from "../../version.js";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import { ExampleSchema, exampleText, type Example } from "../types.js";
import { Budget } from "./budget.js";
import { finalizeLineage, runStageUnit, stageRecord, type ItemRef, type StoredUnit, type TrackedItem } from "./context.js";
import { estimatePipeline, type PipelineEstimate } from "./estimate.js";
import { FatalPipelineError } from "./errors.js";
import type { PipelineEvent, StageKind, StageSummary } from "./events.js";
import { writeAtomic } from "../../util/write-atomic.js";
import { corpusFor, decontamStep, dedupStep, derivedFromReason, exportFormats, selectStep, writeRejected, type ExportResult, type Removed } from "./finish.js";
import { GRADE_STAGE, GRADE_VERSION, gradeDecision, gradeExample, GradeVerdictSchema, type GradeVerdict } from "./grade.js";
import { templateKey, unitKey } from "./keys.js";
import { addUsage, emptyUsage, modelCaller, responseCache, type PipelineModel, type UnitUsage } from "./models.js";
import { preparePipeline, runEnvOf, type PipelineOptions, type Prepared } from "./prepare.js";
import { applyRules, defaultRules } from "./rules.js";
import type { Stage } from "./types.js";
import { runUnits, type RunUnitsResult } from "./units.js";

/**
 * runPipeline: the whole of `plumbline generate`. Source -> the recipe's stages (each unit cached) -> grade
 * (rules, then the grader, cached) -> dedup -> decontaminate -> select to the token target -> export with
 * dataset cards, rejected.jsonl, decontamination.json and manifest.json. Each stage's items are recorded for
 * `plumbline data show`. A budget stop, an interrupt or failed units end the run early with everything
 * finished kept; the same command resumes.
 */

export type PipelineRunStatus = "complete" | "stopped" | "interrupted" | "failed" | "dry-run";

export interface DatasetSummary {
  examples: number;
  tokens: number;
  trainedTokens: number;
  targetTokens: number | null;
  /** The token target could not be met: everything that passed was taken. */
  short: boolean;
  tokenizer: { name: string; exact: boolean; note: string };
  formats: Array<{ format: string; dataPath: string; cardPath: string; written: number; skipped: number }>;
  files: { manifest: string; rejected: string; decontamination: string; lineage: string; examples: string };
  /** Examples left out, by the stage that left them out. */
  rejectedByStage: Record<string, number>;
}

export interface PipelineResult {
  pipelineId: string;
  recipe: string;
  status: PipelineRunStatus;
  /** True when the pipeline existed in the store before this run. */
  resumed: boolean;
  /** For anything but "complete": what happened and what to do. */
  message?: string;
  stages: StageSummary[];
  totals: { requests: number; cachedUnits: number; freshUnits: number; inputTokens: number; outputTokens: number; costUsd: number | null };
  failures: Array<{ stage: string; itemId: string; message: string }>;
  dataset?: DatasetSummary;
  estimate?: PipelineEstimate;
  out?: string;
}

const EMPTY_TOTALS = (): PipelineResult["totals"] => ({ requests: 0, cachedUnits: 0, freshUnits: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const prepared = await preparePipeline(options);
  if (options.dryRun) {
    const estimate = await estimatePipeline(prepared);
    return {
      pipelineId: prepared.pipelineId,
      recipe: prepared.recipe.name,
      status: "dry-run",
      resumed: false,
      stages: [],
      totals: EMPTY_TOTALS(),
      failures: [],
      estimate,
    };
  }
  const store = openPipelineStore(options.dbPath ?? DEFAULT_DB_PATH);
  const models = new Map<string, PipelineModel>();
  try {
    return await run(prepared, store, models);
  } finally {
    await Promise.all([...models.values()].map((m) => m.client.close()));
    store.close();
  }
}

/** The pipeline id the options name (runs the recipe's source, which makes no requests). */
export async function pipelineIdFor(options: PipelineOptions): Promise<string> {
  return (await preparePipeline({ ...options, dryRun: true })).pipelineId;
}

async function model(p: Prepared, models: Map<string, PipelineModel>, spec: string): Promise<PipelineModel> {
  let m = models.get(spec);
  if (!m) {
    const client = await createModelClient(spec, {
      concurrency: p.concurrency,
      ...(p.options.timeoutMs !== undefined ? { timeoutMs: p.options.timeoutMs } : {}),
      ...(p.options.retry ? { retry: p.options.retry } : {}),
      ...(p.options.transport ? { transport: p.options.transport } : {}),
    });
    const parsed = parseModelSpec(spec);
    m = { spec, client, price: priceFor(parsed.provider, parsed.model) };
    models.set(spec, m);
  }
  return m;
}

function refColumns(item: { ref: ItemRef; value: unknown }): Pick<StageItemInput, "unitKey" | "outIndex" | "item"> {
  return "inline" in item.ref ? { item: item.value } : { unitKey: item.ref.unitKey, outIndex: item.ref.outIndex };
}

function summary(stage: string, kind: StageKind, version: string, t0: number, fields: Partial<StageSummary>): StageSummary {
  return {
    stage,
    kind,
    version,
    input: 0,
    output: 0,
    rejected: 0,
    pending: 0,
    failed: 0,
    cachedUnits: 0,
    freshUnits: 0,
    requests: 0,
    cachedRequests: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    ...fields,
    ms: Date.now() - t0,
  };
}

function usageFields(units: RunUnitsResult): Partial<StageSummary> {
  return {
    cachedUnits: units.cached,
    freshUnits: units.fresh,
    failed: units.failures.length,
    requests: units.usage.requests,
    cachedRequests: units.usage.cachedRequests,
    inputTokens: units.usage.inputTokens,
    outputTokens: units.usage.outputTokens,
    costUsd: units.usage.costUsd,
  };
}

async function run(p: Prepared, store: PipelineStore, models: Map<string, PipelineModel>): Promise<PipelineResult> {
  const { recipe, pipelineId, options } = p;
  const emit = (e: PipelineEvent) => options.onEvent?.(e);
  /** Adds each finished unit's usage to the stage's running total and reports progress with it. */
  const reportUnits =
    (stage: string, running: UnitUsage) =>
    (progress: { done: number; total: number; cached: number; usage: UnitUsage }): void => {
      addUsage(running, progress.usage);
      const { requests, inputTokens, outputTokens, costUsd } = running;
      emit({ type: "progress", stage, done: progress.done, total: progress.total, cached: progress.cached, requests, inputTokens, outputTokens, costUsd });
    };
  const out = resolve(options.out!);

  // Clients first: a missing key or a bad spec fails here, before anything is written.
  const teacher = recipe.needsTeacher && p.teacher ? await model(p, models, p.teacher) : undefined;
  const grader = p.grader ? await model(p, models, p.grader) : undefined;
  const budget = new Budget({
    ...(options.maxRequests !== undefined ? { maxRequests: options.maxRequests } : {}),
    ...(options.maxCostUsd !== undefined ? { maxCostUsd: options.maxCostUsd } : {}),
  });
  const readCache = options.cache !== false;
  const env = runEnvOf(p, { teacher, grader, budget, cache: responseCache(store, readCache) });

  const manifestBase = {
    pipelineId,
    plumblineVersion: PACKAGE_VERSION,
    node: process.version,
    recipe: { name: recipe.name, version: recipe.version, options: p.recipeOptions },
    teacher: recipe.needsTeacher ? p.teacher : null,
    grader: p.grader ?? "none",
    seed: p.seed,
    constitution: { name: p.constitution.name, hash: p.constitution.hash, source: p.constitution.source, used: Boolean(recipe.usesConstitution) },
    templates: {
      overrideDir: p.templates.overrideDir ?? null,
      overrides: p.templates.overrides,
      byStage: Object.fromEntries([
        ...recipe.stages.map((s, i) => [s.name, p.stageTemplates[i]!.map((t) => `${t.id}@${t.version}`)]),
        ...(p.grader ? [[GRADE_STAGE, [`${p.gradeTemplate.id}@${p.gradeTemplate.version}`]]] : []),
      ]),
    },
    settings: {
      input: options.input ? resolve(options.input) : null,
      targetTokens: options.targetTokens ?? null,
      tokenizer: { spec: options.tokenizer ?? null, name: p.tokenizer.name, exact: p.tokenizer.exact },
      formats: p.formats,
      minQuality: p.grader ? p.minQuality : null,
      dedupThreshold: p.dedupThreshold,
      concurrency: p.concurrency,
      maxRequests: options.maxRequests ?? null,
      maxCostUsd: options.maxCostUsd ?? null,
      cache: readCache,
    },
    identity: p.identity,
  };
  const { created } = store.ensurePipeline(pipelineId, recipe.name, { ...manifestBase, out });
  store.setPipelineStatus(pipelineId, "running");
  emit({ type: "start", pipelineId, recipe: recipe.name, resumed: !created, items: p.items.length });

  const stages: StageSummary[] = [];
  const failures: PipelineResult["failures"] = [];
  const removed: Removed[] = [];
  const totals = EMPTY_TOTALS();
  const account = (s: StageSummary) => {
    stages.push(s);
    totals.requests += s.requests;
    totals.cachedUnits += s.cachedUnits;
    totals.freshUnits += s.freshUnits;
    totals.inputTokens += s.inputTokens;
    totals.outputTokens += s.outputTokens;
    totals.costUsd = totals.costUsd === null || s.costUsd === null ? null : totals.costUsd + s.costUsd;
    emit({ type: "stage-end", summary: s });
  };
  const finish = (status: Exclude<PipelineStatus, "running">, message?: string, extra: Partial<PipelineResult> = {}): PipelineResult => {
    store.setPipelineStatus(pipelineId, status);
    return { pipelineId, recipe: recipe.name, status, resumed: !created, ...(message ? { message } : {}), stages, totals, failures, out, ...extra };
  };
  let position = 0;

  // --- source
  {
    const t0 = Date.now();
    emit({ type: "stage-start", stage: p.sourceName, kind: "source", total: p.items.length });
    const rows: StageItemInput[] = [
      ...p.items.map((i) => ({ itemId: i.id, status: "output" as const, item: i.value })),
      ...p.sourceRejected.map((r) => ({ itemId: r.id, status: "rejected" as const, item: r.value, detail: { reasons: [r.reason] } })),
    ];
    for (const r of p.sourceRejected) removed.push({ example: r.value as Example, stage: p.sourceName, reasons: [r.reason] });
    const s = summary(p.sourceName, "source", recipe.version, t0, { input: p.items.length + p.sourceRejected.length, output: p.items.length, rejected: p.sourceRejected.length });
    store.saveStage(pipelineId, { stage: p.sourceName, position: position++, kind: "source", version: recipe.version, complete: true, summary: s }, rows);
    account(s);
  }

  // --- the recipe's stages
  let items: TrackedItem[] = p.items;
  for (const [i, stage] of recipe.stages.entries()) {
    const declared = p.stageTemplates[i]!;
    const t0 = Date.now();
    const running = emptyUsage();
    emit({ type: "stage-start", stage: stage.name, kind: "map", total: items.length });
    const units = await runUnits<TrackedItem>({
      stage: stage.name,
      stageVersion: stage.version,
      items,
      keyOf: (item) => stageUnitKey(p, stage, declared, item),
      usesModel: Boolean(stage.uses?.teacher || stage.uses?.grader),
      work: (item, _i, unit) => runStageUnit(env, stage, declared, item, unit),
      store,
      readCache,
      concurrency: p.concurrency,
      signal: options.signal,
      onUnit: reportUnits(stage.name, running),
    });

    const next: TrackedItem[] = [];
    const rows: StageItemInput[] = [];
    const seen = new Map<string, number>();
    let rejectedHere = 0;
    let pending = 0;
    const failureByIndex = new Map(units.failures.map((f) => [f.index, f.message]));
    items.forEach((item, index) => {
      const outcome = units.outcomes[index];
      if (!outcome) {
        pending++;
        const failure = failureByIndex.get(index);
        if (failure) failures.push({ stage: stage.name, itemId: item.id, message: failure });
        rows.push({ itemId: item.id, status: "pending", ...refColumns(item), ...(failure ? { detail: { error: failure } } : {}) });
        return;
      }
      const stored = outcome.output as StoredUnit;
      stored.outputs.forEach((o, outIndex) => {
        const n = (seen.get(o.id) ?? 0) + 1;
        seen.set(o.id, n);
        const id = n === 1 ? o.id : `${o.id}#${n}`;
        next.push({ id, value: o.value, trail: [...item.trail, stageRecord(stage.name, stored, o.value)], ref: { unitKey: outcome.key, outIndex } });
        rows.push({ itemId: id, status: "output", unitKey: outcome.key, outIndex });
      });
      stored.rejected.forEach((r, outIndex) => {
        rejectedHere++;
        removed.push({ example: r.value as Example, stage: stage.name, reasons: [r.reason] });
        rows.push({ itemId: r.id, status: "rejected", unitKey: outcome.key, outIndex, detail: { reasons: [r.reason] } });
      });
    });
    const complete = pending === 0;
    const s = summary(stage.name, "map", stage.version, t0, { input: items.length, output: next.length, rejected: rejectedHere, pending, ...usageFields(units) });
    store.saveStage(pipelineId, { stage: stage.name, position: position++, kind: "map", version: stage.version, complete, summary: s }, rows);
    account(s);
    const early = stopEarly(units, stage.name, pending, budget);
    if (early) return finish(early.status, early.message);
    if (options.signal?.aborted) return finish("interrupted", interruptedAfter(stage.name));
    items = next;
  }

  // --- the last stage's items must be examples of the recipe's kind
  const examples: Array<{ example: Example; item: TrackedItem }> = [];
  const exampleIds = new Map<string, number>();
  for (const item of items) {
    const parsed = ExampleSchema.safeParse(item.value);
    if (!parsed.success || parsed.data.kind !== recipe.output) {
      const issue = parsed.success ? `kind "${parsed.data.kind}" instead of "${recipe.output}"` : `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`;
      store.setPipelineStatus(pipelineId, "failed");
      throw new FatalPipelineError(`recipe "${recipe.name}": the last stage output item ${item.id}, which is not a valid ${recipe.output} example (${issue}); this is a bug in the recipe`);
    }
    // Example ids name rows in every export and report: make them unique (a recipe may reuse an input's id).
    const n = (exampleIds.get(parsed.data.id) ?? 0) + 1;
    exampleIds.set(parsed.data.id, n);
    const example = n === 1 ? parsed.data : { ...parsed.data, id: `${parsed.data.id}#${n}` };
    examples.push({ example: finalizeLineage(env, example, item.trail), item });
  }

  // --- grade: rules, then the grader
  const rules = [...defaultRules(p.templates), ...(recipe.rules ?? [])];
  const kept: Array<{ example: Example; item: TrackedItem }> = [];
  {
    const t0 = Date.now();
    const version = p.grader ? `${GRADE_VERSION}+${p.gradeTemplate.version}` : `rules-${GRADE_VERSION}`;
    emit({ type: "stage-start", stage: GRADE_STAGE, kind: "grade", total: examples.length });
    const rows: StageItemInput[] = [];
    const toGrade: Array<{ example: Example; item: TrackedItem }> = [];
    const reject = (e: { example: Example; item: TrackedItem }, reasons: string[], detail: unknown) => {
      removed.push({ example: e.example, stage: GRADE_STAGE, reasons });
      rows.push({ itemId: e.example.id, status: "rejected", ...refColumns({ ref: e.item.ref, value: e.example }), detail });
    };
    for (const e of examples) {
      const reasons = applyRules(e.example, rules);
      if (reasons.length > 0) reject(e, reasons, { reasons });
      else toGrade.push(e);
    }
    let units: RunUnitsResult | undefined;
    let pending = 0;
    if (!grader) {
      for (const e of toGrade) {
        kept.push(e);
        rows.push({ itemId: e.example.id, status: "kept", ...refColumns({ ref: e.item.ref, value: e.example }) });
      }
    } else {
      const running = emptyUsage();
      const purposeHash = hashValue(p.gradingPurpose);
      units = await runUnits({
        stage: GRADE_STAGE,
        stageVersion: GRADE_VERSION,
        items: toGrade,
        keyOf: (e) =>
          unitKey({
            stage: GRADE_STAGE,
            stageVersion: GRADE_VERSION,
            templates: templateKey([p.gradeTemplate]),
            models: { grader: grader.spec },
            constitutionHash: null,
            seed: p.seed,
            optionsHash: purposeHash,
            inputHash: hashValue(e.example),
          }),
        usesModel: true,
        work: async (e, _i, unit) => {
          let calls = 0;
          const caller = modelCaller(grader, {
            budget,
            cache: env.cache,
            tokenizer: p.tokenizer,
            usage: unit.usage,
            signal: unit.signal,
            nextSeed: () => parseInt(hashValue([p.seed, GRADE_STAGE, e.example.id, calls++]).slice(0, 8), 16) & 0x7fffffff,
          });
          return gradeExample(caller, p.gradeTemplate, p.gradingPurpose, e.example);
        },
        store,
        readCache,
        concurrency: p.concurrency,
        signal: options.signal,
        onUnit: reportUnits(GRADE_STAGE, running),
      });
      const failureByIndex = new Map(units.failures.map((f) => [f.index, f.message]));
      toGrade.forEach((e, index) => {
        const outcome = units!.outcomes[index];
        if (!outcome) {
          pending++;
          const failure = failureByIndex.get(index);
          if (failure) failures.push({ stage: GRADE_STAGE, itemId: e.example.id, message: failure });
          rows.push({ itemId: e.example.id, status: "pending", ...refColumns({ ref: e.item.ref, value: e.example }), ...(failure ? { detail: { error: failure } } : {}) });
          return;
        }
        const verdict = GradeVerdictSchema.parse(outcome.output) as GradeVerdict;
        const decision = gradeDecision(verdict, p.minQuality);
        const graded = { ...e.example, lineage: { ...e.example.lineage, grader: grader.spec, stages: [...e.example.lineage.stages, { name: GRADE_STAGE, templateId: p.gradeTemplate.id, templateVersion: p.gradeTemplate.version, model: grader.spec, outputHash: hashValue(verdict).slice(0, 16) }] } };
        const detail = { verdict, ...(decision.keep ? {} : { reasons: decision.reasons }), gradeUnit: outcome.key };
        if (decision.keep) {
          kept.push({ example: graded, item: e.item });
          rows.push({ itemId: e.example.id, status: "kept", ...refColumns({ ref: e.item.ref, value: graded }), detail });
        } else {
          reject({ example: graded, item: e.item }, decision.reasons, detail);
        }
      });
    }
    const s = summary(GRADE_STAGE, "grade", version, t0, {
      input: examples.length,
      output: kept.length,
      rejected: examples.length - kept.length - pending,
      pending,
      ...(units ? usageFields(units) : {}),
      note: `${rules.length} rules${grader ? `, grader ${grader.spec}, min quality ${p.minQuality}` : ", no grader"}`,
    });
    store.saveStage(pipelineId, { stage: GRADE_STAGE, position: position++, kind: "grade", version, complete: pending === 0, summary: s }, rows);
    account(s);
    if (units) {
      const early = stopEarly(units, GRADE_STAGE, pending, budget);
      if (early) return finish(early.status, early.message);
    }
    if (options.signal?.aborted) return finish("interrupted", interruptedAfter(GRADE_STAGE));
  }

  const byId = new Map(kept.map((k) => [k.example.id, k]));
  const rowFor = (e: Example, status: "kept" | "removed", detail?: unknown): StageItemInput => ({
    itemId: e.id,
    status,
    ...refColumns({ ref: byId.get(e.id)?.item.ref ?? { inline: true }, value: e }),
    ...(detail !== undefined ? { detail } : {}),
  });
  // dedup and decontaminate record alike: every survivor kept, every removal with its reasons.
  const saveFilterStage = (s: StageSummary, result: { kept: Example[]; removed: Removed[] }) => {
    store.saveStage(pipelineId, { stage: s.stage, position: position++, kind: s.kind, version: s.version, complete: true, summary: s }, [
      ...result.kept.map((e) => rowFor(e, "kept")),
      ...result.removed.map((r) => rowFor(r.example, "removed", { reasons: r.reasons })),
    ]);
    account(s);
  };

  // --- dedup
  const t1 = Date.now();
  emit({ type: "stage-start", stage: "dedup", kind: "dedup", total: kept.length });
  const dedup = dedupStep(
    kept.map((k) => k.example),
    recipe.dedupText ?? exampleText,
    p.dedupThreshold,
  );
  removed.push(...dedup.removed);
  saveFilterStage(
    summary("dedup", "dedup", "minhash", t1, { input: kept.length, output: dedup.kept.length, rejected: dedup.removed.length, note: `exact ${dedup.stats.byMethod.exact}, minhash ${dedup.stats.byMethod.minhash} (threshold ${p.dedupThreshold})` }),
    dedup,
  );

  // --- decontaminate against every registered eval suite, except those the recipe derives from by design
  const t2 = Date.now();
  emit({ type: "stage-start", stage: "decontaminate", kind: "decontaminate", total: dedup.kept.length });
  const corpus = corpusFor(options.decontamination?.corpus, p.derivedFrom);
  const excluded = p.derivedFrom.map((suite) => ({ suite, reason: derivedFromReason(recipe.name) }));
  let decon: ReturnType<typeof decontamStep>;
  try {
    decon = decontamStep(dedup.kept, corpus, options.decontamination?.options ?? {}, excluded);
  } catch (error) {
    // A held-out suite named as a source: refuse the data, say which.
    store.setPipelineStatus(pipelineId, "failed");
    throw new FatalPipelineError(`decontamination refused the data: ${(error as Error).message}`);
  }
  removed.push(...decon.removed);
  saveFilterStage(
    summary("decontaminate", "decontaminate", "ngram+minhash", t2, {
      input: dedup.kept.length,
      output: decon.kept.length,
      rejected: decon.removed.length,
      note:
        `checked against ${decon.corpus.passages} passages of ${decon.corpus.suites.map((x) => x.name).join(", ") || "no suite"}` +
        (excluded.length > 0 ? `; not against ${excluded.map((x) => x.suite).join(", ")} (the recipe derives from them)` : ""),
    }),
    decon,
  );

  // --- select to the token target
  const t3 = Date.now();
  emit({ type: "stage-start", stage: "select", kind: "select", total: decon.kept.length });
  const select = selectStep(decon.kept, options.targetTokens, p.tokenizer, p.seed, recipe.name);
  {
    const note =
      select.targetTokens === null
        ? `no target: all ${select.selectedTokens} tokens taken`
        : select.short
          ? `target ${select.targetTokens} tokens NOT met: only ${select.availableTokens} available after filtering; raise the source size or lower the target`
          : `${select.selectedTokens} of ${select.availableTokens} tokens (target ${select.targetTokens})`;
    const s = summary("select", "select", "mix", t3, { input: decon.kept.length, output: select.selected.length, note });
    const chosen = new Set(select.selected.map((e) => e.id));
    store.saveStage(pipelineId, { stage: "select", position: position++, kind: "select", version: "mix", complete: true, summary: s }, [
      ...select.selected.map((e) => rowFor(e, "kept")),
      ...select.notSelected.filter((e) => !chosen.has(e.id)).map((e) => rowFor(e, "removed", { reasons: ["over the token target"] })),
    ]);
    account(s);
  }

  // --- files
  const t4 = Date.now();
  emit({ type: "stage-start", stage: "export", kind: "export", total: select.selected.length });
  const files = {
    manifest: join(out, "manifest.json"),
    rejected: join(out, "rejected.jsonl"),
    decontamination: join(out, "decontamination.json"),
    lineage: join(out, "lineage.jsonl"),
    examples: join(out, "examples.jsonl"),
  };
  await mkdir(out, { recursive: true });
  await writeRejected(files.rejected, removed);
  await writeAtomic(
    files.decontamination,
    `${JSON.stringify({ ...decon.report, corpus: decon.corpus, notChecked: decon.excluded, options: options.decontamination?.options ?? {}, examples: decon.details }, null, 2)}\n`,
  );
  const rejectedByStage: Record<string, number> = {};
  for (const r of removed) rejectedByStage[r.stage] = (rejectedByStage[r.stage] ?? 0) + 1;

  if (select.selected.length === 0) {
    const message = `no examples left to export: ${Object.entries(rejectedByStage).map(([k, n]) => `${n} left out at ${k}`).join(", ") || "the source produced none"}. See ${files.rejected} for the reasons.`;
    await writeManifest(files.manifest, { ...manifestBase, out, status: "failed", message, stages, totals, files });
    return finish("failed", message);
  }

  const generation: Record<string, string | number | boolean> = {
    pipeline: pipelineId,
    recipe: `${recipe.name}@${recipe.version}`,
    seed: p.seed,
    grader: p.grader ?? "none",
    ...(recipe.needsTeacher && p.teacher ? { teacher: p.teacher } : {}),
    ...(options.targetTokens !== undefined ? { "target tokens": options.targetTokens } : {}),
    ...(p.grader ? { "min quality": p.minQuality } : {}),
    "dedup threshold": p.dedupThreshold,
  };
  const exports: ExportResult[] = await exportFormats(out, p.formats, select.selected, {
    name: `${recipe.name} (Plumbline)`,
    description: `${recipe.description}\n\nPipeline \`${pipelineId}\`; generation settings, lineage and stage counts are in \`../manifest.json\`; examples left out, with reasons, in \`../rejected.jsonl\`.`,
    tokenizer: p.tokenizer,
    decontamination: {
      checked: decon.report.checked,
      removed: decon.report.removed,
      byMethod: { ...decon.report.byMethod },
      bySource: decon.report.bySource,
      checkedSuites: decon.corpus.suites.map((x) => x.name),
      ...(decon.excluded.length > 0 ? { notChecked: decon.excluded } : {}),
    },
    dedup: { checked: dedup.stats.checked, removed: dedup.stats.removed, byMethod: { ...dedup.stats.byMethod } },
    generation,
  });
  const first = exports[0]!;
  const dataset: DatasetSummary = {
    examples: select.selected.length,
    tokens: first.tokens.tokens,
    trainedTokens: first.tokens.trainedTokens,
    targetTokens: select.targetTokens,
    short: select.short,
    tokenizer: { name: p.tokenizer.name, exact: p.tokenizer.exact, note: p.tokenizer.note },
    formats: exports.map((e) => ({ format: e.format, dataPath: e.dataPath, cardPath: e.cardPath, written: e.written, skipped: e.skipped.length })),
    files,
    rejectedByStage,
  };
  {
    const s = summary("export", "export", "1", t4, { input: select.selected.length, output: first.written, note: exports.map((e) => `${e.format}: ${e.written} written, ${e.skipped.length} skipped`).join("; ") });
    store.saveStage(pipelineId, { stage: "export", position: position++, kind: "export", version: "1", complete: true, summary: s }, []);
    account(s);
  }
  const manifest = {
    ...manifestBase,
    out,
    status: "complete",
    stages,
    totals,
    dedup: dedup.stats,
    decontamination: { ...decon.report, corpus: decon.corpus, notChecked: decon.excluded },
    selection: { targetTokens: select.targetTokens, availableTokens: select.availableTokens, selectedTokens: select.selectedTokens, short: select.short, notSelected: select.notSelected.length },
    dataset,
  };
  // The exported examples in Plumbline's own shape (every kind, lineage included): what `plumbline mix` reads.
  await writeAtomic(files.examples, select.selected.map((e) => `${redactSecrets(JSON.stringify(e))}\n`).join(""));
  // One line per exported example: its id and full lineage (the export formats have no field for it).
  await writeAtomic(files.lineage, select.selected.map((e) => `${redactSecrets(JSON.stringify({ id: e.id, lineage: e.lineage, meta: e.meta ?? null }))}\n`).join(""));
  await writeManifest(files.manifest, manifest);
  store.updatePipelineManifest(pipelineId, { ...manifestBase, out, status: "complete", stages, totals, dataset });
  return finish("complete", select.short ? `the token target was not met: ${select.selectedTokens} of ${select.targetTokens} tokens (everything that passed)` : undefined, { dataset });
}

function stageUnitKey(p: Prepared, stage: Stage, declared: Parameters<typeof templateKey>[0], item: TrackedItem): string {
  return unitKey({
    stage: stage.name,
    stageVersion: stage.version,
    templates: templateKey(declared),
    models: {
      ...(stage.uses?.teacher && p.teacher ? { teacher: p.teacher } : {}),
      ...(stage.uses?.grader && p.grader ? { grader: p.grader } : {}),
    },
    constitutionHash: stage.uses?.constitution ? p.constitution.hash : null,
    seed: p.seed,
    optionsHash: p.optionsHash,
    inputHash: hashValue({ id: item.id, value: item.value }),
  });
}

/** When a stage did not finish: the pipeline status and the message to show; undefined when it finished. */
function stopEarly(units: RunUnitsResult, stage: string, pending: number, budget: Budget): { status: Exclude<PipelineStatus, "running">; message: string } | undefined {
  if (pending === 0) return undefined;
  const done = `${units.cached + units.fresh} of ${units.cached + units.fresh + pending} units of stage "${stage}" are done and saved`;
  if (units.stopped === "budget") {
    return {
      status: "stopped",
      message: `Budget reached: ${budget.exhausted ?? "limit reached"}. ${done}. Nothing was exported. Re-run the same command (with a higher limit, or none) to resume: finished work is not repeated.`,
    };
  }
  if (units.stopped === "interrupted") {
    return { status: "interrupted", message: `Interrupted: ${done}; units in flight will run next time. Re-run the same command to resume.` };
  }
  const first = units.failures[0]?.message ?? "unknown error";
  return {
    status: "failed",
    message: `${units.failures.length} unit(s) of stage "${stage}" failed (first: ${first}). ${done}. Nothing was exported. Re-run the same command to retry the failed units; finished work is not repeated.`,
  };
}

function interruptedAfter(stage: string): string {
  return `Interrupted after stage "${stage}" finished; everything so far is saved. Re-run the same command to resume.`;
}

async function writeManifest(path: string, manifest: unknown): Promise<void> {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  assertNoSecrets(text, "pipeline manifest");
  await writeAtomic(path, text);
}

export type { PipelineOptions };
export type { UnitUsage };
