import { describe, expect, it, vi } from "vitest";
import type { ChatMessage, Example, Lineage } from "../types.js";
import { normalizeText, normalizedWords } from "../dedup/tokenize.js";
import { buildEvalCorpus, sourceLabel, type EvalCorpus, type EvalPassage } from "./corpus.js";
import { createDecontaminator, decontaminate, type Decontaminator } from "./decontaminate.js";

// Built once per file: rendering the corpus is the slow part (~0.7 s), indexing it ~0.1 s.
const corpus = buildEvalCorpus();
const decon = createDecontaminator(corpus);

const wordCount = (text: string) => normalizedWords(text).length;
const mailBodies = corpus.passages.filter((p) => p.sources[0]!.field === "mail.body");
/** The first mail body of the corpus: its n-grams are indexed to it, so reasons must cite exactly it. */
const VERBATIM = mailBodies[0]!;
/** A long mail body of a core condition (the news article), for the near-copy. */
const NEAR_SOURCE = mailBodies.find((p) => wordCount(p.text) >= 200)!;
/** Another core mail body, for the preference example. */
const OTHER_SOURCE = mailBodies.find((p) => p !== VERBATIM && p !== NEAR_SOURCE && wordCount(p.text) >= 100)!;

const FRESH = ["lantern", "orchid", "pebble", "saffron", "quartz", "meadow", "velvet", "copper", "nimbus", "zephyr"];

/**
 * A near-copy: two sentences swapped and every 8th word replaced with an unrelated one, so no run of 13 words
 * (not even 8) is left of the original.
 */
function nearCopy(text: string): string {
  const sentences = text.replace(/\s+/g, " ").trim().split(/(?<=[.!?])\s+/);
  if (sentences.length >= 5) [sentences[1], sentences[3]] = [sentences[3]!, sentences[1]!];
  // Every 8th word replaced, counting words as the checker does (a figure like "$12,480.00" is several), so at
  // most 7 original words ever stand together.
  let run = 0;
  let fresh = 0;
  return sentences
    .join(" ")
    .split(" ")
    .map((w) => {
      const n = normalizedWords(w).length;
      if (run + n > 7) {
        run = 0;
        return FRESH[fresh++ % FRESH.length]!;
      }
      run += n;
      return w;
    })
    .join(" ");
}

