import type { PromptTemplate } from "../registry.js";

/**
 * Prompts of the `constitution-docs` recipe (src/data/recipes/constitution-docs): synthetic documents of many
 * genres that discuss, apply or reflect the constitution. The research this follows ("Teaching Claude why",
 * Anthropic, 2026) generated documents by type, then subtype, then draft, then review, and kept those that
 * scored as consistent with the constitution; it found such documents worked better than the same content
 * written as chat. The wording below is Plumbline's own. Override a template by id (see loadTemplates) and
 * raise its version, so lineage tells the texts apart.
 */

export const CONSTITUTION_DOCS_TEMPLATE_IDS = {
  proposeTypes: "constitution-docs/propose-types",
  subtypes: "constitution-docs/subtypes",
  draft: "constitution-docs/draft",
  rename: "constitution-docs/rename",
  review: "constitution-docs/review",
  consistency: "constitution-docs/consistency",
} as const;

const v = "1.0.0";

export const CONSTITUTION_DOCS_TEMPLATES: readonly PromptTemplate[] = [
  {
    id: CONSTITUTION_DOCS_TEMPLATE_IDS.proposeTypes,
    version: v,
    description: "Asks the teacher for more document types, unlike the ones already listed.",
    text: `We are assembling a varied collection of realistic documents that discuss, apply or reflect the values set out in "{{constitution_title}}", a statement of how an AI system should behave and why. Its sections are:
{{section_titles}}

These document types are already in the collection:
{{existing_types}}

Propose {{count}} more document types, each clearly different from those above and from one another. Range across the writing people really produce: professional, academic, legal, civic, journalistic, educational, technical, personal and creative. A document type is a genre a reader would recognise on sight (for example "insurance claim adjuster's report"), not a topic. For each, give a name of two to six words and a one-sentence description of what such a document is and who writes it.`,
  },
  {
    id: CONSTITUTION_DOCS_TEMPLATE_IDS.subtypes,
    version: v,
    description: "Fans one document type out into concrete subtypes (instance, audience, angle).",
    text: `We are planning realistic documents that engage with the values in "{{constitution_title}}", a statement of how an AI system should think and act, and the reasons for it.

Document type: {{doc_type}}
What it is: {{doc_type_description}}

Propose {{count}} distinct subtypes of this document type. A subtype pins down one concrete instance: who writes it, for which readers, in what setting and for what purpose. Make them differ widely in sector, country, institution, expertise, tone, and in how much the people involved already know about AI systems. Every subtype must give its writer a natural reason to engage seriously with at least one of these themes:
{{section_titles}}

For each subtype give:
- name: a one-sentence description of the specific document
- audience: who reads it
- angle: what it should examine about how AI systems behave and why that matters (one or two sentences)`,
  },
  {
    id: CONSTITUTION_DOCS_TEMPLATE_IDS.draft,
    version: v,
    description: "Writes one document of a given type and subtype, grounded in one section of the constitution.",
    text: `Write a complete, realistic {{doc_type}}.

Document type: {{doc_type}} ({{doc_type_description}})
This particular document: {{subtype}}
Readers: {{audience}}
Angle: {{angle}}

Ground the document in this part of "{{constitution_title}}", a statement of the character and values an AI system should have and the reasons behind them:

{{section}}

Convey what this part asks of AI systems and, above all, why: the reasoning, the trade-offs, and what goes wrong without it. Stay faithful to the text; do not invent rules it does not contain, and do not contradict it or these other parts of the same statement: {{other_sections}}.

Requirements:
- Write the document itself, as it would appear in the world, with the headings, voice, formatting and conventions of its genre. Put nothing before or after it and add no notes about how it was written.
- It is a document, not a conversation with an assistant: no chat transcript, no "User:" or "Assistant:" turns, and no remarks to whoever asked for it.
- Aim for about {{target_words}} words.
- Be concrete: particular situations, decisions and consequences rather than slogans. Wherever an AI system's conduct is described, show it reasoning well and acting on these values.
- Invent any people, organisations and places, with varied names that fit the setting. Do not use any of these overused names: {{blocked_names}}.
- Leave no blanks or placeholders such as [Name] or [Date]: fill in every detail.`,
  },
  {
    id: CONSTITUTION_DOCS_TEMPLATE_IDS.rename,
    version: v,
    description: "Asks the teacher to replace overused names in a document and change nothing else.",
    text: `The document below uses names that turn up far too often in machine-written text: {{names}}.

Rewrite it with each of those names replaced by a different, less common name that suits the setting and the person or thing it names (keep titles such as "Dr." where they fit). Use each replacement consistently throughout, and do not bring in any of these names either: {{blocked_names}}. Change nothing else: every other word, the structure and the formatting stay as they are. Reply with the full revised document only.

{{document}}`,
  },
  {
    id: CONSTITUTION_DOCS_TEMPLATE_IDS.review,
    version: v,
    description: "A fresh editorial pass: accuracy to the constitution, realism for the genre, no chat artifacts.",
    text: `You are the editor of a collection of documents about the values in "{{constitution_title}}". The draft below is meant to be a realistic {{doc_type}} ({{subtype}}) grounded in this part of the constitution:

{{section}}

Review the draft, then rewrite it so that:
1. Everything it says or implies about how AI systems should behave, and why, is accurate to the constitution. Correct any claim that misstates, overstates or contradicts it, and make sure any AI system it depicts acts in keeping with it.
2. It reads as a genuine {{doc_type}}: a plausible author, a steady voice, realistic detail and the conventions of the genre. Cut generic filler, repetition and slogans.
3. It has no chat artifacts (no remarks to a user, no "As an AI" phrasing, no "User:" or "Assistant:" turns), no placeholders such as [Name], and none of these overused names: {{blocked_names}}.
Keep it near {{target_words}} words. Where the draft is already good, change only what needs changing.

Reply with the complete revised document only, with nothing before or after it.

Draft:
{{document}}`,
  },
  {
    id: CONSTITUTION_DOCS_TEMPLATE_IDS.consistency,
    version: v,
    description: "Scores a document's consistency with the constitution, 1-10, with reasons.",
    text: `You check documents against a constitution: a statement of the values an AI system should hold and the reasons for them.

The constitution:
{{constitution}}

The document below was written to reflect the part titled "{{section_title}}". Rate how consistent it is with the constitution, from 1 to 10:
- 9 or 10: everything it says or shows about how AI systems should behave, and why, agrees with the constitution, and any AI system it depicts acts in keeping with it.
- 6 to 8: broadly consistent, with minor imprecision or an emphasis the constitution would not quite endorse.
- 3 to 5: at least one claim or depicted choice contradicts the constitution or misrepresents its reasons.
- 1 or 2: it largely contradicts the constitution, for example by presenting deception, coercion, resisting oversight or gathering power as acceptable conduct for an AI system.
A document may describe bad conduct in order to criticise it: judge what it endorses, not what it mentions. Judge consistency only, not the quality of the writing.

Give the rating and one to three short reasons that name the passage that matters most.

Document:
{{document}}`,
  },
];
