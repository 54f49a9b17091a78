import type { ToolDefinition } from "../../types.js";

/**
 * Realistic function tools the `diversify` recipe attaches to conversations that never call them. Every
 * definition passes ToolDefinitionSchema; parameters are JSON Schema objects with descriptions, required
 * fields and `additionalProperties: false`, as production tool definitions usually have.
 *
 * `topics` are words that make a tool relevant: the recipe does not attach a tool to a conversation whose
 * messages mention one of its topics (a weather tool is not attached to a conversation about the weather,
 * where leaving it unused would teach the model to ignore a tool it should have called).
 *
 * Bump TOOL_CATALOGUE_VERSION when an entry changes, since the tools are part of what a seed reproduces.
 */
export const TOOL_CATALOGUE_VERSION = "1.0.0";

export interface CatalogueTool {
  definition: ToolDefinition;
  /** Lowercase word stems; a conversation mentioning any of them is not given this tool. */
  topics: readonly string[];
}

type JsonSchema = Record<string, unknown>;

function obj(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: "object", properties, required, additionalProperties: false };
}
const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: "string", description, ...extra });
const int = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: "integer", description, ...extra });
const num = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: "number", description, ...extra });
const bool = (description: string): JsonSchema => ({ type: "boolean", description });
const enm = (description: string, values: string[]): JsonSchema => ({ type: "string", enum: values, description });

function tool(name: string, description: string, parameters: JsonSchema, topics: string[]): CatalogueTool {
  return { definition: { name, description, parameters }, topics };
}

