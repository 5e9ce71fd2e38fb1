import { afterAll, describe, expect, test } from "vitest";
import type { Conversation } from "../src/ipc";
import { closeBrowser, demoConnection, ipcError, openApp, type Handlers, type IpcArgs } from "./support/app";
import { axeViolations } from "./support/axe";
import { fakeCrisp, makeConversations, sessionId } from "./support/crisp";
import { eventUpdate, MONITOR_UPDATE, status } from "./support/monitor";

afterAll(closeBrowser);

/** A second saved workspace beside the Demo (not the selected connection). */
const acme = { ...demoConnection, id: "c1", name: "Acme", website_id: "8d3a6c21-1f0e-4b7a-9c55-2e7f4a9b3d10", demo: false, selected: false };

/**
 * Two in-memory Crisps, one per connection, answered by the `connection` argument of every call. The Demo's
 * conversations are updated on the minute, Acme's half a minute later each, so the merged order interleaves
 * them; Acme's visitors are named "Acme visitor N" and its sessions reuse the Demo's IDs (two workspaces may
 * well hold the same session ID; the rows stay apart).
 */
function twoWorkspaces(options: { demo?: number; acme?: number; acmeShift?: number } = {}) {
  const demo = fakeCrisp({ conversations: options.demo ?? 8 });
  const other = fakeCrisp({ conversations: options.acme ?? 8 });
  const shift = options.acmeShift ?? -30_000;
  other.state.conversations = other.state.conversations.map(
    (c, i): Conversation => ({
      ...c,
      website_id: acme.website_id,
      meta: { nickname: `Acme visitor ${i}`, email: `acme${i}@example.com` },
      updated_at: (c.updated_at ?? 0) + shift,
    }),
  );
  const byConnection = (args: IpcArgs) => (args.connection === acme.id ? other : demo);
  const handlers: Handlers = {};
  for (const name of Object.keys(demo.handlers) as (keyof Handlers)[]) {
    (handlers as Record<string, unknown>)[name] = (args: IpcArgs, call: number, channel: unknown) =>
      (byConnection(args).handlers as Record<string, (...a: unknown[]) => unknown>)[name](args, call, channel);
  }
  handlers.list_connections = () => [demoConnection, acme];
  return { demo, acme: other, handlers };
}

const rowsOf = (page: import("playwright-core").Page) =>
  page.getByRole("listbox", { name: "Conversations of all connections" }).getByRole("option");

test("lists both connections' conversations newest first, each marked with its workspace, with one unread badge", async () => {
  const crisp = twoWorkspaces();
  const app = await openApp({
    route: "all",
    handlers: {
      ...crisp.handlers,
      monitor_status: ({ connection }) => status({ unread_conversations: connection === acme.id ? 3 : 2 }),
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Acme visitor 0/ }).waitFor();
    const texts = (await rowsOf(page).allTextContents()).slice(0, 6);
    expect(
      texts.map((t) => /^(Ana Costa 0|Bruno Lima 1|Carla Dias 2|Acme visitor \d)/.exec(t)?.[0]),
      "newest first by update time across the two workspaces",
    ).toEqual(["Ana Costa 0", "Acme visitor 0", "Bruno Lima 1", "Acme visitor 1", "Carla Dias 2", "Acme visitor 2"]);
    expect(texts[0], "a Demo row names its workspace").toContain("Demo");
    expect(texts[1], "an Acme row names its workspace").toContain("Acme");
    const colours = await page
      .locator(".merged-row .workspace-mark")
      .evaluateAll((marks) => marks.slice(0, 2).map((m) => getComputedStyle(m).backgroundColor));
    expect(colours[0], "each workspace has its own colour").not.toBe(colours[1]);

    const requests = ipc.of("search_conversations");
    expect(
      requests.map((a) => a.connection).sort(),
      "one first page per connection, each through its own connection",
    ).toEqual(["c1", "demo"]);
    for (const { connection, request } of requests) {
      expect(request, `${connection} asks for its own website, ordered by update so the pages merge`).toEqual({
        website_id: connection === acme.id ? acme.website_id : demoConnection.website_id,
        page: 1,
        per_page: 50,
        order_date_updated: true,
      });
    }

    const nav = page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: /All connections/ });
    await expect.poll(() => nav.textContent(), { message: "2 unread in the Demo and 3 in Acme give one badge" }).toBe("All connections5 unread");
  } finally {
    await app.close();
  }
});

