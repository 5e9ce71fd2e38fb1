import { afterAll, describe, expect, test } from "vitest";
import type { Message } from "../src/ipc";
import { closeBrowser, demoConnection, openApp } from "./support/app";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";
import { eventUpdate, visitorMessage, MONITOR_UPDATE } from "./support/monitor";
import { makeProfiles } from "./fixtures/people-data";

afterAll(closeBrowser);

// Plugin tier: the thread's own refresh waits 17 s, so a refetch within 3 s is the event's doing.
const demo = { ...demoConnection, tier: "plugin" as const };
const acme = { ...demoConnection, id: "c1", name: "Acme", demo: false, selected: false, tier: "plugin" as const };
const REFETCH = { timeout: 3_000 };

function visitorSays(session: string, text: string, at: number): Message {
  return {
    session_id: session,
    website_id: WEBSITE_ID,
    type: "text",
    from: "user",
    origin: "chat",
    content: text,
    fingerprint: at,
    timestamp: at,
    user: { user_id: session, nickname: "Ana Costa" },
  };
}

describe("live updates from the watcher", () => {
  test("a visitor message in the open conversation refreshes the list and the thread, and is not unread", async () => {
    const crisp = fakeCrisp();
    const open = sessionId(0);
    const app = await openApp({ route: `conversations/${open}`, handlers: { ...crisp.handlers, list_connections: () => [demo] } });
    try {
      const { page } = app;
      const thread = page.getByRole("region", { name: "Messages" });
      await thread.getByText("Message 45").waitFor();
      await expect.poll(() => app.ipc.of("set_window_focused").at(-1), { message: "the backend hears the window is focused" }).toEqual({ focused: true });
      const searches = app.ipc.of("search_conversations").length;

      // Crisp changes; only the watcher's event tells the app.
      const at = Date.now();
      crisp.state.conversations[0].last_message = "Any news on my refund?";
      crisp.messagesOf(open).push(visitorSays(open, "Any news on my refund?", at));
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", visitorMessage(open, "Any news on my refund?", "Ana Costa 0", at)));

      await expect.poll(() => app.ipc.of("search_conversations").length, { ...REFETCH, message: "the list refetches" }).toBeGreaterThan(searches);
      await page.getByRole("listbox").getByText("Any news on my refund?").waitFor(REFETCH);
      await thread.getByText("Any news on my refund?").waitFor(REFETCH);
      expect(await page.getByRole("button", { name: /^Unread/ }).textContent(), "read as it arrives: it is open in the focused window").toBe("Unread 0");
    } finally {
      await app.close();
    }
  });

  test("a visitor message elsewhere is counted in the switcher and listed as unread; opening it reads it", async () => {
    const crisp = fakeCrisp();
    const app = await openApp({ route: `conversations/${sessionId(0)}`, handlers: { ...crisp.handlers, list_connections: () => [demo] } });
    try {
      const { page } = app;
      await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
      const switcher = page.getByLabel("Connection", { exact: true });
      const selectedOption = () => switcher.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent);
      expect(await selectedOption()).toBe("Demo");

      const other = sessionId(3);
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", visitorMessage(other, "Where is my parcel?", "Diego Ruiz 3", Date.now() - 60_000)));
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", visitorMessage(sessionId(5), "Can I change my address?", "Femi Ade 5", Date.now())));
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", visitorMessage(other, "Hello? Anyone there?", "Diego Ruiz 3", Date.now() + 1_000)));
      await expect.poll(selectedOption, { message: "two conversations with new messages" }).toBe("Demo — 2 unread");

      const button = page.getByRole("button", { name: /^Unread/ });
      expect(await button.textContent()).toBe("Unread 2");
      await button.click();
      const panel = page.getByRole("region", { name: "Unread messages" });
      const items = panel.getByRole("listitem");
      expect(await items.count(), "one entry per conversation").toBe(2);
      expect(await items.nth(0).textContent(), "newest first, with its latest message and how many are new").toMatch(
        /^Diego Ruiz 3.*Hello\? Anyone there\?2 new messages$/,
      );
      expect(await items.nth(1).textContent()).toMatch(/^Femi Ade 5.*Can I change my address\?1 new message$/);

      await items.nth(0).getByRole("button").click();
      await page.getByRole("heading", { name: "Diego Ruiz 3", level: 2 }).waitFor();
      expect(await page.evaluate(() => window.location.hash), "the conversation opens").toBe(`#/conversations/${other}`);
      await expect.poll(selectedOption, { message: "opened, so no longer unread" }).toBe("Demo — 1 unread");
      expect(await button.textContent()).toBe("Unread 1");
      expect(await panel.isHidden(), "the list closes once a conversation is chosen").toBe(true);

      // Opened from the conversation list instead: read all the same.
      await page.getByRole("listbox").getByText("Femi Ade 5").click();
      await page.getByRole("heading", { name: "Femi Ade 5", level: 2 }).waitFor();
      await expect.poll(selectedOption, { message: "nothing left unread" }).toBe("Demo");
      expect(await button.textContent()).toBe("Unread 0");
    } finally {
      await app.close();
    }
  });

  test("a message on another watched connection counts there, and opening it switches connection first", async () => {
    const crisp = fakeCrisp();
    let selected = "demo";
    const app = await openApp({
      route: "conversations",
      handlers: {
        ...crisp.handlers,
        list_connections: () => [demo, acme].map((c) => ({ ...c, selected: c.id === selected })),
        select_connection: ({ connection }) => {
          selected = connection;
          return { ...acme, selected: true };
        },
      },
    });
    try {
      const { page } = app;
      await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
      const other = sessionId(2);
      await app.emit(MONITOR_UPDATE, eventUpdate("c1", visitorMessage(other, "Is the shop open on Sunday?", "Carla Dias 2")));
      await page.getByRole("option", { name: "Acme — 1 unread" }).waitFor({ state: "attached" });
      expect(await page.getByRole("option", { name: "Demo", exact: true }).count(), "the Demo has nothing new").toBe(1);

      await page.getByRole("button", { name: /^Unread/ }).click();
      const item = page.getByRole("region", { name: "Unread messages" }).getByRole("button", { name: /Carla Dias 2/ });
      expect(await item.textContent(), "the entry names its connection").toContain("· Acme");
      await item.click();
      await expect.poll(() => app.ipc.of("select_connection").at(-1), { message: "Acme is selected first" }).toEqual({ connection: "c1" });
      await page.getByRole("heading", { name: "Carla Dias 2", level: 2 }).waitFor();
      expect(await page.evaluate(() => window.location.hash)).toBe(`#/conversations/${other}`);
      await page.getByRole("option", { name: "Acme", exact: true }).waitFor({ state: "attached" });
    } finally {
      await app.close();
    }
  });

  test("people and visitors refresh on their own events", async () => {
    const app = await openApp({
      route: "people",
      handlers: {
        list_people_profiles: () => makeProfiles(3, 0),
        count_visitors: () => ({ count: 4, active: 1, limited: false }),
        list_visitors: () => [],
      },
    });
    try {
      const { page } = app;
      await page.getByRole("table", { name: "People" }).waitFor();
      const lists = app.ipc.of("list_people_profiles").length;
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", { kind: "people_profile_changed", people_id: "p1", email: "a@example.com", nickname: "A", created: true, updated_at: Date.now() }));
      await expect.poll(() => app.ipc.of("list_people_profiles").length, { ...REFETCH, message: "the people list refetches" }).toBeGreaterThan(lists);

      await page.getByRole("link", { name: "Visitors" }).click();
      await page.getByTestId("visitors-count").waitFor();
      const counts = app.ipc.of("count_visitors").length;
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", { kind: "visitors_count_changed", count: 5, active: 2, previous: 4 }));
      await expect.poll(() => app.ipc.of("count_visitors").length, { ...REFETCH, message: "the visitor count refetches" }).toBeGreaterThan(counts);
    } finally {
      await app.close();
    }
  });

  test("the backend hears when the window loses and regains focus", async () => {
    const app = await openApp({ route: "conversations", handlers: fakeCrisp().handlers });
    try {
      const { page } = app;
      await expect.poll(() => app.ipc.of("set_window_focused").at(-1)).toEqual({ focused: true });
      await page.evaluate(() => window.dispatchEvent(new Event("blur")));
      await expect.poll(() => app.ipc.of("set_window_focused").at(-1), { message: "slower polling in the background" }).toEqual({ focused: false });
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      await expect.poll(() => app.ipc.of("set_window_focused").at(-1), { message: "faster again in front" }).toEqual({ focused: true });
    } finally {
      await app.close();
    }
  });
});
