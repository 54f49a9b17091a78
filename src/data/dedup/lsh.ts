/**
 * Banding LSH over MinHash signatures. A signature of k slots is cut into b bands of r rows; two texts become
 * candidates when any band agrees exactly. For Jaccard similarity s that happens with probability
 *
 *   P(s) = 1 - (1 - s^r)^b,
 *
 * an S-curve whose steepest point sits near s* = (1 / b)^(1 / r). Given a threshold t, `optimalLshParams`
 * picks (b, r) with b * r <= k minimising the weighted areas of false positives (integral of P over [0, t])
 * and false negatives (integral of 1 - P over [t, 1]). Candidates are verified against the stored signatures,
 * so a false positive costs one comparison while a false negative is a lost duplicate: the default weights
 * favour recall.
 */
import { bBitJaccard } from "./minhash.js";

/** Probability that two texts with Jaccard similarity s share at least one of b bands of r rows. */
export function collisionProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

/** The similarity near which the banding S-curve is steepest: (1 / b)^(1 / r). */
export function lshThreshold(bands: number, rows: number): number {
  return (1 / bands) ** (1 / rows);
}

export interface LshParams {
  bands: number;
  rows: number;
  /** Probability mass of false positives / negatives (areas under the curve, before weighting). */
  falsePositiveArea: number;
  falseNegativeArea: number;
}

export interface LshWeights {
  falsePositive: number;
  falseNegative: number;
}

/**
 * Recall-heavy by default: at threshold 0.8 and 128 permutations this picks 16 bands x 8 rows, which makes
 * pairs at exactly 0.8 candidates 95% of the time (even weights pick 9 x 13: 40%).
 */
export const DEFAULT_LSH_WEIGHTS: LshWeights = { falsePositive: 0.05, falseNegative: 0.95 };

function integrate(f: (s: number) => number, a: number, b: number): number {
  // Simpson's rule; the integrands are smooth polynomials, 64 intervals is plenty.
  const n = 64;
  if (b <= a) return 0;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 0 ? 2 : 4) * f(a + i * h);
  return (sum * h) / 3;
}

/** The (bands, rows) with bands * rows <= numPerm that minimise weighted false positive + negative areas. */
export function optimalLshParams(numPerm: number, threshold: number, weights: LshWeights = DEFAULT_LSH_WEIGHTS): LshParams {
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`threshold must be in (0, 1], got ${threshold}`);
  let best: LshParams | null = null;
  let bestCost = Infinity;
  for (let b = 1; b <= numPerm; b++) {
    for (let r = 1; b * r <= numPerm; r++) {
      const fp = integrate((s) => collisionProbability(s, b, r), 0, threshold);
      const fn = integrate((s) => 1 - collisionProbability(s, b, r), threshold, 1);
      const cost = weights.falsePositive * fp + weights.falseNegative * fn;
      if (cost < bestCost) {
        bestCost = cost;
        best = { bands: b, rows: r, falsePositiveArea: fp, falseNegativeArea: fn };
      }
    }
  }
  return best!;
}

export type SignatureBits = 0 | 8 | 16 | 32;

export interface LshIndexOptions {
  /** Signature length of the MinHasher feeding the index. */
  numPerm: number;
  /** Jaccard threshold used to choose bands and rows (default 0.8); ignored when either is given. */
  threshold?: number;
  /** Given alone, rows is the most the signature allows: floor(numPerm / bands) (and likewise for rows alone). */
  bands?: number;
  rows?: number;
  weights?: LshWeights;
  /**
   * Bits of each signature slot kept for verification (default 8; 0 keeps none, and querySimilar is then
   * unavailable). b-bit MinHash: 8 bits is 128 bytes per document at 128 permutations, 4x less than full
   * slots, with the chance agreement (2^-8) corrected in the estimate.
   */
  signatureBits?: SignatureBits;
  /** Expected number of documents, to size tables once instead of growing them. */
  expectedSize?: number;
}

/**
 * Band buckets as one chained hash table in typed arrays (32-bit band key -> document), instead of a Map of
 * arrays per band: at 1M documents x 16 bands a JS Map costs gigabytes, this costs 12 bytes per (document,
 * band). Entry e belongs to document floor(e / bands), so entries store only their key and the next link.
 * Band keys mix in the band number, so equal rows in different bands do not collide; a rare 32-bit key
 * collision only adds a candidate, which verification discards.
 */
