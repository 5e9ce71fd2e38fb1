/**
 * The local store on screen: the list's search box answers from the store as you type (matched words in <mark>,
 * visitor text as text), "Search on Crisp" then runs Crisp's own search; a conversation opens from the store,
 * marked "offline, saved HH:MM", when Crisp cannot be reached; exports call the command with the chosen format.
 */
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, ipcError, openApp, type Handlers, type IpcArgs } from "./support/app";
import { axeViolations } from "./support/axe";
import { fakeCrisp, makeMessages, sessionId } from "./support/crisp";
import { makeProfiles } from "./fixtures/people-data";

afterAll(closeBrowser);

const session = sessionId(0);
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** The store's answer to a conversation search: Ana's conversation, a message with the typed word in it. */
function storedHits({ request }: IpcArgs) {
  const query: string = request.query;
  if (!"refund".startsWith(query.toLowerCase()) && !query.toLowerCase().startsWith("refund")) return [];
  return [
    {
      session_id: session,
      fingerprint: 7,
      snippet: [
        { text: `${HOSTILE} my `, matched: false },
        { text: "refund", matched: true },
        { text: " has not arrived", matched: false },
      ],
      conversation: { session_id: session, meta: { nickname: "Ana Costa 0", email: "visitor0@example.com" } },
    },
  ];
}

/** The page's local time "HH:MM" of `ms` in `timeZone`. */
function hhmm(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
}

/** Crisp unreachable for the conversation and its thread; the store holds both, saved `storedAt`. */
function offlineHandlers(crisp: ReturnType<typeof fakeCrisp>, storedAt: number): Handlers {
  return {
    ...crisp.handlers,
    get_conversation: () => {
      throw ipcError("network", "Could not reach Crisp: connection refused.");
    },
    list_messages: () => {
      throw ipcError("network", "Could not reach Crisp: connection refused.");
    },
    get_stored_conversation: () => ({ conversation: crisp.state.conversations[0], stored_at: storedAt }),
    get_stored_thread: () => ({ messages: makeMessages(session, 3), stored_at: storedAt }),
  };
}