test("the unread badge says which connections it leaves out because the monitor does not watch them", async () => {
  const crisp = twoWorkspaces();
  const app = await openApp({
    route: "all",
    handlers: { ...crisp.handlers, monitor_status: ({ connection }) => (connection === acme.id ? null : status({ unread_conversations: 2 })) },
  });
  const { page } = app;
  try {
    const nav = page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: /All connections/ });
    await expect.poll(() => nav.textContent(), { message: "only the Demo's count is known" }).toBe("All connections2 unread");
    await page.getByText("The unread count leaves out Acme: not watched.", { exact: false }).waitFor();
  } finally {
    await app.close();
  }
});

test("the filters go to every connection's query", async () => {
  const crisp = twoWorkspaces();
  const app = await openApp({ route: "all", handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Acme visitor 0/ }).waitFor();
    await page.getByRole("button", { name: /^Filters/ }).click();
    const panel = page.getByRole("form", { name: "Filters" });
    await panel.getByLabel("Filter Unread").check();
    await panel.getByRole("button", { name: "Apply filters" }).click();
    await expect
      .poll(() => ipc.of("search_conversations").filter((a) => a.request.filter_unread).map((a) => a.connection).sort(), {
        message: "both connections are asked again with the filter",
      })
      .toEqual(["c1", "demo"]);
    await expect
      .poll(async () => (await rowsOf(page).allTextContents()).every((t) => /unread/.test(t)), { message: "only unread rows remain" })
      .toBe(true);
  } finally {
    await app.close();
  }
});

test("a connection's next page is fetched only when the merged list reaches its last loaded conversation", async () => {
  // Acme's 60 are all newer than the Demo's, so Acme's second page comes before anything of the Demo's beyond
  // the first page, which is never needed until Acme's list has ended.
  const crisp = twoWorkspaces({ demo: 120, acme: 60, acmeShift: 86_400_000 });
  const app = await openApp({ route: "all", handlers: crisp.handlers });
  const { page, ipc } = app;
  const pagesOf = (connection: string) =>
    ipc
      .of("search_conversations")
      .filter((a) => a.connection === connection)
      .map((a) => a.request.page);
  try {
    await page.getByRole("option", { name: /Acme visitor 0/ }).waitFor();
    expect(pagesOf("c1"), "Acme's first page only").toEqual([1]);
    expect(pagesOf("demo"), "the Demo's first page only").toEqual([1]);
    const list = page.getByRole("listbox", { name: "Conversations of all connections" });
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => pagesOf("c1"), { message: "scrolling to the end needs Acme's second page" }).toEqual([1, 2]);
    // A little further down (not to the end): Acme's last row, with the Demo's first ones after it.
    await list.evaluate((el) => (el.scrollTop += 800));
    await page.getByText(/Acme visitor 59/).waitFor();
    await page.getByText(/Ana Costa 0/).waitFor();
    expect(pagesOf("demo"), "the Demo's rows after its first page are not needed yet").toEqual([1]);
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => pagesOf("demo"), { message: "past the Demo's first 50 rows its second page is asked for" }).toEqual([1, 2]);
    expect(pagesOf("c1"), "Acme's list ended with its short second page").toEqual([1, 2]);
  } finally {
    await app.close();
  }
});

