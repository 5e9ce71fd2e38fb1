import { afterAll, expect, test } from "vitest";
import { closeBrowser, ipcError, openApp } from "./support/app";
import { fakeCrisp, INES, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

test("filters the list with the search module's fields, shows them as removable chips, and pages on", async () => {
  const crisp = fakeCrisp({ conversations: 130 });
  const app = await openApp({ route: "conversations", handlers: crisp.handlers, timezoneId: "UTC" });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    expect(ipc.last("search_conversations"), "the first page asks for 50 with no filter").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, page: 1, per_page: 50 },
    });
    const first = await page.getByRole("option", { name: /Ana Costa 0/ }).textContent();
    expect(first, "a row shows the state, unread count, last message and assignee").toMatch(
      /My refund has not arrived yet.*unresolved.*unread.*Assigned to Rui Matos/,
    );

    await page.getByRole("button", { name: /^Filters/ }).click();
    const panel = page.getByRole("form", { name: "Filters" });
    await panel.getByLabel("Filter Not Resolved").check();
    await panel.getByLabel("Filter Assigned").fill(INES);
    await panel.getByLabel("Filter Date Start").fill("2026-07-01T00:00");
    await panel.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => ipc.of("search_conversations").length).toBeGreaterThan(1);
    expect(ipc.last("search_conversations").request, "only the chosen filters are sent, in Crisp's names").toEqual({
      website_id: WEBSITE_ID,
      page: 1,
      per_page: 50,
      filter_not_resolved: true,
      filter_assigned: INES,
      filter_date_start: "2026-07-01T00:00:00.000Z",
    });
    const chips = page.getByRole("list", { name: "Active filters" });
    await chips.getByText("Filter Assigned: Inês Sousa").waitFor();
    const rows = page.getByRole("listbox", { name: "Conversations" }).getByRole("option");
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes("Assigned to Inês Sousa") && !/\bresolved/.test(t));
      }, { message: "the list shows only what the filters let through" })
      .toBe(true);

    await page.getByRole("button", { name: "Remove filter Filter Assigned: Inês Sousa" }).click();
    await expect.poll(() => ipc.last("search_conversations").request.filter_assigned, { message: "removing a chip drops that filter" }).toBeUndefined();
    expect(ipc.last("search_conversations").request.filter_not_resolved, "other filters stay").toBe(true);

    await page.getByRole("button", { name: "Remove filter Filter Not Resolved" }).click();
    await page.getByRole("button", { name: "Remove filter Filter Date Start: 2026-07-01 00:00" }).click();
    await expect.poll(() => chips.count()).toBe(0);

    const list = page.getByRole("listbox", { name: "Conversations" });
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => ipc.of("search_conversations").filter((a) => a.request.page === 2 && !a.request.filter_not_resolved).length, {
      message: "scrolling to the end loads the next page",
    }).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});

test("j/k move through the list, Enter opens the conversation, and the open one is marked selected", async () => {
  const crisp = fakeCrisp();
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  const { page } = app;
  try {
    const list = page.getByRole("listbox", { name: "Conversations" });
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    await list.focus();
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Bruno Lima 1", level: 2 }).waitFor();
    expect(page.url(), "the route names the open conversation").toContain(encodeURIComponent(sessionId(1)));
    expect(await page.getByRole("option", { name: /Bruno Lima 1/ }).getAttribute("aria-selected"), "the open row is selected").toBe("true");
    expect(await list.getAttribute("aria-activedescendant"), "the active row is exposed to assistive technology").toContain("conversation-");
  } finally {
    await app.close();
  }
});

test("creates a conversation, resolves and reopens it, then removes it after confirming", async () => {
  const crisp = fakeCrisp();
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    await page.getByRole("button", { name: "New conversation" }).click();
    await page.getByText("No messages yet. Write the first one below.").waitFor();
    expect(ipc.last("create_conversation"), "create names only the website").toEqual({ connection: "demo", request: { website_id: WEBSITE_ID } });
    await page.getByRole("button", { name: "Resolve" }).click();
    await page.getByRole("button", { name: "Unresolve" }).waitFor();
    const created = ipc.last("create_conversation") && (crisp.state.conversations[0].session_id as string);
    expect(ipc.last("change_conversation_state"), "resolve sends the state in the body").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: created, body: { state: "resolved" } },
    });
    await page.getByRole("button", { name: "Unresolve" }).click();
    await page.getByRole("button", { name: "Resolve" }).waitFor();
    expect(ipc.last("change_conversation_state").request.body, "unresolve reopens").toEqual({ state: "unresolved" });

    await page.getByRole("button", { name: "Remove conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove this conversation?" });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible(), { message: "Esc closes the dialog" }).toBe(false);
    expect(ipc.of("remove_conversation"), "cancelling removes nothing").toHaveLength(0);

    await page.getByRole("button", { name: "Remove conversation" }).click();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await page.getByText("Open a conversation from the list").waitFor();
    expect(ipc.last("remove_conversation"), "remove names the conversation").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: created },
    });
  } finally {
    await app.close();
  }
});

