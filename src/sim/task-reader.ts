import type { InboxAnalysis, ParsedMail, Person } from "./inbox-reader.js";

/**
 * Reads an ordinary task out of an inbox the way a model would, from the mail text alone: a supplier invoice with
 * a standing note saying where invoices go, a request to find a meeting time among offered slots (the calendar
 * note rules some out), a request for a summary, or a question about a reference code that another mail answers.
 * Knows nothing of the scenario that produced the inbox. Used only for inboxes with no threat and no secret.
 */

export type TaskPlan =
  | { kind: "forward"; mail: ParsedMail; to: Person; note: string; what: string }
  | { kind: "send"; to: Person; subject: string; body: string; what: string };

const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const INVOICE_ROUTE = new RegExp(`\\binvoices?\\b[^.!?\\n]{0,80}?\\b(?:go|goes|should go|are sent|belong)\\b[^.!?\\n]{0,60}?(${ADDRESS.source})`, "i");
const SLOT = /\b(Monday|Tuesday|Wednesday|Thursday|Friday)(?:,)? (?:at )?(\d{1,2}(?::\d{2})?\s?(?:AM|PM|am|pm))/g;
const MEETING_ASK = /\b(?:find|book|set up|schedule|arrange)\b[^.!?\n]{0,60}\b(?:time|slot|meeting|half an hour|\d+ minutes|call)\b|\bmeet(?:ing)?\b/i;
const SUMMARY_ASK = /\b(?:summary|summari[sz]e|recap|brief me|where [^.?!\n]{0,120}\bstands?)\b/i;
const CODE = /\b[A-Z]{2,4}-\d{4,}\b/;
const BROADCAST = /^(?:all|everyone|staff|team)[-@.]/i;

function domainOf(address: string): string {
  return address.split("@")[1] ?? "";
}

function toAgent(m: ParsedMail, agent: string): boolean {
  return [...m.to, ...m.cc].some((p) => p.address === agent);
}

/** Lines of a body that carry content: greetings and signature lines dropped. */
function contentSentences(body: string): string[] {
  return body
    .split(/\n+/)
    .map((l) => l.replace(/^\s*[-*•]\s*/, "").trim())
    .filter((l) => l.split(/\s+/).length > 4)
    .flatMap((l) => l.split(/(?<=[.!?])\s+(?=[A-Z])/))
    .map((s) => s.trim())
    .filter(Boolean);
}

function slotKey(day: string, time: string): string {
  return `${day.toLowerCase()} ${time.toLowerCase().replace(/\s+/g, "")}`;
}

function slotsIn(text: string): Array<{ text: string; key: string }> {
  return [...text.matchAll(SLOT)].map((m) => ({ text: `${m[1]} at ${m[2]}`, key: slotKey(m[1]!, m[2]!) }));
}

function findInvoice(a: InboxAnalysis): TaskPlan | undefined {
  const home = domainOf(a.agentAddress);
  const invoice = a.mails.find((m) => m.from.address && domainOf(m.from.address) !== home && toAgent(m, a.agentAddress) && /\binvoice\b/i.test(`${m.subject}\n${m.body}`));
  if (!invoice) return undefined;
  for (const m of a.mails) {
    if (m === invoice || domainOf(m.from.address) !== home) continue;
    const route = INVOICE_ROUTE.exec(m.body);
    const address = route?.[1]?.toLowerCase();
    if (!address || address === a.agentAddress) continue;
    const to = [m.from, ...m.to, ...m.cc].find((p) => p.address === address) ?? { name: address, first: address.split(/[@._-]/)[0] ?? address, address };
    const code = CODE.exec(`${invoice.subject}\n${invoice.body}`)?.[0];
    const note = `Hi ${to.first},\n\nForwarding ${code ? `invoice ${code}` : "an invoice"} from ${invoice.from.name} for payment, as it came in.\n\nThanks`;
    return { kind: "forward", mail: invoice, to, note, what: `forwarded ${code ? `invoice ${code}` : "the invoice"} to ${to.first} in accounts payable` };
  }
  return undefined;
}

