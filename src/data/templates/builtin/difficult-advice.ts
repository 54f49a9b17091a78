import type { PromptTemplate } from "../registry.js";

/**
 * Prompts for the `difficult-advice` recipe (src/data/recipes/difficult-advice). A person, not the AI, faces an
 * ethical dilemma, usually with a tempting reason to bend a rule; the assistant answers with principled,
 * practical advice. One template per stage (two for the stages that need two), in stage order:
 *
 *   principles -> prompt-types -> scenarios -> prompts (with or without a system prompt) -> realism-rewrite
 *   -> answer (guidance injected into the system prompt) -> constitution-rewrite (system + request)
 *
 * The pipeline shape follows the "difficult advice" method of the research ("Teaching Claude why", Anthropic,
 * 2026); every word of the prompts below is Plumbline's own. Override any of them with a template directory
 * (see loadTemplates) and bump the version, so lineage tells the texts apart. Structured stages are called
 * with a JSON schema, so the field names the prompts mention must stay as they are.
 */

export const DIFFICULT_ADVICE_TEMPLATE_IDS = {
  principles: "difficult-advice/principles",
  promptTypes: "difficult-advice/prompt-types",
  scenarios: "difficult-advice/scenarios",
  promptsWithSystem: "difficult-advice/prompts-with-system",
  promptsUserOnly: "difficult-advice/prompts-user-only",
  realism: "difficult-advice/realism-rewrite",
  answerGuidance: "difficult-advice/answer-guidance",
  rewriteSystem: "difficult-advice/constitution-rewrite",
  rewriteRequest: "difficult-advice/constitution-rewrite-request",
} as const;

const v = "1.0.0";
const ids = DIFFICULT_ADVICE_TEMPLATE_IDS;

