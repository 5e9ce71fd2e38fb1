import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, openApp, type Handlers } from "./support/app";
import { axeViolations } from "./support/axe";
import { fakeCrisp, INES, RUI, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

/** Today's budget as the client counts it: a website token with 120 of its 10,000 requests used. */
const quota: Handlers = { quota: () => ({ tier: "website", used_today: 120, daily_budget: 10_000, backoff_until_ms: null }) };
const sessions = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => sessionId(from + i));

function row(page: Page, title: string) {
  return page.getByRole("option", { name: new RegExp(`^${title}\\b`) });
}
/** Clicks a row's checkbox (a mouse target inside the option; Shift for a range). */
async function check(page: Page, title: string, modifiers: ("Shift" | "Control")[] = []) {
  await row(page, title).locator(".row-check").click({ modifiers });
}
function bar(page: Page) {
  return page.getByRole("region", { name: "Bulk actions" });
}
async function selectAllLoaded(page: Page) {
  await row(page, "Ana Costa 0").waitFor();
  await page.getByRole("listbox", { name: "Conversations" }).focus();
  await page.keyboard.press("Control+a");
}

/** A command answer the test releases: the UI waits on it as on a slow Crisp. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test("selecting 25 conversations and resolving them sends two batch requests, 20 then 5, and the list refreshes", async () => {
  const crisp = fakeCrisp({ conversations: 25 });
  const app = await openApp({ route: "conversations", handlers: { ...crisp.handlers, ...quota } });
  const { page, ipc } = app;
  try {
    await row(page, "Ana Costa 0").waitFor();
    await check(page, "Ana Costa 0");
    await check(page, "Eva Novak 4", ["Shift"]);
    await bar(page).getByText("5 selected").waitFor();
    expect(await row(page, "Carla Dias 2").getAttribute("aria-checked"), "Shift+click selects the rows between").toBe("true");
    expect(await row(page, "Femi Ade 5").getAttribute("aria-checked"), "and stops at the clicked row").toBe("false");
    expect(page.url(), "clicking checkboxes opens no conversation").not.toContain("session_");

    await page.keyboard.press("Escape");
    await expect.poll(() => bar(page).count(), { message: "Escape clears the selection and the bar goes" }).toBe(0);

    await selectAllLoaded(page);
    await bar(page).getByText("25 selected").waitFor();
    await bar(page).getByText("Each action sends 2 requests (up to 20 conversations each).").waitFor();
    await bar(page).getByText("120 of 10000 requests used today, 9880 left.").waitFor();
    expect(ipc.of("batch_resolve_conversations"), "nothing is sent before an action is chosen").toHaveLength(0);

    const listedBefore = ipc.of("search_conversations").length;
    await bar(page).getByRole("button", { name: "Resolve", exact: true }).click();
    await bar(page).getByText("Resolved 25 of 25 conversations.").waitFor();
    expect(ipc.of("batch_resolve_conversations"), "one request per 20 conversations, in list order").toEqual([
      { connection: "demo", request: { website_id: WEBSITE_ID, body: { sessions: sessions(0, 20) } } },
      { connection: "demo", request: { website_id: WEBSITE_ID, body: { sessions: sessions(20, 25) } } },
    ]);
    await bar(page).getByText("0 selected").waitFor();
    await expect.poll(() => ipc.of("search_conversations").length, { message: "the list is asked again" }).toBeGreaterThan(listedBefore);
    await expect
      .poll(() => row(page, "Bruno Lima 1").locator(".badge-state").textContent(), { message: "the rows show the new state" })
      .toBe("resolved");
    expect(ipc.of("change_conversation_state"), "no conversation is changed one by one").toHaveLength(0);
  } finally {
    await app.close();
  }
});

test("the keyboard selects too: x or Space toggles the active row, Shift extends, Ctrl+A takes all, Escape clears", async () => {
  const crisp = fakeCrisp({ conversations: 30 });
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  const { page } = app;
  try {
    await row(page, "Ana Costa 0").waitFor();
    await page.getByRole("listbox", { name: "Conversations" }).focus();
    await page.keyboard.press("x");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("Shift+Space");
    await bar(page).getByText("3 selected").waitFor();
    await page.keyboard.press("j");
    await page.keyboard.press(" ");
    await bar(page).getByText("4 selected").waitFor();
    await page.keyboard.press(" ");
    await bar(page).getByText("3 selected").waitFor();
    await page.keyboard.press("Control+a");
    await bar(page).getByText("30 selected").waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => bar(page).count(), { message: "Escape clears everything" }).toBe(0);
    expect(page.url(), "selecting opens nothing").not.toContain("session_");
  } finally {
    await app.close();
  }
});

test("Cancel stops before the next request: what was sent stays done, the rest is reported not sent and stays selected", async () => {
  const crisp = fakeCrisp({ conversations: 60 });
  const first = gate();
  const resolve = crisp.handlers.batch_resolve_conversations!;
  const app = await openApp({
    route: "conversations",
    handlers: {
      ...crisp.handlers,
      ...quota,
      batch_resolve_conversations: async (args, call, channel) => {
        if (call === 1) await first.opened;
        return resolve(args, call, channel);
      },
    },
  });
  const { page, ipc } = app;
  try {
    await selectAllLoaded(page);
    await bar(page).getByText("50 selected").waitFor();
    await bar(page).getByText("All 50 loaded conversations are selected; more match.", { exact: false }).waitFor();
    await bar(page).getByText("Each action sends 3 requests (up to 20 conversations each).").waitFor();
    await bar(page).getByRole("button", { name: "Resolve", exact: true }).click();
    const progress = bar(page).getByRole("progressbar");
    await progress.waitFor();
    expect(await progress.getAttribute("aria-label"), "the bar says how far it is").toBe("Resolving: 0 of 3 requests sent");
    await bar(page).getByRole("button", { name: "Cancel" }).click();
    await bar(page).getByText("cancelling after this request", { exact: false }).waitFor();
    first.open();

    await bar(page).getByText("Resolved 20 of 50 conversations; cancelled after 1 of 3 requests: 30 not sent, still selected.").waitFor();
    expect(ipc.of("batch_resolve_conversations").map((a) => a.request.body.sessions), "only the request before Cancel was sent").toEqual([
      sessions(0, 20),
    ]);
    expect(crisp.state.conversations.slice(0, 20).every((c) => c.state === "resolved"), "the sent chunk stays done").toBe(true);
    await bar(page).getByText("30 selected").waitFor();
    expect(await row(page, "Ana Costa 0").getAttribute("aria-checked"), "done rows leave the selection").toBe("false");
  } finally {
    await app.close();
  }
});

test("a partly failed action names each conversation not changed with Crisp's reason and keeps only those selected", async () => {
  const crisp = fakeCrisp({ conversations: 25 });
  const app = await openApp({ route: "conversations", handlers: { ...crisp.handlers, ...quota } });
  const { page, ipc } = app;
  try {
    await selectAllLoaded(page);
    await bar(page).getByText("25 selected").waitFor();
    // Another operator removes one conversation of the second chunk meanwhile: Crisp refuses that whole request.
    const gone = sessionId(22);
    crisp.state.conversations = crisp.state.conversations.filter((c) => c.session_id !== gone);
    await bar(page).getByRole("button", { name: "Mark unread" }).click();
    await bar(page).getByText("Marked unread 20 of 25 conversations; 5 failed.").waitFor();
    expect(ipc.of("batch_unread_conversations").map((a) => a.request.body.sessions), "both requests were sent").toEqual([
      sessions(0, 20),
      sessions(20, 25),
    ]);
    const failed = bar(page).getByRole("list", { name: "Conversations not changed" }).getByRole("listitem");
    const reason = `The conversation ${gone} was not found (Crisp: not_found).`;
    expect(await failed.allTextContents(), "each conversation of the refused request, with the reason").toEqual([
      `Eva Novak 20: ${reason}`,
      `Femi Ade 21: ${reason}`,
      `Grace Ho 22: ${reason}`,
      `Hugo Brandt 23: ${reason}`,
      `Ana Costa 24: ${reason}`,
    ]);
    // The five stay selected; once the list refreshes, the removed one has left it and the selection with it.
    await bar(page).getByText("4 selected").waitFor();
    expect(await row(page, "Bruno Lima 1").getAttribute("aria-checked"), "a done row leaves the selection").toBe("false");
    await page.getByRole("listbox", { name: "Conversations" }).evaluate((el) => (el.scrollTop = el.scrollHeight));
    for (const title of ["Eva Novak 20", "Femi Ade 21", "Hugo Brandt 23", "Ana Costa 24"]) {
      await row(page, title).waitFor();
      expect(await row(page, title).getAttribute("aria-checked"), `${title} failed and stays selected`).toBe("true");
    }
  } finally {
    await app.close();
  }
});

test("remove asks to confirm, with its cost, and sends nothing when cancelled", async () => {
  const crisp = fakeCrisp({ conversations: 10 });
  const app = await openApp({ route: "conversations", handlers: { ...crisp.handlers, ...quota } });
  const { page, ipc } = app;
  try {
    await row(page, "Ana Costa 0").waitFor();
    await check(page, "Bruno Lima 1");
    await check(page, "Diego Ruiz 3", ["Shift"]);
    await bar(page).getByRole("button", { name: "Remove…" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove 3 conversations?" });
    await dialog.getByText("This sends 1 request.").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.isVisible(), { message: "Cancel closes the dialog" }).toBe(false);
    await bar(page).getByRole("button", { name: "Remove…" }).click();
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible(), { message: "Escape closes the dialog" }).toBe(false);
    await bar(page).getByText("3 selected").waitFor();
    expect(ipc.of("batch_remove_conversations"), "cancelling removes nothing").toHaveLength(0);

    await bar(page).getByRole("button", { name: "Remove…" }).click();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await bar(page).getByText("Removed 3 of 3 conversations.").waitFor();
    expect(ipc.of("batch_remove_conversations"), "one request names the three").toEqual([
      { connection: "demo", request: { website_id: WEBSITE_ID, body: { sessions: sessions(1, 4) } } },
    ]);
    await expect.poll(() => row(page, "Carla Dias 2").count(), { message: "removed rows leave the list" }).toBe(0);
  } finally {
    await app.close();
  }
});

test("assigns the open conversation from its header, then unassigns it, and assigns a selection from the list", async () => {
  const crisp = fakeCrisp({ conversations: 10 });
  const open = sessionId(2);
  const app = await openApp({ route: `conversations/${open}`, handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    const header = page.getByRole("form", { name: "Assignment" });
    const picker = header.getByLabel("Assignee");
    await expect.poll(() => picker.inputValue(), { message: "the routing says nobody holds it" }).toBe("");
    expect(ipc.last("get_conversation_routing"), "the assignee is read from the routing").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: open },
    });
    await picker.selectOption({ label: "Inês Sousa" });
    await header.getByRole("button", { name: "Assign" }).click();
    await page.locator(".detail-title").getByText("Assigned to Inês Sousa").waitFor();
    expect(ipc.last("assign_conversation_routing"), "the routing body names the operator").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: open, body: { assigned: { user_id: INES } } },
    });

    await picker.selectOption({ label: "Nobody" });
    await header.getByRole("button", { name: "Unassign" }).click();
    await page.locator(".detail-title").getByText("Unassigned").waitFor();
    expect(ipc.last("assign_conversation_routing").request.body, "unassigning sends null").toEqual({ assigned: null });
    expect(ipc.of("assign_conversation_routing"), "one request each").toHaveLength(2);

    await check(page, "Ana Costa 0");
    await check(page, "Bruno Lima 1", ["Control"]);
    await bar(page).getByLabel("Assign to").selectOption({ label: "Rui Matos" });
    await bar(page).getByRole("button", { name: "Assign", exact: true }).click();
    await bar(page).getByText("Assigned 2 of 2 conversations.").waitFor();
    expect(ipc.of("batch_assign_conversations"), "the batch routing body").toEqual([
      { connection: "demo", request: { website_id: WEBSITE_ID, body: { sessions: sessions(0, 2), assigned: { user_id: RUI } } } },
    ]);
  } finally {
    await app.close();
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  describe(`axe-core, ${colorScheme} theme`, () => {
    test("the bulk bar with a report, the assignee picker and the remove confirmation have no violations", async () => {
      const crisp = fakeCrisp({ conversations: 25 });
      const app = await openApp({ colorScheme, route: `conversations/${sessionId(1)}`, handlers: { ...crisp.handlers, ...quota } });
      const { page } = app;
      try {
        await page.getByRole("form", { name: "Assignment" }).getByRole("button", { name: "Assign" }).waitFor();
        await selectAllLoaded(page);
        crisp.state.conversations = crisp.state.conversations.filter((c) => c.session_id !== sessionId(21));
        await bar(page).getByRole("button", { name: "Mark read" }).click();
        await bar(page).getByRole("list", { name: "Conversations not changed" }).waitFor();
        expect(await axeViolations(page), `axe violations with a selection and a report (${colorScheme})`).toEqual([]);
        await bar(page).getByRole("button", { name: "Remove…" }).click();
        await page.getByRole("dialog", { name: "Remove 4 conversations?" }).waitFor();
        expect(await axeViolations(page), `axe violations in the remove confirmation (${colorScheme})`).toEqual([]);
      } finally {
        await app.close();
      }
    });

    test("the bulk bar while an action runs has no violations", async () => {
      const crisp = fakeCrisp({ conversations: 25 });
      const held = gate();
      const app = await openApp({
        colorScheme,
        route: "conversations",
        handlers: { ...crisp.handlers, ...quota, batch_read_conversations: async () => (await held.opened, {}) },
      });
      const { page } = app;
      try {
        await selectAllLoaded(page);
        await bar(page).getByRole("button", { name: "Mark read" }).click();
        await bar(page).getByRole("progressbar").waitFor();
        expect(await axeViolations(page), `axe violations with a progress bar (${colorScheme})`).toEqual([]);
        held.open();
        await bar(page).getByText("Marked read 25 of 25 conversations.").waitFor();
      } finally {
        await app.close();
      }
    });
  });
}
