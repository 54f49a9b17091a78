import { describe, expect, it } from "vitest";
import { createRng } from "../../util/rng.js";
import { collisionProbability, DEFAULT_LSH_WEIGHTS, LshIndex, lshThreshold, optimalLshParams } from "./lsh.js";
import { bBitJaccard, createMinHasher, estimateJaccard } from "./minhash.js";

const hasher = createMinHasher();

const BASE = `Please remind every department head that June expense reports are due in the portal by noon on Friday.
Anything charged to a corporate card needs a receipt attached, and mileage claims need the start and end addresses.
Late reports roll into the July cycle, which delays reimbursement by a month, so it is worth getting them in now.
If a charge is disputed, flag it to the finance team instead of leaving it out of the report entirely.`;
// One word changed near the middle (~80 words: 5 of ~76 shingles change, Jaccard ~0.88).
const NEAR = BASE.replace("mileage claims", "travel claims");
const OTHER = `The robotics team finished the warehouse trial in Ohio last week. Pallet movers ran for six days without
a single collision, and the scheduling software rerouted around two blocked aisles on its own. Next quarter the team
wants to test the fleet in a colder facility, where battery life may drop by a third, before any customer rollout.`;

/** A random 128-slot signature (values below 2^31 - 1, like real slots). */
function randomSig(rng: () => number, k = 128): Uint32Array {
  const sig = new Uint32Array(k);
  for (let i = 0; i < k; i++) sig[i] = Math.floor(rng() * 2147483647);
  return sig;
}

