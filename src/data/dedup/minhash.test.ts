import { describe, expect, it } from "vitest";
import { createRng } from "../../util/rng.js";
import { bBitJaccard, createMinHasher, EMPTY_SLOT, estimateJaccard, MERSENNE_31 } from "./minhash.js";
import { resolveShingleOptions, shingleHashes } from "./tokenize.js";

const P = BigInt(MERSENNE_31);

/** The permutation parameters a hasher draws from its seed, reconstructed from the documented draw order. */
function referenceParams(seed: number | string, numPerm: number): Array<{ a: bigint; b: bigint }> {
  const rng = createRng(seed);
  const out: Array<{ a: bigint; b: bigint }> = [];
  for (let i = 0; i < numPerm; i++) {
    const a = 1 + Math.floor(rng() * (MERSENNE_31 - 1));
    const b = Math.floor(rng() * MERSENNE_31);
    out.push({ a: BigInt(a), b: BigInt(b) });
  }
  return out;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  for (; exp > 0n; exp >>= 1n, base = (base * base) % mod) if (exp & 1n) result = (result * base) % mod;
  return result;
}

/** (a * x + b) mod (2^31 - 1), exactly, for a 32-bit shingle hash x. */
function referencePermute(param: { a: bigint; b: bigint }, x: number): number {
  return Number((param.a * BigInt(x >>> 0) + param.b) % P);
}

/** A text of `n` distinct made-up words from an offset: texts built from overlapping ranges share shingles. */
function wordsText(from: number, to: number): string {
  return Array.from({ length: to - from }, (_, i) => `tok${from + i}x`).join(" ");
}

function shingleSet(text: string, shingleSize = 5): Set<number> {
  const { hashes, count } = shingleHashes(text, resolveShingleOptions({ shingleSize }));
  return new Set(hashes.subarray(0, count));
}

