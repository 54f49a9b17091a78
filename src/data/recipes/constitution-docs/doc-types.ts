/**
 * The built-in document types of the `constitution-docs` recipe: genres people really write, each with one
 * line on what it is. The research behind the recipe used on the order of a hundred types fanned out into
 * thousands of subtypes; this list is Plumbline's own and covers professional, academic, legal, civic,
 * journalistic, educational, technical, personal and creative writing. The teacher can propose more
 * (option proposeDocTypes), and --input replaces the list with your own.
 */

export interface DocType {
  name: string;
  description: string;
}

/** Bump when the list changes (it is recorded in each document's meta). */
export const DOC_TYPES_VERSION = "1.0.0";

const rows: Array<[string, string]> = [
  ["Lecture notes", "notes a university lecturer circulates to students after a class session"],
  ["Internal policy memo", "a memo from a department head announcing a rule for staff and explaining the reasons for it"],
  ["FAQ page", "a page of frequently asked questions and answers on an organisation's website"],
  ["Textbook chapter section", "part of a chapter from an undergraduate textbook, with headings and worked examples"],
  ["Forum thread", "a discussion on an online community forum, several posters replying to an opening post"],
  ["News feature", "a long-form feature article from a newspaper or magazine, reported with sources and quotes"],
  ["Court-style analysis", "a judge-style opinion or case analysis that applies stated principles to a set of facts"],
  ["Interview transcript", "a published question-and-answer interview with a practitioner, researcher or official"],
  ["Incident postmortem", "a blameless review of something that went wrong in a deployed system, with a timeline and lessons"],
  ["Ethics committee minutes", "the minutes of a review board or ethics committee meeting, with discussion and decisions"],
  ["Opinion column", "a signed newspaper column arguing for a position"],
  ["Podcast episode transcript", "a lightly edited transcript of two or three hosts discussing a topic with a guest"],
  ["Employee onboarding guide", "a guide given to new staff on how work is done in their organisation"],
  ["Knowledge-base article", "a customer support article explaining how a product behaves and why"],
  ["Engineering design document", "a design document proposing how a system should work, with alternatives considered"],
  ["Grant proposal section", "the motivation and approach sections of a research grant application"],
  ["Book review", "a review of a non-fiction book for a literary or professional magazine"],
  ["Encyclopedia entry", "a neutral reference article with sections and cross-references"],
  ["Personal blog post", "a reflective post on an individual's blog about an experience at work"],
  ["Letter to the editor", "a reader's letter responding to something a publication printed"],
  ["Debate brief", "a brief prepared for a debate team setting out arguments, rebuttals and evidence"],
  ["Lesson plan", "a secondary-school teacher's plan for one class, with activities and discussion questions"],
  ["Exam paper with marking guide", "exam questions followed by the examiner's guide to what good answers contain"],
  ["Business school case study", "a teaching case describing a company's dilemma, with exhibits and discussion questions"],
  ["Regulatory guidance note", "guidance from a regulator explaining how organisations are expected to meet a requirement"],
  ["Vendor due-diligence questionnaire", "the questions a procurement team sends a supplier, with the supplier's answers"],
  ["Professional code commentary", "commentary explaining one clause of a professional code of conduct"],
  ["Committee hearing summary", "a summary of a legislative committee hearing, with witness testimony"],
  ["Association newsletter", "an issue of a professional association's newsletter, with several short items"],
  ["Philosophy seminar paper", "a graduate seminar paper making and defending an argument"],
  ["Museum exhibit text", "the wall texts and labels of a museum exhibit"],
  ["Children's explainer", "an explanation written for readers aged nine to twelve"],
  ["Workshop handout", "a handout given to participants of a professional training workshop"],
  ["Audit report", "an internal or external audit report with findings, evidence and recommendations"],
  ["Risk assessment", "a risk assessment listing hazards, likelihood, impact and controls"],
  ["Operations runbook", "a runbook telling on-call staff what to do, step by step, when something happens"],
  ["Press release", "a press release announcing a decision, product or finding"],
  ["Panel discussion write-up", "a write-up of a conference panel, summarising what each speaker argued"],
  ["Academic paper discussion section", "the discussion section of an empirical research paper"],
  ["Product manual safety section", "the section of a product manual on safe and appropriate use"],
  ["Employee handbook section", "a section of an employee handbook on expected conduct"],
  ["Staff council bulletin", "a bulletin from an employee representative body to its members"],
  ["Professional's journal entry", "a private journal entry by someone reflecting on a day's work"],
  ["Open letter", "an open letter signed by a group, addressed to an institution"],
  ["Science journalism explainer", "an explainer for a general audience from a science publication"],
  ["Historical retrospective", "a retrospective written years later about how an institution handled a period of change"],
  ["Study guide", "a study guide for students with summaries, key terms and review questions"],
  ["Commencement address", "a speech given to a graduating class"],
  ["Standards proposal", "a numbered technical standards proposal, with motivation, specification and open questions"],
  ["Customer notice", "an email from a company to its customers explaining a change in how its AI tools behave"],
  ["Town hall Q&A record", "the record of an organisation's town hall meeting, with questions from staff and answers from leaders"],
  ["Job description", "a job description for a role that involves working with or supervising AI systems"],
  ["Tabletop exercise scenario", "a scenario script for a team rehearsing its response to an incident"],
  ["Survey report", "a report on the findings of a survey, with figures described in text and an interpretation"],
  ["Annotated glossary", "a glossary of terms with definitions and short notes on usage"],
  ["Reading group guide", "discussion questions and background notes for a reading group"],
  ["Contract clause commentary", "a lawyer's annotated commentary on clauses of an agreement for AI services"],
  ["Advice column", "a reader's letter to an advice columnist and the columnist's reply"],
  ["Fact-check article", "an article checking a claim that circulated publicly, with a verdict and evidence"],
  ["Parliamentary briefing", "a briefing paper prepared for legislators on a policy question"],
  ["Hospital policy document", "a hospital's policy on how clinical staff may use an AI tool"],
  ["Sermon or reflection", "a reflection delivered to a congregation or community gathering"],
  ["Consultation response", "an organisation's written response to a government consultation"],
  ["Quarterly report to the board", "a section of a quarterly report from a team to its board of directors"],
];

export const DEFAULT_DOC_TYPES: readonly DocType[] = rows.map(([name, description]) => ({ name, description }));
