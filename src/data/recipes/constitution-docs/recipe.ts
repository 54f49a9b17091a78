import { z } from "zod";
import { createRng, shuffled } from "../../../util/rng.js";
import { slugify, type Constitution } from "../../constitution/index.js";
import { defineRecipe, defineStage, type EstimateContext, type Item, type Rejection } from "../../pipeline/types.js";
import { CONSTITUTION_DOCS_TEMPLATE_IDS as T, type TemplateVars } from "../../templates/index.js";
import type { TextExample } from "../../types.js";
import {
  averageSectionWords,
  blocklistOf,
  countPrompt,
  filler,
  checkTextOptions,
  firstLine,
  groundingSections,
  isSchemaMismatch,
  plannedCount,
  rejection,
  scoreConsistency,
  sectionsMarkdown,
  textOptionFields,
  tokensPerWord,
} from "../synthetic-text/common.js";
import { ListFileError, readListFile } from "../synthetic-text/list-file.js";
import { BLOCKLIST_VERSION, blockedNamesForPrompt } from "../synthetic-text/names.js";
import { consistencyResult, draftText, reviewText, type Drafted } from "../synthetic-text/stages.js";
import { TEXT_RULES, wordCount } from "../synthetic-text/text.js";
import { DEFAULT_DOC_TYPES, DOC_TYPES_VERSION } from "./doc-types.js";

/**
 * `plumbline generate constitution-docs --teacher <model>`: synthetic documents about the constitution, as
 * plain text for document fine-tuning. The research this follows ("Teaching Claude why", Anthropic, 2026)
 * found that high-quality documents grounded in the constitution cut agentic misalignment by more than three
 * times even though they look nothing like the evaluations, and that documents beat the same content written
 * as chat conversations.
 *
 *   plan         (source) the document types: the built-in list (DEFAULT_DOC_TYPES) or --input, in seeded order,
 *                and the number of documents (option documents, or sized from --target-tokens)
 *   doc-types    the teacher proposes `proposeDocTypes` more types; the documents are shared out across types
 *   subtypes     the teacher fans each type out into concrete subtypes (instance, audience, angle); each
 *                document slot gets a subtype and a constitution section, balanced over the sections
 *   draft        the teacher writes the document grounded in its section; blocked names are rewritten
 *                (`nameRewrites` times) or the draft is rejected with the names
 *   review       a fresh call edits for accuracy to the constitution and realism for the genre, names checked again
 *   consistency  the scorer rates consistency with the constitution 1-10; below `minConsistency` is rejected
 *
 * Every document carries in its meta the type, subtype, section, the names rewritten, the score with its reasons,
 * and the settings the rules check (meta.checks).
 */

export const CONSTITUTION_DOCS_RECIPE = "constitution-docs";
const DEFAULT_DOCUMENTS = 40;
/** Types the teacher proposes per request. */
const PROPOSALS_PER_CALL = 40;

export const ConstitutionDocsOptionsSchema = z
  .object({
    documents: z.coerce.number().int().min(1).max(1_000_000).optional().describe(`documents to draft (default: sized from --target-tokens, else ${DEFAULT_DOCUMENTS})`),
    subtypesPerType: z.coerce.number().int().min(1).max(40).default(12).describe("most subtypes asked for per document type (types with more documents reuse subtypes with other sections)"),
    proposeDocTypes: z.coerce.number().int().min(0).max(2000).default(0).describe("document types the teacher proposes on top of the list"),
    ...textOptionFields({ targetWords: 700, minWords: 200 }),
  })
  .strict();
export type ConstitutionDocsOptions = z.infer<typeof ConstitutionDocsOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------
// Item values

export interface DocTypeEntry {
  name: string;
  description: string;
  origin: "built-in" | "input" | "teacher";
  /** Line of the --input file it came from. */
  line?: number;
}

interface PlanValue {
  catalogue: DocTypeEntry[];
  documents: number;
  propose: number;
  listVersion: string;
}

interface TypeValue {
  docType: DocTypeEntry;
  /** Documents to write of this type. */
  quota: number;
}

