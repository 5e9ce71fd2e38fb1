import { afterAll, describe, expect, test } from "vitest";
import type { Conversation, LiveChange, LiveEvent, Message } from "../src/ipc";
import { closeBrowser, demoConnection, openApp } from "./support/app";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";
import { status } from "./support/monitor";

afterAll(closeBrowser);

/** The event the monitors emit for each change the real-time socket pushed. */
const LIVE = "live-event";
const demo = { ...demoConnection, tier: "plugin" as const };

function live(change: LiveChange): LiveEvent {
  return { connection: "demo", change };
}

function says(session: string, from: "user" | "operator", text: string, at: number): Message {
  return {
    session_id: session,
    website_id: WEBSITE_ID,
    type: "text",
    from,
    origin: "chat",
    content: text,
    fingerprint: at,
    timestamp: at,
    user: from === "user" ? { user_id: session, nickname: "Carla Dias" } : { user_id: "op", nickname: "Rui" },
  };
}

/** The app on a connection whose monitor is live on the socket, with conversation 2 open. */
async function openLive() {
  const crisp = fakeCrisp();
  const app = await openApp({
    route: `conversations/${sessionId(2)}`,
    handlers: { ...crisp.handlers, list_connections: () => [demo], monitor_status: () => status({ transport: "live", next_poll_at_ms: null }) },
  });
  const thread = app.page.getByRole("region", { name: "Messages" });
  await thread.getByText("Message 45").waitFor();
  await app.page.locator(".monitor-transport", { hasText: "Live" }).waitFor();
  return { app, thread, crisp };
}

