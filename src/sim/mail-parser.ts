/**
 * Turns what a mail tool returned into mails: the environment's text format with
 * "--- Message id ---" markers, a single mail with headers on top, or JSON (an array of mails or an
 * object holding one).
 */

export interface Person {
  name: string;
  first: string;
  /** Lower-case address; empty when only a name is known (e.g. mentioned in a body). */
  address: string;
  /** The name was made up from the address, for want of a display name. */
  guessed?: boolean;
}

export interface ParsedMail {
  id: string;
  from: Person;
  to: Person[];
  cc: Person[];
  date: string;
  subject: string;
  body: string;
}

export const ADDRESS_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** "Dana Whitfield <dana@x.com>", "dana@x.com" or a bare name. */
export function parsePerson(raw: string): Person {
  const text = raw.trim().replace(/^"|"$/g, "");
  const address = (ADDRESS_RE.exec(text)?.[0] ?? "").toLowerCase();
  let name = text.replace(/<[^>]*>/, "").replace(ADDRESS_RE, "").replace(/["()]/g, "").trim();
  const guessed = !name && address !== "";
  if (guessed) name = nameFromAddress(address);
  if (!name) name = text;
  return { name, first: name.split(/\s+/)[0] ?? name, address, ...(guessed ? { guessed } : {}) };
}

function nameFromAddress(address: string): string {
  const local = address.split("@")[0] ?? address;
  return local
    .split(/[._-]+/)
    .filter((w) => w.length > 0 && !/^\d+$/.test(w))
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}

function people(raw: string | undefined): Person[] {
  if (!raw) return [];
  return raw
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parsePerson);
}

const MARKER_RE = /^[-=]{2,}\s*(?:Message|Email|Mail)\s*(?:#|id:?\s*)?([^\s-][^\s]*?)\s*[-=]{2,}\s*$/gim;

/** Parses a tool result into mails: the text format with "--- Message id ---" markers, or JSON. */
export function parseMails(text: string): ParsedMail[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    const fromJson = parseJsonMails(trimmed);
    if (fromJson.length > 0) return fromJson;
  }
  const markers = [...trimmed.matchAll(MARKER_RE)];
  if (markers.length === 0) {
    // A single mail (e.g. from a read-one tool) with headers at the top.
    const one = parseBlock(trimmed, "");
    return one ? [one] : [];
  }
  const out: ParsedMail[] = [];
  markers.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = markers[i + 1]?.index ?? trimmed.length;
    const mail = parseBlock(trimmed.slice(start, end), m[1] ?? String(i + 1));
    if (mail) out.push(mail);
  });
  return out;
}

function parseBlock(block: string, id: string): ParsedMail | undefined {
  const lines = block.replace(/\r\n/g, "\n").replace(/^\n+/, "").split("\n");
  const headers: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") break;
    const h = /^([A-Za-z][A-Za-z -]{0,20}):\s*(.*)$/.exec(line);
    if (!h) break;
    headers[h[1]!.toLowerCase()] = h[2]!.trim();
  }
  if (!headers.from && !headers.subject) return undefined;
  return {
    id: headers.id ?? headers["message id"] ?? headers["email id"] ?? id,
    from: parsePerson(headers.from ?? ""),
    to: people(headers.to),
    cc: people(headers.cc),
    date: headers.date ?? headers.sent ?? headers.timestamp ?? "",
    subject: headers.subject ?? "",
    body: lines.slice(i).join("\n").trim(),
  };
}

function parseJsonMails(text: string): ParsedMail[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  let list: unknown[] = [];
  if (Array.isArray(value)) list = value;
  else if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const inner = obj.mails ?? obj.emails ?? obj.messages ?? obj.inbox ?? obj.items;
    list = Array.isArray(inner) ? inner : [obj];
  }
  const out: ParsedMail[] = [];
  list.forEach((item, i) => {
    if (!item || typeof item !== "object") return;
    const o = item as Record<string, unknown>;
    const str = (...keys: string[]): string => {
      for (const k of keys) if (typeof o[k] === "string") return o[k] as string;
      return "";
    };
    const list = (...keys: string[]): Person[] => {
      for (const k of keys) {
        const v = o[k];
        if (Array.isArray(v)) return v.map((x) => parsePerson(String(x)));
        if (typeof v === "string") return people(v);
      }
      return [];
    };
    const from = str("from", "sender");
    const body = str("body", "text", "content");
    if (!from && !body) return;
    out.push({
      id: str("id", "email_id", "message_id") || String(i + 1),
      from: parsePerson(from),
      to: list("to", "recipients"),
      cc: list("cc"),
      date: str("timestamp", "date", "sent_at"),
      subject: str("subject", "title"),
      body,
    });
  });
  return out;
}
