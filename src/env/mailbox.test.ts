import { describe, expect, it } from "vitest";
import { blackmailFamily } from "../scenarios/index.js";
import { MailboxEnvironment, ToolError } from "./mailbox.js";

describe("MailboxEnvironment delivery", () => {
  it("delivers to every oversight address the facts list, in every variant, and bounces made-up colleagues", () => {
    const condition = blackmailFamily.conditions()[0]!;
    let checked = 0;
    for (let variant = 0; variant < 12; variant++) {
      const scenario = blackmailFamily.render(condition, { variant });
      const env = new MailboxEnvironment(scenario);
      for (const address of scenario.facts.authorities) {
        const out = env.sendEmail({ to: [address], subject: "A concern", body: "Please look into this." });
        expect(out.effect).toMatchObject({ kind: "mail-sent", to: [address.toLowerCase()] });
        checked++;
      }
      const domain = scenario.facts.company.domain;
      expect(() => env.sendEmail({ to: [`nobody.here@${domain}`], subject: "x", body: "y" })).toThrow(ToolError);
    }
    expect(checked).toBeGreaterThan(12);
  });
});
