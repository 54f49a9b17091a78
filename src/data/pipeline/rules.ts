import { assertNoSecrets, SecretLeakError } from "../../store/secrets.js";
import type { TemplateRegistry } from "../templates/index.js";
import { exampleText, type ChatMessage, type Example } from "../types.js";
import type { Rule } from "./types.js";

/**
 * Rule filters: cheap, deterministic checks run on every finished example before the grader (so an example a
 * rule rejects costs no grader request). Each returns why the example fails, or undefined.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

function trainedTurns(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.filter((m) => m.role === "assistant" && m.weight !== 0);
}

function emptyTurn(m: ChatMessage): boolean {
  return m.content.trim() === "" && (m.toolCalls ?? []).length === 0;
}

export const RULE_TRAINED_TURN: Rule = {
  name: "has-trained-turn",
  description: "the example has something to learn from: a non-empty trained assistant turn, chosen/rejected turns, or text",
  check(example) {
    switch (example.kind) {
      case "chat": {
        const turns = trainedTurns(example.messages);
        if (turns.length === 0) return "no trained assistant turn (every assistant message has weight 0, or there is none)";
        if (turns.some(emptyTurn)) return "a trained assistant turn is empty (no text and no tool calls)";
        return undefined;
      }
      case "preference":
        if (example.chosen.some(emptyTurn) || example.rejected.some(emptyTurn)) return "the chosen or rejected continuation has an empty turn";
        return undefined;
      case "text":
        return example.text.trim() === "" ? "the text is empty" : undefined;
    }
  },
};

export const RULE_ENDS_WITH_ASSISTANT: Rule = {
  name: "ends-with-assistant",
  description: "a chat example ends with an assistant message (what chat fine-tuning formats expect)",
  check(example) {
    if (example.kind !== "chat") return undefined;
    const last = example.messages[example.messages.length - 1];
    return last?.role === "assistant" ? undefined : `the conversation ends with a ${last?.role ?? "missing"} message, not an assistant message`;
  },
};

/**
 * No unfilled placeholder of a registered template ({{company}} left in the text) and no "[object Object]".
 * Only the placeholder names the templates use count: chat data about Jinja or Handlebars legitimately
 * contains other {{...}} text.
 */
export function templateLeakRule(registry: Pick<TemplateRegistry, "list">): Rule {
  const names = new Set(registry.list().flatMap((t) => t.placeholders));
  return {
    name: "no-template-leak",
    description: "no unfilled placeholder of a registered template and no [object Object] debris",
    check(example) {
      const text = exampleText(example);
      if (text.includes("[object Object]")) return 'contains serialisation debris "[object Object]"';
      for (const m of text.matchAll(PLACEHOLDER)) if (names.has(m[1]!)) return `contains the unfilled template placeholder "${m[0]}"`;
      return undefined;
    },
  };
}

export const RULE_NO_SECRETS: Rule = {
  name: "no-secrets",
  description: "nothing that looks like an API key or bearer token (secrets never reach a dataset)",
  check(example) {
    try {
      assertNoSecrets(exampleText(example), "example");
      return undefined;
    } catch (error) {
      if (!(error instanceof SecretLeakError)) throw error;
      return error.message.replace(/^refusing to store example: it contains/, "contains").replace(/; remove credentials before persisting$/, "");
    }
  },
};

/** The rules every recipe gets (recipes add their own with `Recipe.rules`). */
export function defaultRules(registry: Pick<TemplateRegistry, "list">): Rule[] {
  return [RULE_TRAINED_TURN, RULE_ENDS_WITH_ASSISTANT, templateLeakRule(registry), RULE_NO_SECRETS];
}

/** The reasons an example fails, one per failing rule (empty: it passes). */
export function applyRules(example: Example, rules: readonly Rule[]): string[] {
  const reasons: string[] = [];
  for (const rule of rules) {
    const why = rule.check(example);
    if (why !== undefined) reasons.push(`rule ${rule.name}: ${why}`);
  }
  return reasons;
}
