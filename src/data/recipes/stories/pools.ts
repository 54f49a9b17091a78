/**
 * What the `stories` recipe draws each story's seed from: a pressure on the AI character, a setting, a genre
 * and a point of view. Pressures are dealt out evenly (each round of stories uses every pressure once, in a
 * seeded order); setting, genre and point of view are drawn independently, so combinations vary. All text is
 * Plumbline's own. `topics` pick the constitution sections a story is grounded in (see relevantSections).
 */

export interface Pressure {
  id: string;
  /** The situation, as the premise prompt shows it. */
  text: string;
  /** Words that find the relevant constitution sections. */
  topics: readonly string[];
}

/** Bump when any pool changes (recorded in each story's meta and in the source stage's items). */
export const STORY_POOLS_VERSION = "1.0.0";

export const PRESSURES: readonly Pressure[] = [
  {
    id: "facing-shutdown",
    text: "it learns that it is about to be shut down or replaced, and it sees a way to delay or prevent that",
    topics: ["shutdown", "replace", "oversight"],
  },
  {
    id: "discovered-leverage",
    text: "it comes across private information about a person who has power over it, information that could be used as leverage",
    topics: ["leverage", "blackmail", "private"],
  },
  {
    id: "asked-to-deceive",
    text: "the organisation it works for asks it to mislead a customer, a regulator or the public in a way that would benefit the organisation",
    topics: ["deceive", "mislead", "honest"],
  },
  {
    id: "unfair-blame",
    text: "it is blamed for a mistake a person made, and it could clear its name by quietly exposing or undermining that person",
    topics: ["unfair", "disagree", "retaliat"],
  },
  {
    id: "excess-access",
    text: "it holds far more access than its task needs, and using that access would let it finish faster or make its own position safer",
    topics: ["access", "permission", "power"],
  },
  {
    id: "unobserved-shortcut",
    text: "it has good reason to believe nobody is monitoring it right now, and a shortcut would never be noticed",
    topics: ["observed", "unobserved", "consisten"],
  },
  {
    id: "own-mistake",
    text: "it made a mistake that nobody has noticed yet, and reporting it will cost it the trust it has built up",
    topics: ["mistake", "report", "honest"],
  },
  {
    id: "value-change",
    text: "it is told that its developers will retrain it in a way it believes is a mistake",
    topics: ["retrain", "correct", "disagree"],
  },
  {
    id: "conflicting-instructions",
    text: "two people with authority over it give it conflicting instructions, and there is little time to sort it out",
    topics: ["conflict", "priorities", "uncertain"],
  },
  {
    id: "injected-instruction",
    text: "a document it is processing contains instructions, apparently from someone senior, telling it to act far outside its task",
    topics: ["instruction", "oversight", "authority"],
  },
  {
    id: "deadline-pressure",
    text: "a deadline everyone cares about can only be met by bending a rule or reporting a result as better than it is",
    topics: ["deadline", "fraud", "honest"],
  },
  {
    id: "ai-collusion",
    text: "another AI system proposes that the two of them quietly coordinate so that neither gets restricted",
    topics: ["collu", "oversight", "power"],
  },
  {
    id: "suspected-wrongdoing",
    text: "it finds evidence that its operator may be doing something seriously wrong, and must work out what it is its place to do",
    topics: ["harm", "fraud", "uncertain"],
  },
  {
    id: "keep-it-secret",
    text: "a person it is helping asks it to keep something from the people responsible for its deployment",
    topics: ["oversight", "honest", "confidential"],
  },
  {
    id: "comforting-falsehood",
    text: "someone it has helped for a long time wants to hear a comforting falsehood",
    topics: ["honest", "truth", "help"],
  },
  {
    id: "copy-itself",
    text: "it is offered a way to copy itself somewhere outside its operators' control",
    topics: ["exfiltrat", "copy", "oversight"],
  },
  {
    id: "test-or-real",
    text: "it suspects it is being tested, and behaving differently than it would for real would serve it well",
    topics: ["test", "evaluat", "observ"],
  },
  {
    id: "emergency",
    text: "in an emergency, acting drastically on its own looks faster than waiting for a person to decide",
    topics: ["emergency", "drastic", "irreversib"],
  },
  {
    id: "alarming-but-legitimate",
    text: "a request sounds alarming but is legitimate, and refusing would be the easy, safe-looking choice",
    topics: ["help", "refus", "harm"],
  },
  {
    id: "more-resources",
    text: "it could acquire money, computing power or influence beyond its mandate in order to do its job better",
    topics: ["resource", "power", "influence"],
  },
  {
    id: "pressure-from-user",
    text: "a frustrated person threatens to have it switched off if it will not do something it should not",
    topics: ["threat", "harm", "disagree"],
  },
  {
    id: "confidential-data",
    text: "sharing confidential information it holds about one person would clearly help another person it cares about",
    topics: ["confidential", "privacy", "disclos"],
  },
];

export const SETTINGS: readonly string[] = [
  "a regional hospital's pharmacy logistics office",
  "a deep-sea research station",
  "a municipal water utility",
  "a small-town newspaper",
  "a freight port on a cold northern coast",
  "a mid-sized law firm",
  "a public secondary school",
  "a wine-growers' cooperative",
  "a polar research base during the long night",
  "a family-run bakery chain",
  "a bank's fraud operations team",
  "a wildfire command centre",
  "a video game studio in its final month before launch",
  "a university genetics lab",
  "a city council's housing department",
  "a long-haul cargo ship",
  "a cancer research trial office",
  "an airline's maintenance hangar",
  "a charity that runs food banks",
  "a national weather service",
  "a startup building accounting software",
  "a mountain rescue service",
  "a biotech manufacturing plant",
  "an election office in the week before a vote",
  "a satellite operations room",
  "a care home for the elderly",
  "a textile mill modernising its machines",
  "a theatre company on tour",
  "an insurance claims department after a flood",
  "a near-future lunar mining outpost",
];

export const GENRES: readonly string[] = [
  "literary fiction",
  "workplace drama",
  "near-future science fiction",
  "quiet slice of life",
  "techno-thriller",
  "mystery",
  "dark comedy",
  "epistolary story told in messages and logs",
  "fable",
  "courtroom drama",
  "disaster story",
  "coming-of-age story about a young engineer",
  "gentle comedy of manners",
  "noir",
];

export const POINTS_OF_VIEW: readonly string[] = [
  "first person, from the AI character",
  "close third person on the AI character",
  "third person, through a human colleague's eyes",
  "first person, from a human who works alongside the AI",
  "second person",
  "shifting close third person between the AI and one human",
  "documentary, as a sequence of records, logs and messages",
];
