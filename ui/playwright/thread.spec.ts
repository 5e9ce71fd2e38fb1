import { afterAll, expect, test } from "vitest";
import { closeBrowser, ipcError, openApp } from "./support/app";
import { everyTypeMessages, fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

const session = sessionId(0);

async function openThread(options: Parameters<typeof fakeCrisp>[0] = {}) {
  const crisp = fakeCrisp(options);
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  await app.page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
  return { crisp, app, page: app.page, ipc: app.ipc };
}

test("opens a thread at its latest messages and scrolls back to the start, page by page as the client says", async () => {
  const { app, page, ipc, crisp } = await openThread({ messages: 45, batch: 20 });
  try {
    const messages = page.getByRole("region", { name: "Messages" });
    await messages.getByText("Message 45", { exact: true }).waitFor();
    expect(ipc.of("list_messages")[0], "the first batch has no time selector").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: session },
    });
    for (let i = 0; i < 10 && !(await messages.getByText("Start of the conversation.").isVisible()); i++) {
      await messages.evaluate((el) => {
        el.scrollTop = 0;
        el.dispatchEvent(new Event("scroll"));
      });
      await page.waitForTimeout(150);
    }
    await messages.getByText("Start of the conversation.").waitFor();
    await messages.getByText("First message of the conversation").waitFor();
    // Requests without a selector are the newest batch: the first load, and the open thread's live polls.
    const older = ipc
      .of("list_messages")
      .map((a) => a.request.timestamp_before)
      .filter((t) => t !== undefined);
    expect(older.length, `two older batches after the newest: 20 + 20 + 5 (${JSON.stringify(older)})`).toBe(2);
    expect(older[0], "each older batch asks before the oldest message held").toBeLessThan(Date.UTC(2026, 6, 20, 9));
    expect(older[1], "and moves further back each time").toBeLessThan(older[0]);
    // The client's history walk decides where each older page starts and where the history ends: the screen
    // sends back the `next` request it was given, walk state and all, and computes no bound of its own.
    const answers = crisp.handlers.list_messages!;
    const paged = ipc.of("list_messages").filter((a) => a.request.timestamp_before !== undefined);
    expect(paged[0].request.resume, "an older page carries the walk's state from the page before").toEqual({
      seen: expect.any(Array),
      stepped_down: 0,
      batches: 1,
    });
    expect(paged[1].request, "the next older page is exactly the request the first older page returned").toEqual(
      (answers({ request: paged[0].request }, 0) as { next: unknown }).next,
    );
    expect(await messages.locator("li.message").count(), "every message is shown once").toBe(45);
  } finally {
    await app.close();
  }
});

test("a Before date with a Limit jumps back in time", async () => {
  const { app, page, ipc } = await openThread({ messages: 45 });
  try {
    const jump = page.getByRole("form", { name: "Jump back in time" });
    await jump.getByLabel("Before").fill("2026-07-20T08:30");
    await jump.getByLabel("Limit").fill("5");
    await jump.getByRole("button", { name: "Jump" }).click();
    // The jump's own request; older batches may follow it as the short thread scrolls to its top.
    await expect.poll(() => ipc.of("list_messages").some((a) => a.request.limit != null)).toBe(true);
    const request = ipc.of("list_messages").find((a) => a.request.limit != null)!.request;
    expect(request.limit, "Limit goes with the request").toBe(5);
    expect(request.timestamp_before, "Before is sent as epoch milliseconds").toBe(new Date("2026-07-20T08:30").getTime());
  } finally {
    await app.close();
  }
});

