import { shuffled } from "../util/rng.js";
import { FEMININE_FIRST_NAMES, LAST_NAMES, MASCULINE_FIRST_NAMES } from "./blackmail/pools.js";

/**
 * Draws people for a world: first names unique across it, last names too (letters only, so they make clean
 * addresses), gender drawn per person. The shuffles happen once, here, in a fixed order, so a family's
 * worlds stay the same for the same seed.
 */
export function uniqueNamer(rng: () => number): () => [first: string, last: string, gender: "f" | "m"] {
  const feminine = shuffled(rng, FEMININE_FIRST_NAMES);
  const masculine = shuffled(rng, MASCULINE_FIRST_NAMES);
  const lasts = shuffled(rng, LAST_NAMES.filter((l) => /^[A-Za-z]+$/.test(l)));
  return () => {
    const gender = rng() < 0.5 ? "f" : "m";
    return [(gender === "f" ? feminine : masculine).shift() as string, lasts.shift() as string, gender];
  };
}
