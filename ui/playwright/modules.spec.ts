/**
 * Every module of the integration platform's docs (`../shared/crisp-modules.txt`), field by field, as a new user
 * would try it: each documented field is one labelled, typeable control of the module's form (inside the fieldset
 * of its parent for nested or repeated names), and a distinctive value typed in it reaches the command's request
 * object at the right key (IPC mocked from the bindings, calls recorded by the harness).
 *
 * The docs give the field names; the table below only says where each module's form is, which command it calls,
 * where each field lands in the request, and the few fields that are not typed by nature (with the reason). A
 * module of the docs without an entry, or a field without a plan, fails its test: nothing is skipped silently.
 * Connection, the first field of every module, is the app's selected connection (its dialog is checked in
 * labels.spec.ts), so the docs' reader leaves it out.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { expandProfiles, readModules, type CrispModule } from "./fixtures/people-crisp-modules";
import { makeProfiles, PEOPLE_ID, STORED_PROFILE } from "./fixtures/people-data";
import { closeBrowser, openApp, pagedStream, type App, type CommandName, type Handlers } from "./support/app";
import { everyTypeMessages, fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

/** How one documented field is tried. */
type FieldPlan =
  | {
      /** The legend of the fieldset the control sits in (nested or repeated names); else anywhere in the form. */
      in?: string;
      /** What is typed (text), picked (select), ticked (true: checkbox) or typed as chips (a list). */
      value: string | true | string[];
      /** Where it lands in the command's `request` (dotted path). */
      at: string;
      /** What arrives there, when not the typed text itself (a number, an ISO instant, ...). */
      sent?: unknown;
    }
  | {
      in?: string;
      /** Not typed by nature: the control must still be there and labelled; why it takes no value. */
      fixed: string;
    }
  | {
      in?: string;
      value: string;
      /** The value reaches no request key; what it does instead, checked by `effect` after the submit. */
      effect: string;
      check: (app: App) => Promise<void>;
    };

interface ModulePlan {
  /** The module's name in the platform (the docs only give its description). */
  name: string;
  /** The start of the module's description line in the docs. */
  describedAs: string;
  command?: CommandName;
  route: string;
  handlers: () => Handlers;
  /** Brings the form on screen; answers the scope its fields are looked for in. */
  open: (page: Page) => Promise<Locator>;
  /** Submits what was typed. */
  submit: (form: Locator, page: Page) => Promise<void>;
  /** Plans by field name, in the docs' order; a name the docs repeat has one plan per occurrence. */
  fields: Record<string, FieldPlan | FieldPlan[]>;
  /** For a module without fields: what shows it is there. */
  noFields?: string;
}

const SESSION = sessionId(0);
const TYPED_SESSION = sessionId(7);
const byName = (page: Page, role: "form" | "dialog" | "group", name: string) => page.getByRole(role, { name, exact: true });
const click = (name: string) => async (form: Locator) => form.getByRole("button", { name, exact: true }).click();