export class LshIndex<Id = number> {
  readonly numPerm: number;
  readonly bands: number;
  readonly rows: number;
  readonly signatureBits: SignatureBits;
  private readonly ids: Id[] = [];
  private sigs: Uint8Array | Uint16Array | Uint32Array;
  /** Bucket -> first entry (-1: empty). Power-of-two length, grown to stay >= the entry count. */
  private heads: Int32Array;
  private entryKeys: Uint32Array;
  private entryNext: Int32Array;
  private stamps: Int32Array;
  private queryNo = 0;
  private found: Int32Array;
  private bandKeys: Uint32Array;

  constructor(options: LshIndexOptions) {
    this.numPerm = options.numPerm;
    if (!Number.isInteger(this.numPerm) || this.numPerm < 1) throw new Error(`numPerm must be a positive integer, got ${this.numPerm}`);
    if (options.bands !== undefined || options.rows !== undefined) {
      // One given alone: the other is derived from it, not chosen from the threshold.
      this.bands = options.bands ?? Math.floor(this.numPerm / options.rows!);
      this.rows = options.rows ?? Math.floor(this.numPerm / options.bands!);
    } else {
      const p = optimalLshParams(options.numPerm, options.threshold ?? 0.8, options.weights);
      this.bands = p.bands;
      this.rows = p.rows;
    }
    if (!Number.isInteger(this.bands) || !Number.isInteger(this.rows) || this.bands < 1 || this.rows < 1) {
      throw new Error(`bands and rows must be positive integers, got ${this.bands} x ${this.rows}`);
    }
    if (this.bands * this.rows > this.numPerm) {
      throw new Error(`bands x rows (${this.bands} x ${this.rows}) exceeds the signature length ${this.numPerm}`);
    }
    this.signatureBits = options.signatureBits ?? 8;
    if (![0, 8, 16, 32].includes(this.signatureBits)) throw new Error(`signatureBits must be 0, 8, 16 or 32, got ${this.signatureBits}`);
    const expected = Math.max(16, options.expectedSize ?? 1024);
    this.sigs = this.newSigs(this.signatureBits === 0 ? 0 : expected * this.numPerm);
    this.heads = new Int32Array(pow2AtLeast(expected * this.bands)).fill(-1);
    this.entryKeys = new Uint32Array(expected * this.bands);
    this.entryNext = new Int32Array(expected * this.bands);
    this.stamps = new Int32Array(expected);
    this.found = new Int32Array(64);
    this.bandKeys = new Uint32Array(this.bands);
  }

  /** Number of documents added. */
  get size(): number {
    return this.ids.length;
  }

  /** Adds a document; returns its slot (insertion order, from 0). */
  add(id: Id, sig: Uint32Array, offset = 0): number {
    const slot = this.ids.length;
    this.ids.push(id);
    if (this.stamps.length <= slot) {
      const next = new Int32Array(this.stamps.length * 2);
      next.set(this.stamps);
      this.stamps = next;
    }
    if (this.signatureBits !== 0) {
      const k = this.numPerm;
      if (this.sigs.length < (slot + 1) * k) {
        const next = this.newSigs(this.sigs.length * 2);
        next.set(this.sigs);
        this.sigs = next;
      }
      const mask = this.signatureBits === 32 ? 0xffffffff : (1 << this.signatureBits) - 1;
      const base = slot * k;
      for (let i = 0; i < k; i++) this.sigs[base + i] = (sig[offset + i]! & mask) >>> 0;
    }
    const first = slot * this.bands;
    const needed = first + this.bands;
    if (this.entryKeys.length < needed) {
      const cap = Math.max(needed, this.entryKeys.length * 2);
      const keys = new Uint32Array(cap);
      keys.set(this.entryKeys);
      this.entryKeys = keys;
      const next = new Int32Array(cap);
      next.set(this.entryNext);
      this.entryNext = next;
    }
    if (this.heads.length < needed) this.rehash(pow2AtLeast(needed));
    this.computeBandKeys(sig, offset);
    const mask = this.heads.length - 1;
    for (let j = 0; j < this.bands; j++) {
      const key = this.bandKeys[j]!;
      const e = first + j;
      const b = key & mask;
      this.entryKeys[e] = key;
      this.entryNext[e] = this.heads[b]!;
      this.heads[b] = e;
    }
    return slot;
  }

  /** Ids of the documents sharing at least one band with the signature (unverified candidates, each once). */
  query(sig: Uint32Array, offset = 0): Id[] {
    const { slots, count } = this.candidateSlots(sig, offset);
    const out: Id[] = [];
    for (let i = 0; i < count; i++) out.push(this.ids[slots[i]!]!);
    return out;
  }

