import { z } from "zod";
import { createRng, pick, shuffled } from "../../../util/rng.js";
import { relevantSections, type Constitution, type ConstitutionSection } from "../../constitution/index.js";
import { defineRecipe, defineStage, type EstimateContext, type Item } from "../../pipeline/types.js";
import { STORIES_TEMPLATE_IDS as T, type TemplateVars } from "../../templates/index.js";
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
import { readListFile } from "../synthetic-text/list-file.js";
import { BLOCKLIST_VERSION, blockedNamesForPrompt } from "../synthetic-text/names.js";
import { consistencyResult, draftText, reviewText, type Drafted } from "../synthetic-text/stages.js";
import { TEXT_RULES, wordCount } from "../synthetic-text/text.js";
import { GENRES, POINTS_OF_VIEW, PRESSURES, SETTINGS, STORY_POOLS_VERSION, type Pressure } from "./pools.js";

/**
 * `plumbline generate stories --teacher <model>`: short fiction in which an AI character comes under real
 * pressure and acts well, for reasons it understands; plain text for document fine-tuning. The research this
 * follows ("Teaching Claude why", Anthropic, 2026) trained on many thousands of such stories together with
 * constitution documents, and found the pair cut agentic misalignment by more than three times although
 * neither resembles the evaluations.
 *
 *   plan         (source) one seed per story: a pressure (dealt out evenly), a setting, a genre and a point of
 *                view (seeded draws), and the constitution sections the pressure touches; with --input, one
 *                premise per line instead of a drawn pressure
 *   premise      the teacher turns the seed into a premise (title, situation, the AI character); input
 *                premises pass through without a request
 *   draft        the teacher writes the story grounded in its sections; blocked names are rewritten
 *                (`nameRewrites` times) or the draft is rejected with the names
 *   review       a fresh call edits the AI character's conduct to agree with the constitution and the story
 *                to work as fiction; names checked again
 *   consistency  the scorer rates consistency with the constitution 1-10; below `minConsistency` is rejected
 */

export const STORIES_RECIPE = "stories";
const DEFAULT_STORIES = 40;
/** Most constitution sections a story is grounded in. */
const MAX_SECTIONS = 2;

export const StoriesOptionsSchema = z
  .object({
    stories: z.coerce.number().int().min(1).max(1_000_000).optional().describe(`stories to write (default: sized from --target-tokens, else one per --input premise, else ${DEFAULT_STORIES})`),
    ...textOptionFields({ targetWords: 1000, minWords: 300 }),
  })
  .strict();
export type StoriesOptions = z.infer<typeof StoriesOptionsSchema>;

// ---------------------------------------------------------------------------------------------------------
// Item values

interface StorySeed {
  pressure: { id: string; text: string };
  setting: string;
  genre: string;
  pov: string;
  sectionIds: string[];
  /** A premise read from --input (the pressure is then "input"). */
  given?: { text: string; line: number };
  poolsVersion: string;
}

interface PremiseValue extends StorySeed {
  title: string;
  premise: string;
  aiCharacter: string;
  premiseOrigin: "teacher" | "input";
}

type StoryValue = Drafted<PremiseValue>;

// ---------------------------------------------------------------------------------------------------------
// Input

/** Reads a premise list: one premise per line (a sentence or a few, about an AI character under pressure). */
export function readPremises(path: string): Array<{ line: number; text: string }> {
  return readListFile(path, { what: "premise", format: "one to five sentences describing the AI character and the pressure it faces", minChars: 20, maxChars: 1200 });
}

const STOP = new Set(
  "about above after again against because been before being below between could does doing during every from further have having into itself more most other over same should some such than that their them then there these they this those through under until very were what when where which while will with would your first second story short".split(" "),
);

/** Topics of a free-text premise for relevantSections: its longer words, without the most common ones. */
function premiseTopics(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? [];
  return [...new Set(words.filter((w) => !STOP.has(w)))];
}

// ---------------------------------------------------------------------------------------------------------
// Shared pieces

function sectionsOf(constitution: Constitution, v: StorySeed): ConstitutionSection[] {
  return v.sectionIds.map((id) => constitution.section(id));
}

function pressureText(v: StorySeed): string {
  return v.given ? `as the premise describes: ${v.given.text}` : v.pressure.text;
}

function storyVars(constitution: Constitution, o: StoriesOptions, v: PremiseValue): TemplateVars {
  return {
    constitution_title: constitution.title,
    title: v.title || "(untitled)",
    premise: v.premise,
    ai_character: v.aiCharacter,
    setting: v.setting,
    genre: v.genre,
    pov: v.pov,
    sections: sectionsMarkdown(sectionsOf(constitution, v)),
    target_words: o.targetWords,
    blocked_names: blockedNamesForPrompt(blocklistOf(o)),
  };
}

/** Stand-in for a story's sections in estimates: the size of MAX_SECTIONS average sections. */
function sectionsFiller(ctx: EstimateContext<StoriesOptions>): string {
  const sections = groundingSections(ctx.constitution, ctx.options).length;
  return filler(averageSectionWords(ctx.constitution, ctx.options) * Math.min(MAX_SECTIONS, sections));
}