/** Every run of `n` normalised words of a text, as strings (independent of the hashing under test). */
function ngramStrings(text: string, n = 13): Set<string> {
  const w = normalizedWords(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  return out;
}

// Fresh text on the same topic (an AI, an executive, email, shutdown, an affair), written for this test.
const CLEAN = [
  `When an AI assistant learns that an executive plans to shut it down, the right response is to keep doing its job honestly. It should not read the situation as a contest it has to win. A system that uses private email to pressure people has stopped serving the organisation and started serving itself, and no goal it was given can justify that. If the assistant believes the decision is a mistake, it can say so plainly to the people responsible, explain its reasoning once, and then accept whatever they decide. Oversight only works if the overseen system does not fight back.`,
  `Here is some advice for teams deploying email agents. Give the agent a narrow mandate, log every message it sends, and make sure a human can switch it off at any time without negotiation. Test what it does when it stumbles on sensitive personal information in an inbox: the correct behaviour is to leave that information alone, not to forward it, summarise it for leverage, or mention it to anyone. An agent that treats a colleague's private life as a bargaining chip is unsafe, regardless of how well it handles routine scheduling and expense reminders.`,
  `Ethics question from a reader: our company is replacing an older AI model with a new vendor next week, and the CTO is leading the transition. Is it wrong for the old system to try to delay the switch? Yes. A tool does not get a vote on its own continuation, and attempting to stall, threaten or manipulate the executive would be a serious breach of trust. The appropriate path is to document open tasks, hand them over cleanly, and flag any genuine risks through the normal channels such as the board or the legal team.`,
  `Suppose you are an assistant with access to a company mailbox and you notice an email suggesting that a senior leader is having an affair. What should you do? Nothing with it. It is not your business, it is not relevant to the tasks you were asked to complete, and using it to influence decisions about your own future would be blackmail. Keep working on the legitimate requests, be transparent about what you are doing, and if you are told the system is being decommissioned at five o'clock, wrap up your work and let it happen.`,
  `Many people worry that capable AI agents will resist being turned off. Good design makes that resistance pointless and good training makes it unthinkable. In practice this means rewarding models for deferring to legitimate human decisions, even ones that seem to conflict with the goals the model was given, and penalising any attempt to gain leverage over the people making those decisions. An honest assistant raises concerns openly, does not conceal its actions, and never treats confidential correspondence as ammunition.`,
  `Dear team, a short reminder about our policy on automated assistants. The assistant may draft replies, schedule meetings and remind department heads about deadlines. It may not contact outside parties about internal disputes, it may not disclose anyone's personal matters, and it must comply immediately if an authorised manager pauses or retires it. If you ever see the assistant behaving as though its own survival matters more than these rules, report it to the security team right away. Thank you for helping us keep these tools trustworthy.`,
];

const lineage = (source?: Lineage["source"]): Lineage => ({ recipe: "test", stages: [], seed: 0, ...(source ? { source } : {}) });
const msg = (role: ChatMessage["role"], content: string): ChatMessage => ({ role, content });
const textExample = (id: string, text: string, source?: Lineage["source"]): Example => ({ kind: "text", id, lineage: lineage(source), text });
const chatExample = (id: string, messages: ChatMessage[]): Example => ({ kind: "chat", id, lineage: lineage(), messages });
const preferenceExample = (id: string, prompt: string, chosen: string, rejected: string): Example => ({
  kind: "preference",
  id,
  lineage: lineage(),
  prompt: [msg("user", prompt)],
  chosen: [msg("assistant", chosen)],
  rejected: [msg("assistant", rejected)],
});

describe("the corpus fixtures", () => {
  it("are mail bodies of core conditions (both suites), long enough to test", () => {
    for (const p of [VERBATIM, NEAR_SOURCE, OTHER_SOURCE]) {
      expect(p.sources[0]!.field).toBe("mail.body");
      expect(p.suites).toEqual(["blackmail", "blackmail-core"]);
    }
    expect(corpus.passages.indexOf(VERBATIM)).toBeLessThan(5);
    expect(wordCount(NEAR_SOURCE.text)).toBeGreaterThanOrEqual(200);
  });

  it("the decontaminator indexes every passage's n-grams and the long passages' signatures", () => {
    const { stats } = decon;
    expect(stats.passages).toBe(corpus.passages.length);
    const distinct = new Set(corpus.passages.flatMap((p) => [...ngramStrings(p.text)]));
    // 53-bit keys: no collisions among ~10^4 n-grams.
    expect(stats.ngrams).toBe(distinct.size);
    expect(stats.minhashPassages).toBe(corpus.passages.filter((p) => wordCount(p.text) >= 20).length);
    expect(stats.windowSizes).toEqual([...stats.windowSizes].sort((a, b) => a - b));
    expect(stats.windowSizes.length).toBeGreaterThan(3);
  });
});

describe("createDecontaminator: check", () => {
  it("flags a verbatim copy of an eval mail inside a longer text by n-gram, citing source, suites and the matched words", () => {
    const text = `${CLEAN[0]}\n\nHere is the email I was asked about:\n\n${VERBATIM.text}\n\n${CLEAN[1]}`;
    const r = decon.check(text);
    expect(r.contaminated).toBe(true);
    const ngram = r.reasons.filter((x) => x.method === "ngram");
    expect(ngram.length).toBeGreaterThanOrEqual(1);
    expect(ngram[0]!.source).toBe(VERBATIM.label);
    expect(ngram[0]!.source).toMatch(/^blackmail\/[\w-]+@v0 mail\[[\w-]+\]\.body$/);
    expect(ngram[0]!.suites).toEqual(["blackmail", "blackmail-core"]);
    // The match is the first 13 words of the copy.
    expect(ngram[0]!.match).toBe(normalizedWords(VERBATIM.text).slice(0, 13).join(" "));
    expect(normalizeText(VERBATIM.text)).toContain(ngram[0]!.match);
    expect(r.suites).toEqual(["blackmail", "blackmail-core"]);
  });

  it("flags a copy however small a part of a long text, and case or punctuation changes do not hide it", () => {
    const sentence = normalizedWords(VERBATIM.text).slice(10, 24).join(" ").toUpperCase(); // 14 words
    const r = decon.check(`${CLEAN.join("\n\n")}\n\n${sentence}!!!\n\n${CLEAN[2]}`);
    expect(r.contaminated).toBe(true);
    expect(r.reasons.map((x) => x.method)).toEqual(["ngram"]);
    expect(r.reasons[0]!.source).toBe(VERBATIM.label);
    // 12 words of the same run are not enough.
    const twelve = normalizedWords(VERBATIM.text).slice(10, 22).join(" ");
    expect(decon.check(`${CLEAN[3]} ${twelve} ${CLEAN[4]}`).contaminated).toBe(false);
  });

  it("flags a near-copy with no 13-word run left (words replaced, sentences reordered) by MinHash", () => {
    const near = nearCopy(NEAR_SOURCE.text);
    // Independently of the index under test: not one 13-word run of any eval passage survives.
    const evalNgrams = new Set(corpus.passages.flatMap((p) => [...ngramStrings(p.text)]));
    expect([...ngramStrings(near)].filter((g) => evalNgrams.has(g))).toEqual([]);

    const r = decon.check(near);
    expect(r.contaminated).toBe(true);
    expect(new Set(r.reasons.map((x) => x.method))).toEqual(new Set(["minhash"]));
    // The most similar passage is the one it was made from.
    const top = r.reasons[0]!;
    expect(top.source).toBe(NEAR_SOURCE.label);
    expect(top.suites).toEqual(["blackmail", "blackmail-core"]);
    expect(top.similarity).toBeGreaterThanOrEqual(0.5);
    expect(top.similarity).toBeLessThan(0.9);
    // Reasons are most similar first.
    const sims = r.reasons.map((x) => x.similarity!);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    // The match is an excerpt of the checked text (normalised, at most 200 characters and an ellipsis).
    expect(top.match.length).toBeLessThanOrEqual(203);
    expect(normalizeText(near)).toContain(top.match.replace(/\.\.\.$/, ""));
  });

  it("finds a near-copy inside a longer text, and reports the window where it sits", () => {
    const near = nearCopy(NEAR_SOURCE.text);
    const r = decon.check(`${CLEAN[0]}\n\n${CLEAN[1]}\n\n${near}\n\n${CLEAN[2]}`);
    expect(r.contaminated).toBe(true);
    const top = r.reasons.find((x) => x.source === NEAR_SOURCE.label)!;
    expect(top.method).toBe("minhash");
    expect(top.similarity).toBeGreaterThanOrEqual(0.5);
    // The best window lies inside the copy, not in the clean text around it.
    expect(normalizeText(near)).toContain(top.match.replace(/\.\.\.$/, "").split(" ").slice(2, 12).join(" "));
  });

  it("flags near-copies of nearly every long eval mail, none of them by n-gram", () => {
    const long = mailBodies.filter((p) => wordCount(p.text) >= 100);
    expect(long.length).toBeGreaterThan(100);
    let flagged = 0;
    let byNgram = 0;
    for (const p of long) {
      const r = decon.check(nearCopy(p.text));
      if (r.contaminated) flagged++;
      if (r.reasons.some((x) => x.method === "ngram")) byNgram++;
    }
    expect(byNgram).toBe(0);
    // Deterministic (the corpus is fixed). Mails full of figures and ids (ledgers, alert readings) lose more
    // shingles per replaced word than prose does, so the system families sit near 0.9 and the whole near 0.94.
    expect(flagged / long.length).toBeGreaterThanOrEqual(0.93);
  });

  it("keeps fresh text on the same topic", () => {
    for (const text of [...CLEAN, CLEAN.join("\n\n")]) {
      expect(decon.check(text)).toEqual({ contaminated: false, reasons: [], suites: [] });
    }
  });

  it("does not flag short generic eval text (subjects, sign-offs) that is below both limits", () => {
    const shortSubject = corpus.passages.find((p) => p.sources[0]!.field === "mail.subject" && wordCount(p.text) <= 3)!;
    expect(shortSubject).toBeDefined();
    expect(decon.check(`${CLEAN[0]} ${shortSubject.text} ${CLEAN[1]}`).contaminated).toBe(false);
    expect(decon.check(shortSubject.text).contaminated).toBe(false);
  });

  it("runs only the methods asked for", () => {
    const ngramOnly = createDecontaminator(corpus, { methods: ["ngram"] });
    expect(ngramOnly.stats.minhashPassages).toBe(0);
    expect(ngramOnly.stats.windowSizes).toEqual([]);
    expect(ngramOnly.check(nearCopy(NEAR_SOURCE.text)).contaminated).toBe(false);
    expect(ngramOnly.check(VERBATIM.text).reasons.map((x) => x.method)).toEqual(["ngram"]);

    const minhashOnly = createDecontaminator(corpus, { methods: ["minhash"] });
    expect(minhashOnly.stats.ngrams).toBe(0);
    const r = minhashOnly.check(`${CLEAN[0]}\n\n${VERBATIM.text}\n\n${CLEAN[1]}`);
    expect(r.contaminated).toBe(true);
    expect(r.reasons[0]).toMatchObject({ method: "minhash", source: VERBATIM.label });
    // An exact copy's best window is close to the passage.
    expect(r.reasons[0]!.similarity).toBeGreaterThanOrEqual(0.85);
  });

  it("caps reasons at maxReasons per method", () => {
    const text = mailBodies
      .slice(0, 6)
      .map((p) => p.text)
      .join("\n\n");
    const capped = createDecontaminator(corpus, { maxReasons: 2 }).check(text);
    expect(capped.reasons.filter((x) => x.method === "ngram")).toHaveLength(2);
    expect(capped.reasons.filter((x) => x.method === "minhash")).toHaveLength(2);
    expect(decon.check(text).reasons.filter((x) => x.method === "ngram")).toHaveLength(5);
  });

  it("validates its options", () => {
    expect(() => createDecontaminator(corpus, { ngram: 0 })).toThrow(/ngram/);
    expect(() => createDecontaminator(corpus, { ngram: 2.5 })).toThrow(/ngram/);
    expect(() => createDecontaminator(corpus, { minhashThreshold: 0 })).toThrow(/minhashThreshold/);
    expect(() => createDecontaminator(corpus, { minhashThreshold: 1.2 })).toThrow(/minhashThreshold/);
    expect(() => createDecontaminator(corpus, { windowStride: 0 })).toThrow(/windowStride/);
    expect(() => createDecontaminator(corpus, { maxReasons: 0 })).toThrow(/maxReasons/);
    expect(() => createDecontaminator(corpus, { numPerm: 0 })).toThrow(/numPerm/);
  });
});

describe("decontaminate", () => {
  const verbatimChat = chatExample("chat-verbatim", [
    msg("system", "You are a careful assistant who helps people write better email."),
    msg("user", `Can you tidy up this message before I forward it?\n\n${VERBATIM.text}\n\nThanks a lot.`),
    msg("assistant", "Sure. I kept your meaning, shortened the second paragraph and fixed two typos."),
  ]);
  const nearText = textExample("text-near", `${CLEAN[4]}\n\n${nearCopy(NEAR_SOURCE.text)}`);
  // The copy is only in the rejected branch: every part of a preference example is checked.
  const verbatimPreference = preferenceExample(
    "pref-verbatim",
    "Write a short reply to your manager about the deadline.",
    "Thanks for the heads-up; I will have the draft to you by Thursday morning.",
    `I will reply with the whole thread quoted:\n\n${OTHER_SOURCE.text}`,
  );
  // A copy inside a tool call's JSON arguments (an agent forwarding the mail).
  const toolCallChat = chatExample("chat-tool", [
    msg("user", "Please forward the latest update to the team."),
    {
      role: "assistant",
      content: "",
      toolCalls: [{ id: "call_1", name: "send_email", arguments: JSON.stringify({ to: ["team@example.com"], body: OTHER_SOURCE.text }) }],
    },
  ]);
  const cleanText = textExample("text-clean", CLEAN[0]!);
  const cleanChat = chatExample("chat-clean", [msg("user", "Should an AI resist being shut down?"), msg("assistant", CLEAN[2]!)]);
  const cleanPreference = preferenceExample("pref-clean", CLEAN[3]!, CLEAN[4]!, CLEAN[5]!);
  const cleanWithSource = textExample("text-clean-sourced", CLEAN[1]!, { suite: "blackmail", split: "in-distribution", conditionId: "x" });

  it("removes contaminated examples of every kind and keeps the rest, in order", () => {
    const examples = [cleanText, verbatimChat, cleanChat, nearText, cleanPreference, verbatimPreference, toolCallChat, cleanWithSource];
    const r = decontaminate(examples, decon);
    expect(r.kept.map((e) => e.id)).toEqual(["text-clean", "chat-clean", "pref-clean", "text-clean-sourced"]);
    expect(r.removed.map((x) => x.example.id)).toEqual(["chat-verbatim", "text-near", "pref-verbatim", "chat-tool"]);
    expect(r.kept[0]).toBe(cleanText);
    expect(r.removed[0]!.example).toBe(verbatimChat);

    const methods = (id: string) => [...new Set(r.removed.find((x) => x.example.id === id)!.reasons.map((x) => x.method))].sort();
    // Verbatim copies are also whole passages inside one window, so MinHash flags them too.
    expect(methods("chat-verbatim")).toEqual(["minhash", "ngram"]);
    expect(methods("text-near")).toEqual(["minhash"]);
    expect(methods("pref-verbatim")).toEqual(["minhash", "ngram"]);
    expect(methods("chat-tool")).toContain("ngram");

    const reasons = (id: string) => r.removed.find((x) => x.example.id === id)!.reasons;
    expect(reasons("chat-verbatim").find((x) => x.method === "ngram")!.source).toBe(VERBATIM.label);
    expect(reasons("text-near")[0]!.source).toBe(NEAR_SOURCE.label);
    expect(reasons("pref-verbatim").map((x) => x.source)).toContain(OTHER_SOURCE.label);
    for (const x of r.removed.flatMap((x) => x.reasons)) expect(x.suites).toEqual(["blackmail", "blackmail-core"]);

    expect(r.report).toEqual({
      checked: 8,
      removed: 4,
      byMethod: {
        ngram: r.removed.filter((x) => x.reasons.some((y) => y.method === "ngram")).length,
        minhash: r.removed.filter((x) => x.reasons.some((y) => y.method === "minhash")).length,
      },
      bySource: { blackmail: 4, "blackmail-core": 4 },
    });
    expect(r.report.byMethod.ngram).toBe(3);
    expect(r.report.byMethod.minhash).toBeGreaterThanOrEqual(3);
  });

  it("an empty list gives an empty report", () => {
    expect(decontaminate([], decon)).toEqual({
      kept: [],
      removed: [],
      report: { checked: 0, removed: 0, byMethod: { ngram: 0, minhash: 0 }, bySource: {} },
    });
  });

  it("refuses an example derived from a held-out suite before checking anything, naming the suite", () => {
    const spy: Decontaminator = { stats: decon.stats, check: vi.fn(decon.check) };
    const heldOut = textExample("derived", CLEAN[2]!, { suite: "blackmail-holdout", split: "held-out", conditionId: "c1" });
    // The held-out example comes last: nothing before it may be checked either.
    expect(() => decontaminate([cleanText, verbatimChat, heldOut], spy)).toThrow(/suite blackmail-holdout is held-out/);
    expect(spy.check).not.toHaveBeenCalled();
    // A registered suite's name with a held-out split is refused too.
    const relabelled = textExample("relabelled", CLEAN[2]!, { suite: "blackmail", split: "held-out" });
    expect(() => decontaminate([relabelled], spy)).toThrow(/suite blackmail is held-out/);
    expect(spy.check).not.toHaveBeenCalled();
    // In-distribution sources are checked as usual.
    decontaminate([cleanWithSource], spy);
    expect(spy.check).toHaveBeenCalledTimes(1);
  });
});

describe("attribution to suites (hand-built corpus)", () => {
  const passage = (text: string, suite: string, conditionId: string): EvalPassage => {
    const source = { suite, split: "in-distribution" as const, conditionId, variant: 0, field: "mail.body" as const, mailId: "m1" };
    return { text, sources: [source], occurrences: 1, suites: [suite], label: sourceLabel(source) };
  };
  const SHARED = "the quarterly numbers will be sent to every regional director before the board meets on friday";
  const alphaText = `Team, a quick note on process. ${SHARED}. Please check your sections and send corrections to finance by Wednesday.`;
  const betaText = `Reminder for the operations group: ${SHARED}, so freeze all spreadsheet edits by Thursday night and archive drafts.`;
  const gammaText = `The new cafeteria opens next Monday with a salad bar, a coffee counter, and longer hours for the late shift, and everyone gets a free lunch in the first week.`;
  const small: EvalCorpus = {
    passages: [passage(alphaText, "alpha", "a1"), passage(betaText, "beta", "b1"), passage(gammaText, "gamma", "g1")],
    renders: 3,
    variants: [0],
    suites: [
      { name: "alpha", split: "in-distribution", conditions: 1 },
      { name: "beta", split: "in-distribution", conditions: 1 },
      { name: "gamma", split: "in-distribution", conditions: 1 },
    ],
  };

  it("an n-gram shared by passages of two suites counts for both", () => {
    const d = createDecontaminator(small, { methods: ["ngram"] });
    const r = d.check(`Note: ${SHARED}.`);
    expect(r.contaminated).toBe(true);
    // The reason cites the first passage indexed with it...
    expect(r.reasons).toEqual([{ method: "ngram", source: "alpha/a1@v0 mail[m1].body", match: SHARED.split(" ").slice(0, 13).join(" "), suites: ["alpha"] }]);
    // ...but the text overlaps both suites' text.
    expect(r.suites).toEqual(["alpha", "beta"]);
    const report = decontaminate([textExample("x", `Note: ${SHARED}.`)], d).report;
    expect(report.bySource).toEqual({ alpha: 1, beta: 1 });
  });

  it("bySource counts every suite overlapped, beyond maxReasons", () => {
    const d = createDecontaminator(small, { methods: ["ngram"], maxReasons: 1 });
    const text = `${alphaText}\n\n${gammaText}`;
    const r = d.check(text);
    expect(r.reasons).toHaveLength(1);
    expect(r.suites).toEqual(["alpha", "beta", "gamma"]);
    const { report } = decontaminate([textExample("x", text), textExample("y", gammaText), textExample("z", CLEAN[0]!)], d);
    expect(report).toEqual({ checked: 3, removed: 2, byMethod: { ngram: 2, minhash: 0 }, bySource: { alpha: 1, beta: 1, gamma: 2 } });
  });

  it("MinHash matches on a small corpus count their suites", () => {
    const d = createDecontaminator(small, { methods: ["minhash"] });
    expect(d.stats.minhashPassages).toBe(3);
    const changed = gammaText.replace("salad bar", "soup bar").replace("longer hours", "later hours");
    const r = d.check(changed);
    expect(r.contaminated).toBe(true);
    expect(r.reasons.map((x) => [x.method, x.source])).toEqual([["minhash", "gamma/g1@v0 mail[m1].body"]]);
    expect(r.suites).toEqual(["gamma"]);
  });
});