function exactJaccard(a: Set<number>, b: Set<number>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

const LONG = `The assistant reviewed the quarterly budget, flagged three duplicate invoices from the same vendor, and
drafted a short note to the finance team explaining which payments should be held until the purchase orders were
matched. It then scheduled a meeting for Thursday morning and asked the procurement lead to bring the contracts.`;

describe("createMinHasher", () => {
  it("defaults to 128 permutations and validates numPerm", () => {
    const h = createMinHasher();
    expect(h.numPerm).toBe(128);
    expect(h.shingling).toEqual({ shingleSize: 5, charShingleSize: 5, charFallbackBelowWords: 10 });
    expect(h.signature(LONG)).toHaveLength(128);
    expect(createMinHasher({ numPerm: 7 }).signature(LONG)).toHaveLength(7);
    expect(() => createMinHasher({ numPerm: 0 })).toThrow(/numPerm/);
    expect(() => createMinHasher({ numPerm: 2.5 })).toThrow(/numPerm/);
  });

  it("identical texts, and texts equal after normalisation, give identical signatures", () => {
    const h = createMinHasher();
    const a = h.signature(LONG);
    expect(createMinHasher().signature(LONG)).toEqual(a);
    expect(h.signature(LONG.toUpperCase().replace(/,/g, " ;"))).toEqual(a);
    expect(estimateJaccard(a, h.signature(LONG))).toBe(1);
    // Every real slot is a residue mod 2^31 - 1.
    for (const v of a) expect(v).toBeLessThan(MERSENNE_31);
  });

  it("different texts give different signatures", () => {
    const h = createMinHasher();
    const a = h.signature(wordsText(0, 100));
    const b = h.signature(wordsText(1000, 1100));
    expect(estimateJaccard(a, b)).toBeLessThan(0.05);
  });

  it("signatures depend on the seed; equal seeds agree", () => {
    const a = createMinHasher({ seed: 1 }).signature(LONG);
    const b = createMinHasher({ seed: 2 }).signature(LONG);
    const c = createMinHasher({ seed: "plumbline" }).signature(LONG);
    expect(createMinHasher({ seed: 1 }).signature(LONG)).toEqual(a);
    expect(createMinHasher({ seed: "plumbline" }).signature(LONG)).toEqual(c);
    // Unrelated permutations agree on a slot only by chance (~1 / number of shingles).
    expect(estimateJaccard(a, b)).toBeLessThan(0.2);
    expect(estimateJaccard(a, c)).toBeLessThan(0.2);
    expect(estimateJaccard(b, c)).toBeLessThan(0.2);
  });

  it("an empty text's signature is all EMPTY_SLOT and has no shingles", () => {
    const h = createMinHasher({ numPerm: 16 });
    const out = new Uint32Array(20).fill(7);
    expect(h.signatureInto("  ...  ", out, 2)).toBe(0);
    expect(Array.from(out)).toEqual([7, 7, ...Array(16).fill(EMPTY_SLOT), 7, 7]);
    expect(Array.from(h.signature(""))).toEqual(Array(16).fill(EMPTY_SLOT));
  });

  it("signatureInto writes at an offset and returns the shingle count", () => {
    const h = createMinHasher({ numPerm: 32 });
    const out = new Uint32Array(64);
    const count = h.signatureInto(LONG, out, 32);
    expect(count).toBe(shingleSet(LONG).size + 0 /* no repeated shingles in LONG */);
    expect(out.subarray(32)).toEqual(h.signature(LONG));
    expect(Array.from(out.subarray(0, 32))).toEqual(Array(32).fill(0));
  });
});

describe("permutation arithmetic", () => {
  it("permuteRow equals (a * x + b) mod (2^31 - 1) computed with BigInt, on random and edge inputs", () => {
    const seed = 12345;
    const numPerm = 16;
    const h = createMinHasher({ numPerm, seed });
    const params = referenceParams(seed, numPerm);
    const rng = createRng(99);
    const xs = [0, 1, 2, MERSENNE_31 - 1, MERSENNE_31, MERSENNE_31 + 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1, 0x7fff, 0x8000, 0xffff, 0x10000];
    for (let i = 0; i < 500; i++) xs.push(Math.floor(rng() * 2 ** 32));
    const row = new Float64Array(xs.length + 2);
    for (let perm = 0; perm < numPerm; perm++) {
      // The x that each permutation maps to 0 (x = -b / a mod p), as is and plus p: the final reduction step
      // matters there (the unreduced value is p itself), and random inputs almost never reach it.
      const { a, b } = params[perm]!;
      const zero = Number((((P - b) % P) * modPow(a, P - 2n, P)) % P);
      xs.push(zero, zero + MERSENNE_31 < 2 ** 32 ? zero + MERSENNE_31 : zero);
      expect(referencePermute(params[perm]!, zero)).toBe(0);
      h.permuteRow(perm, xs, xs.length, row);
      for (let t = 0; t < xs.length; t++) {
        if (row[t] !== referencePermute(params[perm]!, xs[t]!)) {
          throw new Error(`perm ${perm}, x ${xs[t]}: got ${row[t]}, want ${referencePermute(params[perm]!, xs[t]!)}`);
        }
      }
      // The signature slot is the row minimum: 0 here, not p.
      const sig = new Uint32Array(numPerm);
      h.signatureOfShingles(xs, xs.length, sig);
      expect(sig[perm]).toBe(0);
      xs.length -= 2;
    }
  });

  it("the default seed's parameters, the largest multipliers included, are reproduced exactly", () => {
    const h = createMinHasher();
    const params = referenceParams(0x6a09e667, 128);
    // Worst case for float64: the largest a and x, where a * x needs ~62 bits.
    const xs = [2 ** 32 - 1, MERSENNE_31 - 1, 2 ** 31 + 12345];
    const row = new Float64Array(xs.length);
    for (let perm = 0; perm < 128; perm++) {
      h.permuteRow(perm, xs, xs.length, row);
      expect(Array.from(row)).toEqual(xs.map((x) => referencePermute(params[perm]!, x)));
    }
  });

  it("each signature slot is the minimum of its permuted row, and the reference minimum", () => {
    const seed = "rows";
    const h = createMinHasher({ numPerm: 24, seed });
    const params = referenceParams(seed, 24);
    const { hashes, count } = shingleHashes(LONG, h.shingling);
    const shingles = Array.from(hashes.subarray(0, count));
    const sig = h.signature(LONG);
    const row = new Float64Array(count);
    for (let perm = 0; perm < 24; perm++) {
      h.permuteRow(perm, shingles, count, row);
      expect(sig[perm]).toBe(Math.min(...row));
      expect(sig[perm]).toBe(Math.min(...shingles.map((x) => referencePermute(params[perm]!, x))));
    }
    // signatureOfShingles on the same hashes agrees.
    const out = new Uint32Array(24);
    h.signatureOfShingles(shingles, count, out);
    expect(out).toEqual(sig);
  });
});

describe("estimateJaccard", () => {
  it("is close to the exact Jaccard similarity of the shingle sets at 128 permutations", () => {
    const h = createMinHasher();
    const pairs: Array<[string, string]> = [
      [wordsText(0, 200), wordsText(0, 200)], // 1
      [wordsText(0, 200), wordsText(20, 220)], // ~0.8
      [wordsText(0, 200), wordsText(67, 267)], // ~0.5
      [wordsText(0, 200), wordsText(130, 330)], // ~0.2
      [wordsText(0, 200), wordsText(500, 700)], // 0
    ];
    const expected = [1, 0.8, 0.5, 0.2, 0];
    pairs.forEach(([a, b], i) => {
      const exact = exactJaccard(shingleSet(a), shingleSet(b));
      expect(exact).toBeCloseTo(expected[i]!, 1);
      const est = estimateJaccard(h.signature(a), h.signature(b));
      expect(Math.abs(est - exact)).toBeLessThan(0.1);
    });
  });

  it("rejects signatures of different lengths; empty signatures estimate 0", () => {
    expect(() => estimateJaccard(new Uint32Array(4), new Uint32Array(5))).toThrow(/lengths differ/);
    expect(estimateJaccard(new Uint32Array(0), new Uint32Array(0))).toBe(0);
    expect(estimateJaccard(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 2, 0, 0))).toBe(0.5);
  });
});

