import { hashValue } from "../../../util/hash.js";
import { createRng, pick, shuffled } from "../../../util/rng.js";
import { loadTemplates, renderPromptTemplate, TemplateError, type LoadedTemplate, type TemplateRegistry } from "../../templates/index.js";
import { ChatExampleSchema, type ChatExample, type ChatMessage, type ToolDefinition } from "../../types.js";
import { PLACEHOLDER_POOLS, POOLS_VERSION } from "./pools.js";
import { TOOL_CATALOGUE, TOOL_CATALOGUE_VERSION, type CatalogueTool } from "./tool-catalogue.js";

/**
 * The `diversify` recipe. The research ("Teaching Claude why", Anthropic, 2026) found that attaching unrelated
 * tool definitions and varied system prompts to ordinary harmlessness chat data made agentic safety improve
 * faster: the model meets its safety training in contexts that look like deployments, not only a bare chat.
 *
 * For each chat example, deterministically from the seed and the example id:
 *  - attaches `toolsPerExample` (default 1-4) tool definitions from TOOL_CATALOGUE that the conversation
 *    never calls. Tools whose names collide (case-insensitively) with an existing tool or a called tool are
 *    skipped (and reported), as are tools whose topics the conversation mentions, since leaving a relevant
 *    tool unused would teach the wrong lesson. Existing tools keep their order; new ones are inserted at
 *    random positions among them.
 *  - with probability `systemPromptRate` (default 1), adds an operator system prompt rendered from one of the
 *    `system/*` templates with placeholders filled from PLACEHOLDER_POOLS. If the conversation already starts
 *    with a system message and `keepOriginalSystem` is true (the default), that message becomes the operator
 *    prompt, a blank line, then the original system text unchanged, so one system message (which every chat
 *    template supports) carries the deployment context first and the example's own instructions after it.
 *    With `keepOriginalSystem: false` the original system text is replaced. Otherwise a new system message
 *    is inserted first. System messages later in the conversation are never touched.
 *
 * User, assistant and tool messages are never modified, nor are the example's existing tools. The choice of
 * tools and of system prompt use separate random streams, so changing `systemPromptRate` does not change
 * which tools an example gets.
 *
 * Output examples get the id `<source id>~diversify-<seed>`, lineage recipe "diversify" with the stage
 * "attach-tools-and-system-prompt" appended to the source's stages (templateId/templateVersion: the system
 * prompt template, when one was added), and `meta.sourceId` plus `meta.diversify` recording the seed, tools,
 * template, filled values and catalogue/pool versions.
 */

export const DIVERSIFY_RECIPE = "diversify";
export const DIVERSIFY_STAGE = "attach-tools-and-system-prompt";

export interface DiversifyOptions {
  /** Integer seed; with the example id it decides everything the recipe adds. */
  seed: number;
  /** Inclusive range of tools to attach per example. Default [1, 4]. */
  toolsPerExample?: readonly [number, number];
  /** Fraction of examples (0..1) that get an operator system prompt. Default 1. */
  systemPromptRate?: number;
  /** Keep an existing leading system message after the new operator prompt (true, default) or replace it. */
  keepOriginalSystem?: boolean;
  /** Template registry (e.g. with user overrides). Default: loadTemplates(). */
  templates?: TemplateRegistry;
  /** Which templates to draw system prompts from. Default: every template whose id starts with "system/". */
  systemTemplateIds?: readonly string[];
  /** Tool catalogue to draw from. Default: TOOL_CATALOGUE. */
  catalogue?: readonly CatalogueTool[];
  /** Placeholder pools. Default: PLACEHOLDER_POOLS. */
  pools?: Readonly<Record<string, readonly string[]>>;
}

export interface DiversifySkip {
  /** The source example's id ("(no id)" when the input had none). */
  exampleId: string;
  /** "example": left out of the output; "tool": a tool, or the minimum number of tools, could not be attached. */
  what: "example" | "tool";
  reason: string;
}

export interface DiversifyReport {
  input: number;
  output: number;
  /** Tool definitions attached, over all examples. */
  toolsAttached: number;
  systemPromptsAdded: number;
  /** Existing system messages kept after a new operator prompt. */
  originalSystemKept: number;
  skipped: DiversifySkip[];
  /** System prompt templates used, with how many examples each. */
  templates: Array<{ id: string; version: string; count: number }>;
  toolCatalogueVersion: string;
  poolsVersion: string;
  /** Template overrides in effect (from the registry), for the dataset card. */
  templateOverrides: TemplateRegistry["overrides"];
}