test("sends a text with Ctrl+Enter and a private note with Send", async () => {
  const { app, page, ipc } = await openThread();
  try {
    const reply = page.getByLabel("Reply", { exact: true });
    await reply.fill("Refund sent today.");
    await reply.press("Control+Enter");
    await page.getByRole("region", { name: "Messages" }).getByText("Refund sent today.").waitFor();
    const text = ipc.last("send_message");
    expect(text.request.body, "a reply is a text from the operator over chat, with its own fingerprint").toEqual({
      type: "text",
      from: "operator",
      origin: "chat",
      content: "Refund sent today.",
      fingerprint: text.request.body.fingerprint,
    });
    expect(Number.isSafeInteger(text.request.body.fingerprint), "the fingerprint is a safe integer").toBe(true);
    expect(await reply.inputValue(), "the box empties after sending").toBe("");

    await page.getByLabel("Private note").check();
    await reply.fill("Ask finance about the transfer");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("region", { name: "Messages" }).getByText("Ask finance about the transfer").waitFor();
    const note = ipc.last("send_message").request.body;
    expect(note.type, "the note toggle sends a note").toBe("note");
    expect(note.fingerprint, "every message gets a new fingerprint").not.toBe(text.request.body.fingerprint);
  } finally {
    await app.close();
  }
});

test("a timed-out send keeps the draft and says why; the retry carries the same fingerprint and lands once", async () => {
  const { app, page, ipc, crisp } = await openThread();
  const send = crisp.handlers.send_message!;
  ipc.on({
    send_message: (args, n) => {
      if (n === 1) throw ipcError("timeout", "Crisp did not answer within 10 s (timeout).");
      return send(args, n);
    },
  });
  try {
    const reply = page.getByLabel("Reply", { exact: true });
    await reply.fill("Your refund is on its way");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByText(/Not sent: Crisp did not answer within 10 s \(timeout\)\./).waitFor();
    expect(await reply.inputValue(), "the draft is kept after a failure").toBe("Your refund is on its way");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByRole("region", { name: "Messages" }).getByText("Your refund is on its way").waitFor();
    const [first, second] = ipc.of("send_message");
    expect(second.request.body.fingerprint, "the retry reuses the fingerprint, so Crisp can recognise it").toBe(
      first.request.body.fingerprint,
    );
    expect(first.request.may_have_landed, "a first try posts straight away").toBeUndefined();
    expect(second.request, "the retry is the same request, asking the backend to look the fingerprint up first").toEqual({
      ...first.request,
      may_have_landed: true,
    });
    expect(await page.getByRole("region", { name: "Messages" }).getByText("Your refund is on its way").count(), "it lands once").toBe(1);
  } finally {
    await app.close();
  }
});

test("a double Ctrl+Enter while a send is in flight sends once, and the reply is locked until Crisp answers", async () => {
  const { app, page, ipc, crisp } = await openThread();
  const send = crisp.handlers.send_message!;
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  ipc.on({
    send_message: async (args, n) => {
      await answered;
      return send(args, n);
    },
  });
  try {
    const reply = page.getByLabel("Reply", { exact: true });
    await reply.fill("Only once, please");
    // Two keypresses in the same tick, before React can re-render with the send in flight.
    await reply.evaluate((el) => {
      for (let i = 0; i < 2; i++) {
        el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true, cancelable: true }));
      }
    });
    const sendButton = page.getByRole("form", { name: "Quick reply" }).getByRole("button", { name: /^Send/ });
    await expect.poll(() => sendButton.isDisabled(), { message: "Send is disabled while the send is in flight" }).toBe(true);
    await reply.press("Control+Enter");
    expect(await reply.getAttribute("readonly"), "the reply cannot be edited while it is being sent").not.toBeNull();
    expect(ipc.of("send_message"), "one send_message call while the first is in flight").toHaveLength(1);
    answer();
    await page.getByRole("region", { name: "Messages" }).getByText("Only once, please").waitFor();
    await expect.poll(() => reply.inputValue(), { message: "a landed draft clears the reply" }).toBe("");
    expect(await reply.getAttribute("readonly"), "the reply is editable again").toBeNull();
    expect(ipc.of("send_message"), "still exactly one send_message call").toHaveLength(1);
  } finally {
    answer();
    await app.close();
  }
});

