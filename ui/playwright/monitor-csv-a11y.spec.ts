import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, demoConnection, ipcError, openApp, type App, type Handlers } from "./support/app";
import { axeViolations } from "./support/axe";
import { fakeCrisp, sessionId } from "./support/crisp";
import { eventUpdate, status, visitorMessage, WATCH_UPDATE } from "./support/watch";
import { makeProfiles } from "./fixtures/people-data";

afterAll(closeBrowser);

const acme = { ...demoConnection, id: "c1", name: "Acme", demo: false, selected: false };
const never = () => new Promise<never>(() => undefined);

const PLAN = {
  file_name: "customers.csv",
  summary: {
    total_rows: 4,
    valid_rows: 2,
    failures: [
      { row: 3, email: "not-an-email", field: "email", reason: "Not an email address." },
      { row: 5, email: null, field: "row", reason: "The row has 3 cells; the header has 12." },
    ],
    ignored_columns: ["people_id"],
    unknown_columns: ["favourite_colour"],
    write_requests: 2,
  },
  estimate: { writes: 2, matching: 2, total: 4, remaining_today: 3, fits: false },
};

/** Each new screen in a filled state, reached the way a user would. */
const screens: { name: string; route: string; handlers: Handlers; open: (app: App) => Promise<void> }[] = [
  {
    name: "notifications & monitoring with a refused change",
    route: "monitor",
    handlers: {
      list_connections: () => [demoConnection, acme],
      watch_status: () => status({ unread_conversations: 2 }),
      set_watch_settings: () => {
        throw ipcError("internal", "The settings could not be saved.");
      },
    },
    open: async ({ page }) => {
      await page.getByRole("switch", { name: "Visitor count changes" }).click();
      await page.getByText("The settings could not be saved.").waitFor();
    },
  },
  {
    name: "unread list open, watcher backing off",
    route: "conversations",
    handlers: {
      ...fakeCrisp().handlers,
      list_connections: () => [demoConnection, acme],
      watch_status: () => status({ phase: "backing_off", pace: "slowed", last_error: "Crisp is rate limiting this connection (HTTP 429)." }),
    },
    open: async (app) => {
      await app.page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
      await app.emit(WATCH_UPDATE, eventUpdate("demo", visitorMessage(sessionId(3), "Where is my parcel?", "Diego Ruiz 3")));
      await app.emit(WATCH_UPDATE, eventUpdate("c1", visitorMessage(sessionId(4), "Hello", "Eva Novak 4")));
      await app.page.getByRole("button", { name: "Unread 2" }).click();
      await app.page.getByRole("region", { name: "Unread messages" }).getByRole("listitem").nth(1).waitFor();
    },
  },
  {
    name: "watcher stopped: daily quota spent",
    route: "conversations",
    handlers: {
      ...fakeCrisp().handlers,
      watch_status: () => status({ phase: "quota_spent", pace: "quota_spent", last_error: "Crisp says the daily quota is spent." }),
    },
    open: ({ page }) => page.getByText(/^Stopped:/).waitFor(),
  },
  {
    name: "people export in progress",
    route: "people",
    handlers: { list_people_profiles: () => makeProfiles(3), export_people: never },
    open: async (app) => {
      await app.page.getByRole("table", { name: "People" }).waitFor();
      await app.page.getByRole("button", { name: "Export CSV" }).click();
      await expectCalled(app, "export_people");
      await app.channel(app.ipc.last("export_people").onProgress).send({ phase: "exporting", done: 50, total: 120 });
      await app.page.getByText("50 of 120 rows").waitFor();
    },
  },
  {
    name: "people import review",
    route: "people",
    handlers: { list_people_profiles: () => makeProfiles(3), plan_people_import: () => PLAN },
    open: async ({ page }) => {
      await page.getByRole("button", { name: "Import CSV" }).click();
      await page.getByRole("table", { name: "Rows that will not be imported" }).waitFor();
    },
  },
  {
    name: "people import report",
    route: "people",
    handlers: {
      list_people_profiles: () => makeProfiles(3),
      plan_people_import: () => PLAN,
      run_people_import: () => ({
        created: 1,
        updated: 0,
        failed: PLAN.summary.failures,
        not_sent: 1,
        cancelled: true,
        quota_spent: false,
        matching_requests: 2,
        elapsed_ms: 10,
      }),
      save_people_import_errors: () => true,
    },
    open: async ({ page }) => {
      await page.getByRole("button", { name: "Import CSV" }).click();
      await page.getByRole("button", { name: "Confirm import" }).click();
      await page.getByRole("button", { name: "Save error file" }).click();
      await page.getByText("Error file saved.").waitFor();
    },
  },
];

async function expectCalled(app: App, command: "export_people") {
  await expect.poll(() => app.ipc.of(command).length).toBe(1);
}

/** Every switch, button and field of the page has an accessible name (axe checks labels; this names the gaps). */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main input, main select, main button, header input, header button, footer button"))
      .filter((el) => {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute("aria-label") || el.textContent?.trim();
        return !labelled;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  describe(`axe-core on the monitor and people CSV screens, ${colorScheme} theme`, () => {
    for (const screen of screens) {
      test(`${screen.name} has no violations`, async () => {
        const app = await openApp({ colorScheme, route: screen.route, handlers: screen.handlers });
        try {
          await screen.open(app);
          expect(await axeViolations(app.page), `axe violations on "${screen.name}" (${colorScheme})`).toEqual([]);
          expect(await unnamedControls(app.page), "controls without a name").toEqual([]);
        } finally {
          await app.close();
        }
      });
    }
  });
}