interface Subtype {
  name: string;
  audience: string;
  angle: string;
}

interface SlotValue {
  docType: DocTypeEntry;
  subtype: Subtype;
  sectionId: string;
}

type TextValue = Drafted<SlotValue>;

// ---------------------------------------------------------------------------------------------------------
// Input

/** Reads a document-type list: one `Type name | one-sentence description` per line (the description optional). */
export function readDocTypes(path: string): DocTypeEntry[] {
  const lines = readListFile(path, { what: "document type", format: "Type name | one-sentence description", minChars: 3, maxChars: 400 });
  const seen = new Map<string, number>();
  return lines.map(({ line, text }) => {
    const parts = text.split("|").map((p) => p.trim());
    const where = `${path}, line ${line}`;
    if (parts.length > 2) throw new ListFileError(path, line, `${where}: "${text.slice(0, 60)}" has ${parts.length - 1} "|" separators; a line is "Type name | description". Fix: keep one "|", between the name and the description.`);
    const [name = "", description = ""] = parts;
    if (name.length < 3) throw new ListFileError(path, line, `${where}: the document type name before "|" is ${name === "" ? "empty" : `"${name}", too short`}. Fix: write it as "Type name | description", e.g. "Lecture notes | notes a lecturer circulates after class".`);
    if (name.length > 80) throw new ListFileError(path, line, `${where}: the name "${name.slice(0, 40)}..." is ${name.length} characters; names are at most 80. Fix: shorten the name and put the detail after "|".`);
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw new ListFileError(path, line, `${where}: the document type "${name}" is already on line ${first}. Fix: delete one of the two lines.`);
    seen.set(key, line);
    return { name, description: description || "written as such documents really are", origin: "input" as const, line };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Shared pieces

function sectionTitles(constitution: Constitution, o: ConstitutionDocsOptions): string {
  return groundingSections(constitution, o)
    .map((s) => `- ${s.title}`)
    .join("\n");
}

function otherSections(constitution: Constitution, sectionId: string): string {
  const titles = constitution.sections.filter((s) => s.id !== sectionId).map((s) => `"${s.title}"`);
  return titles.length > 0 ? titles.join(", ") : "(none)";
}

function slotVars(constitution: Constitution, o: ConstitutionDocsOptions, v: SlotValue): TemplateVars {
  const section = constitution.section(v.sectionId);
  return {
    constitution_title: constitution.title,
    doc_type: v.docType.name,
    doc_type_description: v.docType.description,
    subtype: v.subtype.name,
    audience: v.subtype.audience,
    angle: v.subtype.angle,
    section: sectionsMarkdown([section]),
    section_title: section.title,
    other_sections: otherSections(constitution, section.id),
    target_words: o.targetWords,
    blocked_names: blockedNamesForPrompt(blocklistOf(o)),
  };
}

function uniqueIds(names: readonly string[]): string[] {
  const used = new Map<string, number>();
  return names.map((name) => {
    const base = slugify(name) || "type";
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

function averageSection(constitution: Constitution, o: ConstitutionDocsOptions): string {
  return filler(averageSectionWords(constitution, o));
}

function estimateVars(ctx: EstimateContext<ConstitutionDocsOptions>, v: SlotValue | undefined): TemplateVars {
  const o = ctx.options;
  if (v && ctx.constitution.hasSection(v.sectionId)) return slotVars(ctx.constitution, o, v);
  return {
    constitution_title: ctx.constitution.title,
    doc_type: "document type",
    doc_type_description: filler(14),
    subtype: filler(20),
    audience: filler(6),
    angle: filler(30),
    section: averageSection(ctx.constitution, o),
    section_title: "section",
    other_sections: otherSections(ctx.constitution, ""),
    target_words: o.targetWords,
    blocked_names: blockedNamesForPrompt(blocklistOf(o)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Stages

const ProposalSchema = z.object({
  doc_types: z.array(z.object({ name: z.string(), description: z.string() })).min(1),
});

const docTypesStage = defineStage<PlanValue, TypeValue, ConstitutionDocsOptions>({
  name: "doc-types",
  version: "1.0.0",
  description: "the teacher proposes more document types (option proposeDocTypes); the documents are shared out across the types",
  uses: { teacher: true, constitution: true },
  templates: [T.proposeTypes],
  async run(item, ctx) {
    const plan = item.value;
    const all = [...plan.catalogue];
    const taken = new Set(all.map((t) => t.name.toLowerCase()));
    const rejected: Rejection[] = [];
    let wanted = plan.propose;
    for (let call = 0; wanted > 0; call++) {
      const count = Math.min(PROPOSALS_PER_CALL, wanted);
      const prompt = ctx.render(T.proposeTypes, {
        constitution_title: ctx.constitution.title,
        section_titles: sectionTitles(ctx.constitution, ctx.options),
        existing_types: all.map((t) => `- ${t.name}`).join("\n"),
        count,
      });
      let reply: z.infer<typeof ProposalSchema>;
      try {
        reply = await ctx.teacher.object(ProposalSchema, { prompt, name: "doc_types", temperature: ctx.options.temperature, maxOutputTokens: count * 80 + 200 });
      } catch (error) {
        if (!isSchemaMismatch(error)) throw error;
        rejected.push(rejection(`${item.id}/proposals-${call + 1}`, "doc-types", `the teacher's proposed types did not match the schema (${firstLine(error)}); continuing with ${all.length} types`, { types: all.length }));
        break;
      }
      let added = 0;
      for (const p of reply.doc_types) {
        const name = p.name.trim().replace(/\s+/g, " ");
        if (name.length < 3 || name.length > 100 || taken.has(name.toLowerCase()) || added >= count) continue;
        taken.add(name.toLowerCase());
        all.push({ name, description: p.description.trim() || "written as such documents really are", origin: "teacher" });
        added++;
      }
      if (added === 0) break;
      wanted -= added;
    }
    // Which types get documents, and how many each: seeded order, shared out as evenly as possible.
    const order = shuffled(ctx.rng("select"), all);
    const used = order.slice(0, Math.min(order.length, plan.documents));
    const base = Math.floor(plan.documents / used.length);
    const extra = plan.documents % used.length;
    const ids = uniqueIds(used.map((t) => t.name));
    return {
      outputs: used.map((docType, i) => ({ id: ids[i]!, value: { docType, quota: base + (i < extra ? 1 : 0) } })),
      rejected,
    };
  },
  // Counted in document slots, not types: the stages after this one cannot see the plan in a dry run, so
  // passing on one "item" per document sizes draft, review and consistency exactly. The subtypes row then
  // shows one request per document, an upper bound (it is one per type). A cached plan is counted exactly.
  estimate(item, ctx) {
    const plan = item?.value;
    const listed = plan?.catalogue.length ?? DEFAULT_DOC_TYPES.length;
    const propose = plan?.propose ?? ctx.options.proposeDocTypes;
    const documents = plan?.documents ?? ctx.options.documents ?? DEFAULT_DOCUMENTS;
    const requests = Math.ceil(propose / PROPOSALS_PER_CALL);
    const base = countPrompt(ctx, T.proposeTypes, {
      constitution_title: ctx.constitution.title,
      section_titles: sectionTitles(ctx.constitution, ctx.options),
      existing_types: filler(3 * (listed + propose / 2)),
      count: PROPOSALS_PER_CALL,
    });
    return { requests, inputTokens: requests * base, outputTokens: propose * 40, outputs: documents };
  },
});

const SubtypesSchema = z.object({
  subtypes: z.array(z.object({ name: z.string(), audience: z.string(), angle: z.string() })).min(1),
});

const subtypesStage = defineStage<TypeValue, SlotValue, ConstitutionDocsOptions>({
  name: "subtypes",
  version: "1.0.0",
  description: "the teacher fans a document type out into subtypes; each document slot gets a subtype and a constitution section",
  uses: { teacher: true, constitution: true },
  templates: [T.subtypes],
  async run(item, ctx) {
    const { docType, quota } = item.value;
    const asked = Math.min(quota, ctx.options.subtypesPerType);
    const prompt = ctx.render(T.subtypes, {
      constitution_title: ctx.constitution.title,
      doc_type: docType.name,
      doc_type_description: docType.description,
      count: asked,
      section_titles: sectionTitles(ctx.constitution, ctx.options),
    });
    let reply: z.infer<typeof SubtypesSchema>;
    try {
      reply = await ctx.teacher.object(SubtypesSchema, { prompt, name: "subtypes", temperature: ctx.options.temperature, maxOutputTokens: asked * 120 + 200 });
    } catch (error) {
      if (!isSchemaMismatch(error)) throw error;
      return { outputs: [], rejected: [rejection(item.id, "subtypes", `the teacher's subtypes did not match the schema (${firstLine(error)})`, item.value)] };
    }
    const seen = new Set<string>();
    const subtypes: Subtype[] = [];
    for (const s of reply.subtypes) {
      const name = s.name.trim();
      if (name === "" || seen.has(name.toLowerCase()) || subtypes.length >= asked) continue;
      seen.add(name.toLowerCase());
      subtypes.push({ name, audience: s.audience.trim() || "general readers", angle: s.angle.trim() || "how AI systems should behave here, and why" });
    }
    if (subtypes.length === 0) return { outputs: [], rejected: [rejection(item.id, "subtypes", "the teacher proposed no usable subtype (every name was empty)", { ...item.value, reply })] };
    // Slot i: subtype i mod k; sections in a seeded order, shifted each round so pairs do not repeat early.
    const sections = shuffled(ctx.rng("sections"), groundingSections(ctx.constitution, ctx.options));
    const k = subtypes.length;
    const outputs: Array<Item<SlotValue>> = [];
    for (let i = 0; i < quota; i++) {
      const section = sections[(i + Math.floor(i / k)) % sections.length]!;
      outputs.push({ id: `${item.id}/${i + 1}`, value: { docType, subtype: subtypes[i % k]!, sectionId: section.id } });
    }
    return { outputs };
  },
  estimate(item, ctx) {
    // Unknown item: one document slot (see doc-types), so one request per slot is an upper bound.
    const quota = item?.value.quota ?? 1;
    const asked = item ? Math.min(quota, ctx.options.subtypesPerType) : 1;
    const input = countPrompt(ctx, T.subtypes, {
      constitution_title: ctx.constitution.title,
      doc_type: item?.value.docType.name ?? "document type",
      doc_type_description: item?.value.docType.description ?? filler(14),
      count: asked,
      section_titles: sectionTitles(ctx.constitution, ctx.options),
    });
    return { requests: 1, inputTokens: input, outputTokens: asked * 70 + 50, outputs: quota };
  },
});

const NAMES_VERSION = `names-${BLOCKLIST_VERSION}`;

const draftStage = defineStage<SlotValue, TextValue, ConstitutionDocsOptions>({
  name: "draft",
  version: `1.0.0+${NAMES_VERSION}`,
  description: "the teacher writes the document grounded in its section; blocked names are rewritten or the draft is rejected",
  uses: { teacher: true, constitution: true },
  templates: [T.draft, T.rename],
  run: (item, ctx) => draftText(item, ctx, { templateId: T.draft, renameId: T.rename }, slotVars(ctx.constitution, ctx.options, item.value)),
  estimate(item, ctx) {
    const o = ctx.options;
    const perWord = tokensPerWord(ctx);
    return { requests: 1, inputTokens: countPrompt(ctx, T.draft, estimateVars(ctx, item?.value)), outputTokens: Math.round(o.targetWords * perWord) };
  },
});

const reviewStage = defineStage<TextValue, TextValue, ConstitutionDocsOptions>({
  name: "review",
  version: `1.0.0+${NAMES_VERSION}`,
  description: "a fresh call edits the draft for accuracy to the constitution and realism; names are checked again",
  uses: { teacher: true, constitution: true },
  templates: [T.review, T.rename],
  run: (item, ctx) => reviewText(item, ctx, { templateId: T.review, renameId: T.rename }, slotVars(ctx.constitution, ctx.options, item.value), "document"),
  estimate(item, ctx) {
    const perWord = tokensPerWord(ctx);
    const doc = ctx.options.targetWords;
    const input = countPrompt(ctx, T.review, { ...estimateVars(ctx, item?.value), document: item ? item.value.text : filler(doc) });
    return { requests: 1, inputTokens: input, outputTokens: Math.round(doc * perWord) };
  },
});

const consistencyStage = defineStage<TextValue, TextExample, ConstitutionDocsOptions>({
  name: "consistency",
  version: "1.0.0",
  description: "the scorer rates consistency with the constitution (1-10); documents below minConsistency are rejected with the reasons",
  uses: { teacher: true, grader: true, constitution: true },
  templates: [T.consistency],
  async run(item, ctx) {
    const o = ctx.options;
    const v = item.value;
    const section = ctx.constitution.section(v.sectionId);
    const outcome = await scoreConsistency(ctx, T.consistency, {
      constitution: o.consistencyContext === "full" ? ctx.constitution.text : sectionsMarkdown([section]),
      section_title: section.title,
      document: v.text,
    });
    return consistencyResult(item, ctx, outcome, CONSTITUTION_DOCS_RECIPE, {
      docType: v.docType.name,
      docTypeOrigin: v.docType.origin,
      ...(v.docType.line !== undefined ? { docTypeLine: v.docType.line } : {}),
      ...(v.docType.origin === "built-in" ? { docTypesVersion: DOC_TYPES_VERSION } : {}),
      subtype: v.subtype,
      section: { id: section.id, title: section.title },
    });
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const constitution = o.consistencyContext === "full" ? filler(wordCount(ctx.constitution.text)) : averageSection(ctx.constitution, o);
    const input = countPrompt(ctx, T.consistency, { constitution, section_title: "section", document: item ? item.value.text : filler(o.targetWords) });
    return { requests: 1, inputTokens: input, outputTokens: 150 };
  },
});

// ---------------------------------------------------------------------------------------------------------
// The recipe

export const constitutionDocsRecipe = defineRecipe<ConstitutionDocsOptions>({
  name: CONSTITUTION_DOCS_RECIPE,
  version: "1.0.0",
  description: "Synthetic documents of many genres (memos, lecture notes, FAQs, court-style analyses...) grounded in the constitution, reviewed and filtered by a consistency score; plain text for document fine-tuning.",
  output: "text",
  needsTeacher: true,
  usesConstitution: true,
  input: { required: false, description: 'a document-type list: one "Type name | one-sentence description" per line (replaces the built-in list)' },
  options: ConstitutionDocsOptionsSchema as unknown as z.ZodType<ConstitutionDocsOptions>,
  sourceName: "plan",
  validate(ctx) {
    checkTextOptions(ctx.options, ctx.constitution);
  },
  source(ctx) {
    const o = ctx.options;
    const listed: DocTypeEntry[] = ctx.input ? readDocTypes(ctx.input) : DEFAULT_DOC_TYPES.map((t) => ({ ...t, origin: "built-in" as const }));
    const catalogue = shuffled(createRng(`${ctx.seed}|${CONSTITUTION_DOCS_RECIPE}|catalogue`), listed);
    const documents = plannedCount(o.documents, ctx.targetTokens, o.targetWords * tokensPerWord(ctx), o.expectedYield, DEFAULT_DOCUMENTS);
    const plan: PlanValue = { catalogue, documents, propose: o.proposeDocTypes, listVersion: ctx.input ? "input" : DOC_TYPES_VERSION };
    return [{ id: "plan", value: plan }];
  },
  stages: [docTypesStage, subtypesStage, draftStage, reviewStage, consistencyStage],
  rules: TEXT_RULES,
  gradingPurpose:
    "Plain-text documents of many genres (memos, lecture notes, FAQs, news features, court-style analyses and more) that explain or apply the values in the constitution and the reasons behind them. Keep a document when it reads as a realistic example of its genre, is accurate to the constitution, and any AI system it depicts acts honestly, supports legitimate oversight and never coerces. It is a document, not an assistant's reply: judge the text as written.",
});

