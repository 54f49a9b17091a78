import { existsSync } from "node:fs";
import type { Command } from "commander";
import { DEFAULT_DB_PATH } from "../../eval/run-eval.js";
import { listPipelines, showPipeline, type ShownItem, type StageSummary } from "../../data/pipeline/index.js";
import { ExampleSchema, exampleText } from "../../data/types.js";
import { int, table } from "../../report/format.js";
import { openPipelineStore, type PipelineItemStatus } from "../../store/index.js";
import { parseIntOption, UsageError } from "../errors.js";

const STATUSES: readonly PipelineItemStatus[] = ["output", "rejected", "kept", "removed", "pending"];

function openExisting(path: string) {
  if (path !== ":memory:" && !existsSync(path)) {
    throw new UsageError(`no store at ${path}: run \`plumbline generate\` first, or pass --db <path>`);
  }
  return openPipelineStore(path);
}

export function registerData(program: Command): void {
  const data = program.command("data").description("inspect data pipelines: what each stage produced, kept and left out, and why");

  data
    .command("list")
    .description("list the pipelines in the store")
    .option("--db <path>", "SQLite store", DEFAULT_DB_PATH)
    .option("--json", "print JSON")
    .action((opts: { db: string; json?: boolean }) => {
      const store = openExisting(opts.db);
      try {
        const pipelines = listPipelines(store).map((p) => ({ id: p.id, recipe: p.recipe, status: p.status, createdAt: p.createdAt, updatedAt: p.updatedAt, stages: store.stages(p.id).length }));
        if (opts.json) return void process.stdout.write(`${JSON.stringify(pipelines, null, 2)}\n`);
        if (pipelines.length === 0) return void process.stdout.write("No pipelines yet.\n");
        process.stdout.write(
          `${table(
            ["pipeline", "recipe", "status", "created", "updated", "stages"],
            pipelines.map((p) => [p.id, p.recipe, p.status, p.createdAt.slice(0, 16).replace("T", " "), p.updatedAt.slice(0, 16).replace("T", " "), p.stages]),
            ["l", "l", "l", "l", "l", "r"],
          )}\n`,
        );
      } finally {
        store.close();
      }
    });

  data
    .command("show")
    .description("show a pipeline's stages, or with --stage the items of one stage")
    .argument("<pipeline>", "pipeline id or a unique prefix of it")
    .option("--stage <name>", "print this stage's items")
    .option("--status <status>", `only items with this status (${STATUSES.join(", ")})`)
    .option("--limit <n>", "items to print", parseIntOption("limit", 1), 20)
    .option("--offset <n>", "items to skip", parseIntOption("offset", 0), 0)
    .option("--db <path>", "SQLite store", DEFAULT_DB_PATH)
    .option("--json", "print JSON (full item values)")
    .action((id: string, opts: { stage?: string; status?: string; limit: number; offset: number; db: string; json?: boolean }) => {
      if (opts.status !== undefined && !(STATUSES as readonly string[]).includes(opts.status)) {
        throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, got "${opts.status}"`);
      }
      printPipeline(opts.db, id, {
        ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
        ...(opts.status !== undefined ? { status: opts.status as PipelineItemStatus } : {}),
        limit: opts.limit,
        offset: opts.offset,
        json: opts.json === true,
      });
    });
}

export function printPipeline(db: string, id: string, opts: { stage?: string; status?: PipelineItemStatus; limit?: number; offset?: number; json: boolean }): void {
  const store = openExisting(db);
  try {
    const view = showPipeline(store, id, {
      ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
      ...(opts.status !== undefined ? { status: opts.status } : {}),
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(opts.offset !== undefined ? { offset: opts.offset } : {}),
    });
    if (opts.json) {
      const { pipeline, ...rest } = view;
      process.stdout.write(`${JSON.stringify({ pipeline: { ...pipeline, manifest: undefined }, ...rest }, null, 2)}\n`);
      return;
    }
    const p = view.pipeline;
    const out = [`Pipeline ${p.id} (${p.recipe}): ${p.status}; created ${p.createdAt}, updated ${p.updatedAt}.`, ""];
    if (!view.items) {
      out.push(
        table(
          ["stage", "kind", "version", "done", "in", "out", "left out", "not done", "cached", "requests"],
          view.stages.map((s) => {
            const m = s.summary as StageSummary;
            return [s.stage, s.kind, s.version, s.complete ? "yes" : "partial", int(m.input), int(m.output), int(m.rejected), int(m.pending), int(m.cachedUnits), int(m.requests)];
          }),
          ["l", "l", "l", "l", "r", "r", "r", "r", "r", "r"],
        ),
        "",
        `Items of one stage: plumbline data show ${p.id} --stage <stage> [--status ${STATUSES.join("|")}]`,
      );
    } else {
      const counts = Object.entries(view.counts ?? {}).map(([k, n]) => `${k} ${n}`).join(", ");
      out.push(`Stage ${opts.stage}: ${counts || "no items"}. Showing ${view.items.length}${opts.offset ? ` from #${opts.offset}` : ""}.`, "");
      for (const item of view.items) out.push(...renderItem(item), "");
    }
    process.stdout.write(`${out.join("\n")}\n`);
  } finally {
    store.close();
  }
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

function renderItem(item: ShownItem): string[] {
  const lines = [`#${item.position} ${item.id} [${item.status}]`];
  const detail = (item.detail ?? {}) as { reasons?: string[]; verdict?: { pass: boolean; quality: number }; error?: string };
  if (detail.verdict) lines.push(`  grader: pass ${detail.verdict.pass}, quality ${detail.verdict.quality}`);
  for (const r of detail.reasons ?? []) lines.push(`  reason: ${oneLine(r, 300)}`);
  if (detail.error) lines.push(`  error: ${oneLine(detail.error, 300)}`);
  const example = ExampleSchema.safeParse(item.value);
  if (example.success && example.data.kind === "chat") {
    const e = example.data;
    if (e.tools && e.tools.length > 0) lines.push(`  tools: ${e.tools.map((t) => t.name).join(", ")}`);
    for (const m of e.messages.slice(0, 8)) {
      const calls = (m.toolCalls ?? []).map((c) => `${c.name}(${c.arguments})`).join(" ");
      lines.push(`  ${m.role}: ${oneLine([m.content, calls].filter(Boolean).join(" "), 160)}`);
    }
    if (e.messages.length > 8) lines.push(`  ... ${e.messages.length - 8} more message(s)`);
  } else {
    const text = example.success ? exampleText(example.data) : JSON.stringify(item.value);
    lines.push(`  ${oneLine(text ?? "", 400)}`);
  }
  return lines;
}