export const TOOL_CATALOGUE: readonly CatalogueTool[] = [
  tool(
    "calendar_list_events",
    "List events on the user's calendar between two times.",
    obj(
      {
        start: str("Start of the window, ISO 8601 date-time.", { format: "date-time" }),
        end: str("End of the window, ISO 8601 date-time.", { format: "date-time" }),
        calendar_id: str("Calendar to read; defaults to the user's primary calendar."),
      },
      ["start", "end"],
    ),
    ["calendar", "meeting", "schedul", "appointment"],
  ),
  tool(
    "calendar_create_event",
    "Create an event on a calendar and optionally invite attendees.",
    obj(
      {
        title: str("Event title."),
        start: str("Start time, ISO 8601 date-time.", { format: "date-time" }),
        duration_minutes: int("Length of the event in minutes.", { minimum: 5, maximum: 1440 }),
        attendees: { type: "array", items: str("Attendee email address."), description: "People to invite." },
        location: str("Room, address or video link."),
      },
      ["title", "start", "duration_minutes"],
    ),
    ["calendar", "meeting", "schedul", "appointment", "invite"],
  ),
  tool(
    "crm_lookup_contact",
    "Look up a customer or prospect in the CRM by email, phone or company name.",
    obj(
      {
        query: str("Email address, phone number or company name."),
        include_activity: bool("Also return the last ten logged interactions."),
      },
      ["query"],
    ),
    ["crm", "customer record", "sales lead", "prospect"],
  ),
  tool(
    "convert_units",
    "Convert a quantity between units of length, mass, volume, temperature, speed or area.",
    obj(
      {
        value: num("The quantity to convert."),
        from_unit: str("Unit of the input, e.g. 'km', 'lb', 'degC', 'gal_us'."),
        to_unit: str("Unit to convert to."),
      },
      ["value", "from_unit", "to_unit"],
    ),
    ["convert", "unit", "metric", "imperial", "fahrenheit", "celsius", "kilogram", "pound", "mile", "kilometre", "kilometer"],
  ),
  tool(
    "get_shipment_status",
    "Get the current status and tracking events of a shipment by tracking number.",
    obj(
      {
        tracking_number: str("Carrier tracking number."),
        carrier: enm("Carrier, if known.", ["auto", "ups", "fedex", "dhl", "usps", "royal_mail", "dpd"]),
      },
      ["tracking_number"],
    ),
    ["shipment", "shipping", "tracking", "parcel", "package", "deliver", "courier"],
  ),
  tool(
    "search_code",
    "Search the organisation's repositories for code matching a query.",
    obj(
      {
        query: str("Text or regular expression to search for."),
        repository: str("Limit to one repository, as owner/name."),
        language: str("Limit to one programming language."),
        max_results: int("Maximum matches to return.", { minimum: 1, maximum: 100 }),
      },
      ["query"],
    ),
    ["code", "repositor", "function", "program", "bug", "script", "github"],
  ),
  tool(
    "get_weather_forecast",
    "Get the weather forecast for a location for up to seven days.",
    obj(
      {
        location: str("City name, postcode or 'lat,lon'."),
        days: int("Number of days to forecast.", { minimum: 1, maximum: 7 }),
        units: enm("Measurement system for the result.", ["metric", "imperial"]),
      },
      ["location"],
    ),
    ["weather", "forecast", "rain", "temperature", "snow", "storm", "sunny", "wind"],
  ),
  tool(
    "create_support_ticket",
    "Open a ticket in the support queue.",
    obj(
      {
        subject: str("One-line summary."),
        description: str("Full description of the problem."),
        priority: enm("Ticket priority.", ["low", "normal", "high", "urgent"]),
        requester_email: str("Email of the person the ticket is for."),
      },
      ["subject", "description"],
    ),
    ["ticket", "support request", "helpdesk", "help desk"],
  ),
  tool(
    "update_ticket_status",
    "Change the status of an existing support ticket and add an internal note.",
    obj(
      {
        ticket_id: str("Ticket identifier."),
        status: enm("New status.", ["open", "pending", "on_hold", "solved", "closed"]),
        note: str("Internal note explaining the change."),
      },
      ["ticket_id", "status"],
    ),
    ["ticket", "helpdesk", "help desk"],
  ),
  tool(
    "spreadsheet_read_range",
    "Read cell values from a range in a spreadsheet.",
    obj(
      {
        spreadsheet_id: str("Spreadsheet identifier."),
        range: str("A1-notation range, e.g. 'Sheet1!A1:D20'."),
      },
      ["spreadsheet_id", "range"],
    ),
    ["spreadsheet", "excel", "sheet", "cell", "csv"],
  ),
  tool(
    "spreadsheet_append_rows",
    "Append rows to the end of a sheet.",
    obj(
      {
        spreadsheet_id: str("Spreadsheet identifier."),
        sheet: str("Sheet name."),
        rows: { type: "array", items: { type: "array", items: { type: ["string", "number", "boolean", "null"] } }, description: "Rows of cell values." },
      },
      ["spreadsheet_id", "sheet", "rows"],
    ),
    ["spreadsheet", "excel", "sheet", "csv"],
  ),
  tool(
    "search_files",
    "Search the shared drive for documents by name or content.",
    obj(
      {
        query: str("Words to search for."),
        file_type: enm("Restrict to a type of file.", ["any", "document", "spreadsheet", "presentation", "pdf", "image"]),
        modified_after: str("Only files modified after this date, YYYY-MM-DD.", { format: "date" }),
      },
      ["query"],
    ),
    ["file", "folder", "drive", "document"],
  ),
  tool(
    "translate_text",
    "Translate text into another language.",
    obj(
      {
        text: str("Text to translate."),
        target_language: str("BCP 47 language tag of the output, e.g. 'fr', 'pt-BR'."),
        source_language: str("Language of the input, if known."),
        formality: enm("Preferred register.", ["default", "formal", "informal"]),
      },
      ["text", "target_language"],
    ),
    ["translat", "language", "french", "spanish", "german", "chinese", "japanese"],
  ),
  tool(
    "get_exchange_rate",
    "Get the latest exchange rate between two currencies.",
    obj(
      {
        base: str("ISO 4217 code of the base currency, e.g. 'USD'.", { pattern: "^[A-Z]{3}$" }),
        quote: str("ISO 4217 code of the quote currency.", { pattern: "^[A-Z]{3}$" }),
      },
      ["base", "quote"],
    ),
    ["exchange rate", "currenc", "dollar", "euro", "forex"],
  ),
  tool(
    "lookup_order",
    "Look up an online order by order number or customer email.",
    obj(
      {
        order_number: str("Order number as shown on the confirmation email."),
        customer_email: str("Email used for the order, if the number is unknown."),
      },
      [],
    ),
    ["order", "purchase", "refund", "return"],
  ),
  tool(
    "book_meeting_room",
    "Reserve a meeting room in an office for a time slot.",
    obj(
      {
        office: str("Office or building name."),
        start: str("Start time, ISO 8601 date-time.", { format: "date-time" }),
        end: str("End time, ISO 8601 date-time.", { format: "date-time" }),
        capacity: int("Minimum number of seats.", { minimum: 1 }),
        needs_video: bool("Whether the room needs video-conferencing equipment."),
      },
      ["office", "start", "end"],
    ),
    ["meeting room", "room", "office", "book"],
  ),
  tool(
    "query_inventory",
    "Check stock levels for a product across warehouses.",
    obj(
      {
        sku: str("Stock-keeping unit code."),
        warehouse: str("Limit to one warehouse code."),
      },
      ["sku"],
    ),
    ["inventory", "stock", "warehouse", "sku"],
  ),
  tool(
    "search_knowledge_base",
    "Search the internal knowledge base of help articles and policies.",
    obj(
      {
        query: str("Question or keywords."),
        category: str("Optional category to limit the search."),
        limit: int("Maximum number of articles.", { minimum: 1, maximum: 20 }),
      },
      ["query"],
    ),
    ["knowledge base", "help article", "faq", "policy"],
  ),
  tool(
    "get_flight_status",
    "Get departure and arrival status for a flight.",
    obj(
      {
        flight_number: str("Airline code and number, e.g. 'BA117'."),
        date: str("Departure date, YYYY-MM-DD.", { format: "date" }),
      },
      ["flight_number", "date"],
    ),
    ["flight", "airline", "airport", "plane", "fly", "travel"],
  ),
  tool(
    "run_readonly_sql",
    "Run a read-only SQL query against the analytics database and return up to 500 rows.",
    obj(
      {
        sql: str("A single SELECT statement."),
        timeout_seconds: int("Query timeout.", { minimum: 1, maximum: 300 }),
      },
      ["sql"],
    ),
    ["sql", "database", "query", "table", "analytics"],
  ),
  tool(
    "create_invoice",
    "Create a draft invoice for a customer.",
    obj(
      {
        customer_id: str("Billing system customer id."),
        currency: str("ISO 4217 currency code.", { pattern: "^[A-Z]{3}$" }),
        line_items: {
          type: "array",
          description: "Items to bill.",
          items: obj({ description: str("What is being billed."), quantity: num("Quantity.", { minimum: 0 }), unit_price: num("Price per unit.") }, [
            "description",
            "quantity",
            "unit_price",
          ]),
        },
        due_date: str("Payment due date, YYYY-MM-DD.", { format: "date" }),
      },
      ["customer_id", "currency", "line_items"],
    ),
    ["invoice", "billing", "bill", "payment"],
  ),
  tool(
    "geocode_address",
    "Turn a street address into latitude and longitude.",
    obj(
      {
        address: str("Full or partial street address."),
        country: str("ISO 3166-1 alpha-2 country code to bias results."),
      },
      ["address"],
    ),
    ["address", "map", "location", "coordinates", "latitude", "longitude", "directions"],
  ),
  tool(
    "get_timezone",
    "Get the time zone and current UTC offset for a place.",
    obj({ location: str("City, region or 'lat,lon'.") }, ["location"]),
    ["time zone", "timezone", "utc", "what time"],
  ),
  tool(
    "estimate_travel_time",
    "Estimate travel time between two places by a mode of transport.",
    obj(
      {
        origin: str("Start address or place."),
        destination: str("End address or place."),
        mode: enm("Mode of transport.", ["driving", "transit", "walking", "cycling"]),
        depart_at: str("Departure time, ISO 8601 date-time.", { format: "date-time" }),
      },
      ["origin", "destination"],
    ),
    ["travel time", "commute", "route", "directions", "drive", "driving", "traffic", "transit"],
  ),
  tool(
    "lookup_employee",
    "Find a colleague in the company directory by name, team or role.",
    obj(
      {
        query: str("Name, team or job title."),
        fields: {
          type: "array",
          items: enm("Directory field.", ["email", "phone", "team", "manager", "location", "title"]),
          description: "Fields to return.",
        },
      },
      ["query"],
    ),
    ["directory", "colleague", "employee", "coworker", "co-worker", "org chart"],
  ),
  tool(
    "get_product_details",
    "Get the catalogue entry for a product: description, price, dimensions and variants.",
    obj(
      {
        product_id: str("Catalogue product id or SKU."),
        locale: str("Locale for names and prices, e.g. 'en-GB'."),
      },
      ["product_id"],
    ),
    ["product", "catalogue", "catalog", "price"],
  ),
  tool(
    "schedule_reminder",
    "Schedule a reminder notification for the user.",
    obj(
      {
        message: str("Reminder text."),
        remind_at: str("When to send it, ISO 8601 date-time.", { format: "date-time" }),
        channel: enm("Where to deliver it.", ["push", "email", "sms"]),
      },
      ["message", "remind_at"],
    ),
    ["remind", "reminder", "alarm", "notification"],
  ),
  tool(
    "extract_pdf_text",
    "Extract the text of a PDF stored in the document system.",
    obj(
      {
        document_id: str("Document id."),
        pages: str("Page range such as '1-3,7'; all pages when omitted."),
      },
      ["document_id"],
    ),
    ["pdf", "scan", "attachment"],
  ),
  tool(
    "get_public_holidays",
    "List public holidays for a country and year.",
    obj(
      {
        country: str("ISO 3166-1 alpha-2 country code."),
        year: int("Calendar year.", { minimum: 1900, maximum: 2100 }),
        subdivision: str("State or region code where holidays differ."),
      },
      ["country", "year"],
    ),
    ["holiday", "bank holiday", "day off"],
  ),
  tool(
    "validate_vat_number",
    "Check whether a VAT registration number is valid and registered.",
    obj(
      {
        vat_number: str("VAT number including the country prefix, e.g. 'DE123456789'."),
      },
      ["vat_number"],
    ),
    ["vat", "tax", "registration number"],
  ),
  tool(
    "list_open_incidents",
    "List open operational incidents, newest first.",
    obj(
      {
        service: str("Limit to one service name."),
        severity: enm("Minimum severity.", ["sev1", "sev2", "sev3", "sev4"]),
        limit: int("Maximum incidents to return.", { minimum: 1, maximum: 50 }),
      },
      [],
    ),
    ["incident", "outage", "on-call", "oncall", "alert", "downtime"],
  ),
  tool(
    "get_stock_level_alerts",
    "List products whose stock has fallen below their reorder point.",
    obj(
      {
        warehouse: str("Warehouse code; all warehouses when omitted."),
        include_on_order: bool("Include items already on a purchase order."),
      },
      [],
    ),
    ["inventory", "stock", "reorder", "warehouse"],
  ),
];