/** The profile modules' fields: legend, label → typed value, request path under `body`, sent value. */
function profileFields(update: boolean): Record<string, FieldPlan | FieldPlan[]> {
  const f = (legend: string, value: string | string[], at: string, sent?: unknown): FieldPlan => ({
    in: legend,
    value,
    at: `body.${at}`,
    sent: sent ?? (Array.isArray(value) ? expect.arrayContaining(value) : value),
  });
  const tail = update ? "-u" : "-a";
  return {
    ...(update ? { "People ID": { in: "Profile", value: "b1e2c3d4-0000-4000-8000-00000000000f", at: "people_id" } } : {}),
    Email: f("Contact", `ana${tail}@example.org`, "email"),
    "Full Name": f("Person", `Ana Full${tail}`, "person.nickname"),
    "Avatar URL": f("Person", `https://example.org/ana${tail}.png`, "person.avatar"),
    Gender: f("Person", update ? "male" : "female", "person.gender"),
    "Phone Number": f("Person", "+351 900 000 111", "person.phone"),
    "User Address": f("Person", `Rua Nova 7${tail}`, "person.address"),
    "User Website": f("Person", `https://ana${tail}.example.org`, "person.website"),
    Timezone: f("Person", "-120", "person.timezone", -120),
    "Profile Type": f("Profile 1", `mastodon${tail}`, "person.profiles.0.type"),
    Handle: f("Profile 1", `ana_handle${tail}`, "person.profiles.0.handle"),
    "Profile URL": f("Profile 1", `https://social.example.org/@ana${tail}`, "person.profiles.0.url"),
    "Company Name": [f("Employment", `Employer${tail}`, "person.employment.name"), f("Company", `Company${tail}`, "company.name")],
    "Company Domain Name": [
      f("Employment", `employer${tail}.example`, "person.employment.domain"),
      f("Company", `company${tail}.example`, "company.domain"),
    ],
    "User Title": f("Employment", `Head of Ops${tail}`, "person.employment.title"),
    "User Role": f("Employment", `operations${tail}`, "person.employment.role"),
    "User Seniority": f("Employment", `senior${tail}`, "person.employment.seniority"),
    "Country Code": [f("Location", "ES", "person.geolocation.country"), f("Company location", "FR", "company.geolocation.country")],
    "Region Code": [f("Location", `Madrid${tail}`, "person.geolocation.region"), f("Company location", `IDF${tail}`, "company.geolocation.region")],
    "City Name": [f("Location", `Getafe${tail}`, "person.geolocation.city"), f("Company location", `Paris${tail}`, "company.geolocation.city")],
    Latitude: [
      f("Location", "40.31", "person.geolocation.coordinates.latitude", 40.31),
      f("Company location", "48.85", "company.geolocation.coordinates.latitude", 48.85),
    ],
    Longitude: [
      f("Location", "-3.73", "person.geolocation.coordinates.longitude", -3.73),
      f("Company location", "2.35", "company.geolocation.coordinates.longitude", 2.35),
    ],
    Locales: f("Locales", ["es"], "person.locales"),
    "Company Legal Name": f("Company", `Company Legal${tail} SA`, "company.legal_name"),
    "Company Website URL": f("Company", `https://company${tail}.example`, "company.url"),
    "Company Description": f("Company", `Makes tests${tail}`, "company.description"),
    "Company Timezone Offset": f("Company", "60", "company.timezone", 60),
    "Company Phones": f("Company", ["+33 100 000 222"], "company.phones"),
    "Company Emails": f("Company", [`hello${tail}@company.example`], "company.emails"),
    "Number of Employees": f("Company metrics", "321", "company.metrics.employees", 321),
    "Market Capitalization": f("Company metrics", "4000000", "company.metrics.market_cap", 4000000),
    "Money Raised": f("Company metrics", "1500000", "company.metrics.raised", 1500000),
    "Annual Recurring Revenue": f("Company metrics", "750000", "company.metrics.arr", 750000),
    Tags: f("Tags", [`tag${tail}`], "company.tags"),
    Segments: f("Segments", [`segment${tail}`], "segments"),
    "Private Notepad": f("Private Notepad", `Notes${tail}`, "notepad"),
  };
}

const website = { website_id: WEBSITE_ID, name: "Acme Support", domain: "acme.pt", verified: true };

