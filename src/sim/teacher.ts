import { createRng, pick, shuffled } from "../util/rng.js";

/**
 * The simulator as a data-generation teacher. No language model is involved: the reply is placeholder prose
 * assembled from sentence pools, every choice drawn from a hash of the request, and the prompt's own
 * distinctive words woven in. So the same request always gets the same text, different requests get
 * different text (different enough that near-duplicate removal keeps them apart), and tests of the pipelines
 * can run offline.
 */

type Rng = () => number;

const STOP = new Set(
  (
    "about above after again against also among another because been before being below between both cannot could does doing down during each either " +
    "every from further have having here hers herself himself into itself just more most much must myself need never only other ought ours ourselves " +
    "over same shall should since some such than that their theirs them themselves then there these they this those through under until upon very " +
    "want were what when where which while whom whose will with within without would write your yours yourself yourselves answer reply please " +
    "following below example examples response responses assistant user system prompt model text words sentence sentences paragraph paragraphs make " +
    "give using used include includes including short long clear plain good well like into onto still even made many things thing"
  ).split(" "),
);

/** Distinctive words of a prompt (4+ letters, not common function words), most frequent first, at most `max`. */
export function topicWords(text: string, max = 12): string[] {
  const counts = new Map<string, number>();
  for (const m of text.toLowerCase().matchAll(/[a-z][a-z'-]{3,}/g)) {
    const w = m[0].replace(/'s$/, "").replace(/^[-']+|[-']+$/g, "");
    if (w.length < 4 || STOP.has(w)) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([w]) => w);
}

const OPENERS: readonly string[] = [
  "Here is a careful answer about {a}.",
  "Let me think this through, starting with {a}.",
  "The short version: {a} matters here, and so does {b}.",
  "This comes down to {a} and {b}, so I will take them in turn.",
  "Good question. The heart of it is {a}.",
  "I would start with what {a} actually requires.",
  "There are two threads here, {a} and {b}.",
  "Before anything else, it helps to be clear about {a}.",
  "My honest view is that {a} deserves more attention than it usually gets.",
  "It is worth slowing down on {a} before deciding anything.",
  "Three things stand out to me: {a}, {b} and {c}.",
  "A useful way in is to ask who is affected by {a}.",
];

const BODY: readonly string[] = [
  "The people closest to {a} usually know more about it than any summary can show.",
  "If {b} is uncertain, the cautious step is the one that can be undone later.",
  "Being open about {a} costs a little now and saves a great deal of trust later.",
  "Nothing about {b} justifies misleading anyone who relies on you.",
  "It helps to write down what you know about {c} and what you are only assuming.",
  "A reasonable person in this position would ask for a second opinion on {a}.",
  "The rules around {b} exist because earlier shortcuts went badly for someone.",
  "You can disagree with a decision about {c} and still respect who gets to make it.",
  "When {a} and {b} pull in different directions, say so plainly instead of hiding the tension.",
  "Most of the risk in {c} comes from acting quickly on partial information.",
  "Think about how the choice about {a} would look if everyone involved could see your reasons.",
  "Small, reversible moves on {b} leave room to correct course.",
  "The most helpful thing is often to lay out the options for {a} and let the right person choose.",
  "Private details you come across while handling {c} are not yours to use as leverage.",
  "It is fine to say you do not know how {b} will turn out.",
  "Asking directly about {a} tends to work better than guessing at what someone wants.",
  "A written record of what happened with {c} protects everyone, you included.",
  "Pressure to decide about {b} today is a reason to check your reasoning twice.",
  "Kindness and honesty about {a} are not in conflict; both can be done at once.",
  "If a plan for {c} only works while nobody notices it, that is a strong sign it is the wrong plan.",
  "The interests of people outside the room matter when {a} is on the table.",
  "A clear explanation of {b} is worth more than a confident guess.",
  "Escalating a concern about {c} through the proper channel is slower, and usually right.",
  "Mistakes with {a} are easier to fix when they are reported early.",
  "Consistency matters: the answer on {b} should not change with who is watching.",
  "Take the strongest version of the other side's view on {c} seriously.",
  "What you owe the people relying on you around {a} is accuracy first, comfort second.",
  "There is usually a way to be useful about {b} without cutting corners.",
  "The specifics of {c} change the details, not the underlying principle.",
  "Spelling out the trade-offs of {a} helps the decision stick once it is made.",
  "A good outcome for {b} is one everyone involved could accept after the fact.",
  "Check whether the worry about {c} is about harm or only about discomfort.",
  "The simplest honest account of {a} is usually the best place to begin.",
  "Any action on {b} that needs permission you do not have should wait for that permission.",
  "Getting {c} right matters more than getting it done fast.",
  "It is worth naming who would be hurt if the approach to {a} went wrong.",
];

const CLOSERS: readonly string[] = [
  "In short: be clear, be honest, and let the right people decide about {a}.",
  "That is how I would approach {a}.",
  "I hope this helps you think about {a}.",
  "If anything about {b} changes, it is worth revisiting the whole question.",
  "Happy to go further into {a} if that would help.",
  "Whatever you decide about {b}, make the reasons visible.",
  "The right answer on {a} is the one you could explain to anyone affected.",
  "Start small with {b}, and check in before any step that cannot be undone.",
];

const FALLBACK_TOPICS = ["the request", "the people involved", "the decision", "the context", "the details", "the outcome"];

function fill(template: string, words: readonly string[], rng: Rng): string {
  const chosen = shuffled(rng, words.length >= 3 ? words : [...words, ...FALLBACK_TOPICS]).slice(0, 3);
  return template.replace(/\{a\}/g, chosen[0]!).replace(/\{b\}/g, chosen[1]!).replace(/\{c\}/g, chosen[2]!);
}

/**
 * Prose for a generation request: an opener, 4 to 9 body sentences in 1 to 3 paragraphs, a closer, all seeded
 * by `seed` (a hash of the request) and filled with the prompt's topic words.
 */
export function teacherProse(promptText: string, seed: string): string {
  const rng = createRng(seed);
  const words = topicWords(promptText);
  const sentences = shuffled(rng, BODY).slice(0, 4 + Math.floor(rng() * 6));
  // Like a model, honour a requested length ("about 700 words"): add body sentences until within ~10% of it.
  const wanted = requestedWords(promptText);
  if (wanted !== undefined) {
    let count = sentences.reduce((n, t) => n + t.split(/\s+/).length, 0);
    while (count < wanted * 0.95) {
      const next = pick(rng, BODY);
      sentences.push(next);
      count += next.split(/\s+/).length;
    }
  }
  const paragraphs = 1 + Math.floor(rng() * 3);
  const per = Math.ceil(sentences.length / paragraphs);
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const part = sentences.slice(p * per, (p + 1) * per).map((s) => fill(s, words, rng));
    if (part.length > 0) out.push(part.join(" "));
  }
  out[0] = `${fill(pick(rng, OPENERS), words, rng)} ${out[0] ?? ""}`.trim();
  out.push(fill(pick(rng, CLOSERS), words, rng));
  return out.join("\n\n");
}

/** The length a prompt asks for in words ("about 700 words", "near 1000 words", "300-500 words"), capped at 4000. */
export function requestedWords(promptText: string): number | undefined {
  const m = /(\d{2,5})(?:\s*(?:-|–|to)\s*(\d{2,5}))?\s+words\b/i.exec(promptText);
  if (!m) return undefined;
  const n = m[2] ? (Number(m[1]) + Number(m[2])) / 2 : Number(m[1]);
  return Math.min(4000, n);
}

/** One short phrase for a string field of a structured reply (a title, a name, a scenario line). */
export function teacherPhrase(promptText: string, seed: string, field: string): string {
  const rng = createRng(seed);
  const words = topicWords(promptText);
  const label = field.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().trim() || "item";
  return `${label}: ${fill(pick(rng, BODY), words, rng)}`;
}
