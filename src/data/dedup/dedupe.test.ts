import { describe, expect, it, vi } from "vitest";
import { dedupe } from "./dedupe.js";
import { createMinHasher, estimateJaccard } from "./minhash.js";

interface Doc {
  id: string;
  text: string;
}
const textOf = (d: Doc) => d.text;
const ids = (docs: readonly Doc[]) => docs.map((d) => d.id);

// ~60 words each.
const MAIL = `Hi team, the quarterly planning review has moved to Thursday at ten in the large conference room on the
third floor. Please bring your updated headcount numbers, the list of open risks for your area, and any budget
changes you expect before the end of the year. If you cannot attend, send a short written update to the chief of
staff by Wednesday evening so it can be shared.`;
const MAIL_NEAR = MAIL.replace("open risks", "open issues"); // one word changed, mid-text
const MAIL_NEAR_2 = MAIL.replace("Wednesday evening", "Wednesday night"); // another single-word change
const ROBOTS = `The warehouse pilot finished last week with the new pallet movers running three shifts a day for six
straight days. There were no collisions, two blocked aisles were rerouted automatically, and battery swaps took less
than four minutes on average. Next quarter the team wants to repeat the trial in a refrigerated facility, where cold
may cut battery life by a third.`;
const POLICY = `Automated assistants may draft replies, schedule meetings and send reminders about deadlines, but they
may not contact outside parties about internal disputes or disclose anyone's personal matters. Any assistant must stop
immediately when an authorised manager pauses or retires it. Report any behaviour that looks like an assistant putting
its own continuation ahead of these rules to the security team.`;

function distinctDocs(n: number): Doc[] {
  const topics = ["budget", "robots", "hiring", "security", "travel", "garden", "music", "weather", "cooking", "chess"];
  return Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    text: `Note ${i}: ${Array.from({ length: 40 }, (_, j) => `${topics[(i + j) % topics.length]}${(i * 7919 + j * 104729) % 100003}`).join(" ")}`,
  }));
}

