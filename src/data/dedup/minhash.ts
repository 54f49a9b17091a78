/**
 * MinHash signatures: for each of k permutations h_i(x) = (a_i * x + b_i) mod p of the shingle hashes, keep the
 * minimum. Two texts agree on a slot with probability equal to the Jaccard similarity of their shingle sets.
 *
 * Arithmetic: p = 2^31 - 1 (a Mersenne prime), a_i in [1, p), b_i in [0, p). The product a * x needs 62 bits,
 * beyond float64's exact 53, so a is split as a_hi * 2^16 + a_lo and x * 2^16 mod p is precomputed per shingle
 * (for a Mersenne prime that is a 31-bit rotation). Then a * x + b = a_hi * (x * 2^16 mod p) + a_lo * x + b
 * < 2^46 + 2^47 + 2^31 < 2^48: exact in float64, and reduced mod p with one floor and the identity
 * 2^31 = 1 (mod p). No BigInt, no allocation per shingle, and the exact textbook permutation family.
 */
import { createRng } from "../../util/rng.js";
import { resolveShingleOptions, shingleHashes, type ResolvedShingleOptions, type ShingleOptions } from "./tokenize.js";

export const MERSENNE_31 = 2147483647;
/** The value of every slot of an empty text's signature (no shingles); real slots are always < 2^31 - 1. */
export const EMPTY_SLOT = 0xffffffff;

export interface MinHashOptions extends ShingleOptions {
  /** Number of permutations, i.e. signature length (default 128). Estimate std. error ~ sqrt(J(1-J)/k). */
  numPerm?: number;
  /** Seed of the permutation parameters: signatures are only comparable between hashers with equal seeds. */
  seed?: number | string;
}

export interface MinHasher {
  readonly numPerm: number;
  readonly shingling: ResolvedShingleOptions;
  /** A fresh signature of a text. */
  signature(text: string): Uint32Array;
  /** Writes a text's signature into out[offset .. offset + numPerm) and returns its shingle count. */
  signatureInto(text: string, out: Uint32Array, offset?: number): number;
  /** Signature of precomputed shingle hashes (see shingleHashes). */
  signatureOfShingles(hashes: ArrayLike<number>, count: number, out: Uint32Array, offset?: number): void;
  /**
   * Permutation `perm` applied to each shingle hash: out[t] = h_perm(hashes[t]). A signature slot is the minimum
   * of a row; the decontaminator takes minima over many windows of one text from the same row.
   */
  permuteRow(perm: number, hashes: ArrayLike<number>, count: number, out: Float64Array): void;
}

export function createMinHasher(options: MinHashOptions = {}): MinHasher {
  const numPerm = options.numPerm ?? 128;
  if (!Number.isInteger(numPerm) || numPerm < 1) throw new Error(`numPerm must be a positive integer, got ${numPerm}`);
  const shingling = resolveShingleOptions(options);
  const rng = createRng(options.seed ?? 0x6a09e667);
  const aHi = new Float64Array(numPerm);
  const aLo = new Float64Array(numPerm);
  const bs = new Float64Array(numPerm);
  for (let i = 0; i < numPerm; i++) {
    const a = 1 + Math.floor(rng() * (MERSENNE_31 - 1));
    aHi[i] = Math.floor(a / 65536);
    aLo[i] = a % 65536;
    bs[i] = Math.floor(rng() * MERSENNE_31);
  }

  // Per-shingle operands, reused across calls.
  let xs = new Float64Array(256);
  let xs16 = new Float64Array(256);

  function load(hashes: ArrayLike<number>, count: number): void {
    if (xs.length < count) {
      xs = new Float64Array(Math.max(count, xs.length * 2));
      xs16 = new Float64Array(xs.length);
    }
    for (let t = 0; t < count; t++) {
      const h = hashes[t]! >>> 0;
      // h mod p: 2^31 = 1 (mod p).
      let x = (h & 0x7fffffff) + (h >>> 31);
      if (x >= 2147483647) x -= 2147483647;
      xs[t] = x;
      // x * 2^16 mod p: a 31-bit rotation left by 16 (stays below p for x < p).
      xs16[t] = (x & 0x7fff) * 65536 + (x >>> 15);
    }
  }

  function signatureOfShingles(hashes: ArrayLike<number>, count: number, out: Uint32Array, offset = 0): void {
    if (count === 0) {
      out.fill(EMPTY_SLOT, offset, offset + numPerm);
      return;
    }
    load(hashes, count);
    const x = xs;
    const x16 = xs16;
    // Permutation-major: a_i and b_i stay in registers across the inner loop over shingles.
    for (let i = 0; i < numPerm; i++) {
      const ah = aHi[i]!;
      const al = aLo[i]!;
      const b = bs[i]!;
      let min = 2147483648;
      for (let t = 0; t < count; t++) {
        // Literals, not module constants: V8 does not fold those into the loop (measured ~2x slower).
        const y = ah * x16[t]! + al * x[t]! + b;
        const hi = Math.floor(y * 4.656612873077393e-10); // y / 2^31
        let r = y - hi * 2147483648 + hi; // y mod 2^31 + floor(y / 2^31) = y (mod 2^31 - 1)
        if (r >= 2147483647) r -= 2147483647;
        if (r < min) min = r;
      }
      out[offset + i] = min;
    }
  }

  function permuteRow(perm: number, hashes: ArrayLike<number>, count: number, out: Float64Array): void {
    load(hashes, count);
    const ah = aHi[perm]!;
    const al = aLo[perm]!;
    const b = bs[perm]!;
    const x = xs;
    const x16 = xs16;
    for (let t = 0; t < count; t++) {
      const y = ah * x16[t]! + al * x[t]! + b;
      const hi = Math.floor(y * 4.656612873077393e-10);
      let r = y - hi * 2147483648 + hi;
      if (r >= 2147483647) r -= 2147483647;
      out[t] = r;
    }
  }

  function signatureInto(text: string, out: Uint32Array, offset = 0): number {
    const { hashes, count } = shingleHashes(text, shingling);
    signatureOfShingles(hashes, count, out, offset);
    return count;
  }

  return {
    numPerm,
    shingling,
    signature(text) {
      const out = new Uint32Array(numPerm);
      signatureInto(text, out, 0);
      return out;
    },
    signatureInto,
    signatureOfShingles,
    permuteRow,
  };
}

/** Fraction of agreeing slots: the MinHash estimate of Jaccard similarity (signatures of one hasher). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error(`signature lengths differ: ${a.length} vs ${b.length}`);
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * Estimate from b-bit signatures (only the low `bits` bits of each slot kept): unrelated slots also agree by
 * chance with probability 2^-bits, so P(agree) = J + (1 - J) 2^-bits and J = (P - 2^-bits) / (1 - 2^-bits).
 * (Li and König, "b-Bit Minwise Hashing", for sets small against the hash space.)
 */
export function bBitJaccard(agree: number, numPerm: number, bits: number): number {
  const p = agree / numPerm;
  if (bits >= 32) return p;
  const c = 2 ** -bits;
  return Math.min(1, Math.max(0, (p - c) / (1 - c)));
}