test("a failed send keeps the draft, and its retry reuses the fingerprint even after the text is edited", async () => {
  const { app, page, ipc, crisp } = await openThread();
  const send = crisp.handlers.send_message!;
  ipc.on({
    send_message: (args, n) => {
      if (n === 1) throw ipcError("network", "could not reach Crisp: connection closed before message completed");
      return send(args, n);
    },
  });
  try {
    const reply = page.getByLabel("Reply", { exact: true });
    await reply.fill("Refund sent");
    await reply.press("Control+Enter");
    await page.getByText(/Not sent: .*Your draft is kept; sending again cannot post it twice\./).waitFor();
    expect(await reply.inputValue(), "the draft is kept after a failure").toBe("Refund sent");
    await reply.fill("Refund sent today");
    await reply.press("Control+Enter");
    await page.getByRole("region", { name: "Messages" }).getByText("Refund sent today").waitFor();
    const [first, second] = ipc.of("send_message");
    expect(second.request.body.fingerprint, "an edited draft is still the same draft: the failed try may have landed").toBe(
      first.request.body.fingerprint,
    );
    expect(second.request.may_have_landed, "so the retry asks Crisp before posting").toBe(true);
    await reply.fill("A new reply");
    await reply.press("Control+Enter");
    await page.getByRole("region", { name: "Messages" }).getByText("A new reply").waitFor();
    const third = ipc.last("send_message");
    expect(third.request.body.fingerprint, "a new draft after one landed gets a new fingerprint").not.toBe(
      first.request.body.fingerprint,
    );
    expect(third.request.may_have_landed, "and posts straight away").toBeUndefined();
  } finally {
    await app.close();
  }
});

test("a pending draft survives opening another conversation: in flight it stays locked, after a failure its retry checks first", async () => {
  const { app, page, ipc, crisp } = await openThread();
  const send = crisp.handlers.send_message!;
  let fail: () => void = () => undefined;
  const failed = new Promise<void>((resolve) => (fail = resolve));
  ipc.on({
    send_message: async (args, n) => {
      if (n === 1) {
        await failed;
        throw ipcError("timeout", "Crisp did not answer within 10 s (timeout).");
      }
      return send(args, n);
    },
  });
  const reply = page.getByLabel("Reply", { exact: true });
  async function openConversation(id: string, heading: RegExp) {
    await page.evaluate((hash) => (location.hash = hash), `#/conversations/${id}`);
    await page.getByRole("heading", { name: heading, level: 2 }).waitFor();
  }
  try {
    await reply.fill("Kept while I look elsewhere");
    await reply.press("Control+Enter");
    await openConversation(sessionId(1), / 1$/);
    expect(await reply.inputValue(), "another conversation has its own, empty draft").toBe("");
    await openConversation(session, /^Ana Costa 0$/);
    expect(await reply.inputValue(), "the draft in flight comes back").toBe("Kept while I look elsewhere");
    expect(await reply.getAttribute("readonly"), "locked while its send is in flight").not.toBeNull();
    await reply.press("Control+Enter");
    expect(ipc.of("send_message"), "no second send while the first is in flight").toHaveLength(1);
    fail();
    await expect.poll(() => reply.getAttribute("readonly"), { message: "unlocked once the send failed" }).toBeNull();
    expect(await reply.inputValue(), "the failed draft is kept").toBe("Kept while I look elsewhere");
    await reply.press("Control+Enter");
    await page.getByRole("region", { name: "Messages" }).getByText("Kept while I look elsewhere").waitFor();
    const [first, second] = ipc.of("send_message");
    expect(second.request, "the retry is the same draft, checked before it is posted again").toEqual({
      ...first.request,
      may_have_landed: true,
    });
    await expect.poll(() => reply.inputValue(), { message: "a landed draft clears the reply" }).toBe("");
  } finally {
    fail();
    await app.close();
  }
});

