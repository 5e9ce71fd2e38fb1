import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { fakeCrisp } from "./support/crisp";
import { scrollListToEnd } from "./support/longList";

afterAll(closeBrowser);

test("with 10,000 conversations the list keeps fewer than 100 rows in the DOM and scrolls to the end", { timeout: 180_000 }, async () => {
  const crisp = fakeCrisp({ conversations: 10_000 });
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    const { maxRows } = await scrollListToEnd(page, 10_000);
    expect(maxRows, "only the rows on screen (plus a few) are in the DOM").toBeLessThan(100);
    expect(ipc.of("search_conversations").length, "every page was fetched once, in order").toBe(201);
    expect(ipc.of("search_conversations").map((a) => a.request.page).slice(0, 3)).toEqual([1, 2, 3]);
    const last = page.getByRole("option", { name: /Hugo Brandt 9999/ });
    expect(await last.isVisible(), "the last conversation is on screen at the end").toBe(true);
    const size = await page.getByRole("listbox", { name: "Conversations" }).locator('[role="option"]').first().getAttribute("aria-setsize");
    expect(size, "rows tell assistive technology the full length").toBe("10000");
  } finally {
    await app.close();
  }
});
