import { afterAll, describe, expect, test } from "vitest";
import { group, typeChips } from "./fixtures/people-data";
import { closeBrowser, openApp } from "./support/app";
import { axeViolations } from "./support/axe";
import { fakeCrisp, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

/** The zone's offset from UTC today (Lisbon's changes with summer time), as `UTC+01:00`. */
function offsetNow(zone: string): string {
  const name = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(new Date())
    .find((part) => part.type === "timeZoneName")?.value;
  return name === "GMT" || !name ? "UTC+00:00" : name.replace("GMT", "UTC");
}

async function openFilters(timezoneId: string) {
  const crisp = fakeCrisp();
  const app = await openApp({ route: "conversations", handlers: crisp.handlers, timezoneId });
  await app.page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
  await app.page.getByRole("button", { name: /^Filters/ }).click();
  return { app, panel: app.page.getByRole("form", { name: "Filters" }) };
}

describe("Filter Date Start and End", () => {
  for (const [zone, start, end] of [
    ["Europe/Lisbon", "2026-07-01T08:30:00.000Z", "2026-07-31T17:00:59.999Z"],
    ["Asia/Tokyo", "2026-07-01T00:30:00.000Z", "2026-07-31T09:00:59.999Z"],
  ] as const) {
    test(`in ${zone}, a local date and time is sent as the UTC instant it names, and the hint names the zone`, async () => {
      const { app, panel } = await openFilters(zone);
      try {
        const startField = panel.getByLabel("Filter Date Start");
        const hint = await startField.evaluate((el) =>
          (el.getAttribute("aria-describedby") ?? "")
            .split(" ")
            .map((id) => document.getElementById(id)?.textContent ?? "")
            .join(" "),
        );
        expect(hint, "the user is told which timezone the dates are read in, with its offset now").toContain(`${zone} (${offsetNow(zone)})`);
        await startField.fill("2026-07-01T09:30");
        await panel.getByLabel("Filter Date End").fill("2026-07-31T18:00");
        await panel.getByRole("button", { name: "Apply filters" }).click();
        await expect
          .poll(() => app.ipc.last("search_conversations").request.filter_date_start, { message: "applying sends the start bound" })
          .toBeDefined();
        const request = app.ipc.last("search_conversations").request;
        expect([request.filter_date_start, request.filter_date_end], `09:30 and 18:00 in ${zone} in July, end minute included`).toEqual([
          start,
          end,
        ]);
      } finally {
        await app.close();
      }
    });
  }
});

describe("the conversation filter search", () => {
  test("is built visually, shows the JSON it sends, and the raw JSON stays editable", async () => {
    const { app, panel } = await openFilters("UTC");
    const { page, ipc } = app;
    try {
      await panel.getByLabel("Search Type").selectOption("filter");
      const builder = group(page, "Search filter");
      await builder.getByRole("button", { name: "Add condition" }).click();
      await builder.getByRole("button", { name: "Add condition" }).click();
      const first = group(page, "Condition 1");
      expect(await first.getByLabel("Model").inputValue(), "conversation filters name the session model (crisp-api.md §3.2)").toBe("session");
      await first.getByLabel("Criterion").fill("meta.email");
      await typeChips(first.getByLabel("Values", { exact: true }), ["ana@example.com"]);
      const second = group(page, "Condition 2");
      await second.getByLabel("Criterion").fill("meta.segments");
      await second.getByLabel("Operator").selectOption("has");
      await typeChips(second.getByLabel("Values", { exact: true }), ["vip"]);
      await builder.getByLabel("any condition (or)").check();

      const built = [
        { model: "session", criterion: "meta.email", operator: "eq", query: ["ana@example.com"] },
        { model: "session", criterion: "meta.segments", operator: "has", query: ["vip"] },
      ];
      const json = builder.getByLabel("Search Query");
      expect(JSON.parse(await json.inputValue()), "the JSON shown is what the rows build").toEqual(built);
      expect(await axeViolations(page), "every builder control is labelled and reachable").toEqual([]);

      await panel.getByRole("button", { name: "Apply filters" }).click();
      await expect
        .poll(() => ipc.last("search_conversations").request.search_type, { message: "applying runs the filter search" })
        .toBe("filter");
      expect(ipc.last("search_conversations").request, "the filter objects and how they combine are sent").toEqual({
        website_id: WEBSITE_ID,
        page: 1,
        per_page: 50,
        search_type: "filter",
        search_operator: "or",
        search_query: built,
      });

      await page.getByRole("button", { name: /^Filters/ }).click();
      const typed = [{ model: "session", criterion: "meta.nickname", operator: "sw", query: ["Ana"] }];
      await json.fill(JSON.stringify(typed));
      await expect
        .poll(() => group(page, "Condition 1").getByLabel("Criterion").inputValue(), { message: "typed JSON fills the builder's rows" })
        .toBe("meta.nickname");
      expect(await group(page, "Condition 2").count(), "the typed JSON has one condition, so one row").toBe(0);

      await json.fill('[{"model": "session"');
      expect(await json.getAttribute("aria-invalid"), "JSON that is not a filter is marked at the field").toBe("true");
      const before = ipc.of("search_conversations").length;
      await panel.getByRole("button", { name: "Apply filters" }).click();
      await page.getByText(/Not a filter: a JSON array/).waitFor();
      expect(ipc.of("search_conversations").length, "a broken filter is never sent").toBe(before);

      await json.fill(JSON.stringify(typed));
      await panel.getByRole("button", { name: "Apply filters" }).click();
      await expect
        .poll(() => ipc.last("search_conversations").request.search_query, { message: "the raw JSON typed is what is sent" })
        .toEqual(typed);
    } finally {
      await app.close();
    }
  });
});