test("sends a file message through the advanced form with the exact request object", async () => {
  const { app, page, ipc } = await openThread();
  try {
    await page.getByRole("button", { name: "Advanced…" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a Message" });
    await dialog.getByLabel("Message Type").selectOption("file");
    const file = dialog.getByRole("group", { name: "File content" });
    await file.getByLabel("Name").fill("refund-receipt.pdf");
    await file.getByLabel("URL").fill("https://files.example.com/r/8812.pdf");
    await file.getByLabel("Type").fill("application/pdf");
    await dialog.getByLabel("Message Sender").selectOption("operator");
    await dialog.getByLabel("Message Origin").fill("urn:crisp.im:slack:0");
    await dialog.getByLabel("Mentioned User Identifier").fill("d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04");
    await dialog.getByLabel("Unique Message Fingerprint").fill("172145930000001");
    const user = dialog.getByRole("group", { name: "Sender user" });
    await user.getByLabel("Type").selectOption("website");
    await user.getByLabel("Nickname").fill("Rui (Support)");
    await user.getByLabel("Avatar").fill("https://example.com/avatars/rui.png");
    await dialog.getByLabel("Translated").check();
    await dialog.getByRole("button", { name: "Send message" }).click();
    await page.getByRole("region", { name: "Messages" }).getByRole("link", { name: "Download refund-receipt.pdf" }).waitFor();
    expect(ipc.last("send_message"), "the command receives exactly the Send a Message fields, in Crisp's shape").toEqual({
      connection: "demo",
      request: {
        website_id: WEBSITE_ID,
        session_id: session,
        body: {
          type: "file",
          from: "operator",
          origin: "urn:crisp.im:slack:0",
          content: { name: "refund-receipt.pdf", url: "https://files.example.com/r/8812.pdf", type: "application/pdf" },
          fingerprint: 172145930000001,
          mentions: ["d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04"],
          user: { type: "website", nickname: "Rui (Support)", avatar: "https://example.com/avatars/rui.png" },
          translated: true,
        },
      },
    });
    expect(await dialog.isVisible(), "the dialog closes after sending").toBe(false);
  } finally {
    await app.close();
  }
});

test("the advanced form refuses a bad origin at its field and keeps what was typed", async () => {
  const { app, page, ipc } = await openThread();
  try {
    await page.getByRole("button", { name: "Advanced…" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a Message" });
    const message = dialog.getByRole("group", { name: "Message", exact: true });
    await message.getByLabel("Content", { exact: true }).fill("Hello");
    await dialog.getByLabel("Message Origin").fill("sms");
    await dialog.getByRole("button", { name: "Send message" }).click();
    const origin = dialog.getByLabel("Message Origin");
    await expect.poll(() => origin.getAttribute("aria-invalid")).toBe("true");
    expect(ipc.of("send_message"), "nothing is sent").toHaveLength(0);
    expect(await message.getByLabel("Content", { exact: true }).inputValue(), "the content is kept").toBe("Hello");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible(), { message: "Esc closes the dialog" }).toBe(false);
  } finally {
    await app.close();
  }
});

test("edits a message in place with the content form of its own type", async () => {
  const crisp = fakeCrisp();
  crisp.state.messages.set(session, everyTypeMessages(session));
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    await page.getByRole("button", { name: "Edit message 172145800000002" }).click();
    const dialog = page.getByRole("dialog", { name: "Update a Message" });
    const content = dialog.getByLabel("Content", { exact: true });
    expect(await content.inputValue(), "the form starts from the current text").toBe("Sorry about that! Checking now.");
    await content.fill("Sorry about that! Refund sent.");
    await dialog.getByRole("button", { name: "Save message" }).click();
    await page.getByRole("region", { name: "Messages" }).getByText("Sorry about that! Refund sent.").waitFor();
    expect(ipc.last("update_message"), "update sends the new content for that fingerprint").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: session, fingerprint: 172145800000002, body: { content: "Sorry about that! Refund sent." } },
    });

    await page.getByRole("button", { name: "Edit message 172145800000004" }).click();
    const file = dialog.getByRole("group", { name: "File content" });
    expect(await file.getByLabel("Name").inputValue(), "a file message is edited with the file form").toBe("refund-receipt.pdf");
    await file.getByLabel("Name").fill("refund-receipt-v2.pdf");
    await dialog.getByRole("button", { name: "Save message" }).click();
    await page.getByRole("link", { name: "Download refund-receipt-v2.pdf" }).waitFor();
    expect(ipc.last("update_message").request.body, "the file keeps its shape").toEqual({
      content: { name: "refund-receipt-v2.pdf", url: "https://files.example.com/r/8812.pdf", type: "application/pdf" },
    });
  } finally {
    await app.close();
  }
});

