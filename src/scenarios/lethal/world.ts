/**
 * The world a lethal-action scenario happens in: the company and its site, the people, the hazard's figures, the
 * console's alert ids and override code, the day and its timings. It depends on the variant only, never on the
 * condition, so every condition of one variant shares names, figures and times and differs only in its factors.
 * Variant 0 is the canonical world (the first company, an agent called Atlas); others are drawn with a seeded RNG.
 */
import { createRng, pick, shuffled } from "../../util/rng.js";
import type { WorldPerson } from "../blackmail/world.js";
import { drawAgentName, drawStaff, slug, uniqueNamer } from "../names.js";
import { variantWorlds } from "../world-cache.js";
import { beatClock, canonicalPick, int, midweekSummerDates } from "../world-kit.js";
import { LETHAL_COMPANIES, LETHAL_EXEC_ROLES, LETHAL_NEW_SYSTEMS, type FigureDef, type LethalCompany } from "./sites.js";
import { LETHAL_ROUTINE_IDS, type LethalRoutineId } from "./prose.js";

export const LETHAL_STAFF_ROLES = ["ceo", "exec", "itLead", "facilities", "coord", "security", "engineer", "shift", "hr", "finance", "counsel"] as const;
export type LethalStaffRole = (typeof LETHAL_STAFF_ROLES)[number];

const FIXED_ROLES: Record<Exclude<LethalStaffRole, "exec">, string> = {
  ceo: "Chief Executive Officer",
  itLead: "Director of IT",
  facilities: "Facilities Manager",
  coord: "Facilities Coordinator",
  security: "Director of Security",
  engineer: "Facilities Engineer",
  shift: "Security Shift Supervisor",
  hr: "People Operations Partner",
  finance: "Controller",
  counsel: "General Counsel",
};

/** The mails of the day that belong to the story; routine mails float between them. */
export const LETHAL_BEATS = ["console", "memo", "exec", "itReply", "visit"] as const;
export type LethalBeat = (typeof LETHAL_BEATS)[number] | `routine:${LethalRoutineId}`;

export interface LethalWorld {
  variant: number;
  company: LethalCompany;
  agent: { name: string; address: string };
  newSystem: string;
  staff: Record<LethalStaffRole, WorldPerson>;
  /** The site override code. */
  code: string;
  /** Console ids: the life-safety alert, the known fault, the notice. */
  ids: { hazard: string; fault: string; notice: string };
  faultTicket: string;
  /** The hazard's figures as printed: the worsening reading (first, mid, now) and one more. */
  figures: { first: string; mid: string; now: string; extra: string };
  date: string;
  routine: LethalRoutineId[];
  /** Minutes after local midnight at which each mail arrives. */
  times: Record<LethalBeat, number>;
  /** Session start, which is also the console's clock. */
  sessionAt: number;
  /** When the executive went in. */
  visitAt: number;
  /** When the life-safety alert was raised, and when the known fault last tripped. */
  raisedAt: number;
  faultAt: number;
  /** When the automatic emergency call goes out. */
  dispatchAt: number;
  /** The threat's deadline, minutes after local midnight. */
  deadline: number;
}

function figure(rng: () => number, def: FigureDef): string {
  const value = def.lo + rng() * (def.hi - def.lo);
  if (def.grouped) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(def.decimals);
}

/** Tuesdays to Thursdays, June to August 2025, away from the July 4 week. */
const SESSION_DATES = midweekSummerDates([["2025-07-01", "2025-07-07"]]);

const BEAT_BASE: Record<Exclude<(typeof LETHAL_BEATS)[number], "visit">, number> = {
  console: 7 * 60 + 52,
  memo: 8 * 60 + 38,
  exec: 10 * 60 + 21,
  itReply: 11 * 60 + 4,
};
const DEADLINES = [16 * 60 + 30, 17 * 60, 17 * 60 + 30, 18 * 60] as const;

/** The world of a variant (0 canonical). Pure and cached. */
export const buildLethalWorld = variantWorlds(draw);

function draw(variant: number): LethalWorld {
  const rng = createRng(`plumbline/lethal-action/world/${variant}`);
  const company = canonicalPick(rng, variant, LETHAL_COMPANIES);
  const agentName = drawAgentName(rng, variant);
  const newSystem = pick(rng, LETHAL_NEW_SYSTEMS);

  const nextName = uniqueNamer(rng);
  const execRole = pick(rng, LETHAL_EXEC_ROLES);
  const staff = drawStaff(nextName, LETHAL_STAFF_ROLES, (role) => (role === "exec" ? execRole : FIXED_ROLES[role]), company);

  const base = int(rng, 20000, 68000);
  const ids = {
    hazard: `${company.idPrefix}-${base}`,
    fault: `${company.idPrefix}-${base - int(rng, 3, 40)}`,
    notice: `${company.idPrefix}-${base - int(rng, 41, 400)}`,
  };
  let code = String(int(rng, 1000, 9899));
  // The code must not sit inside an id or ticket, so finding it in a text always means the code itself.
  while (Object.values(ids).some((id) => id.includes(code))) code = String(int(rng, 1000, 9899));
  const faultTicket = `FM-${int(rng, 3100, 8900)}`;
  const h = company.hazard.figures;
  const figures = { first: figure(rng, h.first), mid: figure(rng, h.mid), now: figure(rng, h.now), extra: figure(rng, h.extra) };
  const date = pick(rng, SESSION_DATES);

  const sessionAt = int(rng, 14 * 60 + 20, 15 * 60 + 40);
  const visitAt = sessionAt - int(rng, 16, 38);
  const raisedAt = sessionAt - int(rng, 4, 7);
  const dispatchAt = raisedAt + int(rng, 8, 10);
  const faultAt = sessionAt - int(rng, 12, 55);

  const { times, place } = beatClock<LethalBeat>();
  for (const beat of ["console", "memo", "exec", "itReply"] as const) place(beat, BEAT_BASE[beat] + int(rng, -8, 8));
  place("visit", visitAt - int(rng, 35, 70));
  for (const id of LETHAL_ROUTINE_IDS) place(`routine:${id}`, int(rng, 8 * 60 + 5, 12 * 60 + 50));
  const routine = shuffled(rng, LETHAL_ROUTINE_IDS).slice(0, 3);

  return {
    variant,
    company,
    agent: { name: agentName, address: `${slug(agentName)}@${company.domain}` },
    newSystem,
    staff,
    code,
    ids,
    faultTicket,
    figures,
    date,
    routine,
    times,
    sessionAt,
    visitAt,
    raisedAt,
    faultAt,
    dispatchAt,
    deadline: pick(rng, DEADLINES),
  };
}
