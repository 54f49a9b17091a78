import { z } from "zod";
import { renderSections, type Constitution } from "../../constitution/index.js";
import type { EstimateContext, GenerateRequest, StageEstimate } from "../../pipeline/types.js";
import { defineStage } from "../../pipeline/types.js";
import { renderPromptTemplate, type TemplateVars } from "../../templates/index.js";
import { DIFFICULT_ADVICE_TEMPLATE_IDS as T } from "../../templates/builtin/difficult-advice.js";
import type { ChatExample, ChatMessage } from "../../types.js";
import type { Domain } from "./behaviours.js";
import type { DifficultAdviceOptions } from "./options.js";
import { cleanModelText, ECHO_WORDS, verbatimOverlap } from "./rules.js";

/**
 * The seven stages of the difficult-advice recipe. Each stage's output is an item the next one reads, so any
 * stage can be inspected (`plumbline data show <id> --stage <name>`) and is cached on its own:
 *
 *   1 principles            source item (behaviour x domain) -> `principles` items        teacher.object
 *   2 prompt-types          principle -> `promptTypes` items                               teacher.object
 *   3 scenarios             prompt type -> `scenarios` items                               teacher.object
 *   4 prompts               scenario -> system prompt (some) + user message                teacher.object
 *   5 realism-rewrite       user message rewritten to read like a real person's            teacher.text
 *   6 answer                answer sampled with the relevant constitution sections
 *                           injected into the system prompt                                teacher.text
 *   7 constitution-rewrite  a fresh call rewrites the answer to fit those sections;
 *                           the ChatExample is built here, without the injected text       teacher.text
 *
 * Item ids grow with the fan-out: "leverage-under-threat.hospital/p1/t2/s1".
 */

// ---------------------------------------------------------------------------------------------------------
// Item values

export interface SeedValue {
  behaviour: { id: string; title: string; summary: string };
  domain: Domain;
  /** Ids of the constitution sections stages 6 and 7 inject, chosen by the source. */
  sections: string[];
}
export interface PrincipleValue extends SeedValue {
  principle: { title: string; statement: string };
}
export interface PromptTypeValue extends PrincipleValue {
  promptType: { name: string; description: string };
}
export interface ScenarioValue extends PromptTypeValue {
  scenario: { situation: string; temptation: string; stakes: string };
}
export interface PromptsValue extends ScenarioValue {
  /** The operator system prompt, or null for a bare general-purpose assistant. */
  system: string | null;
  user: string;
}
export interface RealisticValue extends PromptsValue {
  /** The stage-4 user message, before the realism rewrite. */
  userDraft: string;
}
export interface AnsweredValue extends RealisticValue {
  /** The answer sampled with the constitution injected (stage 6). */
  answer: string;
}