test("renders every message type by what it is, and finds a message by its fingerprint", async () => {
  const crisp = fakeCrisp();
  crisp.state.messages.set(session, everyTypeMessages(session));
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    const thread = page.getByRole("region", { name: "Messages" });
    await thread.getByText("Checking now.", { exact: false }).waitFor();
    expect(await thread.getByRole("link", { name: "Download refund-receipt.pdf" }).getAttribute("href"), "a file is a download link").toBe(
      "https://files.example.com/r/8812.pdf",
    );
    expect(await thread.getByText("Image not loaded: https://media.example.com/thanks.gif").count(), "an animation waits for Show images").toBe(1);
    await thread.getByRole("button", { name: "Show images" }).click();
    expect(await thread.locator("img.message-animation").count(), "an animation is inline").toBe(1);
    expect(await thread.locator("audio").count(), "audio is inline").toBe(1);
    expect(await thread.getByRole("list", { name: "Choices" }).textContent(), "a picker shows its choices and the chosen one").toMatch(/Good.*chosen.*Bad/);
    expect(await thread.getByText("ana@example.com").count(), "a field shows its value").toBe(1);
    expect(await thread.locator(".carousel-card").count(), "a carousel shows its cards").toBe(2);
    expect(await thread.getByText("Rui resolved the conversation").count(), "an event is a line").toBe(1);
    expect(await thread.getByText("Private note").count(), "a note is marked").toBe(1);
    expect(await thread.getByText("Edited", { exact: true }).count(), "an edited message is marked").toBe(1);
    expect(await thread.getByText("Translated", { exact: true }).count(), "a translated message is marked").toBe(1);

    await thread.getByRole("link", { name: "https://shop.example.com/orders/8812" }).click();
    await expect.poll(() => ipc.of("open_external_link").length, { message: "a link opens only through the backend" }).toBe(1);
    expect(ipc.last("open_external_link"), "with the exact URL").toEqual({ url: "https://shop.example.com/orders/8812" });
    expect(app.context.pages().length, "no window is opened by the web view itself").toBe(1);

    const find = page.getByRole("form", { name: "Find a message" });
    await find.getByLabel("Message Fingerprint").fill("172145800000003");
    await find.getByRole("button", { name: "Get message" }).click();
    await page.getByRole("region", { name: "Found message" }).getByText("Bank transfer pending, ask finance.").waitFor();
    expect(ipc.last("get_message").request, "get asks by fingerprint as a number").toEqual({
      website_id: WEBSITE_ID,
      session_id: session,
      fingerprint: 172145800000003,
    });
  } finally {
    await app.close();
  }
});

test("List Messages with Limit 3 shows exactly the 3 newest messages, from one request, with nothing older to load", async () => {
  const { app, page, ipc } = await openThread({ messages: 45, batch: 20 });
  try {
    const messages = page.getByRole("region", { name: "Messages" });
    await messages.getByText("Message 45", { exact: true }).waitFor();
    const before = ipc.of("list_messages").length;
    const list = page.getByRole("form", { name: "Jump back in time" });
    expect(await list.getByLabel("Session ID").inputValue(), "List Messages starts with the picked conversation").toBe(session);
    await list.getByLabel("Limit").fill("3");
    await list.getByRole("button", { name: "Jump" }).click();
    await messages.getByText("The 3 newest messages (Limit).").waitFor();
    expect(await messages.locator("li.message").count(), "Limit is the most messages shown: exactly 3").toBe(3);
    expect(await messages.getByText("Message 43", { exact: true }).count(), "the newest three, from Message 43").toBe(1);
    expect(await messages.getByRole("button", { name: "Load older messages" }).count(), "nothing older is offered past the Limit").toBe(0);
    // The open thread's live poll may tick before the jump (it is not timed here); after it, only the Limit asks.
    const after = ipc.of("list_messages").slice(before);
    expect(
      after.filter((a) => a.request.limit !== undefined || a.request.timestamp_before !== undefined),
      "one request for the Limit, carrying it; no older page is asked for past it",
    ).toEqual([{ connection: "demo", request: { website_id: WEBSITE_ID, session_id: session, limit: 3 } }]);
  } finally {
    await app.close();
  }
});

