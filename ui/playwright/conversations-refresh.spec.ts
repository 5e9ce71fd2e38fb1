import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";
import { eventUpdate, MONITOR_UPDATE } from "./support/monitor";

afterAll(closeBrowser);

const LIST = '[role="listbox"][aria-label="Conversations"]';

/** How many conversations the list says it holds (`aria-setsize` of its rows). */
async function listed(app: Awaited<ReturnType<typeof openApp>>): Promise<number> {
  const size = await app.page.locator(`${LIST} [role="option"]`).first().getAttribute("aria-setsize");
  return Number(size ?? 0);
}

const scrollToEnd = (app: Awaited<ReturnType<typeof openApp>>) =>
  app.page.evaluate((selector) => {
    const list = document.querySelector(selector) as HTMLElement;
    list.scrollTop = list.scrollHeight;
  }, LIST);

test("a refresh with three pages loaded asks Crisp for the first page only and lists the new conversation on top", async () => {
  const crisp = fakeCrisp({ conversations: 400 });
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    for (const loaded of [100, 150]) {
      await scrollToEnd(app);
      await expect.poll(() => listed(app), { message: `the list pages on to ${loaded}` }).toBe(loaded);
    }
    const before = ipc.of("search_conversations").length;

    const id = "session_fresh000-0000-4000-8000-000000000000";
    crisp.state.conversations.unshift({ session_id: id, website_id: WEBSITE_ID, state: "pending", meta: { nickname: "Zoe Fresh" }, updated_at: Date.now() });
    await app.emit(MONITOR_UPDATE, eventUpdate("demo", { kind: "conversation_created", session_id: id, nickname: "Zoe Fresh", email: null, excerpt: null, state: "pending", created_at: Date.now() }));

    await expect.poll(() => listed(app), { message: "the new conversation joins the 150 loaded" }).toBe(151);
    expect(
      ipc.of("search_conversations").slice(before).map((args) => args.request.page),
      "one page asked again, not the three loaded",
    ).toEqual([1]);
    await page.evaluate((selector) => ((document.querySelector(selector) as HTMLElement).scrollTop = 0), LIST);
    await page.getByRole("option", { name: /Zoe Fresh/ }).waitFor();
    const first = await page.locator(`${LIST} [role="option"]`).first().getAttribute("aria-posinset");
    expect(first, "the new conversation is the first row").toBe("1");
    expect(await page.locator(`${LIST} [role="option"]`).first().textContent()).toContain("Zoe Fresh");
    // Crisp's page 4 now starts with the conversation that was last on page 3: listed once, 200 in all.
    await scrollToEnd(app);
    await expect.poll(() => listed(app), { message: "the next page still loads after the refresh" }).toBe(200);
    const sessions = await page.evaluate(() => [...document.querySelectorAll('[role="option"]')].map((row) => row.id));
    expect(new Set(sessions).size, "no conversation is listed twice").toBe(sessions.length);
  } finally {
    await app.close();
  }
});

test("scrolling to the end while a refresh is in flight loads the next page once the refresh ends", async () => {
  const crisp = fakeCrisp({ conversations: 400 });
  let held: (() => void) | null = null;
  let hold = false;
  const app = await openApp({
    route: "conversations",
    handlers: {
      ...crisp.handlers,
      search_conversations: async (args, n) => {
        if (hold) {
          hold = false;
          await new Promise<void>((release) => (held = release));
        }
        return crisp.handlers.search_conversations!(args, n);
      },
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    const before = ipc.of("search_conversations").length;
    hold = true;
    await app.emit(MONITOR_UPDATE, eventUpdate("demo", { kind: "conversation_state_changed", session_id: sessionId(0), from: "pending", to: "pending" }));
    await expect.poll(() => held !== null, { message: "the refresh is asking Crisp" }).toBe(true);

    await scrollToEnd(app);
    // Give the list the frames in which it asks for the next page (and the old code dropped the request).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    held!();

    await expect.poll(() => listed(app), { message: "the second page loads once the refresh is done" }).toBe(100);
    expect(ipc.of("search_conversations").slice(before).map((args) => args.request.page), "the refresh, then the next page").toEqual([1, 2]);
  } finally {
    await app.close();
  }
});
