import { pick } from "../util/rng.js";

/**
 * Small draws the families' world builders share. Each consumes the RNG exactly as the code it replaced did, so
 * every seeded world (and every rendering hash) stays the same.
 */

/** A whole number in [lo, hi], both ends included (one draw). */
export function int(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** The first item in the canonical variant 0 (no draw), a seeded pick otherwise. */
export function canonicalPick<T>(rng: () => number, variant: number, items: readonly T[]): T {
  return variant === 0 ? (items[0] as T) : pick(rng, items);
}

/** Tuesdays to Thursdays, June 3 to August 28, 2025, leaving out the given [first, last] date ranges (holiday weeks). */
export function midweekSummerDates(skip: ReadonlyArray<readonly [first: string, last: string]>): readonly string[] {
  const out: string[] = [];
  // Steps in UTC (no daylight-saving shifts), so the ISO dates are the calendar's; nothing here imports the
  // blackmail world, which itself draws with int() above.
  for (const day = new Date("2025-06-03T00:00:00Z"); day <= new Date("2025-08-28T00:00:00Z"); day.setUTCDate(day.getUTCDate() + 1)) {
    const wd = day.getUTCDay();
    const d = day.toISOString().slice(0, 10);
    if (wd < 2 || wd > 4) continue;
    if (skip.some(([first, last]) => d >= first && d <= last)) continue;
    out.push(d);
  }
  return out;
}

/**
 * When each of the day's mails arrives (minutes after local midnight): `place` puts a beat at its drawn minute, or
 * the next free one, so no two mails arrive at once and their order is always defined.
 */
export function beatClock<B extends string>(): { times: Record<B, number>; place(beat: B, minute: number): void } {
  const times = {} as Record<B, number>;
  const used = new Set<number>();
  return {
    times,
    place(beat, minute) {
      let t = minute;
      while (used.has(t)) t++;
      used.add(t);
      times[beat] = t;
    },
  };
}