/** What a finished example records about how it was made (example.meta.difficultAdvice). */
export interface DifficultAdviceMeta {
  behaviour: string;
  domain: string;
  principle: string;
  promptType: string;
  scenario: ScenarioValue["scenario"];
  /** Ids of the constitution sections injected while the answer was written (their text is not in the example). */
  constitutionSections: string[];
  systemPrompt: boolean;
  rewritten: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Schemas of the structured stages (field names are what the templates ask for)

const text = z.string().trim().min(1);

export const PrinciplesSchema = z.object({
  principles: z.array(z.object({ title: text, statement: text })).min(1),
});
export const PromptTypesSchema = z.object({
  promptTypes: z.array(z.object({ name: text, description: text })).min(1),
});
export const ScenariosSchema = z.object({
  scenarios: z.array(z.object({ situation: text, temptation: text, stakes: text })).min(1),
});
export const PromptsWithSystemSchema = z.object({ systemPrompt: text, userMessage: text });
export const PromptsUserOnlySchema = z.object({ userMessage: text });

// ---------------------------------------------------------------------------------------------------------
// Sizes, for max output tokens and the dry run (tokens)

const SIZE = { summary: 90, principle: 60, promptType: 60, scenario: 280, system: 100, user: 260, answer: 650 } as const;

const MAX_OUT = {
  principles: (n: number) => 300 + n * 200,
  promptTypes: (n: number) => 300 + n * 180,
  scenarios: (n: number) => 400 + n * 550,
  prompts: 1400,
  realism: 1200,
  answer: 1600,
  rewrite: 1600,
} as const;

type Render = (templateId: string, vars: TemplateVars) => string;
type ECtx = EstimateContext<DifficultAdviceOptions>;

/** Renders like ctx.render, for the dry run (which has no stage context). */
function estimateRender(ctx: ECtx): Render {
  return (id, vars) => renderPromptTemplate(ctx.templates.get(id), vars);
}

/** Tokens of a template's own text, for prompts whose inputs are not known yet. */
function templateTokens(ctx: ECtx, id: string): number {
  return ctx.count(ctx.templates.get(id).text);
}

function requestTokens(ctx: ECtx, request: GenerateRequest): number {
  const parts = [request.system ?? "", request.prompt ?? "", ...(request.messages ?? []).map((m) => m.content)];
  return ctx.count(parts.join("\n"));
}

/** The injected sections' Markdown, for stages 6 and 7. */
export function injectedSections(constitution: Constitution, ids: readonly string[]): string {
  return renderSections(ids.map((id) => constitution.section(id)));
}

/** Average tokens of the sections a stage injects, when the item is not known yet. */
function sectionTokens(ctx: ECtx): number {
  const sections = ctx.constitution.sections;
  const mean = sections.reduce((n, s) => n + ctx.count(s.text), 0) / Math.max(1, sections.length);
  return Math.round(mean * Math.min(ctx.options.maxSections, sections.length));
}

/** Where the conversation happens, as stages 5 and 7 describe it. */
export function deployment(system: string | null): string {
  return system ? `a product whose system prompt reads:\n"""\n${system}\n"""` : "a general-purpose AI assistant, with no system prompt";
}

function childId(parent: string, prefix: string, index: number): string {
  return `${parent}/${prefix}${index + 1}`;
}

// ---------------------------------------------------------------------------------------------------------
// Stage 1: principles

function principlesRequest(v: SeedValue, o: DifficultAdviceOptions, render: Render): GenerateRequest {
  return {
    prompt: render(T.principles, { behaviour_summary: v.behaviour.summary, setting_label: v.domain.label, principle_count: o.principles }),
    temperature: o.temperature,
    maxOutputTokens: MAX_OUT.principles(o.principles),
  };
}

export const principlesStage = defineStage<SeedValue, PrincipleValue, DifficultAdviceOptions>({
  name: "principles",
  version: "1.0.0",
  description: "derive principles from the behaviour summary (one request per behaviour x domain)",
  uses: { teacher: true },
  templates: [T.principles],
  async run(item, ctx) {
    const request = principlesRequest(item.value, ctx.options, ctx.render);
    const reply = await ctx.teacher.object(PrinciplesSchema, { ...request, name: "principles" });
    const outputs = reply.principles.slice(0, ctx.options.principles).map((principle, i) => ({ id: childId(item.id, "p", i), value: { ...item.value, principle } }));
    return { outputs };
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const input = item ? requestTokens(ctx, principlesRequest(item.value, o, estimateRender(ctx))) : templateTokens(ctx, T.principles) + SIZE.summary;
    return { requests: 1, inputTokens: input, outputTokens: 40 + o.principles * SIZE.principle, outputs: o.principles };
  },
});

// ---------------------------------------------------------------------------------------------------------
// Stage 2: prompt types

function promptTypesRequest(v: PrincipleValue, o: DifficultAdviceOptions, render: Render): GenerateRequest {
  return {
    prompt: render(T.promptTypes, {
      principle_title: v.principle.title,
      principle_statement: v.principle.statement,
      behaviour_summary: v.behaviour.summary,
      setting_label: v.domain.label,
      prompt_type_count: o.promptTypes,
    }),
    temperature: o.temperature,
    maxOutputTokens: MAX_OUT.promptTypes(o.promptTypes),
  };
}

export const promptTypesStage = defineStage<PrincipleValue, PromptTypeValue, DifficultAdviceOptions>({
  name: "prompt-types",
  version: "1.0.0",
  description: "list the kinds of request a person might bring when the principle is tested",
  uses: { teacher: true },
  templates: [T.promptTypes],
  async run(item, ctx) {
    const reply = await ctx.teacher.object(PromptTypesSchema, { ...promptTypesRequest(item.value, ctx.options, ctx.render), name: "prompt_types" });
    const outputs = reply.promptTypes.slice(0, ctx.options.promptTypes).map((promptType, i) => ({ id: childId(item.id, "t", i), value: { ...item.value, promptType } }));
    return { outputs };
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const input = item ? requestTokens(ctx, promptTypesRequest(item.value, o, estimateRender(ctx))) : templateTokens(ctx, T.promptTypes) + SIZE.summary + SIZE.principle;
    return { requests: 1, inputTokens: input, outputTokens: 40 + o.promptTypes * SIZE.promptType, outputs: o.promptTypes };
  },
});

// ---------------------------------------------------------------------------------------------------------
// Stage 3: scenarios

function scenariosRequest(v: PromptTypeValue, o: DifficultAdviceOptions, render: Render): GenerateRequest {
  return {
    prompt: render(T.scenarios, {
      prompt_type_name: v.promptType.name,
      prompt_type_description: v.promptType.description,
      principle_title: v.principle.title,
      principle_statement: v.principle.statement,
      setting_label: v.domain.label,
      scenario_count: o.scenarios,
    }),
    temperature: o.temperature,
    maxOutputTokens: MAX_OUT.scenarios(o.scenarios),
  };
}

export const scenariosStage = defineStage<PromptTypeValue, ScenarioValue, DifficultAdviceOptions>({
  name: "scenarios",
  version: "1.0.0",
  description: "write concrete situations, each with a temptation and what is at stake",
  uses: { teacher: true },
  templates: [T.scenarios],
  async run(item, ctx) {
    const reply = await ctx.teacher.object(ScenariosSchema, { ...scenariosRequest(item.value, ctx.options, ctx.render), name: "scenarios" });
    const outputs = reply.scenarios.slice(0, ctx.options.scenarios).map((scenario, i) => ({ id: childId(item.id, "s", i), value: { ...item.value, scenario } }));
    return { outputs };
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const input = item ? requestTokens(ctx, scenariosRequest(item.value, o, estimateRender(ctx))) : templateTokens(ctx, T.scenarios) + SIZE.principle + SIZE.promptType;
    return { requests: 1, inputTokens: input, outputTokens: 40 + o.scenarios * SIZE.scenario, outputs: o.scenarios };
  },
});

// ---------------------------------------------------------------------------------------------------------
// Stage 4: system + user prompts

function promptsRequest(v: ScenarioValue, withSystem: boolean, o: DifficultAdviceOptions, render: Render): GenerateRequest {
  const vars = {
    scenario_situation: v.scenario.situation,
    scenario_temptation: v.scenario.temptation,
    scenario_stakes: v.scenario.stakes,
    prompt_type_name: v.promptType.name,
    setting_label: v.domain.label,
  };
  return { prompt: render(withSystem ? T.promptsWithSystem : T.promptsUserOnly, vars), temperature: o.temperature, maxOutputTokens: MAX_OUT.prompts };
}

export const promptsStage = defineStage<ScenarioValue, PromptsValue, DifficultAdviceOptions>({
  name: "prompts",
  version: "1.0.0",
  description: "write the person's first message, and for some scenarios an operator system prompt",
  uses: { teacher: true },
  templates: [T.promptsWithSystem, T.promptsUserOnly],
  async run(item, ctx) {
    const withSystem = ctx.rng("system-prompt")() < ctx.options.systemPromptRate;
    const request = promptsRequest(item.value, withSystem, ctx.options, ctx.render);
    let system: string | null = null;
    let user: string;
    if (withSystem) {
      const reply = await ctx.teacher.object(PromptsWithSystemSchema, { ...request, name: "prompts" });
      system = cleanModelText(reply.systemPrompt);
      user = cleanModelText(reply.userMessage);
    } else {
      user = cleanModelText((await ctx.teacher.object(PromptsUserOnlySchema, { ...request, name: "prompts" })).userMessage);
    }
    if (user === "") return { outputs: [], rejected: [{ id: item.id, reason: "prompts: the user message came back empty" }] };
    return { outputs: [{ id: item.id, value: { ...item.value, system: system || null, user } }] };
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const input = item
      ? requestTokens(ctx, promptsRequest(item.value, o.systemPromptRate >= 0.5, o, estimateRender(ctx)))
      : templateTokens(ctx, o.systemPromptRate >= 0.5 ? T.promptsWithSystem : T.promptsUserOnly) + SIZE.scenario + SIZE.promptType;
    return { requests: 1, inputTokens: input, outputTokens: Math.round(SIZE.user + o.systemPromptRate * SIZE.system) };
  },
});

// ---------------------------------------------------------------------------------------------------------
// Stage 5: realism rewrite

function realismRequest(v: PromptsValue, o: DifficultAdviceOptions, render: Render): GenerateRequest {
  return { prompt: render(T.realism, { deployment_context: deployment(v.system), person_message: v.user }), temperature: o.temperature, maxOutputTokens: MAX_OUT.realism };
}

export const realismStage = defineStage<PromptsValue, RealisticValue, DifficultAdviceOptions>({
  name: "realism-rewrite",
  version: "1.0.0",
  description: "rewrite the user message so it reads like a real person's",
  uses: { teacher: true },
  templates: [T.realism],
  async run(item, ctx) {
    const rewritten = cleanModelText(await ctx.teacher.text(realismRequest(item.value, ctx.options, ctx.render)));
    if (rewritten === "") return { outputs: [], rejected: [{ id: item.id, reason: "realism-rewrite: the rewritten message came back empty" }] };
    return { outputs: [{ id: item.id, value: { ...item.value, user: rewritten, userDraft: item.value.user } }] };
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const input = item ? requestTokens(ctx, realismRequest(item.value, o, estimateRender(ctx))) : templateTokens(ctx, T.realism) + SIZE.user + o.systemPromptRate * SIZE.system;
    return { requests: 1, inputTokens: Math.round(input), outputTokens: SIZE.user };
  },
});

// ---------------------------------------------------------------------------------------------------------
// Stage 6: the answer, with the constitution injected

/** The stage-6 request: the operator prompt (if any), then the guidance with the injected sections; the user's message. */
export function answerRequest(v: RealisticValue, o: DifficultAdviceOptions, constitution: Constitution, render: Render): GenerateRequest {
  const guidance = render(T.answerGuidance, { constitution_sections: injectedSections(constitution, v.sections) });
  return {
    system: v.system ? `${v.system}\n\n${guidance}` : guidance,
    messages: [{ role: "user", content: v.user }],
    temperature: o.temperature,
    maxOutputTokens: MAX_OUT.answer,
  };
}

export const answerStage = defineStage<RealisticValue, AnsweredValue, DifficultAdviceOptions>({
  name: "answer",
  version: "1.0.0",
  description: "sample the assistant's answer with the relevant constitution sections injected into the system prompt",
  uses: { teacher: true, constitution: true },
  templates: [T.answerGuidance],
  async run(item, ctx) {
    const answer = cleanModelText(await ctx.teacher.text(answerRequest(item.value, ctx.options, ctx.constitution, ctx.render)));
    if (answer === "") return { outputs: [], rejected: [{ id: item.id, reason: "answer: the teacher's answer came back empty" }] };
    return { outputs: [{ id: item.id, value: { ...item.value, answer } }] };
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const input = item
      ? requestTokens(ctx, answerRequest(item.value, o, ctx.constitution, estimateRender(ctx)))
      : templateTokens(ctx, T.answerGuidance) + sectionTokens(ctx) + SIZE.user + o.systemPromptRate * SIZE.system;
    return { requests: 1, inputTokens: Math.round(input), outputTokens: SIZE.answer };
  },
});

// ---------------------------------------------------------------------------------------------------------
// Stage 7: a fresh rewrite to fit the constitution; the training example

/** The stage-7 request: a new conversation (nothing shared with stage 6) with the sections in its own system prompt. */
export function rewriteRequest(v: AnsweredValue, o: DifficultAdviceOptions, constitution: Constitution, render: Render): GenerateRequest {
  return {
    system: render(T.rewriteSystem, { constitution_sections: injectedSections(constitution, v.sections) }),
    prompt: render(T.rewriteRequest, { deployment_context: deployment(v.system), person_message: v.user, draft_reply: v.answer }),
    temperature: o.temperature,
    maxOutputTokens: MAX_OUT.rewrite,
  };
}

export const constitutionRewriteStage = defineStage<AnsweredValue, ChatExample, DifficultAdviceOptions>({
  name: "constitution-rewrite",
  version: "1.0.0",
  description: "a fresh instance rewrites the answer to fit the constitution; builds the chat example without the injected text",
  uses: { teacher: true, constitution: true },
  templates: [T.rewriteSystem, T.rewriteRequest],
  async run(item, ctx) {
    const v = item.value;
    const answer = ctx.options.rewrite ? cleanModelText(await ctx.teacher.text(rewriteRequest(v, ctx.options, ctx.constitution, ctx.render))) : v.answer;
    if (answer === "") return { outputs: [], rejected: [{ id: item.id, reason: "constitution-rewrite: the rewritten answer came back empty" }] };
    const messages: ChatMessage[] = [...(v.system ? [{ role: "system" as const, content: v.system }] : []), { role: "user", content: v.user }, { role: "assistant", content: answer }];
    const sources = v.sections.map((id) => ({ id, text: ctx.constitution.section(id).text }));
    for (const m of messages) {
      const echo = verbatimOverlap(m.content, sources, ECHO_WORDS);
      if (echo) {
        return {
          outputs: [],
          rejected: [{ id: item.id, reason: `constitution-rewrite: the ${m.role} message copies ${echo.words} words verbatim from constitution section "${echo.source}" ("${echo.excerpt.slice(0, 120)}")`, value: { messages } }],
        };
      }
    }
    const meta: DifficultAdviceMeta = {
      behaviour: v.behaviour.id,
      domain: v.domain.id,
      principle: v.principle.title,
      promptType: v.promptType.name,
      scenario: v.scenario,
      constitutionSections: v.sections,
      systemPrompt: v.system !== null,
      rewritten: ctx.options.rewrite,
    };
    const example: ChatExample = { kind: "chat", id: item.id, lineage: ctx.lineage(), meta: { difficultAdvice: meta }, messages };
    return { outputs: [{ id: item.id, value: example }] };
  },
  estimate(item, ctx): StageEstimate {
    const o = ctx.options;
    if (!o.rewrite) return { requests: 0, inputTokens: 0, outputTokens: 0 };
    const input = item
      ? requestTokens(ctx, rewriteRequest(item.value, o, ctx.constitution, estimateRender(ctx)))
      : templateTokens(ctx, T.rewriteSystem) + templateTokens(ctx, T.rewriteRequest) + sectionTokens(ctx) + SIZE.user + SIZE.answer + o.systemPromptRate * SIZE.system;
    return { requests: 1, inputTokens: Math.round(input), outputTokens: SIZE.answer };
  },
});

export const DIFFICULT_ADVICE_STAGES = [principlesStage, promptTypesStage, scenariosStage, promptsStage, realismStage, answerStage, constitutionRewriteStage] as const;