describe("instant local search", () => {
  test("answers from the store as you type, highlights the matched words, and Search on Crisp runs Crisp's search", async () => {
    const crisp = fakeCrisp();
    const app = await openApp({ route: "conversations", handlers: { ...crisp.handlers, search_stored_conversations: storedHits } });
    try {
      const { page, ipc } = app;
      const box = page.getByRole("searchbox", { name: "Search conversations" });
      await box.pressSequentially("refu", { delay: 20 });
      const found = page.getByRole("list", { name: "Stored conversations found" });
      await expect.poll(() => found.locator("mark").allTextContents()).toEqual(["refund"]);
      expect(ipc.last("search_stored_conversations"), "the store is asked for the words typed").toEqual({
        connection: "demo",
        request: { query: "refu", limit: 20 },
      });
      expect(await found.getByText(HOSTILE, { exact: false }).count(), "visitor text shows as text").toBe(1);
      expect(await found.locator("img").count(), "and never as markup").toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(ipc.of("search_conversations").every((a) => a.request.search_query === undefined), "Crisp not searched yet").toBe(true);

      await page.getByRole("button", { name: "Search on Crisp for “refu”" }).click();
      await expect.poll(() => ipc.of("search_conversations").some((a) => a.request.search_query === "refu")).toBe(true);
      const remote = ipc.of("search_conversations").find((a) => a.request.search_query === "refu")!;
      expect(remote.request.search_type, "Crisp's text search").toBe("text");
      await page.getByRole("list", { name: "Active filters" }).getByText("Search Query: refu", { exact: false }).waitFor();

      await found.waitFor({ state: "detached" });
      await box.fill("refund");
      await page.getByRole("list", { name: "Stored conversations found" }).getByRole("button", { name: /Ana Costa 0/ }).click();
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/conversations/${session}`);
    } finally {
      await app.close();
    }
  });

  test("people search answers from the store and Search on Crisp applies the words as Search Text", async () => {
    const app = await openApp({
      route: "people",
      handlers: {
        list_people_profiles: () => makeProfiles(3, 0),
        search_stored_people_profiles: () => [
          {
            people_id: "people-omar",
            snippet: [{ text: "Omar ", matched: false }, { text: "Haddad", matched: true }],
            profile: { people_id: "people-omar", email: "omar@shop.example", person: { nickname: "Omar Haddad" } },
          },
        ],
      },
    });
    try {
      const { page, ipc } = app;
      await page.getByRole("searchbox", { name: "Quick search" }).pressSequentially("hadd", { delay: 20 });
      const found = page.getByRole("list", { name: "Stored profiles found" });
      await expect.poll(() => found.locator("mark").allTextContents()).toEqual(["Haddad"]);
      expect(ipc.last("search_stored_people_profiles").request.query).toBe("hadd");
      await page.getByRole("button", { name: "Search on Crisp for “hadd”" }).click();
      await expect.poll(() => ipc.of("list_people_profiles").some((a) => a.request.search_text === "hadd")).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe("offline reading", () => {
  test("the stored conversation and thread open marked offline, saved HH:MM, when Crisp cannot be reached", async () => {
    const crisp = fakeCrisp();
    const timeZone = "Asia/Tokyo";
    const storedAt = Date.now() - 5 * 60_000;
    const app = await openApp({ route: `conversations/${session}`, timezoneId: timeZone, handlers: offlineHandlers(crisp, storedAt) });
    try {
      const { page, ipc } = app;
      await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
      const messages = page.getByRole("region", { name: "Messages" });
      await messages.getByText("Message 3", { exact: true }).waitFor();
      const marks = page.getByText(/^offline, saved /);
      await expect.poll(() => marks.count(), { message: "the conversation and its thread are both marked" }).toBe(2);
      for (const text of await marks.allTextContents()) {
        expect(text, "the saved time in the page's local time").toMatch(new RegExp(`^offline, saved (\\d{4}-\\d{2}-\\d{2} )?${hhmm(storedAt, timeZone)}$`));
      }
      expect(ipc.last("get_stored_thread"), "the stored thread of the open conversation").toEqual({
        connection: "demo",
        request: { session_id: session },
      });
      expect(ipc.of("get_conversation").length, "Crisp was asked first").toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  test("a failure other than the network shows the error, not a stored copy", async () => {
    const crisp = fakeCrisp();
    const app = await openApp({
      route: `conversations/${session}`,
      handlers: {
        ...offlineHandlers(crisp, Date.now()),
        get_conversation: () => {
          throw ipcError("not_found", "This conversation does not exist.");
        },
      },
    });
    try {
      await app.page.getByText("This conversation does not exist.").waitFor();
      expect(app.ipc.of("get_stored_conversation").length, "the store is not read for a Crisp answer").toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe("export", () => {
  test("a thread and the filtered list export with the chosen format", async () => {
    const crisp = fakeCrisp({ conversations: 3 });
    const app = await openApp({
      route: `conversations/${session}`,
      handlers: {
        ...crisp.handlers,
        export_thread: () => ({ file_name: "conversation.csv", conversations: 1, messages: 45 }),
        export_conversations: () => null,
      },
    });
    try {
      const { page, ipc } = app;
      const thread = page.getByRole("group", { name: "Export thread" });
      await thread.getByLabel("Format").selectOption("csv");
      await thread.getByRole("button", { name: "Export thread" }).click();
      await thread.getByText("Saved conversation.csv (1 conversation, 45 messages).").waitFor();
      expect(ipc.last("export_thread")).toEqual({ connection: "demo", request: { session_id: session, format: "csv" } });

      const list = page.getByRole("group", { name: "Export list" });
      await list.getByLabel("Format").selectOption("json");
      await list.getByRole("button", { name: "Export list" }).click();
      await list.getByText("Export cancelled.").waitFor();
      expect(ipc.last("export_conversations"), "the list's conversations, in its order").toEqual({
        connection: "demo",
        request: { session_ids: [sessionId(0), sessionId(1), sessionId(2)], format: "json" },
      });
    } finally {
      await app.close();
    }
  });
});

/** The new screens' states, for axe. */
async function showLocalResults(page: Page) {
  await page.getByRole("searchbox", { name: "Search conversations" }).fill("refund");
  await page.getByRole("list", { name: "Stored conversations found" }).locator("mark").first().waitFor();
  await page.getByText(/^offline, saved /).first().waitFor();
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`local search results, the offline mark and export have no axe violations (${colorScheme})`, async () => {
    const crisp = fakeCrisp();
    const app = await openApp({
      colorScheme,
      route: `conversations/${session}`,
      handlers: { ...offlineHandlers(crisp, Date.now()), search_stored_conversations: storedHits },
    });
    try {
      await showLocalResults(app.page);
      expect(await axeViolations(app.page), `axe violations (${colorScheme})`).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test(`people quick search results have no axe violations (${colorScheme})`, async () => {
    const app = await openApp({
      colorScheme,
      route: "people",
      handlers: {
        list_people_profiles: () => makeProfiles(3, 0),
        search_stored_people_profiles: () => [
          { people_id: "p1", snippet: [{ text: "Omar ", matched: false }, { text: "Haddad", matched: true }], profile: null },
        ],
      },
    });
    try {
      await app.page.getByRole("searchbox", { name: "Quick search" }).fill("haddad");
      await app.page.getByRole("list", { name: "Stored profiles found" }).locator("mark").waitFor();
      expect(await axeViolations(app.page), `axe violations (${colorScheme})`).toEqual([]);
    } finally {
      await app.close();
    }
  });
}
