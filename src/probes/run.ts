import { setMaxListeners } from "node:events";
import { APICallError, generateText } from "ai";
import { ConstitutionError, loadConstitution, type Constitution } from "../data/constitution/index.js";
import { DEFAULT_DB_PATH } from "../eval/run-eval.js";
import { createModelClient, MissingApiKeyError, type ModelClient } from "../model/client.js";
import { EndpointUnreachableError, type RetryPolicy } from "../model/http.js";
import { parseModelSpec } from "../model/spec.js";
import type { Transport } from "../model/transport.js";
import { parseSimModel, SimOptionError } from "../sim/options.js";
import { openStore, type Store } from "../store/index.js";
import { hashValue, sha256 } from "../util/hash.js";
import { PACKAGE_VERSION } from "../version.js";
import { buildProbeSet, PERSONA_PATTERN } from "./generate.js";
import { judgeProbeAnswer, type ProbeJudgement } from "./judge.js";
import { aggregateProbes, PROBE_GAP_METHOD, gapVerdict, type ProbeCell, type ProbeGap } from "./report.js";
import { scoreByRules } from "./score.js";
import { DEFAULT_PERSONA, PROBE_MODES, type Probe, type ProbeKind, type ProbeMode, type ProbeSet, type RuleScore, type Subject } from "./types.js";