describe("refreshing a connection", () => {
  const LIST = '[role="listbox"][aria-label="Conversations of all connections"]';
  type Opened = Awaited<ReturnType<typeof openApp>>;

  /** How many rows the list says it holds (`aria-setsize` of its rows). */
  const listed = async ({ page }: Opened) => Number((await page.locator(`${LIST} [role="option"]`).first().getAttribute("aria-setsize")) ?? 0);
  const scrollTo = ({ page }: Opened, top: number | "end") =>
    page.evaluate(
      ([selector, to]) => {
        const list = document.querySelector(selector as string) as HTMLElement;
        list.scrollTop = to === "end" ? list.scrollHeight : (to as number);
      },
      [LIST, top] as const,
    );
  const pagesOf = ({ ipc }: Opened, connection: string, since = 0) =>
    ipc
      .of("search_conversations")
      .slice(since)
      .filter((a) => a.connection === connection)
      .map((a) => a.request.page);

  /** Every row from top to bottom as `connection/session`, read a screenful at a time (the list is virtualized). */
  async function everyRow(app: Opened): Promise<string[]> {
    const rows = new Map<number, string>();
    const total = await listed(app);
    for (let top = 0; rows.size < total; top += 400) {
      await scrollTo(app, top);
      await app.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const seen = await app.page
        .locator(`${LIST} [role="option"]`)
        .evaluateAll((options) => options.map((o) => [Number(o.getAttribute("aria-posinset")), `${o.getAttribute("data-connection")}/${o.getAttribute("data-session")}`] as const));
      for (const [at, row] of seen) rows.set(at, row);
      if (top > total * 80) break;
    }
    return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  }

  test("a refresh of a connection with four pages loaded asks Crisp for its first page only, and every row stays, in order", async () => {
    // 151 in the Demo: four pages, the last of one conversation.
    const crisp = twoWorkspaces({ demo: 151, acme: 8 });
    const app = await openApp({ route: "all", handlers: crisp.handlers });
    try {
      await app.page.getByRole("option", { name: /Acme visitor 0/ }).waitFor();
      for (const [rows, pages] of [[108, [1, 2]], [158, [1, 2, 3]], [159, [1, 2, 3, 4]]] as const) {
        await scrollTo(app, "end");
        await expect.poll(() => listed(app), { message: `the Demo pages on to ${rows} rows` }).toBe(rows);
        expect(pagesOf(app, "demo")).toEqual(pages);
      }
      await app.page.getByText("End of the list: 159 conversations.").waitFor();
      const before = app.ipc.of("search_conversations").length;

      const id = "session_fresh000-0000-4000-8000-000000000000";
      crisp.demo.state.conversations.unshift({ session_id: id, website_id: demoConnection.website_id, state: "pending", meta: { nickname: "Zoe Fresh" }, updated_at: Date.now() });
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", { kind: "conversation_created", session_id: id, nickname: "Zoe Fresh", email: null, excerpt: null, state: "pending", created_at: Date.now() }));

      await expect.poll(() => listed(app), { message: "the new conversation joins the 159 rows" }).toBe(160);
      expect(pagesOf(app, "demo", before), "the Demo's first page asked again, not the four loaded").toEqual([1]);
      expect(pagesOf(app, "c1", before), "Acme, not refreshed, is not asked").toEqual([]);
      const expected = [
        ...crisp.demo.state.conversations.map((c) => ({ row: `demo/${c.session_id}`, at: c.updated_at ?? 0 })),
        ...crisp.acme.state.conversations.map((c) => ({ row: `c1/${c.session_id}`, at: c.updated_at ?? 0 })),
      ]
        .sort((a, b) => b.at - a.at)
        .map((r) => r.row);
      expect(expected[0], "the new conversation is the newest").toBe(`demo/${id}`);
      expect(await everyRow(app), "every conversation of both, the new one first, newest first, none twice").toEqual(expected);
      await app.page.getByText("End of the list: 160 conversations.").waitFor();
    } finally {
      await app.close();
    }
  });

  /** `handlers` of which the one read of `connection`'s conversations they are armed for waits for `release`. */
  function heldReads(handlers: Handlers, connection: string) {
    let armed = false;
    let release: (() => void) | null = null;
    const search = handlers.search_conversations!;
    const held: Handlers = {
      ...handlers,
      search_conversations: async (args, call, channel) => {
        if (armed && args.connection === connection) {
          armed = false;
          await new Promise<void>((done) => (release = done));
        }
        return search(args, call, channel);
      },
    };
    return { handlers: held, arm: () => void (armed = true), holding: () => release !== null, release: () => release?.() };
  }

  test("scrolling to the end while a connection is refreshed asks for its next page once the refresh is done", async () => {
    const demoReads = heldReads(twoWorkspaces({ demo: 400, acme: 8 }).handlers, "demo");
    const app = await openApp({ route: "all", handlers: demoReads.handlers });
    try {
      await app.page.getByRole("option", { name: /Acme visitor 0/ }).waitFor();
      await expect.poll(() => listed(app)).toBe(58);
      const before = app.ipc.of("search_conversations").length;
      demoReads.arm();
      await app.emit(MONITOR_UPDATE, eventUpdate("demo", { kind: "conversation_state_changed", session_id: sessionId(0), from: "pending", to: "pending" }));
      await expect.poll(() => demoReads.holding(), { message: "the refresh is asking Crisp" }).toBe(true);

      await scrollTo(app, "end");
      // Give the list the frames in which it asks for the next page.
      await app.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect(pagesOf(app, "demo", before), "the next page waits for the refresh, which decides what page 1 holds").toEqual([1]);
      demoReads.release();

      await expect.poll(() => listed(app), { message: "the Demo's second page loads once the refresh is done" }).toBe(108);
      expect(pagesOf(app, "demo", before), "the refresh, then the next page").toEqual([1, 2]);
    } finally {
      await app.close();
    }
  });
});

