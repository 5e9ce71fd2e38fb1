import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, ipcError, openApp, pagedStream } from "./support/app";
import {
  CHIPS,
  FULL_BODY,
  PEOPLE_ID,
  SOCIAL,
  STORED_PROFILE,
  TYPED,
  WEBSITE_ID,
  control,
  group,
  makeProfiles,
  typeChips,
} from "./fixtures/people-data";

afterAll(closeBrowser);

/** Fills the whole Add a People form with the fixture values. */
async function fillEveryField(page: import("playwright-core").Page) {
  for (const [legend, label, text] of TYPED) await control(page, legend, label).fill(text);
  await control(page, "Person", "Gender").selectOption("female");
  for (const [legend, label, items] of CHIPS) await typeChips(control(page, legend, label), items);
  const social = group(page, "Profiles");
  for (const [index, [type, handle, url]] of SOCIAL.entries()) {
    await social.getByRole("button", { name: "Add to Profiles" }).click();
    const row = group(page, `Profile ${index + 1}`);
    await row.getByLabel("Profile Type", { exact: true }).fill(type);
    await row.getByLabel("Handle", { exact: true }).fill(handle);
    await row.getByLabel("Profile URL", { exact: true }).fill(url);
  }
}

describe("add a people profile", () => {
  test("sends every field at its contract path, nothing missing and nothing invented, then opens the profile", async () => {
    const app = await openApp({
      route: "people/new",
      handlers: {
        add_people_profile: () => ({ people_id: PEOPLE_ID }),
        get_people_profile: () => STORED_PROFILE,
      },
    });
    try {
      const { page } = app;
      await page.getByRole("heading", { name: "Add a people profile" }).waitFor();
      await fillEveryField(page);
      // A third row added and removed again must leave no trace in the body.
      await group(page, "Profiles").getByRole("button", { name: "Add to Profiles" }).click();
      await page.getByRole("button", { name: "Remove profile 3" }).click();
      await page.getByRole("button", { name: "Add profile" }).click();

      await page.getByRole("heading", { name: "Ana Costa" }).waitFor();
      expect(app.ipc.of("add_people_profile").length, "one save, one add").toBe(1);
      expect(app.ipc.last("add_people_profile"), "the request is the AddPeopleProfile shape with the full body").toEqual({
        connection: "demo",
        request: { website_id: WEBSITE_ID, body: FULL_BODY },
      });
      expect(await page.evaluate(() => window.location.hash), "a saved profile opens its detail view").toBe(
        `#/people/${PEOPLE_ID}`,
      );
      expect(app.errors, "no console errors").toEqual([]);
    } finally {
      await app.close();
    }
  });

  test("marks Email and Full Name as required and refuses to save without them", async () => {
    const app = await openApp({ route: "people/new", handlers: { add_people_profile: () => ({ people_id: PEOPLE_ID }) } });
    try {
      const { page } = app;
      const email = control(page, "Contact", "Email");
      await email.waitFor();
      expect(await email.getAttribute("required"), "Email is a required control").not.toBeNull();
      expect(await control(page, "Person", "Full Name").getAttribute("required"), "Full Name is required").not.toBeNull();
      expect(await group(page, "Contact").locator(".pf-required").count(), "the label carries the visible marker").toBe(1);
      await page.getByRole("button", { name: "Add profile" }).click();
      expect(await email.getAttribute("aria-invalid"), "the empty required field is flagged").toBe("true");
      expect(app.ipc.of("add_people_profile").length, "nothing is sent while required fields are empty").toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe("errors land at their field", () => {
  test("a validation error shows at the field, blocks the save and keeps what was typed", async () => {
    const app = await openApp({ route: "people/new", handlers: { add_people_profile: () => ({ people_id: PEOPLE_ID }) } });
    try {
      const { page } = app;
      await control(page, "Contact", "Email").fill("ana@example.com");
      await control(page, "Person", "Full Name").fill("Ana Costa");
      const country = control(page, "Location", "Country Code");
      await country.fill("PRT");
      await country.blur();
      const latitude = control(page, "Company location", "Latitude");
      await latitude.fill("91");
      await latitude.blur();
      await page.getByRole("button", { name: "Add profile" }).click();

      expect(await country.getAttribute("aria-invalid"), "the country field is flagged").toBe("true");
      const countryError = await country.getAttribute("aria-describedby");
      expect(await page.locator(`[id="${countryError?.split(" ").pop()}"]`).textContent(), "the message sits at the field").toMatch(
        /2-letter country code/,
      );
      expect(await latitude.getAttribute("aria-invalid"), "the company latitude is flagged too").toBe("true");
      expect(await country.inputValue(), "the typed value is kept").toBe("PRT");
      expect(await control(page, "Person", "Full Name").inputValue(), "other fields keep their values").toBe("Ana Costa");
      expect(app.ipc.of("add_people_profile").length, "an invalid form is not sent").toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("name")), "focus goes to the first problem").toBe(
        "person.geolocation.country",
      );
    } finally {
      await app.close();
    }
  });

  test("an API error names its field: the message shows there and every input is kept", async () => {
    const app = await openApp({
      route: "people/new",
      handlers: {
        add_people_profile: () => {
          throw ipcError("invalid_input", "Crisp refused it: this email is already used by another profile.", "body.email");
        },
      },
    });
    try {
      const { page } = app;
      await fillEveryField(page);
      await page.getByRole("button", { name: "Add profile" }).click();
      const email = control(page, "Contact", "Email");
      await page.getByText("this email is already used").first().waitFor();
      expect(await email.getAttribute("aria-invalid"), "the email field carries the API error").toBe("true");
      const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
      const texts = await Promise.all(describedBy.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(texts.join(" "), "the API message is read with the field").toMatch(/already used by another profile/);
      for (const [legend, label, text] of TYPED) {
        expect(await control(page, legend, label).inputValue(), `${legend} › ${label} keeps its value`).toBe(text);
      }
      expect(await group(page, "Segments").getByRole("listitem").allTextContents(), "chips are kept").toEqual([
        "customer×",
        "vip×",
      ]);
      expect(await page.evaluate(() => window.location.hash), "the form stays open").toBe("#/people/new");
    } finally {
      await app.close();
    }
  });
});

describe("edit a people profile", () => {
  test("pre-fills from get_people_profile and sends only the changed fields, with null for a cleared one", async () => {
    const app = await openApp({
      route: `people/${PEOPLE_ID}/edit`,
      handlers: { get_people_profile: () => STORED_PROFILE, update_people_profile: () => null },
    });
    try {
      const { page } = app;
      const name = control(page, "Person", "Full Name");
      await name.waitFor();
      expect(await name.inputValue(), "the form is filled from the stored profile").toBe("Ana Costa");
      expect(await control(page, "Company location", "Latitude").inputValue(), "numbers are filled as text").toBe("38.7");
      expect(await group(page, "Profile 2").getByLabel("Handle", { exact: true }).inputValue(), "rows are filled").toBe(
        "ana",
      );
      expect(await control(page, "Profile", "People ID").inputValue(), "the People ID is shown").toBe(PEOPLE_ID);

      await name.fill("Ana C. Costa");
      await control(page, "Person", "Phone Number").fill("");
      await control(page, "Company metrics", "Money Raised").fill("2500000");
      await typeChips(control(page, "Segments", "Segments"), ["churn-risk"]);
      await page.getByText("4 changed fields will be saved.").waitFor();
      await page.getByRole("button", { name: "Save changes" }).click();

      await page.getByRole("heading", { name: "Ana Costa" }).waitFor();
      expect(app.ipc.last("update_people_profile"), "only what changed travels, clearing is null").toEqual({
        connection: "demo",
        request: {
          website_id: WEBSITE_ID,
          people_id: PEOPLE_ID,
          body: {
            person: { nickname: "Ana C. Costa", phone: null },
            company: { metrics: { raised: 2500000 } },
            segments: ["customer", "vip", "churn-risk"],
          },
        },
      });
    } finally {
      await app.close();
    }
  });

  test("leaving a form with unsaved changes asks first, and staying keeps the input", async () => {
    const app = await openApp({
      route: `people/${PEOPLE_ID}/edit`,
      handlers: { get_people_profile: () => STORED_PROFILE, count_visitors: () => ({ count: 0 }), list_visitors: () => [] },
    });
    try {
      const { page } = app;
      const name = control(page, "Person", "Full Name");
      await name.waitFor();
      await name.fill("Someone else");
      const nav = page.getByRole("navigation", { name: "Sections" });
      await nav.getByRole("link", { name: "Visitors" }).click();
      const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "Stay on the form" }).click();
      expect(await name.inputValue(), "staying keeps what was typed").toBe("Someone else");
      expect(await page.evaluate(() => window.location.hash), "still on the form").toBe(`#/people/${PEOPLE_ID}/edit`);

      await nav.getByRole("link", { name: "Visitors" }).click();
      await dialog.getByRole("button", { name: "Leave without saving" }).click();
      await page.getByRole("heading", { name: "Visitors" }).waitFor();
      expect(app.ipc.of("update_people_profile").length, "nothing was saved").toBe(0);
    } finally {
      await app.close();
    }
  });

  test("removes a profile only after confirmation and returns to the list", async () => {
    const app = await openApp({
      route: `people/${PEOPLE_ID}`,
      handlers: {
        get_people_profile: () => STORED_PROFILE,
        remove_people_profile: () => null,
        list_people_profiles: () => makeProfiles(3),
      },
    });
    try {
      const { page } = app;
      await page.getByRole("heading", { name: "Ana Costa" }).waitFor();
      await page.getByRole("button", { name: "Remove", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Remove this profile?" });
      expect(await dialog.getByLabel("People ID").inputValue(), "the dialog names the profile").toBe(PEOPLE_ID);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 5000 })
        .toBe("Cancel");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      expect(app.ipc.of("remove_people_profile").length, "cancel removes nothing").toBe(0);

      await page.getByRole("button", { name: "Remove", exact: true }).click();
      await dialog.getByRole("button", { name: "Remove profile" }).click();
      await page.getByRole("heading", { name: "People", exact: true }).waitFor();
      expect(app.ipc.last("remove_people_profile"), "the RemovePeopleProfile request").toEqual({
        connection: "demo",
        request: { website_id: WEBSITE_ID, people_id: PEOPLE_ID },
      });
    } finally {
      await app.close();
    }
  });

  test("a profile's conversations are one click away", async () => {
    const app = await openApp({
      route: `people/${PEOPLE_ID}`,
      handlers: {
        get_people_profile: () => STORED_PROFILE,
        search_conversations: () => [
          { session_id: "session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246", last_message: "<b>My refund</b>", state: "pending" },
        ],
      },
    });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Conversations" }).click();
      const link = page.getByRole("link", { name: "<b>My refund</b>" });
      await link.waitFor();
      expect(await link.getAttribute("href"), "the link opens the conversation").toBe(
        "#/conversations/session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246",
      );
      expect(app.ipc.last("search_conversations").request, "conversations are found by the profile's email").toMatchObject({
        website_id: WEBSITE_ID,
        search_query: "ana@example.com",
        search_type: "text",
      });
    } finally {
      await app.close();
    }
  });
});

describe("people list", () => {
  test("sends the List People filters and shows the search_filter JSON it sends", async () => {
    const app = await openApp({
      route: "people",
      handlers: {
        list_people_profiles: () => makeProfiles(5),
        stream_people_profiles: pagedStream((_request, page) => (page === 1 ? makeProfiles(5) : [])),
      },
    });
    try {
      const { page } = app;
      await page.getByRole("table", { name: "People" }).waitFor();
      expect(app.ipc.last("list_people_profiles").request, "the first page asks only for the page size").toEqual({
        website_id: WEBSITE_ID,
        page: 1,
        per_page: 50,
      });
      const filters = page.getByRole("form", { name: "List people" });
      await filters.getByLabel("Search Text").fill("acme");
      await filters.getByLabel("Sort Field").selectOption("nickname");
      await filters.getByLabel("Sort Order").selectOption("descending");
      await filters.getByLabel("Filter From").fill("2024-07-01");
      await filters.getByLabel("Filter Until").fill("2024-07-31");
      await filters.getByLabel("Limit").fill("120");
      await filters.getByRole("button", { name: "Search filter" }).click();
      const builder = group(page, "Search filter");
      await builder.getByRole("button", { name: "Add condition" }).click();
      await builder.getByRole("button", { name: "Add condition" }).click();
      const first = group(page, "Condition 1");
      await first.getByLabel("Criterion").fill("segments");
      await first.getByLabel("Operator").selectOption("has");
      await typeChips(first.getByLabel("Values", { exact: true }), ["vip", "gold"]);
      const second = group(page, "Condition 2");
      await second.getByLabel("Criterion").fill("person.geolocation.country");
      await typeChips(second.getByLabel("Values", { exact: true }), ["PT"]);
      await builder.getByLabel("any condition (or)").check();

      const expected = [
        { model: "people", criterion: "segments", operator: "has", query: ["vip", "gold"] },
        { model: "people", criterion: "person.geolocation.country", operator: "eq", query: ["PT"] },
      ];
      expect(JSON.parse((await page.getByTestId("search-filter-json").textContent()) ?? ""), "the JSON shown").toEqual(expected);
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForFunction(() => document.querySelector(".pt-table") !== null);
      // With a Limit, the list asks stream_people_profiles for that many at once.
      await expect
        .poll(() => app.ipc.last("stream_people_profiles").request, { timeout: 5000 })
        .toEqual({
          website_id: WEBSITE_ID,
          page: 1,
          per_page: 50,
          limit: 120,
          search_text: "acme",
          sort_field: "nickname",
          sort_order: "descending",
          filter_date_start: "2024-07-01T00:00:00.000Z",
          filter_date_end: "2024-07-31T23:59:59.999Z",
          search_filter: expected,
          search_operator: "or",
        });
    } finally {
      await app.close();
    }
  });

  test("shows names, emails, companies and segments as text and opens a profile", async () => {
    const hostile = { ...makeProfiles(1)[0], person: { nickname: "<img src=x onerror=alert(1)>" } };
    const app = await openApp({
      route: "people",
      handlers: { list_people_profiles: () => [hostile], get_people_profile: () => STORED_PROFILE },
    });
    try {
      const { page } = app;
      const table = page.getByRole("table", { name: "People" });
      await table.waitFor();
      const row = table.getByRole("row").nth(1);
      expect(await row.getByRole("cell").allTextContents(), "every column in order").toEqual([
        "<img src=x onerror=alert(1)>",
        "person0@example.com",
        "Company 0",
        "vip",
        expect.any(String),
        "Now",
      ]);
      expect(await page.locator(".pt-table img").count(), "visitor text never becomes markup").toBe(0);
      await row.getByRole("button", { name: "<img src=x onerror=alert(1)>" }).click();
      await page.getByRole("heading", { name: "Ana Costa" }).waitFor();
    } finally {
      await app.close();
    }
  });
});
