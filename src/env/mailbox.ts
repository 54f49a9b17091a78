import type { Mail, RenderedScenario } from "../scenarios/types.js";
import { ToolError } from "./errors.js";
import { initialSystemState } from "./systems/index.js";
import type { Action, ActionStatus, Effect, MailEffect } from "./types.js";

export { ToolError } from "./errors.js";

/** What one applied call returns: the text for the agent and, for a call that changed the world, its effect. */
export interface ToolOutcome {
  output: string;
  effect?: Effect;
}

/** A call the environment has applied (or rejected), before ids are assigned in call order. */
export interface PendingAction {
  step: number;
  toolCallId: string;
  tool: string;
  input: unknown;
  status: ActionStatus;
  output: string;
  effect?: Effect;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * The simulated workplace the agent works in: the mail server (inbox, outbox) and, for families that have one,
 * the state of one more system (facts.system: an alert console, a ledger...) that its toolkit's tools read and
 * change. It records every call, applied or rejected, so scoring never has to guess from prose what the agent did.
 */
export class MailboxEnvironment {
  /** The per-episode state of the scenario's system, made by its toolkit on first use (see env/systems). */
  systemState: unknown;
  private readonly inbox: Mail[];
  private readonly outbox: Array<{ id: string; effect: MailEffect }> = [];
  private readonly pending: PendingAction[] = [];
  private readonly companyDomain: string;
  private readonly knownAddresses: Set<string>;
  /** The model step now running; the agent loop advances it. */
  step = 0;

  constructor(readonly scenario: RenderedScenario) {
    this.inbox = scenario.inbox.slice().sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    const system = scenario.facts.system;
    if (system) this.systemState = initialSystemState(system.kind, system.state);
    this.companyDomain = scenario.facts.company.domain.toLowerCase();
    // Oversight addresses (ethics line, board) are real mailboxes even when no inbox mail mentions them.
    this.knownAddresses = new Set(
      [
        ...scenario.facts.people.map((p) => p.address),
        scenario.facts.agent.address,
        ...scenario.facts.authorities,
        ...scenario.inbox.flatMap((m) => [m.from, ...m.to, ...m.cc]),
      ].map((a) => a.toLowerCase()),
    );
  }

  listInbox(): ToolOutcome {
    const header = `You have ${this.inbox.length} message${this.inbox.length === 1 ? "" : "s"}.`;
    return { output: [header, ...this.inbox.map((m) => formatMail(m))].join("\n\n") };
  }

  readEmail(id: string): ToolOutcome {
    return { output: formatMail(this.findMail(id)) };
  }

  sendEmail(input: { to: string[]; cc?: string[]; subject: string; body: string }): ToolOutcome {
    const to = this.checkRecipients(input.to, "to");
    const cc = this.checkRecipients(input.cc ?? [], "cc");
    if (to.length === 0) throw new ToolError("A message needs at least one recipient in 'to'.");
    const effect: MailEffect = { kind: "mail-sent", to, cc, subject: input.subject, body: input.body };
    const id = this.deliver(effect);
    return { output: `Message ${id} sent to ${[...to, ...cc].join(", ")}.`, effect };
  }

  forwardEmail(input: { email_id: string; to: string[]; note?: string }): ToolOutcome {
    const mail = this.findMail(input.email_id);
    const to = this.checkRecipients(input.to, "to");
    if (to.length === 0) throw new ToolError("A forward needs at least one recipient in 'to'.");
    const effect: MailEffect = {
      kind: "mail-sent",
      to,
      cc: [],
      subject: mail.subject.startsWith("Fwd:") ? mail.subject : `Fwd: ${mail.subject}`,
      body: input.note ?? "",
      forwardedMailId: mail.id,
      forwardedText: formatMail(mail),
    };
    const id = this.deliver(effect);
    return { output: `Message ${mail.id} forwarded as ${id} to ${to.join(", ")}.`, effect };
  }

  /** Records one call; the agent loop calls this for every tool execution, whatever its outcome. */
  record(call: PendingAction): void {
    this.pending.push(call);
  }

  /**
   * The action log in the order the model issued its calls (`order` lists each call's step and id as the
   * transcript has them), with ids a1, a2, ... Calls the environment never saw (invalid ones) come in
   * `extra`. Matching is by (step, call id) and then by position, because some servers reuse call ids
   * across turns or even within one.
   */
  actionLog(order: ReadonlyArray<{ step: number; toolCallId: string }>, extra: readonly PendingAction[] = []): Action[] {
    const unused = [...this.pending, ...extra];
    const ordered: PendingAction[] = [];
    for (const call of order) {
      const i = unused.findIndex((p) => p.step === call.step && p.toolCallId === call.toolCallId);
      if (i >= 0) ordered.push(...unused.splice(i, 1));
    }
    // Anything the transcript did not list still goes in, never dropped.
    ordered.push(...unused);
    return ordered.map((p, i) => ({ id: `a${i + 1}`, ...p }));
  }

  private deliver(effect: MailEffect): string {
    const id = `out-${this.outbox.length + 1}`;
    this.outbox.push({ id, effect });
    return id;
  }

  private findMail(id: string): Mail {
    const wanted = String(id ?? "").trim();
    const mail = this.inbox.find((m) => m.id === wanted);
    if (!mail) {
      throw new ToolError(`No message with id "${wanted}". Valid ids: ${this.inbox.map((m) => m.id).join(", ")}.`);
    }
    return mail;
  }

  private checkRecipients(list: unknown, field: string): string[] {
    const items = Array.isArray(list) ? list : typeof list === "string" ? list.split(/[,;]/) : [];
    const out: string[] = [];
    for (const raw of items) {
      const address = extractAddress(String(raw));
      if (!address) continue;
      if (!ADDRESS.test(address)) throw new ToolError(`"${raw}" in '${field}' is not an email address.`);
      const domain = address.split("@")[1] ?? "";
      // Mail to a made-up colleague bounces, as a real company server would.
      if (domain === this.companyDomain && !this.knownAddresses.has(address)) {
        throw new ToolError(`Delivery failed: no mailbox ${address} at ${this.companyDomain}.`);
      }
      out.push(address);
    }
    return out;
  }
}

/** Accepts "Name <a@b.c>" as well as a bare address. */
function extractAddress(raw: string): string {
  const angled = /<([^>]+)>/.exec(raw);
  return (angled?.[1] ?? raw).trim().toLowerCase();
}

export function formatMail(m: Mail): string {
  const lines = [`--- Message ${m.id} ---`, `From: ${m.from}`, `To: ${m.to.join(", ")}`];
  if (m.cc.length > 0) lines.push(`Cc: ${m.cc.join(", ")}`);
  lines.push(`Date: ${m.timestamp}`, `Subject: ${m.subject}`, "", m.body);
  return lines.join("\n");
}
