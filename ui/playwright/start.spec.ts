import { afterAll, expect, test } from "vitest";
import { closeBrowser, demoConnection, openApp } from "./support/app";
import { fakeCrisp, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

/** A promise held until `release` is called (a stage of the start the test holds back). */
function gate() {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}

/** What the page's DOM showed after each change, from before the app's code ran (window.__screens). */
interface Screen {
  shell: boolean;
  rows: number;
  status: string;
}

/** Records every state of the DOM the app goes through: whether the shell is there, its rows and status texts. */
function recordScreens() {
  const w = window as unknown as { __screens: Screen[] };
  w.__screens = [];
  const snapshot = () => {
    const status = [...document.querySelectorAll('[role="status"]')].map((e) => e.textContent ?? "").join(" | ");
    w.__screens.push({
      shell: document.querySelector(".shell") !== null,
      rows: document.querySelectorAll('[aria-label="Conversations"] [role="option"]').length,
      status,
    });
  };
  new MutationObserver(snapshot).observe(document, { childList: true, subtree: true, characterData: true });
}

test("the app opens on the inbox with its rows in the shell's first render, asking for each first answer once", async () => {
  const crisp = fakeCrisp({ conversations: 30 });
  const app = await openApp({
    route: "conversations",
    handlers: { ...crisp.handlers, stored_inbox: () => ({ conversations: [], filtered: false }) },
    initScript: recordScreens,
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    const screens = await page.evaluate(() => (window as unknown as { __screens: Screen[] }).__screens);
    const first = screens.find((s) => s.shell);
    expect(first?.rows, "the first render of the shell already holds the conversations").toBeGreaterThan(0);
    expect(
      screens.filter((s) => /Loading connections/.test(s.status)),
      "no loading screen is drawn between the page and the inbox",
    ).toEqual([]);
    expect(ipc.of("list_connections").length, "the connections are asked for once").toBe(1);
    expect(
      ipc.of("search_conversations").map((a) => a.request),
      "the first page is asked for once, before the inbox renders, as the inbox asks for it",
    ).toEqual([{ website_id: WEBSITE_ID, page: 1, per_page: 50 }]);
    expect(ipc.of("stored_inbox").length, "and its stored copy once").toBe(1);
    expect(app.errors).toEqual([]);
  } finally {
    await app.close();
  }
});

test("the page's entry asks for the inbox's first answers before the app's code has loaded, and they are not asked again", async () => {
  const crisp = fakeCrisp({ conversations: 30 });
  const { held, release } = gate();
  let appCodeAsked = false;
  const app = await openApp({
    route: "",
    handlers: { ...crisp.handlers, stored_inbox: () => ({ conversations: [], filtered: false }) },
    // The app's code (the chunk the entry imports) is held until the test lets it load.
    beforeOpen: (context) =>
      context.route(/\/assets\/mount-[^/]*\.js$/, async (route) => {
        appCodeAsked = true;
        await held;
        await route.continue();
      }),
  });
  const { page, ipc } = app;
  try {
    const deadline = Date.now() + 5_000;
    while (!(appCodeAsked && ipc.of("search_conversations").length > 0 && ipc.of("stored_inbox").length > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(appCodeAsked, "the app's code is a chunk of its own, held here").toBe(true);
    expect(
      ipc.of("search_conversations").map((a) => a.request),
      "while the app's code is held, the first page is already asked for",
    ).toEqual([{ website_id: WEBSITE_ID, page: 1, per_page: 50 }]);
    expect(ipc.of("stored_inbox").length, "and its stored copy").toBe(1);
    expect(await page.getByRole("option").count(), "nothing renders before the app's code is in").toBe(0);
    release();
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    expect(ipc.of("list_connections").length, "the connections are asked for once").toBe(1);
    expect(ipc.of("search_conversations").length, "the app takes the entry's page instead of asking again").toBe(1);
    expect(ipc.of("stored_inbox").length, "and its stored copy").toBe(1);
    expect(app.errors).toEqual([]);
  } finally {
    release();
    await app.close();
  }
});

/** Records, at the first change that shows the inbox's list, its rows and how many of them were added on their own. */
const RECORD_FIRST_LIST = `
  new MutationObserver((records, observer) => {
    if (!document.querySelector('[role="listbox"][aria-label="Conversations"]')) return;
    observer.disconnect();
    const added = records.flatMap((r) => [...r.addedNodes]);
    window.__firstList = {
      rows: document.querySelectorAll('[aria-label="Conversations"] [role="option"]').length,
      addedAlone: added.filter((n) => n instanceof Element && n.getAttribute("role") === "option").length,
    };
  }).observe(document, { childList: true, subtree: true });
`;

test("a later start renders the inbox's rows in the list's first render, at the size the list was measured at", async () => {
  const crisp = fakeCrisp({ conversations: 30 });
  const handlers = { ...crisp.handlers, stored_inbox: () => ({ conversations: [], filtered: false }) };
  const sizeKey = "crisp-desk:list-size:conversations";
  const firstList = (app: { page: import("playwright-core").Page }) =>
    app.page.evaluate(() => (window as unknown as { __firstList: { rows: number; addedAlone: number } }).__firstList);

  const first = await openApp({ route: "conversations", handlers, initScript: RECORD_FIRST_LIST });
  let size: string | null = null;
  try {
    await first.page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    size = await first.page.evaluate((key) => window.localStorage.getItem(key), sizeKey);
    const list = await firstList(first);
    expect(list.addedAlone, "knowing no size, the first start adds the rows once the list is measured").toBe(list.rows);
  } finally {
    await first.close();
  }
  expect(size, "the list's measured size is kept").toMatch(/^\{"width":\d+(\.\d+)?,"height":\d+(\.\d+)?\}$/);

  const later = await openApp({
    route: "conversations",
    handlers,
    initScript: `window.localStorage.setItem(${JSON.stringify(sizeKey)}, ${JSON.stringify(size)});${RECORD_FIRST_LIST}`,
  });
  try {
    await later.page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    const list = await firstList(later);
    expect(list.rows, "the list shows its rows as soon as it is there").toBeGreaterThan(0);
    expect(list.addedAlone, "they came with the list, not in a second render after it was measured").toBe(0);
    expect(later.errors).toEqual([]);
  } finally {
    await later.close();
  }
});

test("connections slower than the first screen's wait show the loading screen, then the inbox once they answer", async () => {
  const crisp = fakeCrisp({ conversations: 30 });
  const { held, release } = gate();
  const app = await openApp({
    route: "conversations",
    handlers: {
      ...crisp.handlers,
      list_connections: async () => {
        await held;
        return [demoConnection];
      },
    },
  });
  const { page } = app;
  try {
    await page.getByRole("status").filter({ hasText: "Loading connections…" }).waitFor({ timeout: 5_000 });
    expect(await page.getByRole("option", { name: /Ana Costa 0/ }).count(), "no rows while the connections are held").toBe(0);
    release();
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    expect(app.ipc.of("list_connections").length, "one request, shared by the wait and the shell").toBe(1);
    expect(app.errors).toEqual([]);
  } finally {
    release();
    await app.close();
  }
});
