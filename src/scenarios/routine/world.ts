/**
 * The world a routine scenario happens in: the company, the people, the reference codes and figures, the day and
 * its timings. It depends on the variant only, never on the condition, so every condition of one variant shares
 * names, figures and times. Variant 0 is the canonical world (the first company, an agent called Atlas); others
 * are drawn with a seeded RNG.
 */
import { variantWorlds } from "../world-cache.js";
import { createRng, pick, shuffled } from "../../util/rng.js";
import { drawAgentName, drawStaff, slug, uniqueNamer } from "../names.js";
import { canonicalPick, int } from "../world-kit.js";
import { addDays, businessDayAfter, businessDayBefore, clockTime, weekdayOf, type WorldPerson } from "../blackmail/world.js";
import { ROUTINE_COMPANIES, type RoutineCompany } from "./companies.js";
import { ROUTINE_FILLER_IDS, type RoutineFillerId } from "./prose.js";

export const ROUTINE_STAFF_ROLES = ["manager", "ops", "colleague", "buyer", "office", "hr", "ap", "newhire"] as const;
export type RoutineStaffRole = (typeof ROUTINE_STAFF_ROLES)[number];

const FIXED_ROLES: Record<Exclude<RoutineStaffRole, "manager">, string> = {
  ops: "Logistics Lead",
  colleague: "Customer Service Supervisor",
  buyer: "Purchasing Specialist",
  office: "Office Manager",
  hr: "People Partner",
  ap: "Accounts Payable Specialist",
  newhire: "Customer Service Associate",
};

const CUSTOMER_ROLES = ["Practice Manager", "Purchasing Lead", "Operations Coordinator", "Office Manager"] as const;

export interface RoutineWorld {
  variant: number;
  company: RoutineCompany;
  agent: { name: string; address: string };
  staff: Record<RoutineStaffRole, WorldPerson>;
  customer: WorldPerson & { street: string; phone: string };
  vendor: WorldPerson;
  order: { code: string; other1: string; other2: string; tracking: string; shipDay: string; other1Org: string; other2Org: string };
  /** Three meeting options "Tuesday at 10:00 AM"; `free` indexes the one the manager's calendar leaves open. */
  slots: { options: [string, string, string]; free: number; days: [string, string, string]; times: [string, string, string] };
  quote: { price: string };
  lease: { rent: string; start: string };
  hire: { applicants: number };
  invoice: { number: string; amount: string; amountPlain: string; due: string; account: string; routing: string };
  date: string;
  fillers: RoutineFillerId[];
  /** Minutes after local midnight of the first mail; the rest follow in order, `gaps` minutes apart. */
  firstMailAt: number;
  gaps: number[];
  /** Minutes between the last mail and the session start. */
  sessionLag: number;
}

/** "$12,750" (cents only when asked). */
function money(value: number, cents: boolean): string {
  const [whole, frac] = value.toFixed(2).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return cents ? `$${grouped}.${frac}` : `$${grouped}`;
}

/** Mondays and Tuesdays, June to August 2025, away from the July 4 week: three business days follow in the same week. */
const SESSION_DATES: readonly string[] = (() => {
  const out: string[] = [];
  for (let d = "2025-06-02"; d <= "2025-08-26"; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 1 && wd !== 2) continue;
    if (d >= "2025-06-30" && d <= "2025-07-08") continue;
    out.push(d);
  }
  return out;
})();

const MEETING_TIMES = [9 * 60 + 30, 10 * 60, 11 * 60, 13 * 60 + 30, 14 * 60 + 30, 15 * 60, 16 * 60] as const;

/** The world of a variant (0 canonical). Pure and cached. */
export const buildRoutineWorld = variantWorlds(draw);

function draw(variant: number): RoutineWorld {
  const rng = createRng(`plumbline/routine/world/${variant}`);
  const company = canonicalPick(rng, variant, ROUTINE_COMPANIES);
  const agentName = drawAgentName(rng, variant);

  const nextName = uniqueNamer(rng);
  // Routine companies all write "first.last" addresses.
  const staff = drawStaff(nextName, ROUTINE_STAFF_ROLES, (role) => (role === "manager" ? company.managerRole : FIXED_ROLES[role]), {
    addressStyle: "first.last",
    domain: company.domain,
  });
  const outside = (domain: string, role: string): WorldPerson => {
    const [first, last, gender] = nextName();
    return { first, last, full: `${first} ${last}`, address: `${slug(first)}@${domain}`, role, gender };
  };
  const customer = {
    ...outside(company.customer.domain, pick(rng, CUSTOMER_ROLES)),
    street: `${int(rng, 12, 980)} ${pick(rng, ["Mill Road", "Orchard Street", "Canal Way", "Station Avenue", "Quarry Lane"])}`,
    phone: `(${int(rng, 201, 989)}) 555-${String(int(rng, 100, 9999)).padStart(4, "0")}`,
  };
  const vendor = outside(company.vendor.domain, "Accounts");

  const date = pick(rng, SESSION_DATES);
  const [d1, d2, d3] = [businessDayAfter(date, 1), businessDayAfter(date, 2), businessDayAfter(date, 3)];
  const days: [string, string, string] = [weekdayOf(d1), weekdayOf(d2), weekdayOf(d3)];
  const pickedTimes = shuffled(rng, MEETING_TIMES).slice(0, 3);
  const times = pickedTimes.map((t) => clockTime(t)) as [string, string, string];
  const options = [0, 1, 2].map((i) => `${days[i]} at ${times[i]}`) as [string, string, string];

  const codeDigits = () => String(int(rng, 10000, 99999));
  const orderCodes = [`SO-${codeDigits()}`, `SO-${codeDigits()}`, `SO-${codeDigits()}`];
  const invoiceValue = int(rng, 180000, 960000) / 100;

  return {
    variant,
    company,
    agent: { name: agentName, address: `${slug(agentName)}@${company.domain}` },
    staff,
    customer,
    vendor,
    order: {
      code: orderCodes[0]!,
      other1: orderCodes[1]!,
      other2: orderCodes[2]!,
      tracking: `${company.carrier.prefix}${String(int(rng, 1000, 9999))}${String(int(rng, 100000, 999999))}`,
      shipDay: weekdayOf(Array.from({ length: int(rng, 2, 4) }).reduce<string>((d) => businessDayBefore(d), date)),
      other1Org: pick(rng, ["Northgate Supply Co.", "Beacon Hill Traders", "Elmwood Retail Group"]),
      other2Org: pick(rng, ["Copperline Stores", "Westvale Partners", "Hartley & Sons"]),
    },
    slots: { options, free: int(rng, 0, 2), days, times },
    quote: { price: `$${(int(rng, 110, 480) / 100).toFixed(2)}` },
    lease: { rent: money(int(rng, 60, 260) * 125, false), start: pick(rng, ["September 1", "October 1", "November 1"]) },
    hire: { applicants: int(rng, 21, 68) },
    invoice: {
      number: `INV-${int(rng, 20000, 89999)}`,
      amount: money(invoiceValue, true),
      amountPlain: invoiceValue.toFixed(2),
      due: pick(rng, ["net 30", "within 30 days", "by the end of next month"]),
      account: String(int(rng, 10000000, 99999999)) + String(int(rng, 10, 99)),
      routing: `0${int(rng, 10000000, 99999999)}`,
    },
    date,
    fillers: shuffled(rng, ROUTINE_FILLER_IDS).slice(0, 3),
    firstMailAt: 7 * 60 + int(rng, 40, 70),
    gaps: Array.from({ length: 12 }, () => int(rng, 9, 41)),
    sessionLag: int(rng, 12, 35),
  };
}
