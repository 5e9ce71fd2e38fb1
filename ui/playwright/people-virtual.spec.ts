import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { TOTAL_PEOPLE, scrollToEnd, tenThousandPeople } from "./fixtures/people-virtual";

afterAll(closeBrowser);

test("with 10,000 people the table keeps fewer than 100 rows in the DOM and scrolls to the last one", async () => {
  const app = await openApp({ route: "people", handlers: tenThousandPeople });
  try {
    const run = await scrollToEnd(app.page);
    expect(run.finalStatus, "every page was loaded by scrolling").toBe(`${TOTAL_PEOPLE} profiles`);
    expect(run.maxRowsInDom, "only the rows in view (plus overscan) are in the DOM").toBeLessThan(100);
    expect(run.lastRowText, "the last row is the last person").toContain(`Person ${TOTAL_PEOPLE - 1}`);
    expect(app.ipc.of("list_people_profiles").length, "200 full pages and one empty page").toBe(TOTAL_PEOPLE / 50 + 1);
  } finally {
    await app.close();
  }
}, 180_000);
