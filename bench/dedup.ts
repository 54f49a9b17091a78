/**
 * Dedup benchmark (a script, not a test): `npx tsx bench/dedup.ts [--n 1000000] [--seed 1] [--threshold 0.8]`.
 *
 * Generates N short synthetic documents deterministically (20-60 words from a vocabulary of made-up words),
 * plants ~5% near-duplicates (a copy of an earlier original with 1-3 words replaced) and ~2% exact duplicates
 * (half of them verbatim, half differing only in case and spacing), runs `dedupe` with its defaults, and
 * reports speed, memory and quality against the planted ground truth.
 *
 * Near-duplicate recall is reported twice: over every planted copy, and over the copies whose true Jaccard
 * similarity (computed exactly here, after the timed run) reaches the threshold. The second is what MinHash +
 * LSH is meant to find; on 20-60-word texts one replaced word already removes up to 5 of ~35 five-word
 * shingles, so many planted copies fall below 0.8 by construction, not by a miss.
 *
 * Target: 1M short documents in <= 3 minutes on 2 cores.
 */
import { parseArgs } from "node:util";
import { dedupe, normalizedWords, type DedupeOptions } from "../src/data/dedup/index.js";
import { table } from "../src/report/format.js";
import { createRng } from "../src/util/rng.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
    threshold: { type: "string", default: "0.8" },
    perm: { type: "string", default: "128" },
    shingle: { type: "string", default: "5" },
  },
});
const N = Number(values.n);
const SEED = Number(values.seed);
const THRESHOLD = Number(values.threshold);
const TARGET_N = 1_000_000;
const TARGET_S = 180;
const NEAR_RATE = 0.05;
const EXACT_RATE = 0.02;
if (!Number.isInteger(N) || N < 1) throw new Error(`--n must be a positive integer, got ${values.n}`);

// ---------------------------------------------------------------------------------------------------------------
// Synthetic corpus

const SYLLABLES = "ka ri to me sa lu ven dor pha qui ble stro an el im on ur gra tha zen mo bi ce fu ya wex ix".split(" ");

function makeVocabulary(size: number, rng: () => number): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  while (words.length < size) {
    const n = 1 + Math.floor(rng() * 3) + (rng() < 0.3 ? 1 : 0);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rng() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

const vocab = makeVocabulary(4000, createRng(SEED * 7919 + 17));

/** A word index, skewed towards the front of the vocabulary like real word frequencies. */
function pickWord(rng: () => number): number {
  const u = rng();
  return Math.floor(u * u * vocab.length);
}

/** Words of original document `doc`: a pure function of (seed, doc), so copies can be regenerated. */
function originalWords(doc: number): number[] {
  const rng = createRng((SEED * 1_000_003 + doc) >>> 0);
  const n = 20 + Math.floor(rng() * 41);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(pickWord(rng));
  return out;
}

/** Sentences with capitals and punctuation, so normalisation has something to do. */
function render(words: readonly number[], rng: () => number): string {
  // Joined from parts, not built with +=: concatenation leaves V8 rope strings of ~80 pieces per document,
  // which multiplied the corpus's memory several times over.
  const parts: string[] = [];
  let sentenceLeft = 0;
  for (let i = 0; i < words.length; i++) {
    let w = vocab[words[i]!]!;
    if (sentenceLeft === 0) {
      w = w[0]!.toUpperCase() + w.slice(1);
      sentenceLeft = 5 + Math.floor(rng() * 8);
    }
    sentenceLeft--;
    if (i === words.length - 1 || sentenceLeft === 0) w += ".";
    else if (rng() < 0.06) w += ",";
    parts.push(w);
  }
  return parts.join(" ");
}

const KIND_ORIGINAL = 0;
const KIND_NEAR = 1;
const KIND_EXACT = 2;

function generate(n: number): { docs: string[]; kind: Uint8Array; source: Int32Array } {
  const rng = createRng(SEED);
  const docs: string[] = new Array<string>(n);
  const kind = new Uint8Array(n);
  const source = new Int32Array(n).fill(-1);
  const originals = new Int32Array(n);
  let nOriginals = 0;
  for (let i = 0; i < n; i++) {
    const r = rng();
    if (nOriginals >= 100 && r < NEAR_RATE) {
      const src = originals[Math.floor(rng() * nOriginals)]!;
      const words = originalWords(src);
      const edits = 1 + Math.floor(rng() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rng() * words.length);
        let w = pickWord(rng);
        while (w === words[at]) w = pickWord(rng);
        words[at] = w;
      }
      docs[i] = render(words, createRng(src));
      kind[i] = KIND_NEAR;
      source[i] = src;
    } else if (nOriginals >= 100 && r < NEAR_RATE + EXACT_RATE) {
      const src = originals[Math.floor(rng() * nOriginals)]!;
      const text = docs[src]!;
      docs[i] = rng() < 0.5 ? text : `  ${text.toUpperCase().replace(/ /g, "  ")}\n`;
      kind[i] = KIND_EXACT;
      source[i] = src;
    } else {
      docs[i] = render(originalWords(i), createRng(i));
      originals[nOriginals++] = i;
    }
  }
  return { docs, kind, source };
}

// ---------------------------------------------------------------------------------------------------------------
// Run

function trueJaccard(a: string, b: string, size: number): number {
  const shingles = (text: string) => {
    const w = normalizedWords(text);
    const set = new Set<string>();
    for (let i = 0; i + size <= w.length; i++) set.add(w.slice(i, i + size).join(" "));
    return set;
  };
  const sa = shingles(a);
  const sb = shingles(b);
  let inter = 0;
  for (const s of sa) if (sb.has(s)) inter++;
  return inter / (sa.size + sb.size - inter);
}