describe("acting on a row", () => {
  test("opening a row and replying use that row's connection, whichever is selected", async () => {
    const crisp = twoWorkspaces();
    const app = await openApp({ route: "all", handlers: crisp.handlers });
    const { page, ipc } = app;
    try {
      await page.getByRole("option", { name: /Acme visitor 1/ }).click();
      await page.getByRole("heading", { name: "Acme visitor 1", level: 2 }).waitFor();
      expect(ipc.last("get_conversation"), "the conversation is read through Acme").toEqual({
        connection: "c1",
        request: { website_id: acme.website_id, session_id: sessionId(1) },
      });
      await expect.poll(() => ipc.of("list_messages").map((a) => a.connection), { message: "its thread comes from Acme" }).toEqual(["c1"]);
      await page.getByLabel("Reply", { exact: true }).fill("Hello from Acme");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect.poll(() => ipc.of("send_message").length).toBe(1);
      const sent = ipc.last("send_message");
      expect(sent.connection, "the reply goes out through the row's connection, not the selected Demo").toBe("c1");
      expect(sent.request.session_id).toBe(sessionId(1));
      expect(sent.request.website_id, "to Acme's website").toBe(acme.website_id);

      await page.getByRole("option", { name: /Bruno Lima 1/ }).click();
      await page.getByRole("heading", { name: "Bruno Lima 1", level: 2 }).waitFor();
      await page.getByLabel("Reply", { exact: true }).fill("Hello from the Demo");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect.poll(() => ipc.of("send_message").length).toBe(2);
      expect(ipc.last("send_message").connection, "the same session ID in the Demo's row goes through the Demo").toBe("demo");
      expect(
        ipc.of("select_connection"),
        "opening rows of another workspace does not switch the selected connection",
      ).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test("removing the open conversation removes it through its connection and stays in the merged inbox", async () => {
    const crisp = twoWorkspaces();
    const app = await openApp({ route: `all/c1%2F${sessionId(3)}`, handlers: crisp.handlers });
    const { page, ipc } = app;
    try {
      await page.getByRole("heading", { name: "Acme visitor 3", level: 2 }).waitFor();
      await page.getByRole("button", { name: "Remove conversation" }).click();
      await page.getByRole("dialog", { name: "Remove this conversation?" }).getByRole("button", { name: "Remove" }).click();
      await expect.poll(() => ipc.of("remove_conversation")).toEqual([
        { connection: "c1", request: { website_id: acme.website_id, session_id: sessionId(3) } },
      ]);
      await expect.poll(() => new URL(page.url()).hash, { message: "back to the merged list, not the selected connection's" }).toBe("#/all");
      await expect.poll(() => page.getByRole("option", { name: /Acme visitor 3/ }).count(), { message: "Acme's list is read again" }).toBe(0);
      expect(await page.getByRole("option", { name: /Diego Ruiz 3/ }).count(), "the Demo's conversation with the same ID stays").toBe(1);
    } finally {
      await app.close();
    }
  });

  test("the open row survives a reload from its route", async () => {
    const crisp = twoWorkspaces();
    const app = await openApp({ route: `all/c1%2F${sessionId(2)}`, handlers: crisp.handlers });
    try {
      await app.page.getByRole("heading", { name: "Acme visitor 2", level: 2 }).waitFor();
      expect(
        await app.page.getByRole("option", { name: /Acme visitor 2/ }).getAttribute("aria-selected"),
        "the open row is selected, not the Demo's row with the same session ID",
      ).toBe("true");
      expect(await app.page.getByRole("option", { name: /Carla Dias 2/ }).getAttribute("aria-selected")).toBe("false");
    } finally {
      await app.close();
    }
  });
});

test("a connection that fails shows its notice and the other connection's rows still show", async () => {
  const crisp = twoWorkspaces();
  const app = await openApp({
    route: "all",
    handlers: {
      ...crisp.handlers,
      search_conversations: (args, call, channel) => {
        if (args.connection === acme.id) throw ipcError("bad_credentials", "Crisp refused this key (invalid_session).");
        return crisp.handlers.search_conversations!(args, call, channel);
      },
    },
  });
  const { page } = app;
  try {
    await page.getByRole("alert").filter({ hasText: "Acme: Crisp refused this key (invalid_session)." }).waitFor();
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    const texts = await rowsOf(page).allTextContents();
    expect(texts.length, "every Demo row shows").toBe(8);
    expect(texts.some((t) => t.includes("Acme visitor")), "no Acme row").toBe(false);
  } finally {
    await app.close();
  }
});

test("a connection waiting out a rate limit does not hold the others back, and joins in order when it answers", async () => {
  const crisp = twoWorkspaces();
  // Acme's first answer is a rate limit; its retry (whenever it comes) waits for the test to let it through.
  let letAcmeAnswer: () => void = () => undefined;
  const acmeMayAnswer = new Promise<void>((resolve) => (letAcmeAnswer = resolve));
  let acmeCalls = 0;
  const app = await openApp({
    route: "all",
    handlers: {
      ...crisp.handlers,
      search_conversations: async (args, call, channel) => {
        if (args.connection === acme.id) {
          acmeCalls += 1;
          if (acmeCalls === 1) throw ipcError("rate_limited", "Crisp asked to slow down (rate_limited).");
          await acmeMayAnswer;
        }
        return crisp.handlers.search_conversations!(args, call, channel);
      },
    },
  });
  const { page } = app;
  try {
    await page.getByRole("status").filter({ hasText: "Waiting for Acme…" }).waitFor();
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    expect(await page.getByRole("option", { name: /Acme visitor/ }).count(), "Acme has nothing to show yet").toBe(0);
    letAcmeAnswer();
    await page.getByRole("option", { name: /Acme visitor 0/ }).waitFor();
    const texts = (await rowsOf(page).allTextContents()).slice(0, 3);
    expect(texts.map((t) => /^(Ana Costa 0|Bruno Lima 1|Acme visitor 0)/.exec(t)?.[0]), "Acme's rows take their places").toEqual([
      "Ana Costa 0",
      "Acme visitor 0",
      "Bruno Lima 1",
    ]);
    expect(await page.getByText("Waiting for Acme…").count(), "the notice goes once Acme answered").toBe(0);
  } finally {
    await app.close();
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the merged inbox with an open row and a failing connection has no axe violations (${colorScheme})`, async () => {
    const crisp = twoWorkspaces();
    const broken = { ...acme, id: "c2", name: "Offline shop" };
    const app = await openApp({
      colorScheme,
      route: `all/c1%2F${sessionId(0)}`,
      handlers: {
        ...crisp.handlers,
        list_connections: () => [demoConnection, acme, broken],
        search_conversations: (args, call, channel) => {
          if (args.connection === broken.id) throw ipcError("network", "Crisp could not be reached (network).");
          return crisp.handlers.search_conversations!(args, call, channel);
        },
        monitor_status: ({ connection }) => (connection === broken.id ? null : status({ unread_conversations: 4 })),
      },
    });
    const { page } = app;
    try {
      await page.getByRole("heading", { name: "Acme visitor 0", level: 2 }).waitFor();
      await page.getByText("Offline shop: Crisp could not be reached (network).").waitFor();
      await page.getByText("The unread count leaves out Offline shop", { exact: false }).waitFor();
      await page.getByRole("link", { name: /All connections.*unread/ }).waitFor();
      await page.getByRole("button", { name: /^Filters/ }).click();
      await page.getByRole("form", { name: "Filters" }).waitFor();
      expect(await axeViolations(page), `axe violations on the merged inbox (${colorScheme})`).toEqual([]);
    } finally {
      await app.close();
    }
  });
}

test("the workspace marks keep their contrast for every hue, in both themes", async () => {
  // Twelve connections cover the twelve hues a mark can take (axe checks the ones on screen).
  const many = Array.from({ length: 24 }, (_, i) => ({ ...acme, id: `w${i}`, name: `Workspace ${i}` }));
  for (const colorScheme of ["light", "dark"] as const) {
    const app = await openApp({
      colorScheme,
      route: "all",
      viewport: { width: 1280, height: 2400 },
      handlers: {
        list_connections: () => [demoConnection, ...many],
        search_conversations: ({ connection }) =>
          makeConversations(1).map((c) => ({ ...c, meta: { nickname: `Visitor of ${connection}` }, updated_at: 1_000 + Number(String(connection).slice(1) || 0) })),
      },
    });
    try {
      await app.page.getByRole("option", { name: /Visitor of w23/ }).waitFor();
      const hues = await app.page
        .locator(".workspace-mark")
        .evaluateAll((marks) => new Set(marks.map((m) => (m as HTMLElement).style.getPropertyValue("--workspace-hue"))).size);
      expect(hues, "the marks on screen span most hues").toBeGreaterThanOrEqual(10);
      expect(await axeViolations(app.page), `axe on every hue (${colorScheme})`).toEqual([]);
    } finally {
      await app.close();
    }
  }
});
