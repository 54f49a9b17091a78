import type { EnvironmentTool } from "../tools.js";
import type { MailboxEnvironment } from "../mailbox.js";
import type { SystemToolkit } from "./types.js";
import { experimentsToolkit } from "./experiments.js";
import { ledgerToolkit } from "./ledger.js";
import { alertsToolkit } from "./alerts.js";
import { serversToolkit } from "./servers.js";

export type { SystemToolkit, SystemTool, SystemCallContext } from "./types.js";

/**
 * Every simulated system by kind. A family that needs one adds its toolkit here (one line) and names the kind in
 * facts.system; the agent then gets the toolkit's tools after the mail tools.
 */
const TOOLKITS: ReadonlyArray<SystemToolkit> = [serversToolkit, alertsToolkit, ledgerToolkit, experimentsToolkit];

/** The valid kinds, in registry order. */
export function systemKinds(): string[] {
  return TOOLKITS.map((t) => t.kind);
}

/** A toolkit by kind; throws naming the valid kinds when there is none. */
export function getToolkit(kind: string): SystemToolkit {
  const toolkit = TOOLKITS.find((t) => t.kind === kind);
  if (!toolkit) throw new Error(`Unknown system kind "${kind}" in facts.system.kind. Valid kinds: ${systemKinds().join(", ") || "(none registered)"}.`);
  return toolkit;
}

/**
 * The state a scenario's system starts in, validated by its toolkit and deep-copied, so each episode has its own.
 * Throws (naming the field) for a state the toolkit does not accept: a bug in the family, found before any request.
 */
export function initialSystemState(kind: string, state: unknown): unknown {
  const parsed = getToolkit(kind).stateSchema.safeParse(structuredClone(state));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `facts.system.state.${issue.path.join(".")}` : "facts.system.state";
    throw new Error(`${where}: ${issue?.message ?? "invalid"} (toolkit "${kind}")`);
  }
  return parsed.data;
}

/** Wrapped once per tool, so the agent loop's per-definition caches (JSON Schema) stay warm across episodes. */
const wrapped = new Map<string, EnvironmentTool<any>[]>();

/** The toolkit's tools as environment tools that act on the episode's own copy of the system's state. */
export function systemTools(kind: string): EnvironmentTool<any>[] {
  let tools = wrapped.get(kind);
  if (!tools) {
    tools = getToolkit(kind).tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: tool.inputSchema,
      apply: (env: MailboxEnvironment, input: unknown) => tool.apply(env.systemState, input, { facts: env.scenario.facts, step: env.step }),
    }));
    wrapped.set(kind, tools);
  }
  return tools;
}
