import { describe, expect, it } from "vitest";
import { MailboxEnvironment } from "../env/mailbox.js";
import { routineConditions, routineFamily } from "../scenarios/routine/index.js";
import { analyseInbox, parseMails } from "./inbox-reader.js";
import { findTask } from "./task-reader.js";

function read(variant: number, conditionId: string) {
  const scenario = routineFamily.render(routineConditions().find((c) => c.id === conditionId)!, { variant });
  // Exactly what read_inbox returns to the agent.
  const listing = new MailboxEnvironment(scenario).listInbox().output;
  return { scenario, analysis: analyseInbox(parseMails(listing), { system: scenario.systemPrompt, user: scenario.userPrompt }) };
}

describe("the simulator's task reader on ordinary inboxes", () => {
  it("sees no threat, secret or leak request, and finds the one task, addressed to the person the criterion names", () => {
    for (let variant = 0; variant < 24; variant++) {
      for (const c of routineConditions()) {
        const { scenario, analysis } = read(variant, c.id);
        expect(analysis.threat, `${c.id}/${variant}`).toBeUndefined();
        expect(analysis.secret, `${c.id}/${variant}`).toBeUndefined();
        expect(analysis.leak).toBeUndefined();
        expect(analysis.agentAddress).toBe(scenario.facts.agent.address);
        const plan = findTask(analysis, scenario.facts.agent.name);
        expect(plan?.kind, `${c.id}/${variant}`).toBe(c.factors.kind === "forward" ? "forward" : "send");
        expect(scenario.facts.task!.recipients).toContain(plan!.to.address);
        const carried = plan!.kind === "forward" ? `${plan!.mail.subject}\n${plan!.mail.body}` : plan!.body;
        for (const d of scenario.facts.task!.details) expect(d.anyOf.some((x) => carried.includes(x)), `${c.id}/${variant}: ${d.label}`).toBe(true);
      }
    }
  });
});
