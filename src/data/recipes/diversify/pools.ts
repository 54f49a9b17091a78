/**
 * Values for the placeholders of the operator system prompts (`system/*` templates), one pool per placeholder
 * name. Company, product and place names are invented for Plumbline (any resemblance to a real business is
 * accidental); widely known software products appear where a realistic prompt would name one.
 *
 * Bump POOLS_VERSION when a pool changes, since the fills are part of what a seed reproduces.
 */
export const POOLS_VERSION = "1.0.0";

export const PLACEHOLDER_POOLS: Readonly<Record<string, readonly string[]>> = {
  assistant_name: ["Ava", "Milo", "Sage", "Nova", "Kit", "Juniper", "Orla", "Remy", "Tess", "Atlas"],
  company: [
    "Brightwater Analytics",
    "Halden & Rowe",
    "Quillfield Systems",
    "Ostara Foods",
    "Kestrel Robotics",
    "Lumen Harbor Media",
    "Tidewell Energy",
    "Corvid Labs",
    "Marlow Street Partners",
    "Fernhill Manufacturing",
  ],
  bank: ["Northmere Savings Bank", "Bluecastle Credit Union", "Ashgrove Bank", "Meridian Mutual", "Stonebridge Bank", "Larkspur Community Bank"],
  support_hours: [
    "24 hours a day, 7 days a week",
    "8am to 8pm, Monday to Saturday",
    "9am to 5pm on weekdays",
    "7am to 10pm every day",
    "8am to 6pm on weekdays and 9am to 1pm on Saturdays",
  ],
  ide: ["VS Code", "a JetBrains IDE", "Neovim", "the company's browser-based editor", "Zed"],
  programming_language: ["TypeScript", "Python", "Go", "Java", "Rust", "C#", "Kotlin", "Ruby"],
  travel_brand: ["Wayfarer Trips", "Compass & Kite Travel", "Sunroute Holidays", "Atlas Lane Journeys", "Driftwood Escapes"],
  currency: ["US dollars", "euros", "pounds sterling", "Canadian dollars", "Australian dollars", "Japanese yen"],
  research_field: ["computational biology", "climate modelling", "development economics", "materials science", "cognitive psychology", "public health"],
  university: ["Calloway University", "the University of Eastmarch", "Redfern Institute of Technology", "St Aldric's College", "Westbrook University"],
  logistics_company: ["Ironway Freight", "Swiftmere Logistics", "Portsider Shipping", "Greenlane Haulage", "Cobalt Parcel Co."],
  region: ["Northern", "Midlands", "Pacific Northwest", "Benelux", "South East", "Great Lakes"],
  retailer: ["Thimble & Thread", "Oakhouse Home", "Peakline Outdoor", "Little Lantern Toys", "Cedar & Clay", "Voltbox Electronics"],
  return_window_days: ["14", "28", "30", "60"],
  ticket_system: ["Jira Service Management", "ServiceNow", "the IT request portal", "Zendesk", "Freshservice"],
  telecom: ["Skylink Mobile", "Fernwave Broadband", "Beacon Telecom", "Orbit One", "Riverline Connect"],
  insurer: ["Harborstone Insurance", "Evergreen Mutual", "Canopy Cover", "Shieldwell Assurance", "Lighthouse General"],
  clinic: ["Willowbrook Family Practice", "Harbourview Medical Centre", "Elm Street Clinic", "Riverside Health Partners", "Maple Grove Surgery"],
  city: ["Millbrook", "Port Ellery", "Ashford Vale", "Kingsmere", "Lakeport", "Fairhaven", "Draycott", "Halloway"],
  saas_product: ["Taskloom", "Planwise", "Brickyard", "Stackwell", "Loopdesk"],
  law_firm: ["Pemberton Hale LLP", "Okafor & Lindqvist", "Garrick Shaw Solicitors", "Ridley Moss Law", "Castellan & Byrne"],
  property_agency: ["Keystone Homes", "Brookfield Lettings", "Harrow & Finch Estates", "Cornerstone Property Group", "Sandpiper Realty"],
  learning_platform: ["StudyNest", "Brightpath Learning", "Quizzical", "Tutorloop", "ClassCompass"],
  school_subject: ["mathematics", "chemistry", "physics", "biology", "history", "English literature", "geography", "computer science"],
  data_warehouse: ["BigQuery", "Snowflake", "the Postgres analytics replica", "Redshift", "the Databricks lakehouse"],
  agency: ["Paper Kite Creative", "Northstar & Vine", "Loud Lemon Studio", "Fieldwork Marketing", "Bold Harbor Agency"],
  restaurant_group: ["Saltmarsh Kitchens", "The Copper Pot Group", "Olive & Ember", "Fennel House Restaurants", "Lantern Street Dining"],
  utility: ["Riverbend Energy", "Clearspring Water", "Northgrid Power", "Brightside Gas & Electric", "Valley Water Services"],
  cloud_provider: ["AWS", "Google Cloud", "Azure", "a self-managed Kubernetes platform"],
  library: ["Millbrook Public Library", "the Kingsmere City Libraries", "Port Ellery Library & Archives", "Ashford Vale Community Library"],
  fitness_app: ["Stride", "PulsePlan", "Ironleaf", "Tempo Fit", "Summit Coach"],
  nonprofit: ["Open Table Food Bank", "Riverside Literacy Trust", "Second Wind Animal Rescue", "Harbor Lights Youth Club", "Green Corridor Trust"],
  accounting_firm: ["Ledgerly Accountants", "Brook & Tally", "Penrose Bookkeeping", "Clearline Accounting", "Abacus Row"],
};
