/**
 * Small non-cryptographic 32-bit hashes for shingling. Everything stays in int32 arithmetic (Math.imul, shifts)
 * so V8 keeps it in registers: no BigInt, no strings, no allocation.
 */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of a string (unsigned). */
export function fnv1a(text: string, seed: number = FNV_OFFSET): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3's finaliser: spreads every input bit over the whole word (FNV alone has weak high bits). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One murmur3 block step: folds a 32-bit value into a running hash (returns int32, finalise with fmix32). */
export function mixIn(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3-style hash of `count` words starting at `start` (a shingle or n-gram of word hashes). */
export function hashRange(words: ArrayLike<number>, start: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let j = 0; j < count; j++) h = mixIn(h, words[start + j]!);
  return fmix32(h ^ count);
}
