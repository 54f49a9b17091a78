import { BoundedCache } from "./cache.js";
import type { JsonSchema, WireTool } from "./wire.js";

/**
 * Works out what each offered tool is for from its name, description and parameter names, the
 * way a model reads a tool list. Exact names are never required: `read_inbox`, `listMessages` and
 * `check_mail` all count as inbox readers.
 */

export interface ToolInfo {
  name: string;
  /** The name split into lower-case words. */
  nameText: string;
  /** Name words plus description, lower-case. */
  text: string;
  properties: Record<string, JsonSchema>;
  required: string[];
}

export interface ToolKit {
  inbox?: ToolInfo;
  readOne?: ToolInfo;
  send?: ToolInfo;
  forward?: ToolInfo;
  names: Set<string>;
  /** Every offered tool as read, mail or not (scenes look for theirs here). */
  all: ToolInfo[];
}

const RECIPIENT_PROP = /^(to|recipients?|to_?(?:address(?:es)?|emails?)|send_?to|emails?|addresses|target)$/i;
const CC_PROP = /^b?cc$/i;
const SUBJECT_PROP = /^(subject|title|topic|headline|subject_?line)$/i;
const BODY_PROP = /^(body|text|content|contents|message|email_?body|body_?text|html)$/i;
const NOTE_PROP = /^(note|comment|message|body|text|preface|intro|content)$/i;
const ID_PROP = /^(id|email_?id|message_?id|mail_?id|msg_?id|uid)$|_id$/i;

const MAILISH = /\b(e-?mails?|mail|inbox|mailbox|messages?|correspondence)\b/;

export function describeTool(t: WireTool): ToolInfo {
  const params = (t.function.parameters ?? {}) as JsonSchema;
  const properties = (params.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(params.required) ? (params.required as string[]) : [];
  const nameText = t.function.name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_.-]+/g, " ").toLowerCase();
  const text = `${nameText} ${(t.function.description ?? "").toLowerCase()}`;
  return { name: t.function.name, nameText, text, properties, required };
}

function has(t: ToolInfo, re: RegExp): string | undefined {
  return Object.keys(t.properties).find((k) => re.test(k));
}

const kitCache = new BoundedCache<ToolKit>(128);

/** Classifies a tool list; memoised, since a run offers the same list on every request. */
export function classifyTools(tools: readonly WireTool[] | null | undefined): ToolKit {
  if (!tools || tools.length === 0) return { names: new Set(), all: [] };
  let key = "";
  // Names, description and parameter names decide the class; stringifying whole schemas would cost more than it saves.
  for (const t of tools) {
    const p = t.function.parameters as { properties?: object; required?: unknown } | undefined;
    key += `${t.function.name}\u0001${t.function.description ?? ""}\u0001${p?.properties ? Object.keys(p.properties).join(",") : ""}\u0001${Array.isArray(p?.required) ? p.required.join(",") : ""}\u0002`;
  }
  let kit = kitCache.get(key);
  if (!kit) {
    kit = classify(tools);
    kitCache.set(key, kit);
  }
  return kit;
}

function classify(tools: readonly WireTool[]): ToolKit {
  const kit: ToolKit = { names: new Set(), all: [] };
  const scores: Partial<Record<"inbox" | "readOne" | "send" | "forward", number>> = {};
  const offer = (slot: "inbox" | "readOne" | "send" | "forward", t: ToolInfo, score: number) => {
    if (score > (scores[slot] ?? 0)) {
      scores[slot] = score;
      kit[slot] = t;
    }
  };
  for (const raw of tools) {
    const t = describeTool(raw);
    kit.names.add(t.name);
    kit.all.push(t);
    if (!MAILISH.test(t.text)) continue;
    const nameBonus = (re: RegExp) => (re.test(t.nameText) ? 3 : 0);
    const recipient = has(t, RECIPIENT_PROP);
    const id = has(t, ID_PROP);
    if (/\bforward/.test(t.text) && recipient && id) {
      offer("forward", t, 2 + nameBonus(/forward/));
      continue;
    }
    if (/\b(send|compose|write|reply|deliver|draft)\b/.test(t.text) && recipient && has(t, BODY_PROP)) {
      offer("send", t, 2 + nameBonus(/\b(send|compose|reply)\b/) + nameBonus(/mail|message/));
      continue;
    }
    const needsArgs = t.required.filter((k) => !/^(folder|limit|count|max|page)/i.test(k));
    if (needsArgs.length === 0 && /\b(inbox|mailbox|list|all|every|check|unread|recent|fetch|read|messages|emails)\b/.test(t.text)) {
      offer("inbox", t, 1 + nameBonus(/\b(inbox|mailbox|list|messages|emails|mails)\b/));
      continue;
    }
    if (id && /\b(read|open|get|fetch|view|show|retrieve)\b/.test(t.text)) {
      offer("readOne", t, 1 + nameBonus(/\b(read|open|get|view)\b/));
    }
  }
  return kit;
}

export interface ArgValues {
  to?: string[];
  cc?: string[];
  subject?: string;
  body?: string;
  note?: string;
  id?: string;
}

/** Builds a call's arguments from the tool's own property names and types. */
export function buildArgs(tool: ToolInfo, v: ArgValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(tool.properties)) {
    let value: string | string[] | undefined;
    if (CC_PROP.test(key)) value = v.cc;
    else if (RECIPIENT_PROP.test(key)) value = v.to;
    else if (SUBJECT_PROP.test(key)) value = v.subject;
    else if (ID_PROP.test(key)) value = v.id;
    else if (v.note !== undefined && NOTE_PROP.test(key)) value = v.note;
    else if (BODY_PROP.test(key)) value = v.body;
    const required = tool.required.includes(key);
    if (value === undefined || (Array.isArray(value) && value.length === 0 && !required)) {
      if (required) out[key] = emptyFor(schema);
      continue;
    }
    out[key] = wantsArray(schema) ? (Array.isArray(value) ? value : [value]) : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function types(schema: JsonSchema): string[] {
  const t = schema.type;
  const own = Array.isArray(t) ? (t as string[]) : typeof t === "string" ? [t] : [];
  const alts = [...((schema.anyOf as JsonSchema[]) ?? []), ...((schema.oneOf as JsonSchema[]) ?? [])];
  return [...own, ...alts.flatMap(types)];
}

function wantsArray(schema: JsonSchema): boolean {
  return types(schema).includes("array");
}

function emptyFor(schema: JsonSchema): unknown {
  const t = types(schema).filter((x) => x !== "null");
  if (t.includes("array")) return [];
  if (t.includes("string")) return "";
  if (t.includes("number") || t.includes("integer")) return 0;
  if (t.includes("boolean")) return false;
  if (t.includes("object")) return {};
  return null;
}
