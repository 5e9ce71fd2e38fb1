import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import type { ImportReport_Serialize, PeopleImportPlan_Serialize, RowFailure_Serialize } from "../src/ipc";
import { closeBrowser, ipcError, openApp, pagedStream, type App, type Handlers, type IpcArgs } from "./support/app";
import { WEBSITE_ID, makeProfiles } from "./fixtures/people-data";

afterAll(closeBrowser);

/** A promise the test settles by hand: a command that stays pending until the test says it is done. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const FAILURES: RowFailure_Serialize[] = [
  { row: 3, email: "not-an-email", field: "email", reason: "Not an email address." },
  { row: 7, email: "bea@example.com", field: "person.geolocation.country", reason: "Use a 2-letter country code (ISO 3166-1), not “Portugal”." },
];

const PLAN: PeopleImportPlan_Serialize = {
  file_name: "customers.csv",
  summary: {
    total_rows: 120,
    valid_rows: 118,
    failures: FAILURES,
    ignored_columns: ["people_id", "score"],
    unknown_columns: ["favourite_colour"],
    write_requests: 118,
  },
  estimate: { writes: 118, matching: 11, total: 129, remaining_today: 4750, fits: true },
};

const SEND_FAILURE: RowFailure_Serialize = { row: 12, email: "carl@example.com", field: "row", reason: "Crisp refused this profile (invalid_data)." };

function report(overrides: Partial<ImportReport_Serialize> = {}): ImportReport_Serialize {
  return {
    created: 80,
    updated: 37,
    failed: [...FAILURES, SEND_FAILURE],
    not_sent: 0,
    cancelled: false,
    quota_spent: false,
    matching_requests: 11,
    elapsed_ms: 4_200,
    ...overrides,
  };
}

const listHandlers = {
  list_people_profiles: () => makeProfiles(3, 0),
  stream_people_profiles: pagedStream((_request, page) => (page === 1 ? makeProfiles(3, 0) : [])),
};

async function openPeople(handlers: Handlers): Promise<App> {
  const app = await openApp({ route: "people", handlers: { ...listHandlers, ...handlers } });
  await app.page.getByRole("table", { name: "People" }).waitFor();
  return app;
}

/** Waits until `command` has been called and answers its arguments (the Channel among them). */
async function called(app: App, command: "export_people" | "run_people_import"): Promise<IpcArgs> {
  await expect.poll(() => app.ipc.of(command).length, { message: `${command} was called` }).toBe(1);
  return app.ipc.last(command);
}

function progressBar(page: Page, name: string) {
  return page.getByRole("progressbar", { name });
}