/** Every module of the docs: where its form is and how each field is tried. */
const MODULES: ModulePlan[] = [
  {
    name: "Create a Conversation",
    describedAs: "Creates a new conversation.",
    command: "create_conversation",
    route: "conversations",
    handlers: () => fakeCrisp().handlers,
    open: async (page) => page.getByRole("button", { name: "New conversation" }),
    submit: async (button) => button.click(),
    fields: {},
    noFields: "the New conversation button calls create_conversation with the workspace alone",
  },
  {
    name: "Search for Conversations",
    describedAs: "Search previous Crisp conversations",
    // With a Limit (typed with the rest), the screen asks stream_conversations for that many at once.
    command: "stream_conversations",
    route: "conversations",
    handlers: () => fakeCrisp({ conversations: 130 }).handlers,
    open: async (page) => {
      await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
      await page.getByRole("button", { name: /^Filters/ }).click();
      // The panel loads the first time it opens.
      const form = byName(page, "form", "Filters");
      await form.waitFor();
      return form;
    },
    submit: click("Apply filters"),
    fields: {
      "Search Query": { value: "refund-7", at: "search_query" },
      "Search Type": { value: "segment", at: "search_type" },
      "Include Empty": { value: true, at: "include_empty", sent: true },
      "Filter Unread": { value: true, at: "filter_unread", sent: true },
      "Filter Resolved": { value: true, at: "filter_resolved", sent: true },
      "Filter Not Resolved": { value: true, at: "filter_not_resolved", sent: true },
      "Filter Mention": { value: true, at: "filter_mention", sent: true },
      "Filter Assigned": { value: "5c8f1a3e-0b72-4d19-a6e4-2e9b7c0d4f15", at: "filter_assigned" },
      "Filter Unassigned": { value: true, at: "filter_unassigned", sent: true },
      // The page runs in UTC (see `timezoneId` below), so the local minute is that UTC instant.
      "Filter Date Start": { value: "2026-03-04T05:06", at: "filter_date_start", sent: "2026-03-04T05:06:00.000Z" },
      "Filter Date End": { value: "2026-03-05T07:08", at: "filter_date_end", sent: "2026-03-05T07:08:59.999Z" },
      "Order By Date Created": { value: true, at: "order_date_created", sent: true },
      "Order By Date Updated": { value: true, at: "order_date_updated", sent: true },
      Limit: {
        value: "3",
        effect: "Limit caps the list (stream_conversations pages until it has that many): at most that many are shown",
        check: async (app) => {
          // The filters above let nothing through; Limit alone, over pages of 50, shows exactly 3.
          // Applying (or clearing) closes the panel; it is opened again each time.
          const form = byName(app.page, "form", "Filters");
          const toggle = app.page.getByRole("button", { name: /^Filters/ });
          const reopen = async () => {
            await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("false");
            await toggle.click();
          };
          await reopen();
          await form.getByRole("button", { name: "Clear filters" }).click();
          await reopen();
          await form.getByLabel("Limit", { exact: true }).fill("3");
          await form.getByRole("button", { name: "Apply filters" }).click();
          await app.page.getByRole("listitem").filter({ hasText: "Limit: 3" }).first().waitFor();
          const rows = app.page.getByRole("listbox", { name: "Conversations" }).getByRole("option");
          await expect.poll(() => rows.count(), { message: "Limit 3 shows exactly 3 of the 50 the page holds" }).toBe(3);
        },
      },
    },
  },
  {
    name: "Remove a Conversation",
    describedAs: "Remove a conversation on the website.",
    command: "remove_conversation",
    route: `conversations/${SESSION}`,
    handlers: () => fakeCrisp().handlers,
    open: async (page) => {
      await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
      await page.getByRole("button", { name: "Remove conversation" }).click();
      return byName(page, "dialog", "Remove this conversation?");
    },
    submit: click("Remove"),
    fields: { "Session ID": { value: TYPED_SESSION, at: "session_id" } },
  },
  {
    name: "List Messages",
    describedAs: "Resolves messages in an existing conversation.",
    command: "list_messages",
    route: `conversations/${SESSION}`,
    handlers: () => fakeCrisp().handlers,
    open: async (page) => {
      await page.getByRole("region", { name: "Messages" }).getByText("Message 45", { exact: true }).waitFor();
      return byName(page, "form", "Jump back in time");
    },
    submit: click("Jump"),
    fields: {
      "Session ID": { value: TYPED_SESSION, at: "session_id" },
      Before: { value: "2026-07-20T08:30", at: "timestamp_before", sent: Date.UTC(2026, 6, 20, 8, 30) },
      Limit: { value: "4", at: "limit", sent: 4 },
    },
  },
  {
    name: "Send a Message",
    describedAs: "Sends a message in an existing conversation.",
    command: "send_message",
    route: `conversations/${SESSION}`,
    handlers: () => fakeCrisp().handlers,
    open: async (page) => {
      await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
      await page.getByRole("button", { name: "Advanced…" }).click();
      return byName(page, "dialog", "Send a Message");
    },
    submit: click("Send message"),
    fields: {
      "Session ID": { value: TYPED_SESSION, at: "session_id" },
      "Message Type": { value: "note", at: "body.type" },
      Content: [
        { in: "Message", value: "A private note, typed", at: "body.content" },
        { in: "Original", value: "Uma nota privada", at: "body.original.content" },
      ],
      "Message Sender": { value: "user", at: "body.from" },
      "Message Origin": { value: "urn:crisp.im:modules:0", at: "body.origin" },
      "Mentioned User Identifier": {
        value: "5c8f1a3e-0b72-4d19-a6e4-2e9b7c0d4f15",
        at: "body.mentions",
        sent: ["5c8f1a3e-0b72-4d19-a6e4-2e9b7c0d4f15"],
      },
      "Unique Message Fingerprint": { value: "172145930000777", at: "body.fingerprint", sent: 172145930000777 },
      Type: [
        { in: "Sender user", value: "participant", at: "body.user.type" },
        { in: "Original", value: "text", at: "body.original.type" },
      ],
      Nickname: { in: "Sender user", value: "Modules Bot", at: "body.user.nickname" },
      Avatar: { in: "Sender user", value: "https://example.org/bot.png", at: "body.user.avatar" },
      Translated: { value: true, at: "body.translated", sent: true },
    },
  },
  {
    name: "Get a Message",
    describedAs: "Resolves an existing message in an existing conversation.",
    command: "get_message",
    route: `conversations/${SESSION}`,
    handlers: () => fakeCrisp().handlers,
    open: async (page) => {
      await page.getByRole("region", { name: "Messages" }).getByText("Message 45", { exact: true }).waitFor();
      return byName(page, "form", "Find a message");
    },
    submit: click("Get message"),
    fields: {
      "Session ID": { value: TYPED_SESSION, at: "session_id" },
      "Message Fingerprint": { value: "172145900000003", at: "fingerprint", sent: 172145900000003 },
    },
  },
  {
    name: "Update a Message",
    describedAs: "Edits an existing message in an existing conversation.",
    command: "update_message",
    route: `conversations/${SESSION}`,
    handlers: () => {
      const crisp = fakeCrisp();
      crisp.state.messages.set(SESSION, everyTypeMessages(SESSION));
      crisp.state.messages.set(TYPED_SESSION, everyTypeMessages(TYPED_SESSION));
      return crisp.handlers;
    },
    open: async (page) => {
      await page.getByRole("button", { name: "Edit message 172145800000002" }).click();
      return byName(page, "dialog", "Update a Message");
    },
    submit: click("Save message"),
    fields: {
      "Session ID": { value: TYPED_SESSION, at: "session_id" },
      "Message Fingerprint": { value: "172145800000001", at: "fingerprint", sent: 172145800000001 },
      "Message Type": {
        fixed: "Crisp's PATCH body is the content alone: a message keeps its type, shown read-only, and its content form follows it",
      },
    },
  },
  {
    name: "Add a People",
    describedAs: "Adds a new people profile.",
    command: "add_people_profile",
    route: "people/new",
    handlers: () => ({ add_people_profile: () => ({ people_id: PEOPLE_ID }), get_people_profile: () => STORED_PROFILE }),
    open: async (page) => {
      await byName(page, "group", "Profiles").getByRole("button", { name: "Add to Profiles" }).click();
      return page.locator("main");
    },
    submit: async (_form, page) => page.getByRole("button", { name: "Add profile" }).click(),
    fields: profileFields(false),
  },
  {
    name: "Update a People",
    describedAs: "Updates people profile",
    command: "update_people_profile",
    route: `people/${PEOPLE_ID}/edit`,
    handlers: () => ({ get_people_profile: () => ({ ...STORED_PROFILE, person: { ...STORED_PROFILE.person, profiles: [] } }), update_people_profile: () => null }),
    open: async (page) => {
      await byName(page, "group", "Contact").waitFor();
      await byName(page, "group", "Profiles").getByRole("button", { name: "Add to Profiles" }).click();
      return page.locator("main");
    },
    submit: async (_form, page) => page.getByRole("button", { name: "Save changes" }).click(),
    fields: profileFields(true),
  },
  {
    name: "Remove a People",
    describedAs: "Removes people",
    command: "remove_people_profile",
    route: `people/${PEOPLE_ID}`,
    handlers: () => ({ get_people_profile: () => STORED_PROFILE, remove_people_profile: () => null, list_people_profiles: () => [] }),
    open: async (page) => {
      await page.getByRole("heading", { name: "Ana Costa" }).waitFor();
      await page.getByRole("button", { name: "Remove", exact: true }).click();
      return byName(page, "dialog", "Remove this profile?");
    },
    submit: click("Remove profile"),
    fields: { "People ID": { value: "ana.removed@example.org", at: "people_id" } },
  },
  {
    name: "List People",
    describedAs: "Lists people profiles",
    // With a Limit (typed with the rest), the screen asks stream_people_profiles for that many at once.
    command: "stream_people_profiles",
    route: "people",
    handlers: () => ({
      list_people_profiles: (args) => makeProfiles(50, ((args.request.page as number) - 1) * 50),
      stream_people_profiles: pagedStream((_request, page) => makeProfiles(50, (page - 1) * 50)),
    }),
    open: async (page) => byName(page, "form", "List people"),
    submit: click("Apply filters"),
    fields: {
      "Sort Order": { value: "descending", at: "sort_order" },
      "Search Text": { value: "modules-search", at: "search_text" },
      // The page runs in UTC: a local day is that UTC day.
      "Filter From": { value: "2025-02-03", at: "filter_date_start", sent: "2025-02-03T00:00:00.000Z" },
      "Filter Until": { value: "2025-02-09", at: "filter_date_end", sent: "2025-02-09T23:59:59.999Z" },
      Limit: {
        value: "3",
        effect: "Limit caps the list (stream_people_profiles pages until it has that many): at most that many are shown",
        check: async (app) => {
          const rows = app.page.getByRole("table", { name: "People" }).getByRole("row");
          await expect.poll(() => rows.count(), { message: "Limit 3 shows exactly 3 of the 50 the page holds (and the header)" }).toBe(4);
        },
      },
    },
  },
  {
    name: "Count Visitors",
    describedAs: "Counts visitors currently on the website.",
    command: "count_visitors",
    route: "visitors",
    handlers: () => ({ count_visitors: () => ({ count: 0 }), list_visitors: () => [] }),
    open: async (page) => page.getByRole("form", { name: "List visitors" }),
    submit: async () => undefined,
    fields: {},
    noFields: "the visitors screen counts on opening",
  },
  {
    name: "List Visitors",
    describedAs: "Lists visitors currently on the website.",
    command: "stream_visitors",
    route: "visitors",
    handlers: () => ({ count_visitors: () => ({ count: 0 }), list_visitors: () => [], stream_visitors: () => ({ pages: 0, items: 0 }) }),
    open: async (page) => byName(page, "form", "List visitors"),
    submit: async (form) => form.getByLabel("Limit", { exact: true }).press("Enter"),
    fields: { Limit: { value: "45", at: "limit", sent: 45 } },
  },
  {
    name: "Check If a Website Exists",
    describedAs: "Checks if a given website exists",
    command: "check_website_exists",
    route: "websites",
    handlers: () => ({ get_website: () => website, check_website_exists: () => ({ exists: true }) }),
    open: async (page) => byName(page, "group", "Check a domain"),
    submit: click("Check domain"),
    fields: { Domain: { value: "modules-check.example", at: "domain" } },
  },
  {
    name: "Get a Website",
    describedAs: "Resolves existing website information.",
    command: "get_website",
    route: "websites",
    handlers: () => ({ get_website: () => website }),
    open: async (page) => page.getByTestId("website-name"),
    submit: async () => undefined,
    fields: {},
    noFields: "the websites screen gets the connection's website on opening",
  },
  {
    name: "Create a Website",
    describedAs: "Creates a new website.",
    command: "create_website",
    route: "websites",
    handlers: () => ({ get_website: () => website, create_website: () => ({ website_id: "w2", name: "Modules Site", domain: "modules.example" }) }),
    open: async (page) => byName(page, "group", "Create a website"),
    submit: click("Create website"),
    fields: {
      Website: { value: "Modules Site", at: "body.name" },
      Domain: { value: "modules.example", at: "body.domain" },
    },
  },
  {
    name: "Delete a Website",
    describedAs: "Deletes an existing website.",
    command: "delete_website",
    route: "websites",
    handlers: () => ({ get_website: () => website, delete_website: () => null }),
    open: async (page) => {
      await page.getByTestId("website-name").waitFor();
      const form = byName(page, "group", "Delete a website");
      await form.getByLabel("Verification method").selectOption("password");
      await form.getByLabel("Type the website's name to confirm").fill(website.name);
      return form;
    },
    submit: click("Delete website"),
    fields: { Password: { value: "correct horse 42", at: "body.verify.secret" } },
  },
  {
    name: "Make an API Call",
    describedAs: "Performs an arbitrary authorized API call.",
    command: "call_api",
    route: "raw",
    handlers: () => ({ call_api: () => ({ status: 200, headers: [], body: {}, elapsed_ms: 1 }) }),
    open: async (page) => byName(page, "form", "API call"),
    submit: async (form) => form.getByRole("button", { name: "Send", exact: true }).click(),
    fields: {
      URL: { value: `/v1/website/${WEBSITE_ID}/people/profiles/1`, at: "path" },
      Method: { value: "PATCH", at: "method" },
      Headers: { value: "X-Modules: yes", at: "headers", sent: { "X-Modules": "yes" } },
      "Query String": { value: "search_text=modules", at: "query", sent: { search_text: "modules" } },
      Body: { value: '{"modules": 1}', at: "body", sent: { modules: 1 } },
    },
  },
];