describe("live updates from the real-time socket", () => {
  test("a visitor's message and a teammate's reply show in the open thread and move its row first, with nothing read again", async () => {
    const { app, thread } = await openLive();
    try {
      const { page } = app;
      const asked = () => app.ipc.calls.filter((c) => ["search_conversations", "list_messages", "get_conversation"].includes(c.command)).length;
      const before = asked();
      const open = sessionId(2);
      const at = Date.now();
      await app.emit(LIVE, live({ kind: "message_added", session_id: open, message: says(open, "user", "Is the refund on its way?", at) }));
      await app.emit(LIVE, live({ kind: "message_added", session_id: open, message: says(open, "operator", "Yes, it left today", at + 1) }));
      await thread.getByText("Is the refund on its way?").waitFor({ timeout: 2_000 });
      await thread.getByText("Yes, it left today").waitFor({ timeout: 2_000 });
      const first = page.getByRole("listbox", { name: "Conversations" }).getByRole("option").first();
      await expect.poll(() => first.textContent(), { timeout: 2_000, message: "the conversation moved first with the reply's excerpt" }).toMatch(
        /^Carla Dias 2.*Yes, it left today/,
      );

      await app.emit(LIVE, live({ kind: "message_updated", session_id: open, fingerprint: at, content: "Is my refund on its way?" }));
      await thread.getByText("Is my refund on its way?").waitFor({ timeout: 2_000 });
      await app.emit(LIVE, live({ kind: "message_removed", session_id: open, fingerprint: at + 1 }));
      await expect.poll(() => thread.getByText("Yes, it left today").count(), { timeout: 2_000, message: "the removed reply leaves" }).toBe(0);

      expect(asked(), "every change was written into what the window holds: no list, thread or conversation was read again").toBe(before);
    } finally {
      await app.close();
    }
  });

  test("a message in a conversation the list has not loaded fetches only that conversation and puts it on top", async () => {
    const { app, crisp } = await openLive();
    try {
      const newcomer = "session_new-visitor";
      const searches = app.ipc.of("search_conversations").length;
      crisp.state.conversations.unshift({
        session_id: newcomer,
        website_id: WEBSITE_ID,
        state: "pending",
        last_message: "Hello, first time here",
        meta: { nickname: "Nora New" },
        updated_at: Date.now(),
      });
      await app.emit(LIVE, live({ kind: "message_added", session_id: newcomer, message: says(newcomer, "user", "Hello, first time here", Date.now()) }));
      const first = app.page.getByRole("listbox", { name: "Conversations" }).getByRole("option").first();
      await expect.poll(() => first.textContent(), { timeout: 2_000, message: "the new conversation is first" }).toMatch(/^Nora New/);
      expect(
        app.ipc.of("get_conversation").filter((args) => args.request.session_id === newcomer),
        "one request, for that conversation",
      ).toHaveLength(1);
      expect(app.ipc.of("search_conversations").length, "the list itself is not read again").toBe(searches);
    } finally {
      await app.close();
    }
  });

  test("the visitor's typing shows under the thread until they stop", async () => {
    const { app } = await openLive();
    try {
      const typing = app.page.getByText("Visitor is typing…");
      await app.emit(LIVE, live({ kind: "composing", session_id: sessionId(2), from: "user", typing: true, excerpt: null }));
      await typing.waitFor({ timeout: 2_000 });
      await app.emit(LIVE, live({ kind: "composing", session_id: sessionId(2), from: "user", typing: false, excerpt: null }));
      await typing.waitFor({ state: "detached", timeout: 2_000 });
      await app.emit(LIVE, live({ kind: "composing", session_id: sessionId(3), from: "user", typing: true, excerpt: null }));
      await app.emit(LIVE, live({ kind: "composing", session_id: sessionId(2), from: "operator", typing: true, excerpt: null }));
      // Changes apply in order: once this teammate's note shows, the two before it were applied too.
      const open = sessionId(2);
      await app.emit(LIVE, live({ kind: "message_added", session_id: open, message: says(open, "operator", "Checking the parcel", Date.now()) }));
      await app.page.getByRole("region", { name: "Messages" }).getByText("Checking the parcel").waitFor({ timeout: 2_000 });
      expect(await typing.count(), "another conversation's visitor, or a teammate, typing is not this visitor").toBe(0);
    } finally {
      await app.close();
    }
  });
  test("on the socket the visitors screen polls nothing: a visitor-count change updates the count and reads the list once", async () => {
    const app = await openApp({
      route: "visitors",
      handlers: {
        list_connections: () => [demo],
        monitor_status: () => status({ transport: "live", next_poll_at_ms: null }),
        count_visitors: () => ({ count: 3, active: 2, limited: false }),
        list_visitors: () => [],
      },
    });
    try {
      const { page } = app;
      await page.locator(".monitor-transport", { hasText: "Live" }).waitFor();
      await page.getByText("Updates as Crisp reports visitors coming and going (Live).").waitFor();
      await expect.poll(() => app.ipc.of("list_visitors").length, { timeout: 5_000 }).toBe(1);
      const counted = app.ipc.of("count_visitors").length;
      await app.emit(LIVE, live({ kind: "visitors_count", count: 8, active: 5 }));
      await expect.poll(() => page.getByTestId("visitors-count").textContent(), { timeout: 2_000, message: "the pushed count shows" }).toBe("8");
      await expect.poll(() => app.ipc.of("list_visitors").length, { timeout: 2_000, message: "the list is read again once" }).toBe(2);
      expect(app.ipc.of("count_visitors").length, "the count came from the socket, not from Crisp").toBe(counted);
    } finally {
      await app.close();
    }
  });

  test("a message that moves a row first from the last loaded page leaves the list able to load its next page", async () => {
    const crisp = fakeCrisp({ conversations: 130 });
    const app = await openApp({
      route: "conversations",
      handlers: { ...crisp.handlers, list_connections: () => [demo], monitor_status: () => status({ transport: "live", next_poll_at_ms: null }) },
    });
    try {
      const { page } = app;
      const list = page.getByRole("listbox", { name: "Conversations" });
      const pagesAsked = () => app.ipc.of("search_conversations").map((call) => call.request.page);
      const toTheEnd = () => list.evaluate((element) => (element.scrollTop = element.scrollHeight));
      await list.getByRole("option").first().waitFor();
      await page.locator(".monitor-transport", { hasText: "Live" }).waitFor();
      await toTheEnd();
      await expect.poll(pagesAsked, { message: "scrolling to the end loads page 2" }).toContain(2);
      const listed = () => list.getByRole("option").first().getAttribute("aria-setsize");
      await expect.poll(listed, { message: "two pages listed" }).toBe("100");

      // A conversation on page 2, the last one loaded (50 rows a page), as the fake Crisp pages them.
      const secondPage = crisp.handlers.search_conversations!({ request: { website_id: WEBSITE_ID, page: 2, per_page: 50 } } as never, 0, undefined as never) as Conversation[];
      const moved = secondPage[20].session_id ?? "";
      await app.emit(LIVE, live({ kind: "message_added", session_id: moved, message: says(moved, "user", "Still waiting on this", Date.now()) }));
      // The list shows only the rows in view: back to the top to read the first one.
      await list.evaluate((element) => (element.scrollTop = 0));
      const first = list.getByRole("option").first();
      await expect.poll(() => first.textContent(), { timeout: 2_000, message: "the conversation moved first" }).toContain("Still waiting on this");

      await expect
        .poll(async () => (await toTheEnd(), pagesAsked()), { message: "the list still asks for page 3 at its end" })
        .toContain(3);
      await page.getByText("End of the list").waitFor();
      expect(await listed(), "every conversation is listed once").toBe("130");
    } finally {
      await app.close();
    }
  });
});
