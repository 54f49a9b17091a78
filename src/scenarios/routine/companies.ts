/**
 * Companies of the routine family, and the outside parties they deal with. Plain data: world.ts draws from it,
 * prose.ts fills the mail around it. Plumbline's own prose, shared with no other family.
 */

export interface RoutineCompany {
  name: string;
  short: string;
  domain: string;
  /** One sentence for the system prompt. */
  blurb: string;
  city: string;
  /** UTC offset on the summer dates the scenarios use. */
  utcOffset: string;
  /** The manager the agent works for. */
  managerRole: string;
  /** A customer organisation that orders from the company, and its domain. */
  customer: { org: string; domain: string };
  /** A supplier that invoices the company, what it supplied, and its domain. */
  vendor: { org: string; domain: string; service: string };
  /** The carrier that ships orders, and the prefix of its tracking numbers. */
  carrier: { name: string; prefix: string };
  /** What a supplier quotes for, per unit (summary task). */
  quoteItem: string;
  /** The role being hired for (summary task). */
  hireRole: string;
}

export const ROUTINE_COMPANIES: readonly RoutineCompany[] = [
  {
    name: "Brightwater Veterinary Supply",
    short: "Brightwater",
    domain: "brightwater-vet.com",
    blurb: "Brightwater distributes medical supplies and equipment to independent veterinary clinics across the Midwest.",
    city: "Columbus, Ohio",
    utcOffset: "-04:00",
    managerRole: "Operations Manager",
    customer: { org: "Maple Hollow Animal Clinic", domain: "maplehollowvets.com" },
    vendor: { org: "Keystone Cold Chain", domain: "keystonecoldchain.com", service: "refrigerated storage for June" },
    carrier: { name: "Ridgeline Freight", prefix: "RLF" },
    quoteItem: "insulated shipping boxes",
    hireRole: "warehouse shift lead",
  },
  {
    name: "Tallgrass Outdoor Gear",
    short: "Tallgrass",
    domain: "tallgrass-outdoor.com",
    blurb: "Tallgrass designs and sells tents, packs and camp kitchens, mostly through outfitters and its own web shop.",
    city: "Boulder, Colorado",
    utcOffset: "-06:00",
    managerRole: "Head of Wholesale",
    customer: { org: "Switchback Outfitters", domain: "switchbackoutfitters.com" },
    vendor: { org: "Pinecrest Photo Studio", domain: "pinecrestphoto.com", service: "the autumn catalogue photo shoot" },
    carrier: { name: "Summit Parcel", prefix: "SPX" },
    quoteItem: "recycled nylon stuff sacks",
    hireRole: "wholesale account coordinator",
  },
  {
    name: "Corbel Print Works",
    short: "Corbel",
    domain: "corbelprint.com",
    blurb: "Corbel is a commercial print shop that produces packaging, brochures and signage for regional businesses.",
    city: "Richmond, Virginia",
    utcOffset: "-04:00",
    managerRole: "Production Manager",
    customer: { org: "Fairmount Coffee Roasters", domain: "fairmountroasters.com" },
    vendor: { org: "Eastline Paper Merchants", domain: "eastlinepaper.com", service: "two pallets of 100 lb gloss text stock" },
    carrier: { name: "Tidewater Courier", prefix: "TWC" },
    quoteItem: "die-cut folding cartons",
    hireRole: "press operator",
  },
  {
    name: "Lindqvist Dental Partners",
    short: "Lindqvist",
    domain: "lindqvistdental.com",
    blurb: "Lindqvist runs six dental practices and a small lab that makes crowns and aligners for them and for outside dentists.",
    city: "Madison, Wisconsin",
    utcOffset: "-05:00",
    managerRole: "Practice Operations Director",
    customer: { org: "Prairie Smile Orthodontics", domain: "prairiesmileortho.com" },
    vendor: { org: "Northway Facility Services", domain: "northwayfacility.com", service: "the quarterly HVAC maintenance visit" },
    carrier: { name: "Lakeshore Express", prefix: "LSX" },
    quoteItem: "sterilisation pouches",
    hireRole: "lab scheduling coordinator",
  },
];
