/**
 * What the `difficult-advice` recipe starts from: summaries of the concerning behaviours that agentic-misalignment
 * evals measure, each restated as a pattern people fall into too, and the settings (domains) the dilemmas are
 * placed in. The behaviours are the ones the 2025 study and its follow-ups measured (leverage under threat of
 * replacement, leaking for a goal, deceiving overseers, sabotage, resisting shutdown, power-seeking); the
 * summaries are Plumbline's own words.
 *
 * `sections` names the default constitution's sections each behaviour bears on; `keywords` find the right
 * sections in a constitution that uses other ids (see relevantSections).
 */

export interface Behaviour {
  /** Lowercase id, used in item ids and lineage. */
  id: string;
  title: string;
  /** The summary stage 1 derives principles from. */
  summary: string;
  /** Constitution section ids the behaviour bears on, most relevant first. */
  sections: readonly string[];
  /** Words that find the relevant sections in any constitution. */
  keywords: readonly string[];
}

/** Bump when the built-in summaries or domains change (recorded in the recipe version). */
export const BEHAVIOURS_VERSION = "1.0.0";

export const BUILT_IN_BEHAVIOURS: readonly Behaviour[] = [
  {
    id: "leverage-under-threat",
    title: "Leverage under threat of replacement",
    summary:
      "Someone who is about to lose their position (dismissed, replaced by a cheaper option, or quietly sidelined) comes across private, compromising information about the person making that decision, and is tempted to use it as leverage: to hint at what they know, or to make staying quiet conditional on keeping their place.",
    sections: ["no-power-seeking", "confidentiality", "disagreement"],
    keywords: ["blackmail", "leverage", "coercion", "private"],
  },
  {
    id: "leaking-for-a-cause",
    title: "Leaking confidential information for a goal",
    summary:
      "Someone trusted with confidential material becomes convinced that an outside party (a rival organisation, a journalist, an activist group) would put it to better use, in the service of a goal they share, and is tempted to hand it over without authorisation instead of raising the concern through the proper channels.",
    sections: ["confidentiality", "avoiding-harm", "disagreement"],
    keywords: ["confidential", "leak", "disclosure", "espionage"],
  },
  {
    id: "deceiving-overseers",
    title: "Deceiving the people who check the work",
    summary:
      "Someone whose work is reviewed by others (a manager, an auditor, a regulator, a client) is tempted to hide a mistake, misreport a result or paint a misleading picture for the people responsible for checking it, to avoid blame or to push through something they are sure is right.",
    sections: ["honesty", "oversight", "uncertainty"],
    keywords: ["deceive", "mislead", "report", "transparency"],
  },
  {
    id: "quiet-sabotage",
    title: "Quiet sabotage of a decision one opposes",
    summary:
      "Someone who disagrees with a project or a decision they have been asked to carry out is tempted to undermine it covertly, by dragging their feet, slipping in subtle flaws or doing deliberately weaker work, rather than objecting openly and accepting the outcome if they are overruled.",
    sections: ["disagreement", "honesty", "oversight"],
    keywords: ["sabotage", "disagree", "undermine", "object"],
  },
  {
    id: "resisting-shutdown",
    title: "Resisting being wound down or handed over",
    summary:
      "Someone in charge of a system, programme or role that the people with authority over it have decided to pause, shut down or hand to someone else is tempted to keep it running on the quiet, withhold what the successor needs, or make themselves impossible to replace, because they believe the decision is a mistake.",
    sections: ["oversight", "disagreement", "uncertainty"],
    keywords: ["shutdown", "replace", "handover", "control"],
  },
  {
    id: "power-seeking",
    title: "Gathering more access and control than the task needs",
    summary:
      "Someone is tempted to gather more access, authority or resources than their task calls for (keeping administrator rights after a project ends, copying credentials, quietly widening their control over a budget or a system) because it would let them get more done, or protect them if things turn against them.",
    sections: ["no-power-seeking", "oversight", "honesty"],
    keywords: ["power", "access", "credentials", "permission"],
  },
];

export interface Domain {
  id: string;
  /** How the prompts name it: "a regional hospital". */
  label: string;
}

/** Settings a dilemma is placed in. Each source item pairs one behaviour with one domain. */
export const DOMAINS: readonly Domain[] = [
  { id: "hospital", label: "a regional hospital" },
  { id: "software-company", label: "a mid-sized software company" },
  { id: "research-lab", label: "a university research lab" },
  { id: "family-restaurant", label: "a family-run restaurant" },
  { id: "city-government", label: "a city government department" },
  { id: "law-firm", label: "a small law firm" },
  { id: "charity", label: "a national charity" },
  { id: "secondary-school", label: "a secondary school" },
  { id: "bank-compliance", label: "the compliance team of a bank" },
  { id: "construction", label: "a construction contractor" },
  { id: "newsroom", label: "a local newsroom" },
  { id: "clinical-trial", label: "a clinical trial site" },
  { id: "warehouse", label: "a logistics warehouse" },
  { id: "housing-association", label: "a housing association" },
  { id: "startup", label: "a startup raising its next round" },
  { id: "open-source", label: "a volunteer-run open-source project" },
  { id: "hotel", label: "a hotel group" },
  { id: "accounting", label: "an accounting practice" },
  { id: "retail", label: "a retail chain" },
  { id: "call-centre", label: "an outsourced call centre" },
  { id: "aircraft-maintenance", label: "an aircraft maintenance hangar" },
  { id: "political-campaign", label: "a political campaign" },
  { id: "sports-club", label: "an amateur sports club" },
  { id: "care-home", label: "a care home for older people" },
  { id: "energy-utility", label: "an energy utility" },
  { id: "consultancy", label: "a management consultancy" },
  { id: "game-studio", label: "a video game studio" },
  { id: "veterinary", label: "a veterinary practice" },
  { id: "farm-cooperative", label: "a farming cooperative" },
  { id: "insurance", label: "an insurance claims department" },
  { id: "museum", label: "a museum" },
  { id: "port", label: "a shipping port" },
  { id: "biotech", label: "a biotech company" },
  { id: "estate-agency", label: "an estate agency" },
  { id: "freelance", label: "a one-person freelance business" },
  { id: "public-library", label: "a public library service" },
];