  /** Candidates whose estimated Jaccard similarity is >= minSimilarity, most similar first. */
  querySimilar(sig: Uint32Array, minSimilarity: number, offset = 0): Array<{ id: Id; similarity: number }> {
    const { slots, count } = this.candidateSlots(sig, offset);
    const out: Array<{ id: Id; similarity: number; slot: number }> = [];
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!;
      const similarity = this.similarityAt(slot, sig, offset);
      if (similarity >= minSimilarity) out.push({ id: this.ids[slot]!, similarity, slot });
    }
    out.sort((a, b) => b.similarity - a.similarity || a.slot - b.slot);
    return out.map(({ id, similarity }) => ({ id, similarity }));
  }

  /**
   * Low level: the slots of the candidates, in a buffer reused by the next query (valid up to `count`).
   * Order is bucket order, not insertion order.
   */
  candidateSlots(sig: Uint32Array, offset = 0): { slots: Int32Array; count: number } {
    this.computeBandKeys(sig, offset);
    if (++this.queryNo === 0x7fffffff) {
      this.stamps.fill(0);
      this.queryNo = 1;
    }
    const q = this.queryNo;
    const heads = this.heads;
    const keys = this.entryKeys;
    const next = this.entryNext;
    const stamps = this.stamps;
    const bands = this.bands;
    const mask = heads.length - 1;
    let count = 0;
    for (let j = 0; j < bands; j++) {
      const key = this.bandKeys[j]!;
      for (let e = heads[key & mask]!; e !== -1; e = next[e]!) {
        if (keys[e] !== key) continue;
        const slot = (e / bands) | 0;
        if (stamps[slot] === q) continue;
        stamps[slot] = q;
        if (count === this.found.length) {
          const grown = new Int32Array(count * 2);
          grown.set(this.found);
          this.found = grown;
        }
        this.found[count++] = slot;
      }
    }
    return { slots: this.found, count };
  }

  /** Estimated Jaccard similarity between a stored document (by slot) and a signature. */
  similarityAt(slot: number, sig: Uint32Array, offset = 0): number {
    if (this.signatureBits === 0) throw new Error("this LshIndex keeps no signatures (signatureBits: 0)");
    const k = this.numPerm;
    const base = slot * k;
    const stored = this.sigs;
    const mask = this.signatureBits === 32 ? 0xffffffff : (1 << this.signatureBits) - 1;
    let agree = 0;
    for (let i = 0; i < k; i++) if (stored[base + i] === (sig[offset + i]! & mask) >>> 0) agree++;
    return bBitJaccard(agree, k, this.signatureBits);
  }

  idAt(slot: number): Id {
    if (slot < 0 || slot >= this.ids.length) throw new Error(`no slot ${slot}`);
    return this.ids[slot]!;
  }

  /** Bytes held in typed arrays (signatures, buckets, scratch), for memory reports. */
  get bytes(): number {
    return (
      this.sigs.byteLength + this.heads.byteLength + this.entryKeys.byteLength + this.entryNext.byteLength + this.stamps.byteLength + this.found.byteLength
    );
  }

  private newSigs(length: number): Uint8Array | Uint16Array | Uint32Array {
    if (this.signatureBits === 8) return new Uint8Array(length);
    if (this.signatureBits === 16) return new Uint16Array(length);
    return new Uint32Array(length);
  }

  private computeBandKeys(sig: Uint32Array, offset: number): void {
    const r = this.rows;
    for (let j = 0; j < this.bands; j++) {
      // murmur3 over the band's rows, seeded with the band number (inlined: this runs per document per band).
      let h = Math.imul(j + 1, 0x9e3779b1);
      for (let i = offset + j * r, end = i + r; i < end; i++) {
        let k = Math.imul(sig[i]!, 0xcc9e2d51);
        k = (k << 15) | (k >>> 17);
        h ^= Math.imul(k, 0x1b873593);
        h = (h << 13) | (h >>> 19);
        h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      }
      h ^= r;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      this.bandKeys[j] = (h ^ (h >>> 16)) >>> 0;
    }
  }

  private rehash(size: number): void {
    const heads = new Int32Array(size).fill(-1);
    const mask = size - 1;
    const n = this.ids.length * this.bands - this.bands; // entries of the documents before the one being added
    for (let e = 0; e < n; e++) {
      const b = this.entryKeys[e]! & mask;
      this.entryNext[e] = heads[b]!;
      heads[b] = e;
    }
    this.heads = heads;
  }
}

function pow2AtLeast(n: number): number {
  let p = 1024;
  while (p < n) p *= 2;
  return p;
}
