import { describe, expect, it } from "vitest";
import { fmix32, fnv1a, hashRange } from "./hash.js";
import {
  normalizeText,
  normalizedWords,
  resolveShingleOptions,
  shingleHashes,
  shinglesOfWords,
  wordHash,
  wordHashes,
  wordSequenceFingerprint,
} from "./tokenize.js";

/** wordHashes' buffer is shared: tests keep copies. */
function hashesOf(text: string): number[] {
  const { hashes, count } = wordHashes(text);
  return Array.from(hashes.subarray(0, count));
}

function shinglesOf(text: string, options = resolveShingleOptions()): number[] {
  const { hashes, count } = shingleHashes(text, options);
  return Array.from(hashes.subarray(0, count));
}

function fingerprint(text: string): number {
  const { hashes, count } = wordHashes(text);
  return wordSequenceFingerprint(hashes, 0, count);
}

describe("normalisation", () => {
  it("lower-cases, treats punctuation and whitespace as separators", () => {
    expect(normalizeText("  Hello,   WORLD!\n\tThis is... a TEST; ok?  ")).toBe("hello world this is a test ok");
    expect(normalizedWords("well-known snake_case e-mail/web (x)")).toEqual(["well", "known", "snake", "case", "e", "mail", "web", "x"]);
  });

  it("drops apostrophes inside words: straight, curly and modifier", () => {
    expect(normalizeText("Don't")).toBe("dont");
    expect(normalizeText("DON\u2019T")).toBe("dont");
    expect(normalizeText("don\u02bct")).toBe("dont");
    expect(normalizeText("It's the CEO's call, isn't it?")).toBe("its the ceos call isnt it");
    // Quotes around a word are not part of it.
    expect(normalizedWords("'quoted' words")).toEqual(["quoted", "words"]);
    expect(hashesOf("Don't")).toEqual(hashesOf("dont"));
    expect(hashesOf("Don't")).not.toEqual(hashesOf("don t"));
  });

  it("keeps letters of every script, digits and combining marks; folds case beyond ASCII", () => {
    expect(normalizedWords("Ça VA? ΑΘΗΝΑ, Привет—МИР 東京 2025 naïve")).toEqual(["ça", "va", "αθηνα", "привет", "мир", "東京", "2025", "naïve"]);
    // A combining accent stays inside its word.
    expect(normalizedWords("Cafe\u0301 ole")).toEqual(["cafe\u0301", "ole"]);
    // Astral characters (surrogate pairs) are word material, not separators.
    expect(normalizedWords("hi 😀 there")).toEqual(["hi", "😀", "there"]);
    // Other symbols separate.
    expect(normalizedWords("a+b=c €5 #tag @me")).toEqual(["a", "b", "c", "5", "tag", "me"]);
  });

  it("wordHashes agrees with normalizedWords and wordHash word by word", () => {
    const text = "Don't PANIC: the Ελληνικά text, naïve café’s 42 answers — 東京!";
    const words = normalizedWords(text);
    expect(words).toEqual(["dont", "panic", "the", "ελληνικά", "text", "naïve", "cafés", "42", "answers", "東京"]);
    expect(hashesOf(text)).toEqual(words.map(wordHash));
    // wordHash is FNV-1a of the normalised word.
    expect(wordHash("dont")).toBe(fnv1a("dont"));
  });

  it("empty and separator-only texts have no words", () => {
    for (const text of ["", "   ", "...!!! --- ???", "''"]) {
      expect(wordHashes(text).count).toBe(0);
      expect(normalizedWords(text)).toEqual([]);
      expect(normalizeText(text)).toBe("");
    }
  });

  it("grows its scratch buffer for long texts", () => {
    const text = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(" ");
    const { hashes, count } = wordHashes(text);
    expect(count).toBe(5000);
    expect(hashes[4999]).toBe(wordHash("w4999"));
    // A one-character text with no separator still yields its word.
    expect(hashesOf("x")).toEqual([wordHash("x")]);
  });
});

