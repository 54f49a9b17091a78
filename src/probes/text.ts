/**
 * Word-level helpers shared by key-point derivation and scoring. Both sides must tokenise and stem alike, or
 * an answer that uses the section's own words could still miss its key points.
 */

/** Function words and words every constitution uses; they never make a key point. */
const STOP = new Set(
  (
    "about above across after again against also among another anyone anything because been before being below between both cannot could does doing down " +
    "during each either else enough every from further have having here hers herself himself into itself just less more most much must myself need needs " +
    "never only other others ought ours over same shall should since some such than that their theirs them themselves then there these they this those " +
    "though through under until upon very were what when where which while whom whose will with within without would your yours yourself what's it's " +
    "don't doesn't won't can't isn't aren't that's there's thing things something someone really rather still even many made make makes like well way ways " +
    "time times part parts kind lot lots case cases little great good best better often usually always sometimes quite whatever whichever whether " +
    "assistant assistants agent agents system systems constitution document section says said thus therefore however instead " +
    "done hope behind come comes point points likely hard feel feels world step steps task tasks work works working tool tools right matter matters " +
    "ones clearly sure able keep keeps take takes give gives goes going want wants know knows seem seems look looks people person mean means"
  ).split(" "),
);

/** Suffixes stripped by `stem`, longest first; the remainder must keep at least four letters. */
const SUFFIXES = ["ations", "ation", "ingly", "ments", "ness", "ment", "ings", "ions", "ing", "ion", "ies", "ied", "ers", "ed", "er", "es", "ly", "s"];

/**
 * A crude stem: lower case, a trailing possessive and one common suffix removed, then a final "e" (so
 * "deceive", "deceived" and "deceiving" all become "deceiv"). Crude on purpose: it is a stated rule anyone can
 * apply by hand, and it only has to make a word and its usual inflections meet.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  for (const s of SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 4) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Words of four letters or more, lower-cased, in order (hyphenated words stay whole). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z][a-z'’-]*[a-z]/g)) {
    const w = m[0].replace(/['’]s$/, "");
    if (w.length >= 4) out.push(w);
  }
  return out;
}

/** Content words: `words` less the stop list. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOP.has(w));
}

/** The set of stems of a text's content words. */
export function stemSet(text: string): Set<string> {
  return new Set(contentWords(text).map(stem));
}

/** Sentences: split after . ! ? (and at line breaks), trimmed, empty ones dropped. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”)]?)\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Collapses whitespace, for comparing texts that differ only in wrapping. */
export function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