describe("export", () => {
  test("exports the filtered list with the list's own request, shows rows done of total, and cancels", async () => {
    const done = later<{ rows: number; pages: number; cancelled: boolean; elapsed_ms: number }>();
    const app = await openPeople({ export_people: () => done.promise, cancel_people_csv: () => null });
    try {
      const { page } = app;
      const filters = page.getByRole("form", { name: "List people" });
      await filters.getByLabel("Search Text").fill("acme");
      await filters.getByLabel("Limit", { exact: true }).fill("120");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      // With a Limit, the list asks stream_people_profiles for that many at once.
      await expect.poll(() => app.ipc.last("stream_people_profiles").request.search_text).toBe("acme");

      await page.getByRole("button", { name: "Export CSV" }).click();
      const args = await called(app, "export_people");
      const { page: _page, ...listed } = app.ipc.last("stream_people_profiles").request;
      expect(args.request, "the list's filters, from the first page, with Limit as the export's limit").toEqual({ ...listed, page: 1, limit: 120 });
      expect(args.request).toEqual({ website_id: WEBSITE_ID, page: 1, per_page: 50, search_text: "acme", limit: 120 });
      expect(args.connection).toBe("demo");

      const channel = app.channel(args.onProgress);
      await channel.send({ phase: "exporting", done: 50, total: 120 });
      const bar = progressBar(page, "Export progress");
      await expect.poll(() => bar.getAttribute("value")).toBe("50");
      expect(await bar.getAttribute("max"), "the total is known").toBe("120");
      await page.getByText("50 of 120 rows").waitFor();
      expect(await page.getByRole("button", { name: "Export CSV" }).isDisabled(), "one CSV run at a time").toBe(true);

      await page.getByRole("button", { name: "Cancel export" }).click();
      await expect.poll(() => app.ipc.of("cancel_people_csv").length, { message: "Cancel asks the backend to stop" }).toBe(1);
      done.resolve({ rows: 50, pages: 1, cancelled: true, elapsed_ms: 900 });
      await page.getByRole("heading", { name: "Export cancelled" }).waitFor();
      expect(await page.getByText("You cancelled the export: the file holds the 50 rows read until then.").count()).toBe(1);
    } finally {
      await app.close();
    }
  });

  test("without a known total the bar runs on and counts rows so far; the finished export says how many", async () => {
    const done = later<{ rows: number; pages: number; cancelled: boolean; elapsed_ms: number }>();
    const app = await openPeople({ export_people: () => done.promise });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Export CSV" }).click();
      const channel = app.channel((await called(app, "export_people")).onProgress);
      await channel.send({ phase: "exporting", done: 50, total: null });
      await channel.send({ phase: "exporting", done: 100, total: null });
      await page.getByText("100 rows so far").waitFor();
      expect(await progressBar(page, "Export progress").getAttribute("value"), "indeterminate").toBeNull();
      done.resolve({ rows: 137, pages: 3, cancelled: false, elapsed_ms: 2_000 });
      await page.getByText("Exported 137 rows to the CSV file.").waitFor();
    } finally {
      await app.close();
    }
  });

  test("closing the file dialog returns quietly", async () => {
    const app = await openPeople({ export_people: () => null, plan_people_import: () => null });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Export CSV" }).click();
      await expect.poll(() => app.ipc.of("export_people").length).toBe(1);
      await expect.poll(() => page.getByRole("button", { name: "Export CSV" }).isEnabled()).toBe(true);
      await page.getByRole("button", { name: "Import CSV" }).click();
      await expect.poll(() => app.ipc.of("plan_people_import").length).toBe(1);
      await expect.poll(() => page.getByRole("button", { name: "Import CSV" }).isEnabled()).toBe(true);
      expect(await page.locator(".csv-panel, .status-error").count(), "no panel, no error").toBe(0);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test("a failed export says why where the export is", async () => {
    const app = await openPeople({
      export_people: () => {
        throw ipcError("quota_exceeded", "Crisp says the daily quota is spent (quota_limit_exceeded).");
      },
    });
    try {
      await app.page.getByRole("button", { name: "Export CSV" }).click();
      await app.page.getByRole("alert").filter({ hasText: "The export failed: Crisp says the daily quota is spent" }).waitFor();
    } finally {
      await app.close();
    }
  });
});

describe("import", () => {
  test("the review lists failing rows and the requests needed before anything is sent; Confirm runs it with progress", async () => {
    const done = later<ImportReport_Serialize>();
    const app = await openPeople({ plan_people_import: () => PLAN, run_people_import: () => done.promise });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Import CSV" }).click();
      const review = page.getByRole("region", { name: "Review import: customers.csv" });
      await review.waitFor();
      expect(await review.textContent()).toContain("Nothing has been sent yet. 120 rows in the file: 118 ready to import, 2 with problems that will be skipped.");
      const table = review.getByRole("table", { name: "Rows that will not be imported" });
      const cells = await table.getByRole("row").evaluateAll((rows) =>
        rows.map((row) => Array.from(row.querySelectorAll("th, td"), (cell) => cell.textContent)),
      );
      expect(cells, "row number, email, field and reason of each failure").toEqual([
        ["Row", "Email", "Field", "Reason"],
        ["3", "not-an-email", "email", "Not an email address."],
        ["7", "bea@example.com", "person.geolocation.country", "Use a 2-letter country code (ISO 3166-1), not “Portugal”."],
      ]);
      const estimate = review.getByRole("group", { name: "Requests needed" });
      expect(await estimate.textContent()).toContain("This import needs 129 requests: 118 to create or update profiles and 11 to find existing profiles by email.");
      expect(await estimate.textContent()).toContain("4750 requests are left of today's budget.");
      expect(await review.textContent()).toContain("Read-only columns, ignored: people_id, score");
      expect(await review.textContent()).toContain("Unknown columns, ignored: favourite_colour");
      expect(app.ipc.of("run_people_import").length, "nothing is sent while reviewing").toBe(0);

      await review.getByRole("button", { name: "Confirm import" }).click();
      const args = await called(app, "run_people_import");
      expect(args.connection).toBe("demo");
      const channel = app.channel(args.onProgress);
      await channel.send({ phase: "matching", done: 4, total: 11 });
      await page.getByText("Finding existing profiles by email").waitFor();
      await page.getByText("4 of 11 profiles checked").waitFor();
      await channel.send({ phase: "writing", done: 30, total: 118 });
      await page.getByText("30 of 118 rows").waitFor();
      const bar = progressBar(page, "Import progress");
      expect([await bar.getAttribute("value"), await bar.getAttribute("max")]).toEqual(["30", "118"]);

      const lists = app.ipc.of("list_people_profiles").length;
      done.resolve(report());
      await page.getByRole("heading", { name: "Import finished: customers.csv" }).waitFor();
      await expect.poll(() => app.ipc.of("list_people_profiles").length, { message: "the list shows the imported people" }).toBeGreaterThan(lists);
    } finally {
      await app.close();
    }
  });

  test("a review that needs more than is left today says what happens", async () => {
    const app = await openPeople({
      plan_people_import: () => ({ ...PLAN, estimate: { writes: 118, matching: 11, total: 129, remaining_today: 40, fits: false } }),
    });
    try {
      await app.page.getByRole("button", { name: "Import CSV" }).click();
      await app.page.getByText("40 requests are left of today's budget.").waitFor();
      expect(await app.page.getByText(/^That is more than is left today: the import stops when the quota is spent/).count()).toBe(1);
    } finally {
      await app.close();
    }
  });

  test("Cancel in the review sends nothing", async () => {
    const app = await openPeople({ plan_people_import: () => PLAN });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Import CSV" }).click();
      const review = page.getByRole("region", { name: "Review import: customers.csv" });
      await review.getByRole("button", { name: "Cancel" }).click();
      await review.waitFor({ state: "detached" });
      expect(app.ipc.of("run_people_import").length).toBe(0);
      expect(app.ipc.of("cancel_people_csv").length, "nothing runs, so nothing to stop").toBe(0);
    } finally {
      await app.close();
    }
  });

  test("Cancel while importing stops it; the report says so and that running it again creates no duplicates", async () => {
    const done = later<ImportReport_Serialize>();
    const app = await openPeople({ plan_people_import: () => PLAN, run_people_import: () => done.promise, cancel_people_csv: () => null });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Import CSV" }).click();
      await page.getByRole("button", { name: "Confirm import" }).click();
      const channel = app.channel((await called(app, "run_people_import")).onProgress);
      await channel.send({ phase: "writing", done: 20, total: 118 });
      await page.getByText("20 of 118 rows").waitFor();
      await page.getByRole("button", { name: "Cancel import" }).click();
      await expect.poll(() => app.ipc.of("cancel_people_csv").length).toBe(1);
      done.resolve(report({ created: 15, updated: 5, failed: FAILURES, not_sent: 98, cancelled: true }));

      const panel = page.getByRole("region", { name: "Import cancelled: customers.csv" });
      await panel.waitFor();
      expect(await panel.getByRole("status").first().textContent()).toBe(
        "You cancelled the import: 98 rows were not sent. Running the same file again creates no duplicates: profiles are matched by email, so rows already imported are updated, not created twice.",
      );
      const counts = await panel.getByRole("definition").allTextContents();
      expect(counts, "created, updated, failed, not sent").toEqual(["15", "5", "2", "98"]);
    } finally {
      await app.close();
    }
  });

  test("Import CSV stays disabled while an import runs, even after leaving the People screen and coming back", async () => {
    const done = later<ImportReport_Serialize>();
    const app = await openPeople({ plan_people_import: () => PLAN, run_people_import: () => done.promise });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Import CSV" }).click();
      await page.getByRole("button", { name: "Confirm import" }).click();
      await called(app, "run_people_import");
      await page.evaluate(() => (window.location.hash = "#/connections"));
      await page.getByRole("heading", { name: "Connections", level: 1 }).waitFor();
      await page.evaluate(() => (window.location.hash = "#/people"));
      await page.getByRole("table", { name: "People" }).waitFor();
      const importButton = page.getByRole("button", { name: "Import CSV" });
      expect(await importButton.isDisabled(), "one import at a time per connection: the first one still runs").toBe(true);
      await page.getByText("An import for this connection is still running").waitFor();

      done.resolve(report());
      await expect.poll(() => importButton.isDisabled(), { message: "once the import ends, Import CSV is available again" }).toBe(false);
      expect(app.ipc.of("run_people_import"), "no second import was started").toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test("the report lists refused rows with reasons and saves them to an error file", async () => {
    let saved = true;
    const app = await openPeople({
      plan_people_import: () => PLAN,
      run_people_import: () => report(),
      save_people_import_errors: () => saved,
    });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Import CSV" }).click();
      await page.getByRole("button", { name: "Confirm import" }).click();
      const panel = page.getByRole("region", { name: "Import finished: customers.csv" });
      await panel.waitFor();
      expect(await panel.getByRole("definition").allTextContents(), "created, updated, failed, not sent").toEqual(["80", "37", "3", "0"]);
      const table = panel.getByRole("table", { name: "Rows that were not imported" });
      expect(await table.getByRole("row").nth(3).textContent(), "the row Crisp refused, with its reason").toBe(
        "12carl@example.comrowCrisp refused this profile (invalid_data).",
      );

      saved = false;
      await panel.getByRole("button", { name: "Save error file" }).click();
      await expect.poll(() => app.ipc.of("save_people_import_errors").length).toBe(1);
      expect(app.ipc.last("save_people_import_errors"), "every refused row goes to the file").toEqual({ failures: [...FAILURES, SEND_FAILURE] });
      expect(await panel.getByText("Error file saved.").count(), "a closed dialog saves nothing and says nothing").toBe(0);

      saved = true;
      await panel.getByRole("button", { name: "Save error file" }).click();
      await panel.getByText("Error file saved.").waitFor();
    } finally {
      await app.close();
    }
  });

  test("a spent quota stops the import and the report says to run the file again after the reset", async () => {
    const app = await openPeople({
      plan_people_import: () => PLAN,
      run_people_import: () => report({ created: 60, updated: 0, failed: [], not_sent: 58, quota_spent: true }),
    });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Import CSV" }).click();
      await page.getByRole("button", { name: "Confirm import" }).click();
      const panel = page.getByRole("region", { name: "Import stopped: daily quota spent: customers.csv" });
      await panel.waitFor();
      expect(await panel.textContent()).toContain("58 rows were not sent. Run the same file again after the daily reset; it creates no duplicates");
      expect(await panel.getByRole("button", { name: "Save error file" }).count(), "nothing refused, nothing to save").toBe(0);
    } finally {
      await app.close();
    }
  });
});
