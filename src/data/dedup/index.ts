export { dedupe, type DedupeOptions, type DedupeRemoval, type DedupeResult, type DedupeStats } from "./dedupe.js";
export {
  createMinHasher,
  estimateJaccard,
  bBitJaccard,
  EMPTY_SLOT,
  MERSENNE_31,
  type MinHasher,
  type MinHashOptions,
} from "./minhash.js";
export {
  LshIndex,
  collisionProbability,
  lshThreshold,
  optimalLshParams,
  DEFAULT_LSH_WEIGHTS,
  type LshIndexOptions,
  type LshParams,
  type LshWeights,
  type SignatureBits,
} from "./lsh.js";
export {
  normalizedWords,
  normalizeText,
  wordHash,
  wordHashes,
  shingleHashes,
  shinglesOfWords,
  resolveShingleOptions,
  wordSequenceFingerprint,
  type ShingleOptions,
  type ResolvedShingleOptions,
} from "./tokenize.js";
export { fnv1a, fmix32, hashRange } from "./hash.js";