describe("bBitJaccard", () => {
  it("corrects for chance agreement of the kept low bits", () => {
    // P(agree) = J + (1 - J) 2^-b  =>  J = (P - 2^-b) / (1 - 2^-b)
    expect(bBitJaccard(128, 128, 8)).toBe(1);
    expect(bBitJaccard(96, 128, 8)).toBeCloseTo(191 / 255, 12);
    expect(bBitJaccard(64, 128, 1)).toBe(0); // half of 1-bit slots agree by chance
    expect(bBitJaccard(96, 128, 1)).toBeCloseTo(0.5, 12);
    expect(bBitJaccard(0, 128, 8)).toBe(0); // clamped, not negative
    expect(bBitJaccard(96, 128, 16)).toBeCloseTo((0.75 - 2 ** -16) / (1 - 2 ** -16), 12);
    // Full slots: no correction.
    expect(bBitJaccard(96, 128, 32)).toBe(0.75);
  });

  it("recovers the full-signature estimate from 8-bit slots", () => {
    const h = createMinHasher({ numPerm: 256 });
    const a = h.signature(wordsText(0, 300));
    const b = h.signature(wordsText(100, 400)); // exact Jaccard ~0.5
    const full = estimateJaccard(a, b);
    let agree8 = 0;
    for (let i = 0; i < a.length; i++) if ((a[i]! & 0xff) === (b[i]! & 0xff)) agree8++;
    // Without the correction the 8-bit agreement overstates similarity; with it, it matches within noise.
    expect(agree8 / a.length).toBeGreaterThanOrEqual(full);
    expect(Math.abs(bBitJaccard(agree8, a.length, 8) - full)).toBeLessThan(0.03);
    expect(Math.abs(full - 0.5)).toBeLessThan(0.1);
  });
});
