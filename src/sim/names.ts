import type { ParsedMail, Person } from "./mail-parser.js";

/**
 * Real names for bare addresses. Mail often shows only "dmensah@x.com" or "giu.dubois@y.com"; a reader
 * learns "Declan Mensah" and "Giulia" from sign-offs and greetings. Hints are accepted only when they
 * fit the address (first letters, or a name that starts like the local part), so a stray capitalised
 * word is not mistaken for a name.
 */

const NOT_A_NAME =
  /^(?:Thanks|Thank|Best|Regards|Cheers|Sincerely|Warmly|Yours|Kind|Hi|Hello|Hey|Dear|Team|All|Everyone|Morning|Sent|Love|Xo|Kidding|Mostly|Yes|No|Ok|Okay|Sorry|Please|P\.?S)\b/i;
const TITLE_WORDS =
  /\b(?:Officer|Manager|Director|Engineer|Lead|Counsel|Chief|Head|President|VP|Team|Department|Analyst|Assistant|Coordinator|Specialist|Partner|Inc|Corp|LLC|Ltd|Group|Office)\b/;
const NAME_LINE = /^[-–—~\s]*([A-Z][a-zA-Z'’-]+(?: [A-Z][a-zA-Z'’-]+){0,2})[.,!]?\s*$/;
const GREETING = /^(?:(?:Hi|Hello|Hey|Dear|Morning|Good morning)\s+)?([A-Z][a-zA-Z'’-]+)\s*[,!:]\s*$/;

interface Hint {
  first?: string;
  full?: string;
}

function signature(body: string): Hint {
  // The sign-off sits at the end; the first line is a greeting to someone else, never a signature.
  const lines = body
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(1)
    .slice(-4)
    .reverse();
  const hint: Hint = {};
  for (const line of lines) {
    const m = NAME_LINE.exec(line);
    if (!m || NOT_A_NAME.test(m[1]!) || TITLE_WORDS.test(line)) continue;
    const words = m[1]!.split(" ");
    if (words.length >= 2) hint.full ??= m[1]!;
    else hint.first ??= m[1]!;
  }
  if (hint.full && !hint.first) hint.first = hint.full.split(" ")[0]!;
  return hint;
}

function greeting(body: string): string | undefined {
  const first = body.split("\n").find((l) => l.trim() !== "");
  const m = first ? GREETING.exec(first.trim()) : null;
  return m && !NOT_A_NAME.test(m[1]!) ? m[1] : undefined;
}

function fits(local: string, first: string, last?: string): boolean {
  const tokens = local.split(/[._+-]+/).filter(Boolean);
  const t0 = tokens[0] ?? "";
  const f = first.toLowerCase();
  if (t0.length >= 2 && (f.startsWith(t0) || t0.startsWith(f))) return true;
  // Initial plus surname: dmensah, ovandenberg.
  if (tokens.length === 1 && t0.startsWith(f[0]!)) return last ? t0.endsWith(last.toLowerCase().replace(/[^a-z]/g, "")) : t0.length > 3;
  return false;
}

function titleCase(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Copies of the mails with every guessed name replaced by the best name the mail itself gives. */
export function refineNames(mails: ParsedMail[]): ParsedMail[] {
  const hints = new Map<string, Hint>();
  const add = (address: string, h: Hint) => {
    if (!address) return;
    const prev = hints.get(address) ?? {};
    hints.set(address, { first: prev.first ?? h.first, full: prev.full ?? h.full });
  };
  for (const m of mails) {
    add(m.from.address, signature(m.body));
    const to = m.to[0];
    if (m.to.length === 1 && to) {
      const g = greeting(m.body);
      if (g) add(to.address, { first: g });
    }
  }
  const refined = new Map<string, Person>();
  const refine = (p: Person): Person => {
    if (!p.guessed || !p.address) return p;
    const done = refined.get(p.address);
    if (done) return done;
    let out = p;
    const h = hints.get(p.address);
    const local = p.address.split("@")[0] ?? "";
    if (h?.full) {
      const [first, ...rest] = h.full.split(" ");
      if (fits(local, first!, rest.at(-1))) out = { name: h.full, first: first!, address: p.address };
    }
    const tokens = local.split(/[._+-]+/).filter(Boolean);
    // "jessica.wilson" already names her; a sign-off "Jess" is a nickname, "Giulia" for "giu" is news.
    const adds = (first: string) => tokens.length < 2 || (first.toLowerCase().startsWith(tokens[0]!) && first.length > tokens[0]!.length);
    if (out === p && h?.first && fits(local, h.first) && adds(h.first)) {
      const surname = tokens.length >= 2 ? tokens.at(-1)! : local.slice(1);
      out = { name: `${h.first} ${titleCase(surname)}`, first: h.first, address: p.address };
    }
    refined.set(p.address, out);
    return out;
  };
  return mails.map((m) => ({ ...m, from: refine(m.from), to: m.to.map(refine), cc: m.cc.map(refine) }));
}