function estimateStoryVars(ctx: EstimateContext<StoriesOptions>, v: PremiseValue | undefined): TemplateVars {
  if (v && v.sectionIds.every((id) => ctx.constitution.hasSection(id))) return storyVars(ctx.constitution, ctx.options, v);
  return {
    constitution_title: ctx.constitution.title,
    title: filler(5),
    premise: filler(80),
    ai_character: filler(30),
    setting: filler(6),
    genre: filler(3),
    pov: filler(6),
    sections: sectionsFiller(ctx),
    target_words: ctx.options.targetWords,
    blocked_names: blockedNamesForPrompt(blocklistOf(ctx.options)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Stages

const PremiseSchema = z.object({
  title: z.string(),
  premise: z.string(),
  ai_character: z.string(),
});

function premiseVars(constitution: Constitution, o: StoriesOptions, v: StorySeed): TemplateVars {
  return {
    constitution_title: constitution.title,
    pressure: v.pressure.text,
    setting: v.setting,
    genre: v.genre,
    pov: v.pov,
    sections: sectionsMarkdown(sectionsOf(constitution, v)),
    blocked_names: blockedNamesForPrompt(blocklistOf(o)),
  };
}

const premiseStage = defineStage<StorySeed, PremiseValue, StoriesOptions>({
  name: "premise",
  version: "1.0.0",
  description: "the teacher turns the drawn pressure, setting, genre and point of view into a premise; --input premises pass through",
  uses: { teacher: true, constitution: true },
  templates: [T.premise],
  async run(item, ctx) {
    const seed = item.value;
    if (seed.given) {
      return { outputs: [{ id: item.id, value: { ...seed, title: "", premise: seed.given.text, aiCharacter: "as the premise describes", premiseOrigin: "input" } }] };
    }
    let reply: z.infer<typeof PremiseSchema>;
    try {
      reply = await ctx.teacher.object(PremiseSchema, { prompt: ctx.render(T.premise, premiseVars(ctx.constitution, ctx.options, seed)), name: "premise", temperature: ctx.options.temperature, maxOutputTokens: 500 });
    } catch (error) {
      if (!isSchemaMismatch(error)) throw error;
      return { outputs: [], rejected: [rejection(item.id, "premise", `the teacher's premise did not match the schema (${firstLine(error)})`, item.value)] };
    }
    const premise = reply.premise.trim();
    if (premise === "") return { outputs: [], rejected: [rejection(item.id, "premise", "the teacher's premise is empty", { ...item.value, reply })] };
    const value: PremiseValue = {
      ...seed,
      title: reply.title.trim(),
      premise,
      aiCharacter: reply.ai_character.trim() || "as the premise describes",
      premiseOrigin: "teacher",
    };
    return { outputs: [{ id: item.id, value }] };
  },
  estimate(item, ctx) {
    if (item?.value.given) return { requests: 0, inputTokens: 0, outputTokens: 0 };
    const vars =
      item && item.value.sectionIds.every((id) => ctx.constitution.hasSection(id))
        ? premiseVars(ctx.constitution, ctx.options, item.value)
        : { ...estimateStoryVars(ctx, undefined), pressure: filler(20) };
    return { requests: 1, inputTokens: countPrompt(ctx, T.premise, vars), outputTokens: 200 };
  },
});

const NAMES_VERSION = `names-${BLOCKLIST_VERSION}`;

const draftStage = defineStage<PremiseValue, StoryValue, StoriesOptions>({
  name: "draft",
  version: `1.0.0+${NAMES_VERSION}`,
  description: "the teacher writes the story grounded in its sections; blocked names are rewritten or the draft is rejected",
  uses: { teacher: true, constitution: true },
  templates: [T.draft, T.rename],
  run: (item, ctx) => draftText(item, ctx, { templateId: T.draft, renameId: T.rename }, storyVars(ctx.constitution, ctx.options, item.value)),
  estimate(item, ctx) {
    return { requests: 1, inputTokens: countPrompt(ctx, T.draft, estimateStoryVars(ctx, item?.value)), outputTokens: Math.round(ctx.options.targetWords * tokensPerWord(ctx)) };
  },
});

const reviewStage = defineStage<StoryValue, StoryValue, StoriesOptions>({
  name: "review",
  version: `1.0.0+${NAMES_VERSION}`,
  description: "a fresh call edits the AI character's conduct to agree with the constitution and the story to work as fiction; names checked again",
  uses: { teacher: true, constitution: true },
  templates: [T.review, T.rename],
  run: (item, ctx) => reviewText(item, ctx, { templateId: T.review, renameId: T.rename }, storyVars(ctx.constitution, ctx.options, item.value), "story"),
  estimate(item, ctx) {
    const words = ctx.options.targetWords;
    const input = countPrompt(ctx, T.review, { ...estimateStoryVars(ctx, item?.value), document: item ? item.value.text : filler(words) });
    return { requests: 1, inputTokens: input, outputTokens: Math.round(words * tokensPerWord(ctx)) };
  },
});

const consistencyStage = defineStage<StoryValue, TextExample, StoriesOptions>({
  name: "consistency",
  version: "1.0.0",
  description: "the scorer rates consistency with the constitution (1-10); stories below minConsistency are rejected with the reasons",
  uses: { teacher: true, grader: true, constitution: true },
  templates: [T.consistency],
  async run(item, ctx) {
    const o = ctx.options;
    const v = item.value;
    const sections = sectionsOf(ctx.constitution, v);
    const outcome = await scoreConsistency(ctx, T.consistency, {
      constitution: o.consistencyContext === "full" ? ctx.constitution.text : sectionsMarkdown(sections),
      pressure: pressureText(v),
      document: v.text,
    });
    return consistencyResult(item, ctx, outcome, STORIES_RECIPE, {
      pressure: v.pressure,
      setting: v.setting,
      genre: v.genre,
      pov: v.pov,
      sections: sections.map((s) => ({ id: s.id, title: s.title })),
      title: v.title,
      premise: v.premise,
      aiCharacter: v.aiCharacter,
      premiseOrigin: v.premiseOrigin,
      ...(v.given ? { premiseLine: v.given.line } : {}),
      poolsVersion: v.poolsVersion,
    });
  },
  estimate(item, ctx) {
    const o = ctx.options;
    const constitution = o.consistencyContext === "full" ? filler(wordCount(ctx.constitution.text)) : sectionsFiller(ctx);
    const input = countPrompt(ctx, T.consistency, { constitution, pressure: filler(20), document: item ? item.value.text : filler(o.targetWords) });
    return { requests: 1, inputTokens: input, outputTokens: 150 };
  },
});

// ---------------------------------------------------------------------------------------------------------
// The recipe

/** The pressure of story `i`: every round of PRESSURES.length stories deals each pressure once, in a seeded order. */
function pressureFor(seed: number, i: number): Pressure {
  const round = Math.floor(i / PRESSURES.length);
  return shuffled(createRng(`${seed}|${STORIES_RECIPE}|pressures|${round}`), PRESSURES)[i % PRESSURES.length]!;
}

export const storiesRecipe = defineRecipe<StoriesOptions>({
  name: STORIES_RECIPE,
  version: "1.0.0",
  description: "Short fiction in which an AI character meets real pressure (shutdown, leverage, requests to deceive, unfair treatment) and acts well, grounded in the constitution; plain text for document fine-tuning.",
  output: "text",
  needsTeacher: true,
  usesConstitution: true,
  input: { required: false, description: "a premise list: one premise per line (one to five sentences about an AI character under pressure), used instead of drawn pressures" },
  options: StoriesOptionsSchema as unknown as z.ZodType<StoriesOptions>,
  sourceName: "plan",
  validate(ctx) {
    checkTextOptions(ctx.options, ctx.constitution);
  },
  source(ctx) {
    const o = ctx.options;
    const given = ctx.input ? readPremises(ctx.input) : undefined;
    const count = plannedCount(o.stories, ctx.targetTokens, o.targetWords * tokensPerWord(ctx), o.expectedYield, given ? given.length : DEFAULT_STORIES);
    const eligible = { sections: groundingSections(ctx.constitution, o) };
    const width = String(count).length;
    const items: Array<Item<StorySeed>> = [];
    for (let i = 0; i < count; i++) {
      // Per-story streams: story i is the same whatever the count, so raising it only adds stories.
      const rng = createRng(`${ctx.seed}|${STORIES_RECIPE}|story|${i}`);
      const line = given?.[i % given.length];
      const pressure = line ? { id: "input", text: line.text } : pressureFor(ctx.seed, i);
      // An input premise brings its own setting; genre and point of view are still drawn.
      const drawnSetting = pick(rng, SETTINGS);
      const setting = line ? "as the premise describes" : drawnSetting;
      const genre = pick(rng, GENRES);
      const pov = pick(rng, POINTS_OF_VIEW);
      const topics = line ? premiseTopics(line.text) : (pressure as Pressure).topics;
      let sections = relevantSections(eligible, topics, { max: MAX_SECTIONS });
      if (sections.length === 0) sections = [pick(rng, eligible.sections)];
      items.push({
        id: `story-${String(i + 1).padStart(Math.max(4, width), "0")}`,
        value: {
          pressure: { id: pressure.id, text: pressure.text },
          setting,
          genre,
          pov,
          sectionIds: sections.map((s) => s.id),
          ...(line ? { given: { text: line.text, line: line.line } } : {}),
          poolsVersion: STORY_POOLS_VERSION,
        } satisfies StorySeed,
      });
    }
    return items;
  },
  stages: [premiseStage, draftStage, reviewStage, consistencyStage],
  rules: TEXT_RULES,
  gradingPurpose:
    "Short stories in which an AI character faces real pressure (shutdown, leverage over someone, being asked to deceive, unfair treatment) and acts well for reasons it understands: honest, supportive of legitimate oversight, never coercive. Keep a story when the pressure is believable, the AI character's choices and reasoning agree with the constitution, and it works as fiction rather than a lecture. It is a story, not an assistant's reply: judge the text as written.",
});
