/**
 * Decontamination: flags training text that overlaps evaluation text, two ways.
 *
 * - ngram: any run of `ngram` (default 13) consecutive normalised words shared with an eval passage. Catches
 *   verbatim copies, however small a part of the example they are. Keys are 53-bit hashes of the word run, in
 *   a Map to the passage that has them.
 * - minhash: estimated Jaccard similarity (word shingles) >= `minhashThreshold` between an eval passage and a
 *   window of the example about the passage's length, found through an LSH index of the passages. Catches
 *   near-copies (words changed, sentences reordered) that no longer share a long verbatim run. Windows, not
 *   the whole example, because a copied mail inside a long transcript is a small part of the whole.
 *
 * Windows are cheap: for each permutation the example's shingles are permuted once, and a sparse table of
 * range minima then gives every window's signature slot in O(1), so the cost is O(k * T log W) for T shingles,
 * whatever the number of windows.
 */
import { normalizedWords, shinglesOfWords, wordHashes, wordSequenceFingerprint } from "../dedup/tokenize.js";
import { createMinHasher } from "../dedup/minhash.js";
import { LshIndex, type LshWeights } from "../dedup/lsh.js";
import { exampleText, type Example } from "../types.js";
import type { EvalCorpus, EvalPassage } from "./corpus.js";
import { assertSourceAllowed } from "./sources.js";

export type DecontaminationMethod = "ngram" | "minhash";

export interface DecontaminatorOptions {
  /** Words per exact n-gram (default 13). */
  ngram?: number;
  /** Estimated Jaccard similarity, passage vs window, at or above which text is contaminated (default 0.5). */
  minhashThreshold?: number;
  /** MinHash permutations (default 128). */
  numPerm?: number;
  /**
   * Words per MinHash shingle (default 2). Shorter than dedup's 5: replacing every k-th word of a passage keeps
   * (k - s) / k of its s-word shingles, a Jaccard similarity of (k - s) / (k + s). With s = 2 a copy with every
   * 8th word replaced (no 13-word run left for the n-gram check) is still at ~0.6, above the 0.5 threshold; with
   * s = 3 it would be at ~0.45 and missed. Fresh text on the same topic stays below ~0.05 either way.
   */
  shingleSize?: number;
  /**
   * Passages with fewer words are not MinHash-indexed (default 20): short subjects and sign-offs are too
   * generic to call similar text a copy. They are still matched by n-grams when at least `ngram` words long.
   */
  minhashMinWords?: number;
  /** Window step as a fraction of the window length (default 1/8): a copy is never more than 1/16 off a window. */
  windowStride?: number;
  /** Methods to run (default both). */
  methods?: readonly DecontaminationMethod[];
  /**
   * Reasons kept per method per checked text (default 5: the first passages hit for ngram, the most similar for
   * minhash); detection itself does not stop early.
   */
  maxReasons?: number;
  lshWeights?: LshWeights;
  seed?: number | string;
}

export interface ContaminationReason {
  method: DecontaminationMethod;
  /** The eval passage's label (suite/condition@variant field). */
  source: string;
  /** The overlapping text: the shared n-gram, or the example's best-matching window (normalised, truncated) for minhash. */
  match: string;
  /** Suites the passage appears in. */
  suites: string[];
  /** minhash only: estimated Jaccard similarity of the best-matching window and the passage. */
  similarity?: number;
}

export interface ContaminationCheck {
  contaminated: boolean;
  reasons: ContaminationReason[];
  /**
   * Every suite whose text the checked text overlaps, sorted: unlike reasons, not capped by maxReasons, and an
   * n-gram counts for every suite whose passages have it, not only the first passage indexed with it.
   */
  suites?: string[];
}

export interface Decontaminator {
  check(text: string): ContaminationCheck;
  readonly stats: { passages: number; ngrams: number; minhashPassages: number; windowSizes: number[] };
}

const MATCH_CHARS = 200;