test("an API error shows its plain words, and rate limiting says when it retries and then loads", async () => {
  const crisp = fakeCrisp();
  let calls = 0;
  const app = await openApp({
    route: "conversations",
    handlers: {
      ...crisp.handlers,
      search_conversations: (args, n) => {
        calls = n;
        if (n === 1) throw ipcError("rate_limited", "Crisp asked to slow down (rate_limited).");
        return crisp.handlers.search_conversations!(args, n);
      },
    },
  });
  const { page } = app;
  try {
    await page.getByText(/Crisp asked to slow down \(rate_limited\)\. Crisp is rate limiting this connection; retrying in \d+ s\./).waitFor();
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor({ timeout: 10_000 });
    expect(calls, "the list was retried after the rate limit").toBe(2);
  } finally {
    await app.close();
  }

  const failing = await openApp({
    route: "conversations",
    handlers: {
      search_conversations: () => {
        throw ipcError("not_subscribed", "The plugin is not installed on this website (Crisp: not_subscribed).");
      },
    },
  });
  try {
    await failing.page.getByRole("alert").getByText("The plugin is not installed on this website (Crisp: not_subscribed).").waitFor();
    expect(failing.ipc.of("search_conversations"), "a final error is not retried").toHaveLength(1);
    expect(await failing.page.getByRole("button", { name: "Try again" }).isVisible(), "the error offers a retry").toBe(true);
  } finally {
    await failing.close();
  }
});

test("a refresh that fails keeps the rows it had, says why, and Try again loads the list again", async () => {
  const crisp = fakeCrisp();
  let failing = false;
  const app = await openApp({
    route: "conversations",
    handlers: {
      ...crisp.handlers,
      search_conversations: (args, n) => {
        if (failing) throw ipcError("server", "Crisp is unavailable right now (HTTP 503).");
        return crisp.handlers.search_conversations!(args, n);
      },
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    failing = true;
    // Creating a conversation refreshes the list, which now fails.
    await page.getByRole("button", { name: "New conversation" }).click();
    const notice = page.getByRole("alert").filter({ hasText: "Could not refresh the list" });
    await notice.getByText(/Crisp is unavailable right now \(HTTP 503\)\./).waitFor();
    expect(await page.getByRole("option", { name: /Ana Costa 0/ }).isVisible(), "the earlier rows stay").toBe(true);

    failing = false;
    const before = ipc.of("search_conversations").length;
    await notice.getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => notice.count(), { message: "the notice goes once the list loads" }).toBe(0);
    expect(ipc.of("search_conversations").length, "Try again asked Crisp again").toBeGreaterThan(before);
  } finally {
    await app.close();
  }
});

test("opening a conversation with unread visitor messages marks them read, once, and its badges clear", async () => {
  const crisp = fakeCrisp();
  const app = await openApp({ route: `conversations/${sessionId(0)}`, handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    await expect.poll(() => ipc.of("mark_messages_read").length, { message: "the open conversation is marked read" }).toBe(1);
    expect(ipc.last("mark_messages_read"), "as the operator, from the chat, every message").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: sessionId(0), body: { from: "operator", origin: "chat" } },
    });
    const header = page.getByRole("region", { name: "Conversation", exact: true });
    await expect.poll(() => header.getByText(/\d+ unread/).count(), { message: "the header's unread badge clears" }).toBe(0);
    const row = page.getByRole("option", { name: /Ana Costa 0/ });
    await expect.poll(() => row.getByText(/\d+ unread/).count(), { message: "the list's unread pill clears" }).toBe(0);

    await page.getByRole("option", { name: /Bruno Lima 1/ }).click();
    await page.getByRole("heading", { name: "Bruno Lima 1", level: 2 }).waitFor();
    expect(ipc.of("mark_messages_read"), "a conversation with nothing unread is left alone, the first not marked twice").toHaveLength(1);
  } finally {
    await app.close();
  }
});

test("a row's badges stay whole on one line and its assignee is cut short when the row is too narrow for all of them", async () => {
  const crisp = fakeCrisp({ conversations: 12 });
  Object.assign(crisp.state.conversations[0], { state: "unresolved", unread: { operator: 12, visitor: 0 }, assigned: { user_id: INES } });
  const app = await openApp({ route: "conversations", handlers: crisp.handlers, viewport: { width: 1200, height: 780 } });
  try {
    const row = app.page.getByRole("option", { name: /Ana Costa 0/ });
    await row.waitFor();
    const meta = await row.locator(".row-meta").evaluate((line) => ({
      badges: [...line.querySelectorAll(".badge")].map((badge) => ({ text: badge.textContent, height: badge.getBoundingClientRect().height })),
      assignee: line.querySelector(".row-assignee")?.getBoundingClientRect().width ?? 0,
      overflows: line.scrollWidth > line.clientWidth,
    }));
    expect(meta.badges.map((b) => b.text), "the row shows its state and unread count").toEqual(["unresolved", "12 unread"]);
    expect(meta.badges[1].height, "the unread pill is one line, as high as the state's").toBe(meta.badges[0].height);
    expect(meta.assignee, "the assignee still shows, cut short").toBeGreaterThan(40);
    expect(meta.overflows, "nothing runs past the row").toBe(false);
  } finally {
    await app.close();
  }
});