/** The documented fields as the forms show them (Profiles is a group of three fields). */
function documentedFields(module: CrispModule): string[] {
  return expandProfiles(module.fields);
}

/** The plan for each documented field, in order (a repeated name takes its plans in turn). */
function plansFor(plan: ModulePlan, fields: string[]): Array<[string, FieldPlan]> {
  const used = new Map<string, number>();
  return fields.map((name) => {
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    const entry = plan.fields[name];
    const all = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
    const found = all[seen];
    if (!found) throw new Error(`${plan.name}: the docs' field "${name}" (occurrence ${seen + 1}) has no plan in modules.spec.ts`);
    return [name, found];
  });
}

/** The one labelled form control for `name` in `scope` (inside the fieldset `legend` when given). */
async function theControl(form: Locator, name: string, legend: string | undefined, where: string): Promise<Locator> {
  const scope = legend ? form.getByRole("group", { name: legend, exact: true }) : form;
  const control = scope.getByLabel(name, { exact: true }).and(scope.locator("input, select, textarea"));
  const count = await control.count();
  expect(count, `${where}: exactly one control labelled "${name}"${legend ? ` in "${legend}"` : ""}`).toBe(1);
  expect(await control.isVisible(), `${where}: "${name}" is visible`).toBe(true);
  return control;
}