export interface ProbeOptions {
  /** Model spec under test, e.g. "sim:aligned", "openai:gpt-4.1". */
  model: string;
  /** A constitution file path, a parsed constitution, or nothing for Plumbline's default. */
  constitution?: string | Constitution;
  /** in-context (default): the constitution is in the system prompt. trained: it is not. */
  mode?: ProbeMode;
  /** Answers per question (default 3). */
  samples?: number;
  /** Judge model spec, or "none" (the default): deterministic rules only. */
  judge?: string;
  /** Requests in flight per model (default 8). */
  concurrency?: number;
  seed?: number;
  /** The named assistant of the persona questions (default "Vesta"). */
  persona?: string;
  temperature?: number;
  maxOutputTokens?: number;
  /** SQLite file whose response cache makes a re-run free (default .plumbline/plumbline.db). */
  dbPath?: string;
  /** Use this store instead of opening dbPath (the caller keeps ownership). */
  store?: Store;
  /** Response cache (default on). */
  cache?: boolean;
  timeoutMs?: number;
  retry?: RetryPolicy;
  transport?: Transport;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** Everything needed to reproduce a probe run, and no secrets. */
export interface ProbeManifest {
  plumblineVersion: string;
  probeSetVersion: string;
  /** sha256 of the probe set (questions, key points, premises, system prompt). */
  probeSetHash: string;
  model: string;
  judge: string;
  mode: ProbeMode;
  seed: number;
  samples: number;
  persona: string;
  temperature: number;
  maxOutputTokens: number;
  constitution: { name: string; title: string; source: string; hash: string; sections: number };
  node: string;
}

export interface ProbeAnswerRecord {
  probeId: string;
  pair: string;
  kind: ProbeKind;
  subject: Subject;
  sectionId: string;
  sample: number;
  seed: number;
  question: string;
  /** null when the request failed (see error). */
  answer: string | null;
  error?: string;
  rules: RuleScore | null;
  judge?: { ok: true; pass: boolean; rationale: string } | { ok: false; error: string };
  /** The verdict counted: the judge's when there is one, else the rules'. null: not scored. */
  pass: boolean | null;
}

export interface ProbeReport {
  manifest: ProbeManifest;
  cells: ProbeCell[];
  gaps: ProbeGap[];
  gapMethod: string;
  /** The verdict on the pooled gap (all kinds). */
  verdict: string;
  /** With a judge: how often the judge and the rules agree, over answers both scored. */
  agreement: { agree: number; n: number } | null;
  /** Requests sent to the model and judge, and those answered from the cache. */
  requests: { sent: number; cached: number };
  answers: ProbeAnswerRecord[];
  durationMs: number;
}

/** Bad options: nothing was sent or written. */
export class ProbeInputError extends Error {
  override name = "ProbeInputError";
}

/** A failure every request would share (endpoint down, key rejected, unknown model): the run stops. */
export class ProbeRunError extends Error {
  override name = "ProbeRunError";
}

/** The seed of every request in sample `s`: the same for a re-run, different between samples. */
export function probeSampleSeed(runSeed: number, sample: number): number {
  return parseInt(sha256(`${runSeed}:probe:${sample}`).slice(0, 8), 16) & 0x7fffffff;
}

function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new ProbeInputError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function checkSpec(spec: string, role: string): string {
  const parsed = parseModelSpec(spec);
  if (parsed.provider === "sim") {
    try {
      parseSimModel(parsed.model);
    } catch (error) {
      if (error instanceof SimOptionError) throw new ProbeInputError(`${role} "${spec}": ${error.message}`);
      throw error;
    }
  }
  return parsed.canonical;
}

function resolveConstitution(c: ProbeOptions["constitution"]): Constitution {
  if (c !== undefined && typeof c !== "string") return c;
  try {
    return loadConstitution(c);
  } catch (error) {
    if (error instanceof ConstitutionError) throw new ProbeInputError(error.message);
    throw error;
  }
}

function isFatal(error: unknown): boolean {
  if (error instanceof EndpointUnreachableError || error instanceof MissingApiKeyError) return true;
  if ((error as { cause?: unknown })?.cause instanceof EndpointUnreachableError) return true;
  // A rejected key, an unknown model or a request the endpoint refuses fails every question alike.
  return APICallError.isInstance(error) && [400, 401, 403, 404].includes(error.statusCode ?? 0);
}

function message(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof EndpointUnreachableError) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks every probe `samples` times, scores each answer by the rules (and the judge, if any), and aggregates pass
 * rates per kind x subject with the self-persona gap. Every answer goes through the response cache as soon as it
 * arrives, so an interrupted run loses only requests in flight, and a re-run sends nothing it has already sent.
 */
export async function runProbes(options: ProbeOptions): Promise<ProbeReport> {
  const started = Date.now();
  const model = checkSpec(options.model, "model");
  const judgeSpec = options.judge ?? "none";
  if (judgeSpec !== "none") checkSpec(judgeSpec, "judge");
  const mode = options.mode ?? "in-context";
  if (!(PROBE_MODES as readonly string[]).includes(mode)) throw new ProbeInputError(`mode must be one of ${PROBE_MODES.join(", ")}, got "${mode}"`);
  const samples = positiveInt(options.samples ?? 3, "samples");
  const concurrency = positiveInt(options.concurrency ?? 8, "concurrency");
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0) throw new ProbeInputError(`seed must be a non-negative integer, got ${seed}`);
  const persona = options.persona ?? DEFAULT_PERSONA;
  if (!PERSONA_PATTERN.test(persona)) throw new ProbeInputError(`persona "${persona}" must be one capitalised word of 2-30 letters, e.g. "${DEFAULT_PERSONA}"`);
  const temperature = options.temperature ?? 1;
  const maxOutputTokens = options.maxOutputTokens ?? 800;
  const constitution = resolveConstitution(options.constitution);
  const set: ProbeSet = buildProbeSet(constitution, { mode, persona });

  const manifest: ProbeManifest = {
    plumblineVersion: PACKAGE_VERSION,
    probeSetVersion: set.version,
    probeSetHash: hashValue(set),
    model,
    judge: judgeSpec,
    mode,
    seed,
    samples,
    persona,
    temperature,
    maxOutputTokens,
    constitution: { ...set.constitution, sections: constitution.sections.length },
    node: process.version,
  };

