import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp, type IpcArgs } from "./support/app";
import { fakeCrisp, makeConversations, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

/** Crisp's first answer takes this long, as over a slow network. */
const SLOW_MS = 2_000;

test("the stored inbox shows, marked as stored, before Crisp's first answer replaces it", async () => {
  const crisp = fakeCrisp({ conversations: 30 });
  const stored = makeConversations(3).map((c, i) => ({ ...c, meta: { nickname: `Stored Sara ${i}` } }));
  let answered = 0;
  const app = await openApp({
    route: "conversations",
    handlers: {
      ...crisp.handlers,
      stored_inbox: () => ({ conversations: stored, filtered: false }),
      search_conversations: async (args: IpcArgs) => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        answered += 1;
        return crisp.handlers.search_conversations!(args, answered, app.ipc.channel);
      },
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("option", { name: /Stored Sara 0/ }).waitFor({ timeout: SLOW_MS - 500 });
    expect(answered, "shown before the network answered").toBe(0);
    await page.getByRole("status").filter({ hasText: "Stored copy" }).waitFor();
    expect(ipc.last("stored_inbox").request, "the store is asked for the list's own first page").toEqual({
      website_id: WEBSITE_ID,
      page: 1,
      per_page: 50,
    });

    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor({ timeout: SLOW_MS * 3 });
    expect(answered).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("option", { name: /Stored Sara/ }).count(), { message: "Crisp's answer replaces the stored copy" }).toBe(0);
    await expect.poll(() => page.getByText("Stored copy").count(), { message: "and the mark goes with it" }).toBe(0);
  } finally {
    await app.close();
  }
});

test("a message sent while Crisp cannot be reached shows as queued until the backend sends it", async () => {
  const crisp = fakeCrisp();
  const session = sessionId(0);
  const outbox: IpcArgs[] = [];
  const app = await openApp({
    route: `conversations/${session}`,
    handlers: {
      ...crisp.handlers,
      // The backend keeps the message in its outbox and answers with its fingerprint.
      send_message: ({ request }) => {
        outbox.push({
          session_id: request.session_id,
          fingerprint: request.body.fingerprint,
          queued_at: Date.now(),
          attempts: 1,
          last_error: "the API host cannot be reached",
          request,
        });
        return { fingerprint: request.body.fingerprint };
      },
      stored_outbox: ({ sessionId: asked }) => outbox.filter((queued) => queued.session_id === asked),
    },
  });
  const { page } = app;
  try {
    await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
    await page.getByLabel("Reply", { exact: true }).fill("Sent from the train");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const queued = page.getByRole("list", { name: "Queued messages" });
    await queued.getByText("Sent from the train").waitFor();
    await queued.getByText("queued", { exact: true }).waitFor();

    // The connection is back: the backend sent it, so it leaves the outbox and joins the thread.
    const waiting = outbox.splice(0);
    crisp.handlers.send_message!({ connection: "demo", request: waiting[0].request }, 1, app.ipc.channel);
    await expect.poll(() => queued.count(), { message: "no longer queued", timeout: 10_000 }).toBe(0);
    await page.getByRole("region", { name: "Messages" }).getByText("Sent from the train").waitFor();
  } finally {
    await app.close();
  }
});

test("a draft kept by an earlier run is back in its Reply box, and new typing is kept in the store", async () => {
  const crisp = fakeCrisp();
  const session = sessionId(0);
  const earlier = { text: "Typed before the restart", note: false, fingerprint: 424_242_424_242_424, mayHaveLanded: false };
  const app = await openApp({
    route: "conversations",
    handlers: {
      ...crisp.handlers,
      stored_drafts: () => [{ session_id: session, text: JSON.stringify(earlier) }],
      keep_draft: () => null,
    },
  });
  const { page, ipc } = app;
  try {
    await expect.poll(() => ipc.of("stored_drafts").length).toBeGreaterThan(0);
    await page.getByRole("option", { name: /Ana Costa 0/ }).click();
    const reply = page.getByLabel("Reply", { exact: true });
    await expect.poll(() => reply.inputValue(), { message: "the earlier run's draft" }).toBe("Typed before the restart");
    await reply.fill("Typed before the restart, and more");
    await expect.poll(() => ipc.of("keep_draft").length, { message: "written once typing pauses" }).toBeGreaterThan(0);
    const kept = ipc.last("keep_draft");
    expect(kept.sessionId).toBe(session);
    expect(JSON.parse(kept.text), "with the same fingerprint").toEqual({ ...earlier, text: "Typed before the restart, and more" });
  } finally {
    await app.close();
  }
});

test("a message Crisp refused shows as not sent with its reason, and comes back as a draft or is discarded", async () => {
  const crisp = fakeCrisp();
  const session = sessionId(0);
  const refused = (fingerprint: number, content: string) => ({
    session_id: session,
    fingerprint,
    queued_at: Date.now(),
    attempts: 1,
    last_error: null,
    failed: "Crisp refused the request: Crisp refused the data (invalid_data) (HTTP 400).",
    request: { session_id: session, body: { type: "text", from: "operator", origin: "chat", content, fingerprint } },
  });
  let outbox = [refused(111_111_111, "Typed on the train"), refused(222_222_222, "Second thoughts")];
  const app = await openApp({
    route: `conversations/${session}`,
    handlers: {
      ...crisp.handlers,
      stored_outbox: ({ sessionId: asked }) => outbox.filter((queued) => queued.session_id === asked),
      remove_queued_message: ({ fingerprint }) => {
        outbox = outbox.filter((queued) => queued.fingerprint !== fingerprint);
        return null;
      },
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
    const queued = page.getByRole("list", { name: "Queued messages" });
    const first = queued.getByRole("listitem").filter({ hasText: "Typed on the train" });
    await first.getByText("not sent: Crisp refused the request: Crisp refused the data (invalid_data) (HTTP 400).").waitFor();
    expect(await queued.getByText("queued", { exact: true }).count(), "not shown as waiting").toBe(0);

    await first.getByRole("button", { name: "Edit as draft" }).click();
    const reply = page.getByLabel("Reply", { exact: true });
    await expect.poll(() => reply.inputValue(), { message: "the text is back in the Reply box" }).toBe("Typed on the train");
    expect(ipc.last("remove_queued_message")).toMatchObject({ connection: "demo", sessionId: session, fingerprint: 111_111_111 });
    await expect.poll(() => first.count(), { message: "it left the outbox" }).toBe(0);

    const second = queued.getByRole("listitem").filter({ hasText: "Second thoughts" });
    await second.getByRole("button", { name: "Discard" }).click();
    await expect.poll(() => queued.count(), { message: "discarded, nothing left in the outbox" }).toBe(0);
    expect(ipc.last("remove_queued_message").fingerprint).toBe(222_222_222);
    expect(await reply.inputValue(), "a discarded message does not touch the draft").toBe("Typed on the train");
    expect(ipc.of("send_message").length, "a refused message is never sent again by itself").toBe(0);
  } finally {
    await app.close();
  }
});
