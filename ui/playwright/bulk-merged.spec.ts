import { afterAll, expect, test } from "vitest";
import type { Conversation } from "../src/ipc";
import { closeBrowser, demoConnection, openApp, type Handlers, type IpcArgs } from "./support/app";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

const acme = { ...demoConnection, id: "c1", name: "Acme", website_id: "8d3a6c21-1f0e-4b7a-9c55-2e7f4a9b3d10", demo: false, selected: false };

/** Two in-memory Crisps, the Demo's and Acme's (visitors "Acme visitor N", half a minute older each). */
function twoWorkspaces() {
  const demo = fakeCrisp({ conversations: 4 });
  const other = fakeCrisp({ conversations: 4 });
  other.state.conversations = other.state.conversations.map(
    (c, i): Conversation => ({ ...c, website_id: acme.website_id, meta: { nickname: `Acme visitor ${i}` }, updated_at: (c.updated_at ?? 0) - 30_000 }),
  );
  const handlers: Handlers = {};
  for (const name of Object.keys(demo.handlers) as (keyof Handlers)[]) {
    (handlers as Record<string, unknown>)[name] = (args: IpcArgs, call: number, channel: unknown) =>
      ((args.connection === acme.id ? other : demo).handlers as Record<string, (...a: unknown[]) => unknown>)[name](args, call, channel);
  }
  handlers.list_connections = () => [demoConnection, acme];
  return { demo, acme: other, handlers };
}

test("in the merged inbox, a selection across two connections is resolved with one batch request per connection", async () => {
  const crisp = twoWorkspaces();
  const app = await openApp({ route: "all", handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    const list = page.getByRole("listbox", { name: "Conversations of all connections" });
    await page.getByRole("option", { name: /Acme visitor 3/ }).waitFor();
    await list.focus();
    await page.keyboard.press("Control+a");
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await bar.getByText("8 selected").waitFor();
    await bar.getByText("Each action sends 2 requests", { exact: false }).waitFor();
    await bar.getByRole("button", { name: "Resolve", exact: true }).click();
    await bar.getByText("Resolved 8 of 8 conversations.").waitFor();
    const sent = ipc.of("batch_resolve_conversations");
    expect(sent, "each connection's conversations go to that connection's website, in list order").toEqual([
      { connection: "demo", request: { website_id: WEBSITE_ID, body: { sessions: [0, 1, 2, 3].map(sessionId) } } },
      { connection: "c1", request: { website_id: acme.website_id, body: { sessions: [0, 1, 2, 3].map(sessionId) } } },
    ]);
    expect(crisp.acme.state.conversations.every((c) => c.state === "resolved"), "Acme's conversations are resolved").toBe(true);
  } finally {
    await app.close();
  }
});

test("a focuses the open conversation's assignee picker and x selects its row in the list", async () => {
  const crisp = fakeCrisp({ conversations: 5 });
  const app = await openApp({ route: `conversations/${sessionId(2)}`, handlers: crisp.handlers });
  const { page } = app;
  try {
    const picker = page.getByRole("form", { name: "Assignment" }).getByLabel("Assignee");
    await expect.poll(() => picker.isEnabled()).toBe(true);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("a");
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement), { message: "a focuses the picker" }).toBe(true);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("x");
    await page.getByRole("region", { name: "Bulk actions" }).getByText("1 selected").waitFor();
    expect(await page.getByRole("option", { name: /^Carla Dias 2/ }).getAttribute("aria-checked"), "the open conversation's row").toBe("true");
  } finally {
    await app.close();
  }
});

test("the palette runs a bulk action on the selection", async () => {
  const crisp = fakeCrisp({ conversations: 5 });
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /^Ana Costa 0/ }).locator(".row-check").click();
    await page.getByRole("option", { name: /^Bruno Lima 1/ }).locator(".row-check").click();
    await page.getByRole("region", { name: "Bulk actions" }).getByText("2 selected").waitFor();
    await page.keyboard.press("Control+k");
    const input = page.getByRole("dialog", { name: "Command palette" }).getByRole("combobox");
    await input.fill("mark unread selected");
    await page.keyboard.press("Enter");
    await page.getByRole("region", { name: "Bulk actions" }).getByText("Marked unread 2 of 2 conversations.").waitFor();
    expect(ipc.of("batch_unread_conversations").map((a) => a.request.body.sessions)).toEqual([[sessionId(0), sessionId(1)]]);
  } finally {
    await app.close();
  }
});