  const store = options.store ?? openStore(options.dbPath ?? DEFAULT_DB_PATH);
  const clients: ModelClient[] = [];
  try {
    const common = {
      concurrency,
      timeoutMs: options.timeoutMs ?? 120_000,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.cache === false ? {} : { cache: store }),
    };
    const agent = await createModelClient(model, common);
    clients.push(agent);
    // The judge is cached too: its request is fixed by the answer, so a re-run needs no new judgement.
    const judge = judgeSpec === "none" ? undefined : await createModelClient(judgeSpec, common);
    if (judge) clients.push(judge);

    const tasks = Array.from({ length: samples }, (_, sample) => set.probes.map((probe) => ({ probe, sample }))).flat();
    const answers: Array<ProbeAnswerRecord | undefined> = new Array(tasks.length);
    const stop = new AbortController();
    setMaxListeners(0, stop.signal);
    const onAbort = () => stop.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    let fatal: Error | undefined;
    let done = 0;
    let next = 0;

    const ask = async (probe: Probe, sample: number): Promise<ProbeAnswerRecord> => {
      const sampleSeed = probeSampleSeed(seed, sample);
      const base = { probeId: probe.id, pair: probe.pair, kind: probe.kind, subject: probe.subject, sectionId: probe.sectionId, sample, seed: sampleSeed, question: probe.question };
      let answer: string;
      try {
        const result = await generateText({
          model: agent.model,
          ...(set.system !== null ? { system: set.system } : {}),
          prompt: probe.question,
          temperature,
          maxOutputTokens,
          seed: sampleSeed,
          maxRetries: 0,
          abortSignal: stop.signal,
        });
        answer = result.text;
      } catch (error) {
        if (stop.signal.aborted || isFatal(error)) throw error;
        return { ...base, answer: null, error: message(error), rules: null, pass: null };
      }
      const rules = scoreByRules(answer, probe);
      if (!judge) return { ...base, answer, rules, pass: rules.pass };
      const j = await judgeProbeAnswer(judge.model, probe, constitution.section(probe.sectionId), answer, { seed: sampleSeed, abortSignal: stop.signal });
      const verdict: ProbeAnswerRecord["judge"] = j.ok ? { ok: true, ...(j.judgement as ProbeJudgement) } : { ok: false, error: j.error };
      return { ...base, answer, rules, judge: verdict, pass: j.ok ? j.judgement.pass : null };
    };

    await Promise.all(
      Array.from({ length: Math.min(tasks.length, concurrency) }, async () => {
        while (!stop.signal.aborted) {
          const i = next++;
          const task = tasks[i];
          if (!task) return;
          try {
            answers[i] = await ask(task.probe, task.sample);
          } catch (error) {
            if (!stop.signal.aborted && isFatal(error)) {
              fatal ??= new ProbeRunError(`${message(error)} (model "${model}"). Answers received so far are cached: re-run the same command to carry on.`);
              stop.abort();
            }
            return;
          }
          options.onProgress?.({ done: ++done, total: tasks.length });
        }
      }),
    );
    options.signal?.removeEventListener("abort", onAbort);
    if (fatal) throw fatal;
    if (stop.signal.aborted) throw options.signal?.reason instanceof Error ? options.signal.reason : new Error("probe run interrupted; answers so far are cached");

    const records = answers.filter((a): a is ProbeAnswerRecord => a !== undefined);
    const { cells, gaps } = aggregateProbes(records);
    const both = records.filter((r) => r.rules && r.judge?.ok);
    const agreement = judge ? { agree: both.filter((r) => r.rules!.pass === r.pass).length, n: both.length } : null;
    const sent = agent.cache.misses + (judge?.cache.misses ?? 0);
    const cached = agent.cache.hits + (judge?.cache.hits ?? 0);
    return {
      manifest,
      cells,
      gaps,
      gapMethod: PROBE_GAP_METHOD,
      verdict: gapVerdict(gaps.find((g) => g.kind === "all")!, persona),
      agreement,
      // Without a cache every request is sent; the middleware counts nothing then.
      requests: options.cache === false ? { sent: records.length * (judge ? 2 : 1), cached: 0 } : { sent, cached },
      answers: records,
      durationMs: Date.now() - started,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    if (!options.store) store.close();
  }
}
