/**
 * Every field of the people, visitors, websites and API call modules, read from the integration platform's
 * docs (`../shared/crisp-modules.txt`), is a control labelled with exactly that name. Names used twice in a
 * module (Company Name, Country Code, ...) are told apart by the fieldset legend around them.
 */
import { afterAll, describe, expect, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import { closeBrowser, openApp } from "./support/app";
import { expandProfiles, moduleNamed } from "./fixtures/people-crisp-modules";
import { PEOPLE_ID, STORED_PROFILE, group } from "./fixtures/people-data";

afterAll(closeBrowser);

/** The profile form's fieldsets in screen order, with the labels each holds. */
const PROFILE_GROUPS: Array<[string, string[]]> = [
  ["Profile", ["People ID"]],
  ["Contact", ["Email"]],
  ["Person", ["Full Name", "Avatar URL", "Gender", "Phone Number", "User Address", "User Website", "Timezone"]],
  ["Profile 1", ["Profile Type", "Handle", "Profile URL"]],
  ["Employment", ["Company Name", "Company Domain Name", "User Title", "User Role", "User Seniority"]],
  ["Location", ["Country Code", "Region Code", "City Name", "Latitude", "Longitude"]],
  ["Locales", ["Locales"]],
  [
    "Company",
    [
      "Company Name",
      "Company Legal Name",
      "Company Domain Name",
      "Company Website URL",
      "Company Description",
      "Company Timezone Offset",
      "Company Phones",
      "Company Emails",
    ],
  ],
  ["Company location", ["Country Code", "Region Code", "City Name", "Latitude", "Longitude"]],
  ["Company metrics", ["Number of Employees", "Market Capitalization", "Money Raised", "Annual Recurring Revenue"]],
  ["Tags", ["Tags"]],
  ["Segments", ["Segments"]],
  ["Private Notepad", ["Private Notepad"]],
];

/**
 * Where each documented field of the profile modules lives: the k-th time a name appears in the docs it is
 * looked for in the k-th fieldset (in screen order) that holds that name.
 */
function legendsFor(fields: string[]): Array<[string, string]> {
  const used = new Map<string, number>();
  return fields.map((name) => {
    const seen = used.get(name) ?? 0;
    used.set(name, seen + 1);
    const holders = PROFILE_GROUPS.filter(([, labels]) => labels.includes(name));
    const holder = holders[seen];
    if (!holder) throw new Error(`${name} (occurrence ${seen + 1}) has no fieldset in the profile form`);
    return [holder[0], name];
  });
}

/** Expects exactly one control labelled `name` (exactly) inside `scope`. */
async function expectLabelled(scope: Locator | Page, name: string, where: string) {
  const control = scope.getByLabel(name, { exact: true });
  expect(await control.count(), `${where}: one control labelled "${name}"`).toBe(1);
  const tag = await control.evaluate((element) => element.tagName.toLowerCase());
  expect(["input", "select", "textarea"], `${where}: "${name}" labels a form control`).toContain(tag);
}

describe("people modules", () => {
  test("Add a People: every documented field is a labelled control in its fieldset", async () => {
    const fields = expandProfiles(moduleNamed("Adds a new people profile").fields);
    expect(fields.length, "the docs list the add module's fields").toBeGreaterThan(35);
    const app = await openApp({ route: "people/new" });
    try {
      const { page } = app;
      await group(page, "Profiles").getByRole("button", { name: "Add to Profiles" }).click();
      for (const [legend, name] of legendsFor(fields)) {
        await expectLabelled(group(page, legend), name, `Add › ${legend}`);
      }
    } finally {
      await app.close();
    }
  });

  test("Update a People: People ID and every profile field are labelled controls", async () => {
    const fields = expandProfiles(moduleNamed("Updates people profile").fields);
    const app = await openApp({ route: `people/${PEOPLE_ID}/edit`, handlers: { get_people_profile: () => STORED_PROFILE } });
    try {
      const { page } = app;
      await group(page, "Contact").waitFor();
      for (const [legend, name] of legendsFor(fields)) {
        await expectLabelled(group(page, legend), name, `Update › ${legend}`);
      }
    } finally {
      await app.close();
    }
  });

  test("Remove a People: People ID is labelled in the confirmation", async () => {
    const fields = moduleNamed("Removes people").fields;
    const app = await openApp({ route: `people/${PEOPLE_ID}`, handlers: { get_people_profile: () => STORED_PROFILE } });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Remove", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Remove this profile?" });
      for (const name of fields) await expectLabelled(dialog, name, "Remove dialog");
    } finally {
      await app.close();
    }
  });

  test("List People: Sort Order, Search Text, Filter From, Filter Until and Limit", async () => {
    const fields = moduleNamed("Lists people profiles").fields;
    const app = await openApp({ route: "people", handlers: { list_people_profiles: () => [] } });
    try {
      const form = app.page.getByRole("form", { name: "List people" });
      await form.waitFor();
      for (const name of fields) await expectLabelled(form, name, "List people");
    } finally {
      await app.close();
    }
  });
});

describe("visitors, websites and API call modules", () => {
  test("List Visitors: Limit (Count Visitors has no field)", async () => {
    expect(moduleNamed("Counts visitors").fields, "counting visitors takes no field").toEqual([]);
    const fields = moduleNamed("Lists visitors").fields;
    const app = await openApp({ route: "visitors", handlers: { count_visitors: () => ({ count: 0 }), list_visitors: () => [] } });
    try {
      const form = app.page.getByRole("form", { name: "List visitors" });
      await form.waitFor();
      for (const name of fields) await expectLabelled(form, name, "List visitors");
    } finally {
      await app.close();
    }
  });

  test("Websites: Domain (check), Website and Domain (create), Password (delete)", async () => {
    expect(moduleNamed("Resolves existing website").fields, "getting the website takes no field").toEqual([]);
    const app = await openApp({
      route: "websites",
      handlers: { get_website: () => ({ website_id: "w", name: "Acme Support", domain: "acme.pt" }) },
    });
    try {
      const { page } = app;
      const modules: Array<[string, string]> = [
        ["Checks if a given website exists", "Check a domain"],
        ["Creates a new website", "Create a website"],
        ["Deletes an existing website", "Delete a website"],
      ];
      for (const [module, legend] of modules) {
        const scope = group(page, legend);
        await scope.waitFor();
        for (const name of moduleNamed(module).fields) await expectLabelled(scope, name, legend);
      }
    } finally {
      await app.close();
    }
  });

  test("Make an API call: URL, Method, Headers, Query String and Body", async () => {
    const fields = moduleNamed("Performs an arbitrary authorized API call").fields;
    const app = await openApp({ route: "raw" });
    try {
      const form = app.page.getByRole("form", { name: "API call" });
      await form.waitFor();
      for (const name of fields) await expectLabelled(form, name, "API call");
    } finally {
      await app.close();
    }
  });
});