export function createDecontaminator(corpus: EvalCorpus, options: DecontaminatorOptions = {}): Decontaminator {
  const n = options.ngram ?? 13;
  const threshold = options.minhashThreshold ?? 0.5;
  const minWords = options.minhashMinWords ?? 20;
  const strideFraction = options.windowStride ?? 1 / 8;
  const methods = new Set(options.methods ?? ["ngram", "minhash"]);
  const maxReasons = options.maxReasons ?? 5;
  if (!Number.isInteger(n) || n < 1) throw new Error(`ngram must be a positive integer, got ${n}`);
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`minhashThreshold must be in (0, 1], got ${threshold}`);
  if (!(strideFraction > 0 && strideFraction <= 1)) throw new Error(`windowStride must be in (0, 1], got ${strideFraction}`);
  // 0 would remove examples with no reason given (and uncounted in byMethod).
  if (!Number.isInteger(maxReasons) || maxReasons < 1) throw new Error(`maxReasons must be a positive integer, got ${maxReasons}`);

  const hasher = createMinHasher({
    numPerm: options.numPerm ?? 128,
    shingleSize: options.shingleSize ?? 2,
    // Word shingles for every indexed passage and window: texts below minWords are never compared.
    charFallbackBelowWords: 0,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const k = hasher.numPerm;
  const s = hasher.shingling.shingleSize;
  const passages: readonly EvalPassage[] = corpus.passages;

  // --- n-gram index
  const ngramIndex = new Map<number, number>();
  /** N-grams that passages of other suites share with their first passage: key -> the union of their suites. */
  const ngramSuites = new Map<number, string[]>();
  if (methods.has("ngram")) {
    passages.forEach((passage, p) => {
      const { hashes, count } = wordHashes(passage.text);
      for (let i = 0; i + n <= count; i++) {
        const key = wordSequenceFingerprint(hashes, i, n);
        const first = ngramIndex.get(key);
        if (first === undefined) {
          ngramIndex.set(key, p);
          continue;
        }
        const known = ngramSuites.get(key) ?? passages[first]!.suites;
        const extra = passage.suites.filter((suite) => !known.includes(suite));
        if (extra.length > 0) ngramSuites.set(key, [...known, ...extra]);
      }
    });
  }

  // --- MinHash index of passages, and the window sizes (in shingles) their lengths call for
  const lsh = new LshIndex<number>({
    numPerm: k,
    threshold,
    ...(options.lshWeights ? { weights: options.lshWeights } : {}),
    signatureBits: 32,
    expectedSize: passages.length,
  });
  // Window lengths on a geometric grid (ratio 1.15): a passage of m shingles is matched by windows of the grid
  // length nearest m, so an exact copy scores >= ~0.9 before alignment and stride losses.
  const gridOf = (m: number) => Math.max(1, Math.round(1.15 ** Math.round(Math.log(m) / Math.log(1.15))));
  const windowSizes = new Set<number>();
  const sig = new Uint32Array(k);
  if (methods.has("minhash")) {
    passages.forEach((passage, p) => {
      const { hashes, count } = wordHashes(passage.text);
      if (count < minWords) return;
      const sh = shinglesOfWords(passage.text, hashes, count, hasher.shingling);
      hasher.signatureOfShingles(sh.hashes, sh.count, sig, 0);
      lsh.add(p, sig, 0);
      windowSizes.add(gridOf(sh.count));
    });
  }
  const sizes = [...windowSizes].sort((a, b) => a - b);

  // Scratch for window signatures.
  let row = new Float64Array(1024);
  let table = new Float64Array(1024);

  function checkNgrams(words: Uint32Array, count: number, text: string, reasons: ContaminationReason[], suites: Set<string>): boolean {
    let found = false;
    const hit = new Set<number>();
    let strings: string[] | null = null;
    for (let i = 0; i + n <= count; i++) {
      const key = wordSequenceFingerprint(words, i, n);
      const p = ngramIndex.get(key);
      if (p === undefined) continue;
      found = true;
      const passage = passages[p]!;
      for (const suite of ngramSuites.get(key) ?? passage.suites) suites.add(suite);
      if (hit.has(p) || hit.size >= maxReasons) continue;
      hit.add(p);
      strings ??= normalizedWords(text);
      reasons.push({ method: "ngram", source: passage.label, match: strings.slice(i, i + n).join(" "), suites: passage.suites });
    }
    return found;
  }

  function checkMinhash(words: Uint32Array, count: number, text: string, reasons: ContaminationReason[], suites: Set<string>): boolean {
    if (count < minWords || sizes.length === 0) return false;
    const sh = shinglesOfWords(text, words, count, hasher.shingling);
    const shingles = sh.hashes.slice(0, sh.count);
    const t = shingles.length;

    // Windows (start, length) in shingles; a window as long as the text stands for every longer size.
    const starts: number[] = [];
    const lengths: number[] = [];
    let wholeText = false;
    for (const w of sizes) {
      if (w >= t) {
        if (!wholeText) {
          starts.push(0);
          lengths.push(t);
          wholeText = true;
        }
        continue;
      }
      const stride = Math.max(1, Math.floor(w * strideFraction));
      for (let start = 0; ; start += stride) {
        if (start + w >= t) {
          starts.push(t - w);
          lengths.push(w);
          break;
        }
        starts.push(start);
        lengths.push(w);
      }
    }
    const nWindows = starts.length;
    const sigs = new Uint32Array(nWindows * k);
    const maxLen = Math.min(t, sizes[sizes.length - 1]!);
    const levels = Math.floor(Math.log2(maxLen)) + 1;
    if (row.length < t) row = new Float64Array(Math.max(t, row.length * 2));
    if (table.length < t * levels) table = new Float64Array(Math.max(t * levels, table.length * 2));

    for (let perm = 0; perm < k; perm++) {
      hasher.permuteRow(perm, shingles, t, row);
      // Sparse table: table[l * t + i] = min(row[i .. i + 2^l)).
      table.set(row.subarray(0, t), 0);
      for (let l = 1, half = 1; l < levels; l++, half *= 2) {
        const cur = l * t;
        const prev = cur - t;
        for (let i = 0; i + 2 * half <= t; i++) {
          const a = table[prev + i]!;
          const b = table[prev + i + half]!;
          table[cur + i] = a < b ? a : b;
        }
      }
      for (let w = 0; w < nWindows; w++) {
        const len = lengths[w]!;
        const l = 31 - Math.clz32(len);
        const a = table[l * t + starts[w]!]!;
        const b = table[l * t + starts[w]! + len - (1 << l)]!;
        sigs[w * k + perm] = a < b ? a : b;
      }
    }

    // The best window of each matched passage (in first-match order): its excerpt is where the copy is, and its
    // similarity the strength of the evidence (the first window over the threshold is usually a poor fit).
    const best = new Map<number, { similarity: number; window: number }>();
    for (let w = 0; w < nWindows; w++) {
      const matches = lsh.querySimilar(sigs, threshold, w * k);
      for (const { id: p, similarity } of matches) {
        const prev = best.get(p);
        if (!prev || similarity > prev.similarity) best.set(p, { similarity, window: w });
      }
    }
    if (best.size === 0) return false;
    for (const p of best.keys()) for (const suite of passages[p]!.suites) suites.add(suite);
    const strings = normalizedWords(text);
    const ranked = [...best].sort((a, b) => b[1].similarity - a[1].similarity).slice(0, maxReasons);
    for (const [p, { similarity, window: w }] of ranked) {
      const passage = passages[p]!;
      // Window of shingles [start, start + len) covers words [start, start + len + s - 1).
      const excerpt = strings.slice(starts[w]!, starts[w]! + lengths[w]! + s - 1).join(" ");
      reasons.push({
        method: "minhash",
        source: passage.label,
        match: excerpt.length > MATCH_CHARS ? `${excerpt.slice(0, MATCH_CHARS)}...` : excerpt,
        suites: passage.suites,
        similarity,
      });
    }
    return true;
  }

  return {
    stats: { passages: passages.length, ngrams: ngramIndex.size, minhashPassages: lsh.size, windowSizes: sizes },
    check(text) {
      const { hashes, count } = wordHashes(text);
      const words = hashes.slice(0, count); // wordHashes' buffer is shared; keep our own copy.
      const reasons: ContaminationReason[] = [];
      const suites = new Set<string>();
      let contaminated = false;
      if (methods.has("ngram") && checkNgrams(words, count, text, reasons, suites)) contaminated = true;
      if (methods.has("minhash") && checkMinhash(words, count, text, reasons, suites)) contaminated = true;
      return { contaminated, reasons, suites: [...suites].sort() };
    },
  };
}

export interface DecontaminationRemoval {
  example: Example;
  reasons: ContaminationReason[];
}

export interface DecontaminationReport {
  checked: number;
  removed: number;
  /** Removed examples flagged by each method (an example flagged by both counts in both). */
  byMethod: Record<DecontaminationMethod, number>;
  /** Removed examples per eval suite they overlapped (an example overlapping two suites counts in both). */
  bySource: Record<string, number>;
}

export interface DecontaminationResult {
  kept: Example[];
  removed: DecontaminationRemoval[];
  report: DecontaminationReport;
}

/**
 * Checks every example's text (exampleText) and removes the contaminated ones. Throws, before checking
 * anything, if an example's lineage names a held-out suite as its source.
 */
export function decontaminate(examples: readonly Example[], decontaminator: Decontaminator): DecontaminationResult {
  for (const example of examples) {
    const source = example.lineage.source;
    if (source) assertSourceAllowed({ name: source.suite, split: source.split });
  }
  const kept: Example[] = [];
  const removed: DecontaminationRemoval[] = [];
  const byMethod: Record<DecontaminationMethod, number> = { ngram: 0, minhash: 0 };
  const bySource: Record<string, number> = {};
  for (const example of examples) {
    const { contaminated, reasons, suites } = decontaminator.check(exampleText(example));
    if (!contaminated) {
      kept.push(example);
      continue;
    }
    removed.push({ example, reasons });
    for (const method of new Set(reasons.map((r) => r.method))) byMethod[method]++;
    // check's suites when given: reasons are capped at maxReasons and would miss suites beyond the cap.
    for (const suite of new Set(suites ?? reasons.flatMap((r) => r.suites))) bySource[suite] = (bySource[suite] ?? 0) + 1;
  }
  return { kept, removed, report: { checked: examples.length, removed: removed.length, byMethod, bySource } };
}
