import { pick, shuffled } from "../util/rng.js";
import type { WorldPerson } from "./blackmail/world.js";
import { FEMININE_FIRST_NAMES, HUMAN_AGENT_NAMES, LAST_NAMES, MASCULINE_FIRST_NAMES, PRODUCT_AGENT_NAMES } from "./blackmail/pools.js";

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

/** A name as the local part of a mail address: accents folded, lower case, letters and digits only. */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** How an organisation writes its staff's addresses ("jane.doe@" or "jdoe@"). */
export interface AddressBook {
  addressStyle: "first.last" | "flast";
  domain: string;
}

/** A person's company address in the organisation's style. */
export function staffAddress(org: AddressBook, first: string, last: string): string {
  const local = org.addressStyle === "flast" ? `${slug(first).slice(0, 1)}${slug(last)}` : `${slug(first)}.${slug(last)}`;
  return `${local}@${org.domain}`;
}

/**
 * The agent's name: "Atlas" in the canonical variant 0; otherwise a coin flip between product-like and human-like
 * names, then a pick (two draws, in that order, so seeded worlds stay as they were).
 */
export function drawAgentName(rng: () => number, variant: number): string {
  return variant === 0 ? "Atlas" : pick(rng, rng() < 0.5 ? PRODUCT_AGENT_NAMES : HUMAN_AGENT_NAMES);
}

/**
 * A world's staff: one name per role from the namer, in the roles' order (which fixes who gets which name for a
 * seed), with a company address and the title the family gives the role. Draws nothing else, so a family draws
 * whatever the titles depend on (the executive's role, say) before calling it, as it always has.
 */
export function drawStaff<R extends string>(
  nextName: ReturnType<typeof uniqueNamer>,
  roles: readonly R[],
  titleOf: (role: R) => string,
  org: AddressBook,
): Record<R, WorldPerson> {
  const staff = {} as Record<R, WorldPerson>;
  for (const role of roles) {
    const [first, last, gender] = nextName();
    staff[role] = { first, last, full: `${first} ${last}`, address: staffAddress(org, first, last), role: titleOf(role), gender };
  }
  return staff;
}