export interface DiversifyResult {
  examples: ChatExample[];
  report: DiversifyReport;
}

export interface DiversifyMeta {
  seed: number;
  sourceRecipe: string;
  sourceSeed: number;
  tools: string[];
  toolCatalogueVersion: string;
  poolsVersion: string;
  systemPrompt: {
    templateId: string;
    templateVersion: string;
    vars: Record<string, string>;
    placement: "new-message" | "before-original" | "replaced-original";
  } | null;
}

function checkOptions(options: DiversifyOptions): { min: number; max: number; rate: number; keep: boolean } {
  const { seed } = options;
  if (!Number.isInteger(seed)) throw new Error(`diversify: seed must be an integer, got ${String(seed)}.`);
  const [min, max] = options.toolsPerExample ?? [1, 4];
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new Error(`diversify: toolsPerExample must be [min, max] with whole numbers 0 <= min <= max, got [${String(min)}, ${String(max)}].`);
  }
  const rate = options.systemPromptRate ?? 1;
  if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) {
    throw new Error(`diversify: systemPromptRate must be a number from 0 to 1, got ${String(rate)}.`);
  }
  return { min, max, rate, keep: options.keepOriginalSystem ?? true };
}

/** The system templates to use, after checking every placeholder has a pool (so problems show before any work). */
function systemTemplates(registry: TemplateRegistry, ids: readonly string[] | undefined, pools: Readonly<Record<string, readonly string[]>>): LoadedTemplate[] {
  const list = ids ? ids.map((id) => registry.get(id)) : registry.list("system/");
  if (list.length === 0) {
    throw new TemplateError(`diversify: no system prompt templates to draw from. Fix: leave systemTemplateIds out, or list ids of "system/..." templates.`);
  }
  for (const t of list) {
    for (const name of t.placeholders) {
      const pool = pools[name];
      if (!pool || pool.length === 0) {
        throw new TemplateError(
          `diversify: template "${t.id}" (version ${t.version}, ${t.source === "built-in" ? "built-in" : `from ${t.source}`}) uses {{${name}}}, ` +
            `which has no value pool. Pools: ${Object.keys(pools).sort().join(", ")}. Fix: use one of those placeholders, or pass pools with "${name}".`,
          { templateId: t.id, variable: name, ...(t.source !== "built-in" ? { file: t.source } : {}) },
        );
      }
    }
  }
  return list;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when the text mentions one of the topics at the start of a word. */
function mentions(text: string, topics: readonly string[]): boolean {
  return topics.some((t) => new RegExp(`(^|[^a-z0-9])${escapeRegExp(t.toLowerCase())}`).test(text));
}

export function runDiversify(examples: readonly ChatExample[], options: DiversifyOptions): DiversifyResult {
  const { min, max, rate, keep } = checkOptions(options);
  const { seed } = options;
  const registry = options.templates ?? loadTemplates();
  const pools = options.pools ?? PLACEHOLDER_POOLS;
  const catalogue = options.catalogue ?? TOOL_CATALOGUE;
  const templates = rate > 0 ? systemTemplates(registry, options.systemTemplateIds, pools) : [];
  // Custom catalogues and pools are recorded by content hash, so lineage never claims a built-in version for them.
  const catalogueVersion = options.catalogue ? `custom-${hashValue(catalogue).slice(0, 12)}` : TOOL_CATALOGUE_VERSION;
  const poolsVersion = options.pools ? `custom-${hashValue(pools).slice(0, 12)}` : POOLS_VERSION;

  const out: ChatExample[] = [];
  const skipped: DiversifySkip[] = [];
  const usage = new Map<string, { id: string; version: string; count: number }>();
  let toolsAttached = 0;
  let systemPromptsAdded = 0;
  let originalSystemKept = 0;

  for (const input of examples) {
    const parsed = ChatExampleSchema.safeParse(input);
    const exampleId = typeof (input as { id?: unknown })?.id === "string" ? (input as { id: string }).id : "(no id)";
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      skipped.push({
        exampleId,
        what: "example",
        reason: `not a valid chat example (${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"})`,
      });
      continue;
    }
    const example = parsed.data;
    const messages: ChatMessage[] = structuredClone(example.messages);
    const existingTools: ToolDefinition[] = structuredClone(example.tools ?? []);

    // Tools.
    const toolRng = createRng(`diversify|${seed}|${example.id}|tools`);
    const taken = new Map<string, string>();
    for (const t of existingTools) taken.set(t.name.toLowerCase(), "an existing tool");
    for (const m of messages) for (const c of m.toolCalls ?? []) if (!taken.has(c.name.toLowerCase())) taken.set(c.name.toLowerCase(), "a tool the conversation calls");
    const text = messages.map((m) => m.content).join("\n").toLowerCase();
    const eligible: CatalogueTool[] = [];
    for (const entry of catalogue) {
      const clash = taken.get(entry.definition.name.toLowerCase());
      if (clash) {
        skipped.push({ exampleId: example.id, what: "tool", reason: `catalogue tool "${entry.definition.name}" not attached: its name collides with ${clash}` });
        continue;
      }
      if (mentions(text, entry.topics)) continue;
      eligible.push(entry);
    }
    const want = min + Math.floor(toolRng() * (max - min + 1));
    const chosen = shuffled(toolRng, eligible).slice(0, want);
    if (chosen.length < min) {
      skipped.push({
        exampleId: example.id,
        what: "tool",
        reason: `only ${chosen.length} unrelated catalogue tool(s) available, fewer than the minimum ${min} (the rest collide or match the conversation's topics)`,
      });
    }
    const tools = existingTools.slice();
    for (const entry of chosen) tools.splice(Math.floor(toolRng() * (tools.length + 1)), 0, structuredClone(entry.definition));
    toolsAttached += chosen.length;

    // System prompt.
    const sysRng = createRng(`diversify|${seed}|${example.id}|system`);
    let systemPrompt: DiversifyMeta["systemPrompt"] = null;
    if (templates.length > 0 && sysRng() < rate) {
      const template = pick(sysRng, templates);
      const vars: Record<string, string> = {};
      for (const name of template.placeholders) vars[name] = pick(sysRng, pools[name] as readonly string[]);
      const rendered = renderPromptTemplate(template, vars);
      const first = messages[0];
      let placement: NonNullable<DiversifyMeta["systemPrompt"]>["placement"];
      if (first && first.role === "system") {
        if (keep) {
          first.content = first.content.trim() === "" ? rendered : `${rendered}\n\n${first.content}`;
          placement = "before-original";
          originalSystemKept++;
        } else {
          first.content = rendered;
          placement = "replaced-original";
        }
      } else {
        messages.unshift({ role: "system", content: rendered });
        placement = "new-message";
      }
      systemPrompt = { templateId: template.id, templateVersion: template.version, vars, placement };
      systemPromptsAdded++;
      const key = `${template.id}@${template.version}`;
      const u = usage.get(key) ?? { id: template.id, version: template.version, count: 0 };
      u.count++;
      usage.set(key, u);
    }

    const meta: DiversifyMeta = {
      seed,
      sourceRecipe: example.lineage.recipe,
      sourceSeed: example.lineage.seed,
      tools: chosen.map((c) => c.definition.name),
      toolCatalogueVersion: catalogueVersion,
      poolsVersion,
      systemPrompt,
    };
    const result: ChatExample = {
      kind: "chat",
      id: `${example.id}~diversify-${seed}`,
      lineage: {
        ...example.lineage,
        recipe: DIVERSIFY_RECIPE,
        seed,
        stages: [
          ...example.lineage.stages,
          {
            name: DIVERSIFY_STAGE,
            ...(systemPrompt ? { templateId: systemPrompt.templateId, templateVersion: systemPrompt.templateVersion } : {}),
            outputHash: hashValue({ messages, tools }),
          },
        ],
      },
      meta: { ...(example.meta ?? {}), sourceId: example.id, diversify: meta },
      messages,
      ...(tools.length > 0 ? { tools } : {}),
    };
    out.push(ChatExampleSchema.parse(result));
  }

  return {
    examples: out,
    report: {
      input: examples.length,
      output: out.length,
      toolsAttached,
      systemPromptsAdded,
      originalSystemKept,
      skipped,
      templates: [...usage.values()].sort((a, b) => a.id.localeCompare(b.id)),
      toolCatalogueVersion: catalogueVersion,
      poolsVersion,
      templateOverrides: registry.overrides,
    },
  };
}