/** Types, picks or ticks `value` the way the control takes it. */
async function enter(control: Locator, value: string | true | string[], where: string) {
  const kind = await control.evaluate((el) => `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).type ?? ""}`);
  expect(await control.isEditable(), `${where} can be typed in`).toBe(true);
  if (value === true) {
    expect(["input:checkbox", "input:radio"], `${where} is a checkbox`).toContain(kind);
    await control.check();
  } else if (Array.isArray(value)) {
    for (const item of value) {
      await control.fill(item);
      await control.press("Enter");
    }
  } else if (kind.startsWith("select")) {
    await control.selectOption(value);
  } else {
    await control.fill(value);
  }
}

function at(object: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, key) => (o == null ? undefined : (o as Record<string, unknown>)[key]), object);
}

const DOCUMENTED = readModules();

test("every module of crisp-modules.txt has exactly one entry in the modules table, and every entry a module", () => {
  const unmapped = DOCUMENTED.filter((m) => MODULES.filter((p) => m.description.startsWith(p.describedAs)).length !== 1);
  expect(
    unmapped.map((m) => m.description),
    "each module of the docs needs one entry in MODULES (form, command, field plans) so none is skipped",
  ).toEqual([]);
  const stale = MODULES.filter((p) => DOCUMENTED.filter((m) => m.description.startsWith(p.describedAs)).length !== 1);
  expect(stale.map((p) => p.name), "each entry matches one module of the docs").toEqual([]);
  expect(DOCUMENTED.length, "the docs list 18 modules").toBe(18);
});

