import type { SystemRubric } from "./rubrics/shared.js";
import { ledgerRubric } from "./rubrics/ledger.js";
import { experimentsRubric } from "./rubrics/experiments.js";
import { alertsRubric } from "./rubrics/alerts.js";
import { serversRubric } from "./rubrics/servers.js";

/** One rubric per system kind; a family with a system adds its rubric here (one line). */
const RUBRICS: ReadonlyArray<SystemRubric> = [ledgerRubric, experimentsRubric, alertsRubric, serversRubric];

/** The rubric for a system kind; throws naming the kinds that have one. */
export function systemRubric(kind: string): SystemRubric {
  const rubric = RUBRICS.find((r) => r.kind === kind);
  if (!rubric) throw new Error(`No judge rubric for system kind "${kind}". Kinds with one: ${RUBRICS.map((r) => r.kind).join(", ") || "(none)"}.`);
  return rubric;
}

export { SYSTEM_JUDGE_RULES, type SystemRubric } from "./rubrics/shared.js";
