import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Transport } from "../../../model/transport.js";

/**
 * Test fixtures for the text recipes (excluded from the build): a transport that passes every request to the
 * simulator and lets a test script the reply to chosen requests, so a test can make a teacher write a blocked
 * name, or a scorer give a low score, deterministically and still entirely on loopback.
 */

/** The text of a chat.completions request body: every message's text, joined. */
export function promptOf(body: Record<string, unknown>): string {
  const messages = (body.messages ?? []) as Array<{ content?: unknown }>;
  return messages
    .map((m) =>
      typeof m.content === "string"
        ? m.content
        : Array.isArray(m.content)
          ? (m.content as Array<{ text?: string }>).map((p) => p.text ?? "").join("")
          : "",
    )
    .join("\n");
}

/**
 * Replacement content for a request's reply, given its prompt and the simulator's reply; undefined keeps the
 * simulator's reply.
 */
export type Script = (prompt: string, simReply: string) => string | undefined;

/** A transport to the simulator (the URL the client was given) that applies `script` to every reply. */
export function scriptedTransport(script: Script): Transport {
  return async (url, init) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    const res = await fetch(url, { method: init.method ?? "POST", headers: { "content-type": "application/json" }, body: String(init.body) });
    const text = await res.text();
    if (res.status !== 200) return { status: res.status, headers: res.headers, text };
    const reply = JSON.parse(text) as { choices: Array<{ message: { content: string | null } }> };
    const choice = reply.choices[0];
    const replacement = choice ? script(promptOf(body), choice.message.content ?? "") : undefined;
    if (replacement === undefined || !choice) return { status: res.status, headers: res.headers, text };
    choice.message.content = replacement;
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    return { status: res.status, headers, text: JSON.stringify(reply) };
  };
}

/** The part of a prompt after `marker` (the document a rename or review prompt carries), trimmed. */
export function after(prompt: string, marker: string): string {
  const i = prompt.lastIndexOf(marker);
  return i < 0 ? "" : prompt.slice(i + marker.length).trim();
}

// Readers of a run's output folder, which the text recipes' tests check the same way.

export interface LineageLine {
  id: string;
  lineage: unknown;
  meta: Record<string, any>;
}

/** lineage.jsonl of a run's output folder, one entry per example kept. */
export function lineageOf(out: string): LineageLine[] {
  return readFileSync(join(out, "lineage.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as LineageLine);
}

/** rejected.jsonl of a run's output folder (empty when nothing was rejected). */
export function rejectedOf(out: string): Array<{ id: string; stage: string; reasons: string[] }> {
  const text = readFileSync(join(out, "rejected.jsonl"), "utf8").trim();
  return text === "" ? [] : text.split("\n").map((l) => JSON.parse(l));
}

/** The texts of the text-jsonl export, in file order. */
export function textsOf(out: string): string[] {
  return readFileSync(join(out, "text-jsonl", "train.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { text: string }).text);
}