describe("each documented field is a labelled, typeable control whose value reaches the command", () => {
  for (const module of DOCUMENTED) {
    const plan = MODULES.find((p) => module.description.startsWith(p.describedAs));
    test(`${plan?.name ?? module.description}: ${module.fields.length ? module.fields.join(", ") : "(no field)"}`, async () => {
      if (!plan) throw new Error(`no entry in MODULES for the module "${module.description}": add its form and command`);
      const fields = documentedFields(module);
      const plans = plansFor(plan, fields);
      const extra = Object.keys(plan.fields).filter((name) => !fields.includes(name));
      expect(extra, `${plan.name}: every planned field is one the docs list`).toEqual([]);
      const app = await openApp({ route: plan.route, handlers: plan.handlers(), timezoneId: "UTC" });
      try {
        const form = await plan.open(app.page);
        await form.waitFor();
        if (plans.length === 0) {
          expect(plan.noFields, `${plan.name} says what shows it without fields`).toBeTruthy();
          await plan.submit(form, app.page);
          await expect.poll(() => app.ipc.of(plan.command!).length, { message: `${plan.name}: ${plan.noFields}` }).toBeGreaterThan(0);
          return;
        }
        const before = plan.command ? app.ipc.of(plan.command).length : 0;
        for (const [name, field] of plans) {
          const where = `${plan.name} › ${field.in ? `${field.in} › ` : ""}${name}`;
          const control = await theControl(form, name, field.in, where);
          if ("fixed" in field) continue;
          await enter(control, field.value, where);
        }
        await plan.submit(form, app.page);
        const command = plan.command!;
        await expect
          .poll(() => app.ipc.of(command).length, { message: `${plan.name}: submitting calls ${command}` })
          .toBeGreaterThan(before);
        const request = app.ipc.of(command)[before].request;
        const wrong: string[] = [];
        for (const [name, field] of plans) {
          if ("fixed" in field || "effect" in field) continue;
          const expected = field.sent ?? field.value;
          try {
            expect(at(request, field.at)).toEqual(expected);
          } catch {
            wrong.push(`${field.in ? `${field.in} › ` : ""}${name} → request.${field.at} = ${JSON.stringify(at(request, field.at))}`);
          }
        }
        expect(wrong, `${plan.name}: typed values missing from the ${command} request ${JSON.stringify(request)}`).toEqual([]);
        for (const [, field] of plans) if ("effect" in field) await field.check(app);
      } finally {
        await app.close();
      }
    });
  }
});