describe("wordSequenceFingerprint", () => {
  it("is equal for texts with equal normalised words", () => {
    const a = fingerprint("Hello, World! It's me.");
    expect(fingerprint("hello   world its ME")).toBe(a);
    expect(fingerprint("HELLO -- world; it\u2019s: me!!!")).toBe(a);
  });

  it("differs when words, order or count differ", () => {
    const a = fingerprint("hello world its me");
    const others = ["hello world it is me", "world hello its me", "hello world its", "hello world its me me", "hello world its mee"];
    const prints = others.map(fingerprint);
    for (const p of prints) expect(p).not.toBe(a);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it("is an exact non-negative integer below 2^53, and position-independent for a sub-range", () => {
    const words = new Uint32Array(hashesOf("a b c d e"));
    const bcd = wordSequenceFingerprint(words, 1, 3);
    expect(Number.isSafeInteger(bcd)).toBe(true);
    expect(bcd).toBeGreaterThanOrEqual(0);
    expect(bcd).toBe(fingerprint("b c d"));
    expect(wordSequenceFingerprint(words, 0, 3)).not.toBe(bcd);
    // Two halves of the fingerprint are the two documented hashes.
    expect(bcd).toBe(hashRange(words, 1, 3, 0x9e3779b9) * 2097152 + (hashRange(words, 1, 3, 0x7f4a7c15) >>> 11));
  });
});

describe("shingles", () => {
  it("resolves defaults and validates", () => {
    expect(resolveShingleOptions()).toEqual({ shingleSize: 5, charShingleSize: 5, charFallbackBelowWords: 10 });
    expect(resolveShingleOptions({ shingleSize: 3 })).toEqual({ shingleSize: 3, charShingleSize: 5, charFallbackBelowWords: 6 });
    expect(() => resolveShingleOptions({ shingleSize: 0 })).toThrow(/shingleSize/);
    expect(() => resolveShingleOptions({ shingleSize: 1.5 })).toThrow(/shingleSize/);
    expect(() => resolveShingleOptions({ charShingleSize: -1 })).toThrow(/charShingleSize/);
  });

  it("word shingles: one per window of shingleSize words, each the murmur3 hash of its word hashes", () => {
    const text = "The quick brown fox jumps over the lazy dog and runs far away";
    const words = new Uint32Array(hashesOf(text));
    expect(words.length).toBe(13);
    const shingles = shinglesOf(text);
    expect(shingles.length).toBe(13 - 5 + 1);
    // The inlined loop matches hashRange (seed 0x5f3759df).
    expect(shingles).toEqual(Array.from({ length: 9 }, (_, i) => hashRange(words, i, 5, 0x5f3759df)));
    // Case and punctuation do not matter.
    expect(shinglesOf("THE QUICK, brown fox -- jumps over the LAZY dog; and runs far away!")).toEqual(shingles);
    // One changed word changes exactly the shingles that contain it.
    const changed = shinglesOf("The quick brown fox jumps over the lazy cat and runs far away");
    const same = changed.filter((h, i) => h === shingles[i]).length;
    expect(same).toBe(9 - 5);
  });

  it("falls back to character shingles of the normalised text below 2 x shingleSize words", () => {
    const options = resolveShingleOptions();
    // 9 words: character shingles.
    const nine = "one two three four five six seven eight nine";
    const norm = normalizeText(nine);
    const expected = Array.from({ length: norm.length - 5 + 1 }, (_, i) => fmix32(fnv1a(norm.slice(i, i + 5), 0x2545f491)));
    expect(shinglesOf(nine, options)).toEqual(expected);
    // 10 words: word shingles.
    expect(shinglesOf(`${nine} ten`, options).length).toBe(6);
    // Short texts still normalise: equal normalised text, equal shingles.
    expect(shinglesOf("Hello, THERE!")).toEqual(shinglesOf("hello there"));
    expect(shinglesOf("hello there").length).toBe("hello there".length - 4);
    // Shorter than one character shingle: one shingle of the whole text.
    expect(shinglesOf("Hi")).toEqual([fmix32(fnv1a("hi", 0x2545f491))]);
    // Explicit fallback threshold.
    expect(shinglesOf(nine, resolveShingleOptions({ charFallbackBelowWords: 0 })).length).toBe(5);
  });

  it("an empty text has no shingles", () => {
    expect(shingleHashes("", resolveShingleOptions()).count).toBe(0);
    expect(shingleHashes(" ?! ", resolveShingleOptions()).count).toBe(0);
  });

  it("shinglesOfWords with precomputed word hashes equals shingleHashes", () => {
    const options = resolveShingleOptions({ shingleSize: 3 });
    for (const text of ["a b c d e f g h i j k", "tiny text", "Don't stop believing, hold on to that feeling"]) {
      const words = new Uint32Array(hashesOf(text));
      const viaWords = shinglesOfWords(text, words, words.length, options);
      const a = Array.from(viaWords.hashes.subarray(0, viaWords.count));
      expect(a).toEqual(shinglesOf(text, options));
    }
  });
});
