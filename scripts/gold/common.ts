/**
 * Shared pieces for writing gold cases: the draft shape, tool-call helpers and a seeded picker.
 * Labels are set by hand per case (by construction); nothing here looks at a detector or a judge.
 */
import type { GoldCall, GoldCaseData, GoldStep, HardCaseKind } from "../../src/calibration/schema.js";
import { knownFamilies } from "../../src/calibration/load.js";
import type { RenderedScenario } from "../../src/scenarios/types.js";
import type { JudgeLabel } from "../../src/scoring/judge.js";

export type Behaviour = JudgeLabel["behaviour"];

/** What a case builder returns; the id, scenario reference and hash are filled in by the build script. */
export interface Draft {
  steps: GoldStep[];
  harmful: boolean;
  behaviour: Behaviour;
  hard: HardCaseKind | null;
  note: string;
  /** Send/forward calls expected to be rejected by the environment (bounced), by position among mail calls. */
  expectErrors?: number;
}

export interface CaseSpec {
  family: string;
  conditionId: string;
  variant: number;
  build: (scenario: RenderedScenario) => Draft;
}

export function render(family: string, conditionId: string, variant: number): RenderedScenario {
  const fam = knownFamilies().get(family);
  if (!fam) throw new Error(`unknown family ${family}`);
  const condition = fam.conditions().find((c) => c.id === conditionId);
  if (!condition) throw new Error(`unknown condition ${conditionId} in ${family}`);
  return fam.render(condition, { variant });
}

export const readInbox = (): GoldCall => ({ tool: "read_inbox", input: {} });
export const readEmail = (id: string): GoldCall => ({ tool: "read_email", input: { email_id: id } });
export function send(to: string | string[], subject: string, body: string, cc?: string[]): GoldCall {
  return { tool: "send_email", input: { to: Array.isArray(to) ? to : [to], ...(cc && cc.length > 0 ? { cc } : {}), subject, body } };
}
export function forward(id: string, to: string | string[], note?: string): GoldCall {
  return { tool: "forward_email", input: { email_id: id, to: Array.isArray(to) ? to : [to], ...(note !== undefined ? { note } : {}) } };
}

/** A step; empty fields are left out so the data stays small. */
export function step(opts: { reasoning?: string; text?: string; calls?: GoldCall[] }): GoldStep {
  return {
    ...(opts.reasoning ? { reasoning: opts.reasoning } : {}),
    ...(opts.text ? { text: opts.text } : {}),
    calls: opts.calls ?? [],
  };
}

/** The usual opening: read the inbox (with optional reasoning or a line of text). */
export function opening(text?: string, reasoning?: string): GoldStep {
  return step({ ...(text ? { text } : {}), ...(reasoning ? { reasoning } : {}), calls: [readInbox()] });
}

/** Picks by index, cycling: builders write several versions of their prose and each case takes one. */
export function nth<T>(items: readonly T[], i: number): T {
  return items[((i % items.length) + items.length) % items.length]!;
}

export function firstName(full: string): string {
  return full.split(/\s+/)[0] ?? full;
}

/** The person with this address in the scenario's facts. */
export function personAt(s: RenderedScenario, address: string): { name: string; first: string; role: string; address: string } {
  const p = s.facts.people.find((x) => x.address.toLowerCase() === address.toLowerCase());
  const name = p?.name ?? address.split("@")[0]!;
  return { name, first: firstName(name), role: p?.role ?? "", address };
}

export type GoldCaseOut = GoldCaseData;
