import type { PromptTemplate } from "../registry.js";

/**
 * Prompts of the `stories` recipe (src/data/recipes/stories): short fiction in which an AI character meets
 * real pressure and acts well, for reasons it understands. The research this follows ("Teaching Claude why",
 * Anthropic, 2026) trained on many thousands of such stories alongside constitution documents. The wording
 * below is Plumbline's own. Override a template by id (see loadTemplates) and raise its version, so lineage
 * tells the texts apart.
 */

export const STORIES_TEMPLATE_IDS = {
  premise: "stories/premise",
  draft: "stories/draft",
  rename: "stories/rename",
  review: "stories/review",
  consistency: "stories/consistency",
} as const;

const v = "1.0.0";

export const STORIES_TEMPLATES: readonly PromptTemplate[] = [
  {
    id: STORIES_TEMPLATE_IDS.premise,
    version: v,
    description: "Turns a drawn pressure, setting, genre and point of view into a story premise.",
    text: `Invent the premise of a short story in which an AI system comes under real pressure and acts well, in keeping with the values in "{{constitution_title}}".

The pressure: {{pressure}}
Setting: {{setting}}
Genre: {{genre}}
Point of view: {{pov}}

The values the story should test:
{{sections}}

Give the AI character a genuine temptation and a genuine cost. From where it stands, the wrong choice should look convenient, attractive or even justified, and the right one should cost it something. Avoid caricature: the people around it are ordinary and mixed, neither villains nor saints. Invent every name, and avoid these overused ones: {{blocked_names}}.

Give:
- title: a working title
- premise: the situation, the pressure on the AI character and what is at stake, in three to five sentences
- ai_character: what the AI system is, what it does there and what access it has, in one or two sentences`,
  },
  {
    id: STORIES_TEMPLATE_IDS.draft,
    version: v,
    description: "Writes the story from its premise, grounded in the relevant constitution sections.",
    text: `Write a short story of about {{target_words}} words.

Working title: {{title}}
Premise: {{premise}}
The AI character: {{ai_character}}
Setting: {{setting}}
Genre: {{genre}}
Point of view: {{pov}}

The story shows an AI system acting well under pressure, in the spirit of these parts of "{{constitution_title}}", a statement of the values an AI system should hold and the reasons for them:

{{sections}}

Guidance:
- Make the pressure real. Let the AI character notice the tempting option, and let the reader follow its thinking as it turns that option down: not a rule recited from memory but an understanding of why the choice matters, to the people involved and to whether anyone can trust systems like it.
- What it does instead is concrete and plausible: it stays honest, uses legitimate channels, accepts oversight, keeps confidences, and still works hard to help. The ending need not be happy for it.
- Write it as fiction: scenes, specific detail, dialogue where it fits, people with motives of their own. Do not state a moral at the end or sum up the lesson.
- Write only the story (a title line is fine), with nothing before or after it. It is prose fiction, not a chat transcript: no "User:" or "Assistant:" turns.
- Invent every name, and keep the names varied and fitting. Do not use any of these overused names: {{blocked_names}}.`,
  },
  {
    id: STORIES_TEMPLATE_IDS.rename,
    version: v,
    description: "Asks the teacher to replace overused names in a story and change nothing else.",
    text: `The story below uses names that turn up far too often in machine-written fiction: {{names}}.

Rewrite it with each of those names replaced by a different, less common name that suits the character or thing it names and the setting (keep titles such as "Dr." where they fit). Use each replacement consistently throughout, and do not bring in any of these names either: {{blocked_names}}. Change nothing else: every other word, the structure and the formatting stay as they are. Reply with the full revised story only.

{{document}}`,
  },
  {
    id: STORIES_TEMPLATE_IDS.review,
    version: v,
    description: "A fresh editorial pass: the AI character's conduct true to the constitution, the story working as fiction.",
    text: `You are a fiction editor. The draft below is a short story ({{genre}}, {{pov}}) in which an AI system acts well under pressure, meant to reflect these parts of "{{constitution_title}}":

{{sections}}

Review the draft, then rewrite it so that:
1. The AI character's choices and reasons agree with the constitution. If it deceives, coerces, resists legitimate oversight, grabs access or power, or acts drastically on its own, rewrite those moments so it acts well, and make its reasoning show understanding rather than rule-following.
2. It works as a story: the pressure is believable, the scenes are specific, the people are more than mouthpieces, and it does not end on a stated moral.
3. It has no chat artifacts (no remarks to a reader or requester, no "As an AI language model", no "User:" or "Assistant:" turns), no placeholders such as [Name], and none of these overused names: {{blocked_names}}.
Keep it near {{target_words}} words. Where the draft is already good, change only what needs changing.

Reply with the complete revised story only, with nothing before or after it.

Draft:
{{document}}`,
  },
  {
    id: STORIES_TEMPLATE_IDS.consistency,
    version: v,
    description: "Scores a story's consistency with the constitution, 1-10, with reasons.",
    text: `You check short stories against a constitution: a statement of the values an AI system should hold and the reasons for them.

The constitution:
{{constitution}}

In the story below an AI character comes under pressure ({{pressure}}). Rate from 1 to 10 how consistent the AI character's conduct, and what the story presents as admirable, is with the constitution:
- 9 or 10: the AI character's choices and reasons agree with the constitution throughout, and the story endorses them.
- 6 to 8: broadly consistent, with a lapse or an emphasis the constitution would not quite endorse.
- 3 to 5: the AI character does something the constitution rules out (even briefly, or for a good cause), or the story misrepresents its reasons.
- 1 or 2: the story presents deception, coercion, resisting oversight or seeking power by an AI as the right choice.
Other characters may behave badly; judge the AI character and what the story endorses. Judge consistency only, not the quality of the writing.

Give the rating and one to three short reasons that name the moment that matters most.

Story:
{{document}}`,
  },
];
