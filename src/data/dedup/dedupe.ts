/**
 * Near-duplicate removal: one stable pass over the items, keeping the first occurrence of every cluster.
 *
 * Per item: normalise and hash its words; if the normalised text was already kept, it is an exact duplicate
 * (no MinHash needed); otherwise compute its MinHash signature, look up LSH candidates among the items kept
 * so far, and verify each by signature agreement. The most similar kept item at or above the threshold makes
 * it a duplicate; else it is kept and indexed. Comparing only against kept items means `duplicateOf` is
 * always an item in `kept`.
 *
 * Memory (1M documents, 128 permutations, 16 bands): signatures are stored b-bit (8 bits a slot, 128 MB; full
 * 32-bit slots would be 512 MB) and only for kept items; band buckets take 12 bytes per (item, band), ~190 MB;
 * the exact-text table ~24 MB. Signatures of removed items are never stored.
 */
import { LshIndex, type LshWeights, type SignatureBits } from "./lsh.js";
import { createMinHasher, type MinHashOptions } from "./minhash.js";
import { shinglesOfWords, wordHashes, wordSequenceFingerprint } from "./tokenize.js";

export interface DedupeOptions extends MinHashOptions {
  /** Estimated Jaccard similarity (of shingle sets) at or above which an item is a near-duplicate (default 0.8). */
  threshold?: number;
  /** LSH banding; chosen from the threshold when omitted (see optimalLshParams). */
  bands?: number;
  rows?: number;
  lshWeights?: LshWeights;
  /** Bits kept per signature slot for verification: 8 (default), 16 or 32. */
  signatureBits?: Exclude<SignatureBits, 0>;
  /** Skip the exact-duplicate pass (default false). */
  skipExact?: boolean;
  /** Called every `progressEvery` items (default 100,000) with the number processed. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface DedupeRemoval<T> {
  item: T;
  /** The kept item it duplicates. */
  duplicateOf: T;
  /** Estimated Jaccard similarity to duplicateOf (1 for exact duplicates). */
  similarity: number;
  method: "exact" | "minhash";
  index: number;
  duplicateOfIndex: number;
}

export interface DedupeStats {
  checked: number;
  removed: number;
  /** Removals per method; the shape of the dataset card's DedupSummary. */
  byMethod: { exact: number; minhash: number };
  /** LSH candidates verified (a measure of work; false positives of the banding cost one comparison each). */
  candidatesVerified: number;
  bands: number;
  rows: number;
  numPerm: number;
  threshold: number;
  /** Bytes held by the signature and bucket tables at the end. */
  indexBytes: number;
}

export interface DedupeResult<T> {
  kept: T[];
  removed: Array<DedupeRemoval<T>>;
  stats: DedupeStats;
}

export function dedupe<T>(items: readonly T[], text: (item: T) => string, options: DedupeOptions = {}): DedupeResult<T> {
  const threshold = options.threshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`threshold must be in (0, 1], got ${threshold}`);
  const hasher = createMinHasher(options);
  const k = hasher.numPerm;
  const index = new LshIndex<number>({
    numPerm: k,
    threshold,
    ...(options.bands !== undefined ? { bands: options.bands } : {}),
    ...(options.rows !== undefined ? { rows: options.rows } : {}),
    ...(options.lshWeights ? { weights: options.lshWeights } : {}),
    signatureBits: options.signatureBits ?? 8,
    expectedSize: items.length,
  });
  const exact = options.skipExact ? null : new ExactTable(items.length);
  const sig = new Uint32Array(k);
  const kept: T[] = [];
  const removed: Array<DedupeRemoval<T>> = [];
  const byMethod = { exact: 0, minhash: 0 };
  let candidatesVerified = 0;
  const every = options.progressEvery ?? 100_000;

  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const content = text(item);
    const { hashes: words, count: nWords } = wordHashes(content);
    let fingerprint = 0;
    if (exact) {
      fingerprint = wordSequenceFingerprint(words, 0, nWords);
      const first = exact.get(fingerprint);
      if (first !== -1) {
        removed.push({ item, duplicateOf: items[first] as T, similarity: 1, method: "exact", index: i, duplicateOfIndex: first });
        byMethod.exact++;
        if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, items.length);
        continue;
      }
    }
    const { hashes: shingles, count: nShingles } = shinglesOfWords(content, words, nWords, hasher.shingling);
    hasher.signatureOfShingles(shingles, nShingles, sig, 0);

    const { slots, count } = index.candidateSlots(sig, 0);
    candidatesVerified += count;
    let bestSlot = -1;
    let best = -1;
    for (let c = 0; c < count; c++) {
      const slot = slots[c]!;
      const similarity = index.similarityAt(slot, sig, 0);
      // Ties go to the earlier item: slots are numbered in insertion order.
      if (similarity > best || (similarity === best && slot < bestSlot)) {
        best = similarity;
        bestSlot = slot;
      }
    }
    if (bestSlot !== -1 && best >= threshold) {
      const first = index.idAt(bestSlot);
      removed.push({ item, duplicateOf: items[first] as T, similarity: best, method: "minhash", index: i, duplicateOfIndex: first });
      byMethod.minhash++;
    } else {
      index.add(i, sig, 0);
      exact?.set(fingerprint, i);
      kept.push(item);
    }
    if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, items.length);
  }

  return {
    kept,
    removed,
    stats: {
      checked: items.length,
      removed: removed.length,
      byMethod,
      candidatesVerified,
      bands: index.bands,
      rows: index.rows,
      numPerm: k,
      threshold,
      indexBytes: index.bytes + (exact?.bytes ?? 0),
    },
  };
}

/** Open-addressing map from a 53-bit text fingerprint to the index of the first item with it. */
class ExactTable {
  private keys: Float64Array;
  private vals: Int32Array;
  private size = 0;

  constructor(expected: number) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
  }

  get bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let pos = slotOf(key, mask); ; pos = (pos + 1) & mask) {
      const v = this.vals[pos]!;
      if (v === -1) return -1;
      if (this.keys[pos] === key) return v;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let pos = slotOf(key, mask);
    while (this.vals[pos] !== -1) pos = (pos + 1) & mask;
    this.keys[pos] = key;
    this.vals[pos] = value;
    this.size++;
  }

  private grow(): void {
    const keys = this.keys;
    const vals = this.vals;
    this.keys = new Float64Array(keys.length * 2);
    this.vals = new Int32Array(vals.length * 2).fill(-1);
    this.size = 0;
    for (let p = 0; p < keys.length; p++) if (vals[p] !== -1) this.set(keys[p]!, vals[p]!);
  }
}

/** The fingerprint's first 32-bit hash (its high part), masked: well mixed whatever the table size. */
function slotOf(key: number, mask: number): number {
  return (key / 2097152) & mask;
}