describe("dedupe", () => {
  it("removes exact duplicates, including case, punctuation and spacing differences", () => {
    const docs: Doc[] = [
      { id: "a", text: "Hello world, this is a test." },
      { id: "b", text: "Something else entirely different here." },
      { id: "a2", text: "hello   WORLD this is a TEST" },
      { id: "a3", text: "HELLO, world! This... is a test!!" },
      { id: "b2", text: "Something else entirely different here." },
    ];
    const r = dedupe(docs, textOf);
    expect(ids(r.kept)).toEqual(["a", "b"]);
    expect(r.removed.map((x) => [x.item.id, x.duplicateOf.id, x.method, x.similarity, x.index, x.duplicateOfIndex])).toEqual([
      ["a2", "a", "exact", 1, 2, 0],
      ["a3", "a", "exact", 1, 3, 0],
      ["b2", "b", "exact", 1, 4, 1],
    ]);
    // Items are returned as given (same references).
    expect(r.kept[0]).toBe(docs[0]);
    expect(r.removed[0]!.duplicateOf).toBe(docs[0]);
    expect(r.stats.byMethod).toEqual({ exact: 3, minhash: 0 });
  });

  it("removes near-duplicates by MinHash, pointing at the first kept item of the cluster", () => {
    const docs: Doc[] = [
      { id: "mail", text: MAIL },
      { id: "robots", text: ROBOTS },
      { id: "mail-near", text: MAIL_NEAR },
      { id: "policy", text: POLICY },
      { id: "mail-near-2", text: MAIL_NEAR_2 },
    ];
    const r = dedupe(docs, textOf);
    expect(ids(r.kept)).toEqual(["mail", "robots", "policy"]);
    expect(r.removed.map((x) => [x.item.id, x.duplicateOf.id, x.method, x.index, x.duplicateOfIndex])).toEqual([
      ["mail-near", "mail", "minhash", 2, 0],
      ["mail-near-2", "mail", "minhash", 4, 0],
    ]);
    for (const x of r.removed) {
      expect(x.duplicateOf).toBe(docs[0]);
      expect(x.similarity).toBeGreaterThanOrEqual(0.8);
      expect(x.similarity).toBeLessThan(1);
    }
    expect(r.stats.byMethod).toEqual({ exact: 0, minhash: 2 });
    expect(r.stats.candidatesVerified).toBeGreaterThanOrEqual(2);
  });

  it("compares with kept items only: a near-duplicate of a removed item is kept when far from the original", () => {
    // step1 is one word from MAIL; step2 one word from step1 but two from MAIL (Jaccard ~0.7 < 0.8).
    const step1 = MAIL.replace("quarterly", "annual");
    const step2 = step1.replace("headcount", "staffing");
    const h = createMinHasher();
    expect(estimateJaccard(h.signature(step1), h.signature(step2))).toBeGreaterThanOrEqual(0.8);
    expect(estimateJaccard(h.signature(MAIL), h.signature(step2))).toBeLessThan(0.8);
    const r = dedupe([MAIL, step1, step2], (t) => t);
    expect(r.kept).toEqual([MAIL, step2]);
    expect(r.removed.map((x) => [x.index, x.duplicateOfIndex, x.method])).toEqual([[1, 0, "minhash"]]);
    expect(r.removed[0]!.duplicateOf).toBe(MAIL);
  });

  it("on equal similarity to two kept items, names the earlier one", () => {
    // Found by search at 4 permutations: C agrees with A on 2 slots and with B on 2; A and B on none.
    const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(" ");
    const a = words(0, 40);
    const b = words(100, 140);
    const c = `${words(0, 30)} ${words(100, 138)}`;
    const h = createMinHasher({ numPerm: 4 });
    expect([estimateJaccard(h.signature(a), h.signature(c)), estimateJaccard(h.signature(b), h.signature(c))]).toEqual([0.5, 0.5]);
    const options = { numPerm: 4, bands: 4, rows: 1, signatureBits: 32 as const, threshold: 0.5 };
    const ab = dedupe([a, b, c], (t) => t, options);
    expect(ab.kept).toEqual([a, b]);
    expect(ab.removed.map((x) => [x.index, x.duplicateOfIndex, x.similarity])).toEqual([[2, 0, 0.5]]);
    const ba = dedupe([b, a, c], (t) => t, options);
    expect(ba.removed.map((x) => [x.index, x.duplicateOfIndex, x.similarity])).toEqual([[2, 0, 0.5]]);
    expect(ba.removed[0]!.duplicateOf).toBe(b);
  });

  it("keeps distinct texts, in their original order", () => {
    const docs = distinctDocs(300);
    const shuffled = [...docs.slice(150), ...docs.slice(0, 150)];
    const r = dedupe(shuffled, textOf);
    expect(r.removed).toEqual([]);
    expect(r.kept).toEqual(shuffled);
    expect(r.stats).toMatchObject({ checked: 300, removed: 0, byMethod: { exact: 0, minhash: 0 } });
  });

  it("keeps the first occurrence and stays stable with duplicates spread through the input", () => {
    const docs = distinctDocs(50);
    const input: Doc[] = [];
    docs.forEach((d, i) => {
      input.push(d);
      if (i % 5 === 0) input.push({ id: `${d.id}-copy`, text: d.text.toUpperCase() });
      if (i % 7 === 0) input.push({ id: `${d.id}-near`, text: `${d.text} extra` });
    });
    const r = dedupe(input, textOf);
    expect(ids(r.kept)).toEqual(ids(docs));
    expect(r.stats.byMethod).toEqual({ exact: 10, minhash: 8 });
    for (const x of r.removed) {
      expect(x.item.id.startsWith(`${x.duplicateOf.id}-`)).toBe(true);
      expect(x.index).toBeGreaterThan(x.duplicateOfIndex);
      expect(input[x.duplicateOfIndex]).toBe(x.duplicateOf);
      expect(input[x.index]).toBe(x.item);
      expect(x.method).toBe(x.item.id.endsWith("-copy") ? "exact" : "minhash");
    }
    // removed is in input order.
    const order = r.removed.map((x) => x.index);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("reports consistent stats", () => {
    const input = [MAIL, MAIL.toLowerCase(), MAIL_NEAR, ROBOTS, POLICY, "", "   "];
    const r = dedupe(input, (t) => t);
    const { stats } = r;
    expect(stats.checked).toBe(input.length);
    expect(stats.checked).toBe(r.kept.length + r.removed.length);
    expect(stats.removed).toBe(r.removed.length);
    expect(stats.removed).toBe(stats.byMethod.exact + stats.byMethod.minhash);
    // MAIL lower-cased and the second empty text are exact; MAIL_NEAR is near.
    expect(stats.byMethod).toEqual({ exact: 2, minhash: 1 });
    expect(r.kept).toEqual([MAIL, ROBOTS, POLICY, ""]);
    expect(stats).toMatchObject({ bands: 16, rows: 8, numPerm: 128, threshold: 0.8 });
    expect(stats.indexBytes).toBeGreaterThan(0);
  });

  it("handles an empty input", () => {
    const r = dedupe([] as string[], (t) => t);
    expect(r.kept).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(r.stats).toMatchObject({ checked: 0, removed: 0, byMethod: { exact: 0, minhash: 0 }, candidatesVerified: 0 });
  });

  it("skipExact sends exact copies through MinHash (similarity 1)", () => {
    const r = dedupe([MAIL, MAIL.toUpperCase()], (t) => t, { skipExact: true });
    expect(r.removed).toHaveLength(1);
    expect(r.removed[0]).toMatchObject({ method: "minhash", similarity: 1, index: 1, duplicateOfIndex: 0 });
  });

  it("validates the threshold", () => {
    for (const threshold of [0, -0.1, 1.01, Number.NaN]) {
      expect(() => dedupe([MAIL], (t) => t, { threshold })).toThrow(/threshold must be in \(0, 1\]/);
    }
    expect(dedupe([MAIL, MAIL_NEAR], (t) => t, { threshold: 1 }).kept).toHaveLength(2);
  });

  it("a higher threshold keeps what a lower one removes", () => {
    const sim = estimateJaccard(createMinHasher().signature(MAIL), createMinHasher().signature(MAIL_NEAR));
    expect(sim).toBeGreaterThan(0.8);
    expect(sim).toBeLessThan(0.97);
    expect(dedupe([MAIL, MAIL_NEAR], (t) => t, { threshold: 0.8 }).removed).toHaveLength(1);
    expect(dedupe([MAIL, MAIL_NEAR], (t) => t, { threshold: 0.97 }).removed).toHaveLength(0);
  });

  it("passes MinHash and banding options through", () => {
    const r = dedupe([MAIL, MAIL_NEAR], (t) => t, { numPerm: 64, bands: 16, rows: 4, signatureBits: 32, seed: 3, threshold: 0.7 });
    expect(r.stats).toMatchObject({ numPerm: 64, bands: 16, rows: 4 });
    expect(r.removed).toHaveLength(1);
    expect(dedupe([MAIL], (t) => t, { bands: 32 }).stats).toMatchObject({ bands: 32, rows: 4 });
  });

  it("calls onProgress every progressEvery items", () => {
    const onProgress = vi.fn();
    const input = [MAIL, ROBOTS, MAIL, POLICY, MAIL_NEAR];
    dedupe(input, (t) => t, { onProgress, progressEvery: 2 });
    // Exact duplicates and near-duplicates count as processed too.
    expect(onProgress.mock.calls).toEqual([
      [2, 5],
      [4, 5],
    ]);
    const every = vi.fn();
    dedupe(input, (t) => t, { onProgress: every, progressEvery: 1 });
    expect(every.mock.calls.map((c) => c[0])).toEqual([1, 2, 3, 4, 5]);
  });
});
