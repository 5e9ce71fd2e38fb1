/**
 * People ID is a typed field wherever a module takes one (Get, Update and Remove a Person), prefilled when opened
 * from a row; Per Page is held to Crisp's 20-50 at the field, so an out-of-range value never reaches a command.
 */
import { afterAll, describe, expect, test } from "vitest";
import type { Locator } from "playwright-core";
import { closeBrowser, openApp } from "./support/app";
import { fakeCrisp } from "./support/crisp";
import { PEOPLE_ID, STORED_PROFILE, WEBSITE_ID, control, makeProfiles } from "./fixtures/people-data";

afterAll(closeBrowser);

/** An email used as People ID (contract §3.10), with a `+` that must survive untouched. */
const EMAIL_ID = "ana.costa+vip@example.com";

/** The error text a control points at through aria-describedby. */
async function describedError(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id))
      .filter((note) => note?.classList.contains("field-error"))
      .map((note) => note?.textContent ?? "")
      .join(" "),
  );
}

describe("People ID", () => {
  test("Get a Person takes a typed People ID from the list screen, an email included", async () => {
    const app = await openApp({
      route: "people",
      handlers: { list_people_profiles: () => makeProfiles(3), get_people_profile: () => STORED_PROFILE },
    });
    try {
      const { page } = app;
      const form = page.getByRole("form", { name: "Get a person" });
      await form.getByLabel("People ID", { exact: true }).fill(EMAIL_ID);
      await form.getByRole("button", { name: "Get profile" }).click();
      await page.getByRole("heading", { name: "Ana Costa" }).waitFor();
      expect(app.ipc.last("get_people_profile"), "GetPeopleProfile for the typed People ID").toEqual({
        connection: "demo",
        request: { website_id: WEBSITE_ID, people_id: EMAIL_ID },
      });
      expect(
        await page.getByRole("form", { name: "Get a person" }).getByLabel("People ID", { exact: true }).inputValue(),
        "the profile's screen keeps the People ID it was opened with, ready to be changed",
      ).toBe(EMAIL_ID);
    } finally {
      await app.close();
    }
  });

  test("Update a Person saves to the People ID typed over the prefilled one", async () => {
    const app = await openApp({
      route: `people/${PEOPLE_ID}/edit`,
      handlers: { get_people_profile: () => STORED_PROFILE, update_people_profile: () => null },
    });
    try {
      const { page } = app;
      const peopleId = control(page, "Profile", "People ID");
      await peopleId.waitFor();
      expect(await peopleId.inputValue(), "opened from a row, the People ID is that row's").toBe(PEOPLE_ID);
      expect(await peopleId.getAttribute("readonly"), "the People ID can be typed").toBeNull();
      await peopleId.fill(EMAIL_ID);
      await control(page, "Private Notepad", "Private Notepad").fill("Called back.");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => app.ipc.of("update_people_profile").length, { timeout: 5000 }).toBe(1);
      expect(app.ipc.last("update_people_profile"), "the edit goes to the typed People ID").toEqual({
        connection: "demo",
        request: { website_id: WEBSITE_ID, people_id: EMAIL_ID, body: { notepad: "Called back." } },
      });
    } finally {
      await app.close();
    }
  });

  test("Update a Person refuses an empty People ID at the field and sends nothing", async () => {
    const app = await openApp({
      route: `people/${PEOPLE_ID}/edit`,
      handlers: { get_people_profile: () => STORED_PROFILE, update_people_profile: () => null },
    });
    try {
      const { page } = app;
      const peopleId = control(page, "Profile", "People ID");
      await peopleId.waitFor();
      await peopleId.fill("");
      await control(page, "Private Notepad", "Private Notepad").fill("Called back.");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => describedError(peopleId), { timeout: 5000 }).toContain("People ID");
      expect(app.ipc.of("update_people_profile").length, "no People ID, no request").toBe(0);
    } finally {
      await app.close();
    }
  });

  test("Remove a Person takes the People ID typed in its confirmation, from the list or from a row", async () => {
    const app = await openApp({
      route: "people",
      handlers: {
        list_people_profiles: () => makeProfiles(3),
        get_people_profile: () => STORED_PROFILE,
        remove_people_profile: () => null,
      },
    });
    try {
      const { page } = app;
      const form = page.getByRole("form", { name: "Get a person" });
      await form.getByLabel("People ID", { exact: true }).fill(EMAIL_ID);
      await form.getByRole("button", { name: "Remove profile" }).click();
      const dialog = page.getByRole("dialog", { name: "Remove this profile?" });
      const typed = dialog.getByLabel("People ID", { exact: true });
      expect(await typed.inputValue(), "the confirmation starts from the People ID typed on the list").toBe(EMAIL_ID);
      await dialog.getByRole("button", { name: "Remove profile" }).click();
      await expect.poll(() => app.ipc.of("remove_people_profile").length, { timeout: 5000 }).toBe(1);
      expect(app.ipc.last("remove_people_profile").request, "RemovePeopleProfile for the typed People ID").toEqual({
        website_id: WEBSITE_ID,
        people_id: EMAIL_ID,
      });
      await page.getByRole("status").filter({ hasText: `Profile ${EMAIL_ID} removed.` }).waitFor();

      await page.evaluate((id) => (window.location.hash = `#/people/${id}`), PEOPLE_ID);
      await page.getByRole("heading", { name: "Ana Costa" }).waitFor();
      await page.getByRole("button", { name: "Remove", exact: true }).click();
      expect(await typed.inputValue(), "opened from a row, the confirmation holds that row's People ID").toBe(PEOPLE_ID);
      await typed.fill("b1e2c3d4-0000-4000-8000-000000000001");
      await dialog.getByRole("button", { name: "Remove profile" }).click();
      await expect.poll(() => app.ipc.of("remove_people_profile").length, { timeout: 5000 }).toBe(2);
      expect(app.ipc.last("remove_people_profile").request.people_id, "the People ID typed over the row's").toBe(
        "b1e2c3d4-0000-4000-8000-000000000001",
      );
    } finally {
      await app.close();
    }
  });
});