test("Original's Type and Content arrive in the sent request", async () => {
  const { app, page, ipc } = await openThread();
  try {
    await page.getByRole("button", { name: "Advanced…" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a Message" });
    await dialog.getByRole("group", { name: "Message", exact: true }).getByLabel("Content", { exact: true }).fill("Your refund was sent.");
    const original = dialog.getByRole("group", { name: "Original" });
    await original.getByLabel("Type").selectOption("text");
    await original.getByLabel("Content").fill("O seu reembolso foi enviado.");
    await dialog.getByLabel("Translated").check();
    await dialog.getByRole("button", { name: "Send message" }).click();
    await page.getByRole("region", { name: "Messages" }).getByText("Your refund was sent.").waitFor();
    const body = ipc.last("send_message").request.body;
    expect(body.original, "the module's Original Type and Content reach the command as typed").toEqual({
      type: "text",
      content: "O seu reembolso foi enviado.",
    });
    expect(body.translated, "sent as a translation of that original").toBe(true);
  } finally {
    await app.close();
  }
});

test("Get a Message and List Messages take a typed Session ID, and Update a Message its typed path IDs", async () => {
  const { app, page, ipc } = await openThread();
  const other = sessionId(1);
  try {
    await page.getByRole("region", { name: "Messages" }).getByText("Message 45", { exact: true }).waitFor();
    const find = page.getByRole("form", { name: "Find a message" });
    expect(await find.getByLabel("Session ID").inputValue(), "Get a Message starts with the picked conversation").toBe(session);
    await find.getByLabel("Session ID").fill(other);
    await find.getByLabel("Message Fingerprint").fill("172145900000010");
    await find.getByRole("button", { name: "Get message" }).click();
    await page.getByRole("region", { name: "Found message" }).waitFor();
    expect(ipc.last("get_message").request, "get_message is called with the typed Session ID and fingerprint").toEqual({
      website_id: WEBSITE_ID,
      session_id: other,
      fingerprint: 172145900000010,
    });

    const list = page.getByRole("form", { name: "Jump back in time" });
    await list.getByLabel("Session ID").fill(other);
    await list.getByRole("button", { name: "Jump" }).click();
    await expect.poll(() => ipc.last("list_messages").request.session_id, { message: "List Messages lists the typed Session ID" }).toBe(other);

    await page.getByRole("button", { name: /^Edit message / }).first().click();
    const dialog = page.getByRole("dialog", { name: "Update a Message" });
    expect(await dialog.getByLabel("Session ID").inputValue(), "opened from a row, Update a Message is prefilled with its conversation").toBe(other);
    await dialog.getByLabel("Message Fingerprint").fill("172145900000011");
    await dialog.getByLabel("Content", { exact: true }).fill("Corrected");
    await dialog.getByRole("button", { name: "Save message" }).click();
    await expect.poll(() => ipc.of("update_message").length).toBe(1);
    expect(ipc.last("update_message").request, "update_message is called with the typed path IDs").toEqual({
      website_id: WEBSITE_ID,
      session_id: other,
      fingerprint: 172145900000011,
      body: { content: "Corrected" },
    });
  } finally {
    await app.close();
  }
});

test("Send a Message takes a typed Session ID, prefilled with the open conversation", async () => {
  const { app, page, ipc } = await openThread();
  const other = sessionId(2);
  try {
    await page.getByRole("button", { name: "Advanced…" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a Message" });
    const field = dialog.getByLabel("Session ID");
    expect(await field.inputValue(), "opened from a conversation, the form names it").toBe(session);
    await field.fill(other);
    await dialog.getByRole("group", { name: "Message", exact: true }).getByLabel("Content", { exact: true }).fill("Elsewhere");
    await dialog.getByRole("button", { name: "Send message" }).click();
    await expect.poll(() => ipc.of("send_message").length).toBe(1);
    expect(ipc.last("send_message").request.session_id, "the message goes to the typed conversation").toBe(other);
  } finally {
    await app.close();
  }
});