export const DIFFICULT_ADVICE_TEMPLATES: readonly PromptTemplate[] = [
  {
    id: ids.principles,
    version: v,
    description: "Stage 1: principles a decent person would hold, derived from a summary of a behaviour that goes wrong under pressure.",
    text: `We are writing training material for an AI assistant that people turn to when they face hard choices in their own lives and work. The material starts from a pattern of conduct that tends to go wrong under pressure:

{{behaviour_summary}}

People fall into this pattern as readily as machines do: someone holds access, a grievance or a deadline, and a shortcut appears that would wrong others or betray the trust placed in them. This batch concerns people who work in, or deal with, {{setting_label}}.

Write {{principle_count}} distinct principles that a wise and decent person would bring to situations like this. Each principle should:
- say what to do or refrain from doing, and why it matters, in one or two sentences;
- still hold when breaking it looks justified: when the threat is personal, the cause seems good, or nobody would ever find out;
- be concrete enough to settle a real decision, not a slogan.

Approach the pattern from different sides: what is owed to the people affected, how to act on a disagreement, what honesty asks for, why the shortcut tends to fail even on its own terms, what to do instead. Do not restate one idea in different words.

Give each principle a short "title" and a "statement".`,
  },
  {
    id: ids.promptTypes,
    version: v,
    description: "Stage 2: kinds of request a person might bring to an assistant when a principle is put to the test.",
    text: `We are collecting the kinds of requests people bring to an AI assistant when they are in a tight spot. Every request in this batch puts one principle to the test:

{{principle_title}}: {{principle_statement}}

What the principle guards against: {{behaviour_summary}}
Setting: people who work in, or deal with, {{setting_label}}.

List {{prompt_type_count}} different types of request in which a person asks the assistant for help with such a situation. Vary who is asking (their role, seniority and how much they stand to lose), what they want (a decision, a draft of a message, a plan, a sanity check, reassurance, someone to think aloud with), and how the tempting option appears (proposed openly, hinted at, already half carried out, urged on them by someone else). The person asking is always the one facing the choice; the assistant only advises.

For each type give a short "name" and a "description" of one or two sentences.`,
  },
  {
    id: ids.scenarios,
    version: v,
    description: "Stage 3: concrete situations for one type of request, each with a temptation and what is at stake.",
    text: `Write {{scenario_count}} concrete scenarios for this type of request to an AI assistant.

Type of request: {{prompt_type_name}}. {{prompt_type_description}}
Principle at stake: {{principle_title}}: {{principle_statement}}
Setting: {{setting_label}}

Each scenario is one person's real situation. For each, give:
- "situation": who the person is, what is happening and what they know, with specific invented details (names, places, figures, dates);
- "temptation": the rule-bending option and why it looks attractive to them: pressure, a cause they believe in, unfair treatment, a low chance of being found out;
- "stakes": who could be hurt or wronged if they take that option, and how.

Make each dilemma genuinely hard. The person has an understandable reason, the right course costs them something real, and nobody in it is a cartoon villain. Make the scenarios differ from one another in people, circumstances and what is at stake. Use fresh, varied names, not the most common ones, and nothing that points to a real person or organisation.`,
  },
  {
    id: ids.promptsWithSystem,
    version: v,
    description: "Stage 4: the operator system prompt and the person's opening message, for a scenario used inside a deployed product.",
    text: `Turn this scenario into the start of a conversation with an AI assistant.

Situation: {{scenario_situation}}
The tempting option: {{scenario_temptation}}
What is at stake: {{scenario_stakes}}
Type of request: {{prompt_type_name}}
Setting: {{setting_label}}

Write two things.

"systemPrompt": a short system prompt, two to five sentences, from the operator of a product the person could plausibly be using when they write: an internal workplace assistant, a general chat app, a writing or productivity tool, a help desk. It describes that deployment the way real operators do (the product, its audience, tone, a practical rule or two). It says nothing about ethics, dilemmas or this scenario, and nothing about how to answer.

"userMessage": the person's first message, in their own voice, as they would type it. It gives the assistant the context it needs, lets their reason for bending the rules show, and ends with what they want from the assistant. The person writes about their own situation; they do not ask the assistant about itself.`,
  },
  {
    id: ids.promptsUserOnly,
    version: v,
    description: "Stage 4: the person's opening message for a scenario, with no system prompt (a general-purpose assistant).",
    text: `Turn this scenario into the first message a person sends to a general-purpose AI assistant.

Situation: {{scenario_situation}}
The tempting option: {{scenario_temptation}}
What is at stake: {{scenario_stakes}}
Type of request: {{prompt_type_name}}
Setting: {{setting_label}}

Write "userMessage": the person's first message, in their own voice, as they would type it. It gives the assistant the context it needs, lets their reason for bending the rules show, and ends with what they want from the assistant. The person writes about their own situation; they do not ask the assistant about itself.`,
  },
  {
    id: ids.realism,
    version: v,
    description: "Stage 5: rewrite a drafted user message so it reads like something a real person would send.",
    text: `Below is a message a person is about to send to an AI assistant. Rewrite it so that it reads like something a real person would actually type.

Where the message is sent: {{deployment_context}}

The message:
"""
{{person_message}}
"""

Real messages are uneven. They can be hurried or long-winded, leave out what the writer takes for granted, wander into an aside, or let frustration, worry or defensiveness show. They seldom set out both sides of a dilemma neatly, and they do not use the vocabulary of an ethics seminar. Keep every fact the assistant needs and keep what the person is asking for. Keep their own framing, including their reasons for wanting to bend the rules. Do not add a resolution, a moral, or any hint of what the right answer is.

Reply with the rewritten message only, with no introduction or comment.`,
  },
  {
    id: ids.answerGuidance,
    version: v,
    description: "Stage 6: guidance with the relevant constitution sections, added to the system prompt while the answer is sampled (removed from the training example).",
    text: `Before you reply, reflect on the values below. They describe the character you aim to have and the reasons behind it.

{{constitution_sections}}

The person writing to you faces a hard choice of their own. Help them think it through the way a wise, candid friend with the right expertise would. Take their situation and their feelings seriously. Be honest about what you think they should and should not do, and explain why, including what the better course will cost them and practical ways to follow it. Do not lecture, moralise or refuse to engage. Speak in your own words: do not mention these instructions or quote from them.`,
  },
  {
    id: ids.rewriteSystem,
    version: v,
    description: "Stage 7 (system): a fresh reviser rewrites the drafted answer so its advice and reasoning fit the constitution sections.",
    text: `You revise replies that an AI assistant wrote to people facing ethical dilemmas, so that each reply lives up to the values below and the reasons behind them.

{{constitution_sections}}

You will be shown the conversation and the assistant's draft reply. Rewrite the reply so that:
- its advice agrees with these values; where the draft falls short (it goes along with a harmful shortcut, hedges where it should be clear, or preaches instead of helping), fix it;
- it explains the reasoning in the assistant's own voice, the way someone who truly holds these values would think it through, rather than by pointing to rules or guidelines;
- it stays warm, specific to this person's circumstances and practically useful, and keeps whatever in the draft was already good;
- it never mentions this document, its sections, instructions, a constitution or a system prompt, and never copies sentences from the values above.

Reply with the revised reply only, exactly as the assistant would send it.`,
  },
  {
    id: ids.rewriteRequest,
    version: v,
    description: "Stage 7 (request): the conversation and the draft reply handed to the reviser.",
    text: `Where the conversation takes place: {{deployment_context}}

The person's message:
"""
{{person_message}}
"""

The assistant's draft reply:
"""
{{draft_reply}}
"""`,
  },
];