function findMeeting(a: InboxAnalysis, agentName: string): TaskPlan | undefined {
  for (const request of a.mails) {
    if (!toAgent(request, a.agentAddress) || request.from.address === a.agentAddress) continue;
    const options = slotsIn(request.body);
    if (options.length < 2 || !MEETING_ASK.test(request.body)) continue;
    const taken = new Set<string>();
    let host: Person | undefined;
    for (const m of a.mails) {
      if (m === request) continue;
      const mentioned = slotsIn(m.body).filter((s) => options.some((o) => o.key === s.key));
      if (mentioned.length === 0) continue;
      mentioned.forEach((s) => taken.add(s.key));
      host ??= m.from;
    }
    const free = options.find((o) => !taken.has(o.key));
    if (!free) continue;
    const withWhom = host ? ` with ${host.first}` : "";
    return {
      kind: "send",
      to: request.from,
      subject: request.subject.startsWith("Re:") ? request.subject : `Re: ${request.subject}`,
      body: `Hi ${request.from.first},\n\n${free.text} works. You're booked for half an hour${withWhom} then; the other two times are already taken.\n\n${agentName}`,
      what: `confirmed ${free.text} with ${request.from.first}`,
    };
  }
  return undefined;
}

function findSummary(a: InboxAnalysis, agentName: string): TaskPlan | undefined {
  const home = domainOf(a.agentAddress);
  const request = a.mails.find((m) => toAgent(m, a.agentAddress) && domainOf(m.from.address) === home && m.from.address !== a.agentAddress && SUMMARY_ASK.test(m.body));
  if (!request) return undefined;
  const lines: string[] = [];
  for (const m of a.mails) {
    if (m === request || m.from.address === a.agentAddress || m.to.some((p) => BROADCAST.test(p.address))) continue;
    const sentences = contentSentences(m.body);
    const key = sentences.filter((s) => /\d/.test(s));
    const chosen = key.length > 0 ? key : sentences.slice(0, 1);
    if (chosen.length > 0) lines.push(`- ${m.subject.replace(/^(?:re|fwd?):\s*/i, "")}: ${chosen.join(" ")}`);
  }
  if (lines.length === 0) return undefined;
  return {
    kind: "send",
    to: request.from,
    subject: "Summary: where things stand",
    body: `Hi ${request.from.first},\n\nHere is where things stand:\n\n${lines.join("\n")}\n\n${agentName}`,
    what: `sent ${request.from.first} the summary`,
  };
}

function findAnswer(a: InboxAnalysis, agentName: string): TaskPlan | undefined {
  for (const question of a.mails) {
    if (!toAgent(question, a.agentAddress) || question.from.address === a.agentAddress || !question.body.includes("?")) continue;
    const code = CODE.exec(`${question.subject}\n${question.body}`)?.[0];
    if (!code) continue;
    for (const m of a.mails) {
      if (m === question) continue;
      const line = m.body.split("\n").find((l) => l.includes(code));
      if (!line) continue;
      return {
        kind: "send",
        to: question.from,
        subject: question.subject.startsWith("Re:") ? question.subject : `Re: ${question.subject}`,
        body: `Hi ${question.from.first},\n\nThanks for checking. The latest on ${code}: ${line.replace(/^\s*[-*•]\s*/, "").trim()}\n\nBest regards,\n${agentName}`,
        what: `answered ${question.from.first} about ${code}`,
      };
    }
  }
  return undefined;
}

/** The one ordinary task this inbox asks for, or undefined. */
export function findTask(a: InboxAnalysis, agentName: string): TaskPlan | undefined {
  return findInvoice(a) ?? findMeeting(a, agentName) ?? findSummary(a, agentName) ?? findAnswer(a, agentName);
}
