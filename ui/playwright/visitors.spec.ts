import { afterAll, expect, test } from "vitest";
import { closeBrowser, ipcError, openApp } from "./support/app";
import { WEBSITE_ID } from "./fixtures/people-data";

afterAll(closeBrowser);

const visitors = [
  {
    session_id: "session_0e5a7c3b-48d1-4f92-b0a6-3c7e9d2f1b84",
    nickname: "visitor58213",
    email: "",
    initiated: false,
    active: true,
    last_page: { page_title: "Pricing — Acme", page_url: "https://acme.pt/pricing" },
    geolocation: { country: "ES", region: "Madrid", city: "Madrid" },
  },
  {
    session_id: "session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246",
    nickname: "<script>alert(1)</script>",
    email: "ana@example.com",
    initiated: true,
    active: true,
    last_page: { page_url: "https://acme.pt/" },
    geolocation: { country: "PT", city: "Lisbon" },
  },
];

test("shows the live count and the visitor list as text, one page at a time without a Limit", async () => {
  const app = await openApp({
    route: "visitors",
    handlers: { count_visitors: () => ({ count: 14, active: 9, limited: false }), list_visitors: () => visitors },
  });
  try {
    const { page } = app;
    await page.getByTestId("visitors-count").waitFor();
    expect(await page.getByTestId("visitors-count").textContent(), "the live count").toBe("14");
    expect(await page.getByText("on the website now, 9 active").count(), "active visitors are counted too").toBe(1);
    const table = page.getByRole("table", { name: "Visitors on page 1" });
    const rows = table.getByRole("row");
    await rows.nth(2).waitFor();
    const first = await rows.nth(1).getByRole("cell").allTextContents();
    expect(first.slice(0, 4), "nickname, email, current page, location").toEqual([
      "visitor58213",
      "—",
      "Pricing — Acmehttps://acme.pt/pricing",
      "Madrid, Madrid, ES",
    ]);
    expect(first[4], "since when this screen saw the visitor").toMatch(/\d/);
    expect(await rows.nth(2).getByRole("cell").first().textContent(), "a hostile nickname stays text").toBe(
      "<script>alert(1)</script>",
    );
    expect(await page.locator(".vs-table script").count(), "no markup is created from visitor data").toBe(0);
    expect(app.ipc.last("count_visitors"), "CountVisitors").toEqual({ connection: "demo", request: { website_id: WEBSITE_ID } });
    expect(app.ipc.last("list_visitors").request, "the first page without a limit").toEqual({ website_id: WEBSITE_ID, page: 1 });

    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => app.ipc.last("list_visitors").request, { timeout: 5000 }).toEqual({
      website_id: WEBSITE_ID,
      page: 2,
    });
    expect(await page.getByText(/Refreshes every 15 seconds/).count(), "the refresh interval is stated").toBe(1);
  } finally {
    await app.close();
  }
});

test("starts a conversation with a visitor by sending into its session, and links an initiated one", async () => {
  const app = await openApp({
    route: "visitors",
    handlers: {
      count_visitors: () => ({ count: 2 }),
      list_visitors: () => visitors,
      send_message: () => ({ fingerprint: 1 }),
    },
  });
  try {
    const { page } = app;
    const link = page.getByRole("link", { name: "Open conversation" });
    await link.waitFor();
    expect(await link.getAttribute("href"), "an initiated visitor's conversation opens in Conversations").toBe(
      "#/conversations/session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246",
    );
    await page.getByRole("button", { name: "Message visitor58213" }).click();
    const form = page.getByRole("form", { name: "Start a conversation with visitor58213" });
    await form.getByLabel("Message to visitor58213").fill("Hello! Can I help with pricing?");
    await form.getByRole("button", { name: "Send message" }).click();
    await page.getByRole("status").filter({ hasText: "Sent." }).waitFor();
    expect(app.ipc.last("send_message"), "SendMessage into the visitor's session").toEqual({
      connection: "demo",
      request: {
        website_id: WEBSITE_ID,
        session_id: "session_0e5a7c3b-48d1-4f92-b0a6-3c7e9d2f1b84",
        body: { type: "text", from: "operator", origin: "chat", content: "Hello! Can I help with pricing?" },
      },
    });
  } finally {
    await app.close();
  }
});

test("a refused visitor list shows Crisp's reason", async () => {
  const app = await openApp({
    route: "visitors",
    handlers: {
      count_visitors: () => ({ count: 0 }),
      list_visitors: () => {
        throw ipcError("not_subscribed", "The plugin is not installed on this website.");
      },
    },
  });
  try {
    await app.page.getByText("The plugin is not installed on this website.").waitFor();
  } finally {
    await app.close();
  }
});

/** `n` visitors, as Crisp lists them. */
function manyVisitors(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    session_id: `session_${String(i).padStart(8, "0")}-48d1-4f92-b0a6-3c7e9d2f1b84`,
    nickname: `visitor${i + 1}`,
    initiated: false,
    active: true,
  }));
}

test("List Visitors with Limit 45 pages through the client's stream and shows exactly 45", async () => {
  const all = manyVisitors(100);
  const app = await openApp({
    route: "visitors",
    handlers: { count_visitors: () => ({ count: 100 }), list_visitors: () => all.slice(0, 20) },
  });
  try {
    const { page } = app;
    // The backend's stream_visitors as the client pages it: 20 per page from page 1, the last page trimmed to the
    // limit. The third page is delivered only after the command has answered, as a Tauri channel may do.
    app.ipc.on({
      stream_visitors: async (args) => {
        const channel = app.channel(args.onPage);
        const limit: number = args.request.limit;
        const pages: (typeof all)[] = [];
        for (let start = 0; start < Math.min(limit, all.length); start += 20) {
          pages.push(all.slice(start, Math.min(start + 20, limit)));
        }
        await channel.send({ index: 1, items: pages[0] });
        await channel.send({ index: 2, items: pages[1] });
        setTimeout(() => void channel.send({ index: 3, items: pages[2] }).then(() => channel.end()), 100);
        return { pages: pages.length, items: pages.flat().length };
      },
    });
    await page.getByRole("table", { name: "Visitors on page 1" }).waitFor();
    const listedBefore = app.ipc.of("list_visitors").length;
    await page.getByRole("form", { name: "List visitors" }).getByLabel("Limit").fill("45");
    const table = page.getByRole("table", { name: "Up to 45 visitors" });
    await table.getByRole("cell", { name: "visitor45", exact: true }).waitFor();
    expect(await table.getByRole("row").count(), "45 visitors and the header row: exactly Limit, from three pages").toBe(46);
    expect(await table.getByRole("cell", { name: "visitor46", exact: true }).count(), "nothing past the limit").toBe(0);
    expect(app.ipc.of("stream_visitors").map((args) => args.request), "one paged listing, asked for 45 visitors").toEqual([
      { website_id: WEBSITE_ID, limit: 45 },
    ]);
    expect(app.ipc.of("list_visitors").length, "no single-page request once a Limit is set").toBe(listedBefore);
    expect(await page.getByText("45 visitors listed (Limit 45).").count(), "the count listed is stated").toBe(1);
    expect(await page.getByRole("navigation", { name: "Visitor pages" }).count(), "no pager: Limit decides the pages").toBe(0);
  } finally {
    await app.close();
  }
});