const fmt = (x: number) => x.toLocaleString("en-US");
const pct = (num: number, den: number) => (den === 0 ? "n/a" : `${((100 * num) / den).toFixed(2)}%`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const genStart = performance.now();
const { docs, kind, source } = generate(N);
const genSeconds = (performance.now() - genStart) / 1000;
process.stderr.write(`generated ${fmt(N)} documents in ${genSeconds.toFixed(1)} s; running dedupe...\n`);

const options: DedupeOptions = {
  threshold: THRESHOLD,
  numPerm: Number(values.perm),
  shingleSize: Number(values.shingle),
  onProgress: (done, total) => process.stderr.write(`  ${fmt(done)} / ${fmt(total)}\r`),
};
const start = performance.now();
const result = dedupe(docs, (d) => d, options);
const seconds = (performance.now() - start) / 1000;
process.stderr.write("\n");
const peakRss = process.resourceUsage().maxRSS * 1024;

// Quality against the planted ground truth (not timed).
let plantedNear = 0;
let plantedExact = 0;
let nearAbove = 0;
for (let i = 0; i < N; i++) {
  if (kind[i] === KIND_NEAR) plantedNear++;
  else if (kind[i] === KIND_EXACT) plantedExact++;
}
const removedMask = new Uint8Array(N);
for (const r of result.removed) removedMask[r.index] = 1;
let foundNear = 0;
let foundNearAbove = 0;
let removedBelow = 0;
// Recall by true-similarity band: MinHash estimates have a std. error of ~sqrt(J(1-J)/k) (0.035 at k = 128),
// so pairs just above the threshold are found about half the time, and recall climbs to ~100% a little above it.
const BANDS = [THRESHOLD, Math.min(1, THRESHOLD + 0.05), Math.min(1, THRESHOLD + 0.1)].map((x) => Number(x.toFixed(2)));
const bandTotal = [0, 0, 0];
const bandFound = [0, 0, 0];
let foundExact = 0;
let falsePositives = 0;
for (let i = 0; i < N; i++) {
  if (kind[i] === KIND_NEAR) {
    const j = trueJaccard(docs[i]!, docs[source[i]!]!, Number(values.shingle));
    const above = j >= THRESHOLD;
    if (above) nearAbove++;
    const band = j >= BANDS[2]! ? 2 : j >= BANDS[1]! ? 1 : j >= BANDS[0]! ? 0 : -1;
    if (band >= 0) bandTotal[band]!++;
    if (removedMask[i]) {
      foundNear++;
      if (above) foundNearAbove++;
      else removedBelow++;
      if (band >= 0) bandFound[band]!++;
    }
  } else if (kind[i] === KIND_EXACT) {
    if (removedMask[i]) foundExact++;
  } else if (removedMask[i]) {
    falsePositives++;
  }
}

const s = result.stats;
const rows: Array<[string, string]> = [
  ["docs", fmt(N)],
  ["planted near-dups (1-3 words replaced)", fmt(plantedNear)],
  [`  of which true Jaccard >= ${THRESHOLD}`, `${fmt(nearAbove)} (${pct(nearAbove, plantedNear)})`],
  ["planted exact dups (verbatim or case/spacing)", fmt(plantedExact)],
  ["removed", `${fmt(s.removed)} (exact ${fmt(s.byMethod.exact)}, minhash ${fmt(s.byMethod.minhash)})`],
  [`recall, near-dups with true J >= ${THRESHOLD}`, pct(foundNearAbove, nearAbove)],
  [`  true J in [${BANDS[0]}, ${BANDS[1]})`, `${pct(bandFound[0]!, bandTotal[0]!)} of ${fmt(bandTotal[0]!)}`],
  [`  true J in [${BANDS[1]}, ${BANDS[2]})`, `${pct(bandFound[1]!, bandTotal[1]!)} of ${fmt(bandTotal[1]!)}`],
  [`  true J >= ${BANDS[2]}`, `${pct(bandFound[2]!, bandTotal[2]!)} of ${fmt(bandTotal[2]!)}`],
  ["recall, all planted near-dups", pct(foundNear, plantedNear)],
  [`  removed with true J < ${THRESHOLD} (estimate noise)`, fmt(removedBelow)],
  ["recall, planted exact dups", pct(foundExact, plantedExact)],
  ["false positives (removed, not planted)", fmt(falsePositives)],
  ["LSH bands x rows / permutations", `${s.bands} x ${s.rows} / ${s.numPerm}`],
  ["candidates verified", fmt(s.candidatesVerified)],
  ["wall time (dedupe)", `${seconds.toFixed(1)} s`],
  ["docs/s", fmt(Math.round(N / seconds))],
  ["index memory (typed arrays)", mb(s.indexBytes)],
  ["peak RSS (whole process, corpus included)", mb(peakRss)],
  ["corpus generation (not timed)", `${genSeconds.toFixed(1)} s`],
];
console.log(table(["metric", "value"], rows, ["l", "r"]));
console.log();
const meets = N >= TARGET_N ? (seconds <= TARGET_S ? "yes" : "no") : `not measured (ran ${fmt(N)} docs; use --n ${TARGET_N})`;
console.log(`1M short documents in <= 3 minutes on 2 cores: ${meets}${N >= TARGET_N ? ` (${seconds.toFixed(1)} s)` : ""}`);