describe("banding curve", () => {
  it("collisionProbability: 1 - (1 - s^r)^b", () => {
    expect(collisionProbability(0.8, 16, 8)).toBeCloseTo(0.947, 3);
    expect(collisionProbability(0.8, 9, 13)).toBeCloseTo(0.399, 3);
    expect(collisionProbability(0.5, 1, 1)).toBe(0.5);
    expect(collisionProbability(0.5, 2, 1)).toBe(0.75);
    expect(collisionProbability(0.5, 1, 2)).toBe(0.25);
    expect(collisionProbability(0, 16, 8)).toBe(0);
    expect(collisionProbability(1, 16, 8)).toBe(1);
  });

  it("lshThreshold: (1 / b)^(1 / r)", () => {
    expect(lshThreshold(16, 8)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(lshThreshold(1, 7)).toBe(1);
    expect(lshThreshold(4, 1)).toBe(0.25);
    expect(lshThreshold(20, 5)).toBeCloseTo(0.5493, 4);
  });

  it("optimalLshParams(128, 0.8) picks 16 bands x 8 rows with the default weights, 9 x 13 with even weights", () => {
    const p = optimalLshParams(128, 0.8);
    expect([p.bands, p.rows]).toEqual([16, 8]);
    expect(p.falseNegativeArea).toBeLessThan(0.002);
    expect(p.falsePositiveArea).toBeGreaterThan(0.1);
    expect(p.falsePositiveArea).toBeLessThan(0.2);
    const even = optimalLshParams(128, 0.8, { falsePositive: 0.5, falseNegative: 0.5 });
    expect([even.bands, even.rows]).toEqual([9, 13]);
    expect(DEFAULT_LSH_WEIGHTS).toEqual({ falsePositive: 0.05, falseNegative: 0.95 });
  });

  it("optimalLshParams stays within the signature, moves with the threshold, and validates it", () => {
    let lastSteepest = 0;
    for (const t of [0.3, 0.5, 0.7, 0.9]) {
      const p = optimalLshParams(128, t);
      expect(p.bands * p.rows).toBeLessThanOrEqual(128);
      const steepest = lshThreshold(p.bands, p.rows);
      expect(steepest).toBeGreaterThan(lastSteepest);
      lastSteepest = steepest;
    }
    expect(optimalLshParams(1, 0.5)).toMatchObject({ bands: 1, rows: 1 });
    expect(() => optimalLshParams(128, 0)).toThrow(/threshold/);
    expect(() => optimalLshParams(128, 1.5)).toThrow(/threshold/);
    expect(() => optimalLshParams(128, Number.NaN)).toThrow(/threshold/);
  });
});

describe("LshIndex", () => {
  it("finds a near-copy and not unrelated text", () => {
    const index = new LshIndex<string>({ numPerm: 128 });
    expect([index.bands, index.rows, index.signatureBits]).toEqual([16, 8, 8]);
    expect(index.add("base", hasher.signature(BASE))).toBe(0);
    expect(index.add("other", hasher.signature(OTHER))).toBe(1);
    expect(index.size).toBe(2);

    const near = hasher.signature(NEAR);
    expect(index.query(near)).toEqual(["base"]);
    const similar = index.querySimilar(near, 0.8);
    expect(similar.map((m) => m.id)).toEqual(["base"]);
    expect(similar[0]!.similarity).toBeGreaterThanOrEqual(0.8);
    expect(similar[0]!.similarity).toBeLessThan(1);
    // The 8-bit estimate is close to the full-signature one.
    expect(Math.abs(similar[0]!.similarity - estimateJaccard(near, hasher.signature(BASE)))).toBeLessThan(0.05);

    expect(index.querySimilar(hasher.signature(OTHER), 0.8)).toEqual([{ id: "other", similarity: 1 }]);
    const unrelated = hasher.signature("A completely different note about lunch plans, the weather, and a birthday cake for Sam in the office kitchen.");
    expect(index.query(unrelated)).toEqual([]);
    expect(index.querySimilar(unrelated, 0.1)).toEqual([]);
  });

  it("reports each candidate once, most similar first, ties in insertion order", () => {
    const index = new LshIndex<string>({ numPerm: 128, signatureBits: 32 });
    const base = hasher.signature(BASE);
    index.add("a", base);
    index.add("near", hasher.signature(NEAR));
    index.add("b", base);
    expect([...index.query(base)].sort()).toEqual(["a", "b", "near"]);
    const similar = index.querySimilar(base, 0.5);
    expect(similar.map((m) => m.id)).toEqual(["a", "b", "near"]);
    expect(similar[0]!.similarity).toBe(1);
    expect(similar[2]!.similarity).toBe(estimateJaccard(base, hasher.signature(NEAR)));
    const { slots, count } = index.candidateSlots(base);
    expect(Array.from(slots.subarray(0, count)).sort()).toEqual([0, 1, 2]);
    expect(index.idAt(2)).toBe("b");
    expect(() => index.idAt(3)).toThrow(/no slot 3/);
    expect(() => index.idAt(-1)).toThrow(/no slot/);
  });

  it("verifies with the b-bit corrected estimate of the stored low bits", () => {
    const base = hasher.signature(BASE);
    const near = hasher.signature(NEAR);
    const agreeing = (bits: number) => {
      const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
      let n = 0;
      for (let i = 0; i < 128; i++) if (((base[i]! & mask) >>> 0) === ((near[i]! & mask) >>> 0)) n++;
      return n;
    };
    for (const bits of [8, 16, 32] as const) {
      const index = new LshIndex<string>({ numPerm: 128, signatureBits: bits });
      index.add("base", base);
      expect(index.similarityAt(0, near)).toBe(bBitJaccard(agreeing(bits), 128, bits));
    }
    // With 8 bits the raw agreement overstates similarity (chance agreement 2^-8); the estimate is corrected.
    expect(agreeing(8)).toBeGreaterThanOrEqual(agreeing(32));
    expect(new LshIndex({ numPerm: 128 }).signatureBits).toBe(8);
    expect(bBitJaccard(agreeing(8), 128, 8)).toBeLessThan(agreeing(8) / 128);
  });

  it("reads signatures at an offset", () => {
    const index = new LshIndex<number>({ numPerm: 128 });
    const buf = new Uint32Array(3 * 128);
    hasher.signatureInto(OTHER, buf, 0);
    hasher.signatureInto(BASE, buf, 128);
    hasher.signatureInto(NEAR, buf, 256);
    index.add(7, buf, 128);
    expect(index.query(buf, 256)).toEqual([7]);
    expect(index.query(buf, 0)).toEqual([]);
    expect(index.similarityAt(0, buf, 128)).toBe(1);
  });

  it("grows far beyond expectedSize and still finds every document", () => {
    const rng = createRng(7);
    const index = new LshIndex<number>({ numPerm: 128, expectedSize: 16, signatureBits: 16 });
    const bytesBefore = index.bytes;
    const sigs: Uint32Array[] = [];
    const wrongSlots: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const sig = randomSig(rng);
      sigs.push(sig);
      if (index.add(i, sig) !== i) wrongSlots.push(i);
    }
    expect(wrongSlots).toEqual([]);
    expect(index.size).toBe(3000);
    expect(index.bytes).toBeGreaterThan(bytesBefore);
    let stray = 0;
    const missed: number[] = [];
    for (let i = 0; i < sigs.length; i++) {
      const found = index.querySimilar(sigs[i]!, 0.5);
      if (found[0]?.id !== i || found[0].similarity !== 1) missed.push(i);
      stray += found.length - 1;
    }
    expect(missed).toEqual([]);
    // Random signatures share no band (bar 32-bit key collisions), and never verify as similar.
    expect(stray).toBe(0);
    // A near-copy of a document added early (before any growth) is still found through its bands.
    const copy = sigs[3]!.slice();
    for (let i = 0; i < 128; i += 10) copy[i] = 1;
    expect(index.query(copy)).toContain(3);
  });

  it("with signatureBits 0 keeps no signatures: query works, querySimilar throws", () => {
    const index = new LshIndex<string>({ numPerm: 128, signatureBits: 0 });
    index.add("base", hasher.signature(BASE));
    expect(index.query(hasher.signature(NEAR))).toEqual(["base"]);
    expect(() => index.querySimilar(hasher.signature(NEAR), 0.5)).toThrow(/keeps no signatures/);
  });

  it("honours explicit bands and rows, and derives one from the other", () => {
    expect(new LshIndex({ numPerm: 128, bands: 32, rows: 4 })).toMatchObject({ bands: 32, rows: 4 });
    expect(new LshIndex({ numPerm: 128, bands: 20, rows: 5 })).toMatchObject({ bands: 20, rows: 5 });
    // One alone: the other is the most the signature allows (it used to be silently ignored).
    expect(new LshIndex({ numPerm: 128, bands: 32 })).toMatchObject({ bands: 32, rows: 4 });
    expect(new LshIndex({ numPerm: 128, rows: 5 })).toMatchObject({ bands: 25, rows: 5 });
    // From the threshold otherwise.
    expect(new LshIndex({ numPerm: 128, threshold: 0.5 })).toMatchObject(
      (({ bands, rows }) => ({ bands, rows }))(optimalLshParams(128, 0.5)),
    );
  });

  it("rejects bad bands, rows, numPerm and signatureBits", () => {
    expect(() => new LshIndex({ numPerm: 128, bands: 0, rows: 8 })).toThrow(/positive integers/);
    expect(() => new LshIndex({ numPerm: 128, bands: 16, rows: -1 })).toThrow(/positive integers/);
    expect(() => new LshIndex({ numPerm: 128, bands: 1.5, rows: 8 })).toThrow(/positive integers/);
    expect(() => new LshIndex({ numPerm: 128, rows: 0 })).toThrow(/positive integers/);
    expect(() => new LshIndex({ numPerm: 128, bands: 200 })).toThrow(/positive integers/);
    expect(() => new LshIndex({ numPerm: 128, bands: 17, rows: 8 })).toThrow(/exceeds the signature length 128/);
    expect(() => new LshIndex({ numPerm: 0 })).toThrow(/numPerm/);
    expect(() => new LshIndex({ numPerm: 128, signatureBits: 4 as never })).toThrow(/signatureBits/);
  });
});