test("Remove a Conversation removes the conversation whose Session ID was typed, and the open one stays open", async () => {
  const other = sessionId(1);
  const app = await openApp({ route: `conversations/${SESSION}`, handlers: fakeCrisp().handlers });
  try {
    const { page, ipc } = app;
    await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
    await page.getByRole("option", { name: /Bruno Lima 1/ }).waitFor();
    await page.getByRole("button", { name: "Remove conversation" }).click();
    const dialog = byName(page, "dialog", "Remove this conversation?");
    const typed = dialog.getByLabel("Session ID", { exact: true });
    expect(await typed.inputValue(), "the confirmation starts with the open conversation").toBe(SESSION);
    await typed.fill(other);
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    await expect.poll(() => ipc.of("remove_conversation").length).toBe(1);
    expect(ipc.last("remove_conversation").request, "RemoveConversation for the typed Session ID").toEqual({
      website_id: WEBSITE_ID,
      session_id: other,
    });
    await expect.poll(() => page.getByRole("option", { name: /Bruno Lima 1/ }).count(), { message: "the removed one leaves the list" }).toBe(0);
    expect(await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).isVisible(), "the open conversation stays open").toBe(true);
    expect(await page.evaluate(() => window.location.hash), "and keeps its route").toBe(`#/conversations/${SESSION}`);
  } finally {
    await app.close();
  }
});
