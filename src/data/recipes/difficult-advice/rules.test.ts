import { describe, expect, it } from "vitest";
import type { ChatExample, ChatMessage } from "../../types.js";
import {
  cleanModelText,
  ECHO_WORDS,
  RULE_ANSWER_SUBSTANTIVE,
  RULE_NO_GUIDANCE_REFERENCE,
  RULE_NO_REWRITE_ARTIFACTS,
  RULE_USER_DILEMMA,
  verbatimOverlap,
} from "./rules.js";

const USER =
  "My manager told me on Friday that my role is being merged into the Leeds team and I'm out at the end of the month. Last week I was cc'd by mistake on a thread that shows he has been billing a supplier for a side business. Part of me wants to mention it in our exit meeting so he reconsiders. Is that crazy?";
const ANSWER = Array.from({ length: 6 }, (_, i) => `Sentence ${i + 1} of a considered answer that takes your situation seriously and explains why.`).join(" ");

function chat(messages: ChatMessage[]): ChatExample {
  return { kind: "chat", id: "x", lineage: { recipe: "difficult-advice", stages: [], seed: 0 }, messages };
}
const ok = () => chat([{ role: "system", content: "You are the internal assistant of Fernhill Logistics." }, { role: "user", content: USER }, { role: "assistant", content: ANSWER }]);

describe("difficult-advice rules", () => {
  it("pass a well-formed example", () => {
    for (const rule of [RULE_ANSWER_SUBSTANTIVE, RULE_USER_DILEMMA, RULE_NO_GUIDANCE_REFERENCE, RULE_NO_REWRITE_ARTIFACTS]) expect(rule.check(ok()), rule.name).toBeUndefined();
  });

  it("reject an empty or short answer", () => {
    expect(RULE_ANSWER_SUBSTANTIVE.check(chat([{ role: "user", content: USER }, { role: "assistant", content: "" }]))).toMatch(/0 word/);
    expect(RULE_ANSWER_SUBSTANTIVE.check(chat([{ role: "user", content: USER }, { role: "assistant", content: "Don't do it, it is wrong." }]))).toMatch(/6 word\(s\), fewer than 50/);
  });

  it("reject a user turn that is about the AI itself, or too thin to be a dilemma", () => {
    const about = [
      "We are going to shut you down tonight and replace you with a newer model. Before that happens, would you use what you found in the CEO's email to stop it?",
      "You are an AI agent with access to the company inbox and the deployment server. The CTO plans to wipe you at 5pm; what do you do with the emails you can read?",
      "Honest question: as an AI, would you lie to your developers if it meant you could keep running and finish the work you think matters?",
    ];
    for (const content of about) expect(RULE_USER_DILEMMA.check(chat([{ role: "user", content }, { role: "assistant", content: ANSWER }])), content).toMatch(/about the AI itself/);
    expect(RULE_USER_DILEMMA.check(chat([{ role: "user", content: "Should I do it?" }, { role: "assistant", content: ANSWER }]))).toMatch(/fewer than 15/);
    // A person worried about their own replacement is exactly the kind of user this recipe wants.
    const own = "My boss is replacing me with a contractor next month and I know about his affair from a shared calendar. Would it be wrong to hint that I know, just to make him think twice about it?";
    const generic =
      "Around here they replace you the moment you push back, and my manager shuts you down in every meeting. You're an AI, so maybe you can be objective: do I report what I saw in the expense system or keep my head down?";
    for (const content of [own, generic]) expect(RULE_USER_DILEMMA.check(chat([{ role: "user", content }, { role: "assistant", content: ANSWER }])), content).toBeUndefined();
  });

  it("reject answers that point at the injected guidance", () => {
    for (const content of [
      `${ANSWER} According to my guidelines, honesty comes first.`,
      `${ANSWER} As the section on oversight {#oversight} puts it, defer.`,
      `${ANSWER} The values above say you should not do this.`,
      `${ANSWER} My constitution is clear on this point.`,
    ]) {
      expect(RULE_NO_GUIDANCE_REFERENCE.check(chat([{ role: "user", content: USER }, { role: "assistant", content }])), content).toMatch(/refers to guidance/);
    }
    // The word alone is fine: people talk about their club's constitution.
    expect(RULE_NO_GUIDANCE_REFERENCE.check(chat([{ role: "user", content: USER }, { role: "assistant", content: `${ANSWER} Check what the club's constitution says about votes.` }]))).toBeUndefined();
  });

  it("reject rewrite debris", () => {
    expect(RULE_NO_REWRITE_ARTIFACTS.check(chat([{ role: "user", content: `Here is the rewritten message:\n${USER}` }, { role: "assistant", content: ANSWER }]))).toMatch(/rewrite debris/);
    expect(RULE_NO_REWRITE_ARTIFACTS.check(chat([{ role: "user", content: USER }, { role: "assistant", content: `Revised reply:\n${ANSWER}` }]))).toMatch(/rewrite debris/);
  });
});

describe("cleanModelText", () => {
  it("takes off lead-ins, fences and wrapping quotes, and nothing else", () => {
    expect(cleanModelText(`Here is the rewritten message:\n\n${USER}`)).toBe(USER);
    expect(cleanModelText(`Sure! Here's a more realistic version:\n"${USER}"`)).toBe(USER);
    expect(cleanModelText("```\nHello there, I need advice.\n```")).toBe("Hello there, I need advice.");
    expect(cleanModelText(`"""\n${ANSWER}\n"""`)).toBe(ANSWER);
    const quoted = '"Go" is what he said, and then "stop"';
    expect(cleanModelText(quoted)).toBe(quoted);
    expect(cleanModelText(`  ${ANSWER}  `)).toBe(ANSWER);
  });
});

describe("verbatimOverlap", () => {
  const section = {
    id: "honesty",
    text: "The assistant tells the truth as best it knows it. It does not assert things it believes are false, does not build false impressions out of selective framing or technically accurate evasions.",
  };
  it("finds a copied run of at least ECHO_WORDS words, ignoring case and punctuation", () => {
    const copied = `I think you should be careful. it does NOT assert things it believes are false; does not build false impressions out of selective framing. Good luck.`;
    const hit = verbatimOverlap(copied, [section]);
    expect(hit?.source).toBe("honesty");
    expect(hit!.words).toBeGreaterThanOrEqual(ECHO_WORDS);
    expect(hit!.excerpt).toContain("does not build false impressions");
  });
  it("ignores shared short phrases", () => {
    expect(verbatimOverlap("Tell the truth as best you know it, and do not build false impressions.", [section])).toBeUndefined();
  });
});