describe("Per Page", () => {
  test("List People: per_page 60 is refused at the field with the range and no command is called", async () => {
    const app = await openApp({ route: "people", handlers: { list_people_profiles: () => makeProfiles(3) } });
    try {
      const { page } = app;
      await page.getByRole("table", { name: "People" }).waitFor();
      const listed = app.ipc.of("list_people_profiles").length;
      const filters = page.getByRole("form", { name: "List people" });
      const perPage = filters.getByLabel("Per Page", { exact: true });
      await perPage.fill("60");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      expect(await describedError(perPage), "the field names Crisp's range").toMatch(/20 to 50/);
      expect(await perPage.getAttribute("aria-invalid"), "the field is marked invalid").toBe("true");
      expect(app.ipc.of("list_people_profiles").length, "a refused Per Page calls nothing").toBe(listed);

      await perPage.fill("30");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await expect
        .poll(() => app.ipc.last("list_people_profiles").request, { timeout: 5000 })
        .toEqual({ website_id: WEBSITE_ID, page: 1, per_page: 30 });
      expect(
        app.ipc.of("list_people_profiles").some((args) => args.request.per_page === 60),
        "60 never reached a command",
      ).toBe(false);
    } finally {
      await app.close();
    }
  });

  test("Search for Conversations: per_page 60 is refused at the field with the range and no command is called", async () => {
    const crisp = fakeCrisp({ conversations: 30 });
    const app = await openApp({ route: "conversations", handlers: crisp.handlers });
    try {
      const { page, ipc } = app;
      await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
      const searched = ipc.of("search_conversations").length;
      await page.getByRole("button", { name: /^Filters/ }).click();
      const panel = page.getByRole("form", { name: "Filters" });
      const perPage = panel.getByLabel("Per Page", { exact: true });
      await perPage.fill("60");
      await panel.getByRole("button", { name: "Apply filters" }).click();
      await expect.poll(() => describedError(perPage), { timeout: 5000 }).toMatch(/20 to 50/);
      expect(ipc.of("search_conversations").length, "a refused Per Page calls nothing").toBe(searched);

      await perPage.fill("20");
      await panel.getByRole("button", { name: "Apply filters" }).click();
      await expect
        .poll(() => ipc.of("search_conversations").slice(searched)[0]?.request, { timeout: 5000 })
        .toEqual({ website_id: WEBSITE_ID, page: 1, per_page: 20 });
      expect(ipc.of("search_conversations").some((args) => args.request.per_page === 60), "60 never reached a command").toBe(false);
    } finally {
      await app.close();
    }
  });
});
