import { afterAll, describe, expect, test } from "vitest";
import type { CannedReply } from "../src/ipc";
import { closeBrowser, ipcError, openApp } from "./support/app";
import { axeViolations } from "./support/axe";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

const session = sessionId(0);

function savedReplies(): CannedReply[] {
  return [
    { id: "r1", title: "Refund sent", text: "Hi {nickname}, your refund went out; the receipt is at {email}.", updated_at: 1 },
    { id: "r2", title: "Thanks", text: "Thank you!", updated_at: 1 },
    { id: "r3", title: "Refund delayed", text: "Sorry {nickname}, order {order_id} is late.", updated_at: 1 },
  ];
}

/** The open conversation (Ana Costa 0, visitor0@example.com) with the connection's canned replies. */
async function openThread(colorScheme: "light" | "dark" = "light") {
  const crisp = fakeCrisp();
  const app = await openApp({
    colorScheme,
    route: `conversations/${session}`,
    handlers: { ...crisp.handlers, list_canned_replies: () => savedReplies() },
  });
  await app.page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
  const reply = app.page.getByLabel("Reply", { exact: true });
  return { app, page: app.page, reply };
}

test("typing ! and letters offers the matching canned replies; arrows choose, Enter inserts it with the placeholders filled", async () => {
  const { app, page, reply } = await openThread();
  try {
    await reply.click();
    expect(app.ipc.of("list_canned_replies"), "nothing is asked for before a ! is typed").toEqual([]);
    await reply.pressSequentially("Hello !ref");
    const list = page.getByRole("listbox", { name: "Canned replies" });
    const options = list.getByRole("option");
    await options.first().waitFor();
    expect(await options.allTextContents(), "only replies whose title matches “ref”, best first").toEqual([
      expect.stringContaining("Refund sent"),
      expect.stringContaining("Refund delayed"),
    ]);
    expect(app.ipc.last("list_canned_replies")).toEqual({ connection: "demo" });
    expect(await options.nth(0).getAttribute("aria-selected")).toBe("true");

    await reply.press("ArrowDown");
    expect(await options.nth(1).getAttribute("aria-selected"), "ArrowDown moves to the next reply").toBe("true");
    expect(await reply.getAttribute("aria-activedescendant"), "the reply box points at the chosen option").toBe(
      await options.nth(1).getAttribute("id"),
    );
    await reply.press("ArrowUp");
    expect(await options.nth(0).getAttribute("aria-selected"), "ArrowUp moves back").toBe("true");
    await reply.press("Enter");

    await list.waitFor({ state: "detached" });
    expect(await reply.inputValue(), "the ! and letters are replaced by the reply, nickname and email filled").toBe(
      "Hello Hi Ana Costa 0, your refund went out; the receipt is at visitor0@example.com.",
    );
    expect(await reply.evaluate((el: HTMLTextAreaElement) => el.selectionStart), "the caret is after the inserted text").toBe(
      "Hello Hi Ana Costa 0, your refund went out; the receipt is at visitor0@example.com.".length,
    );

    await reply.press("Control+Enter");
    await page.getByRole("region", { name: "Messages" }).getByText("your refund went out", { exact: false }).waitFor();
    expect(app.ipc.last("send_message").request, "the filled text is what is sent").toMatchObject({
      website_id: WEBSITE_ID,
      session_id: session,
      body: { type: "text", content: "Hello Hi Ana Costa 0, your refund went out; the receipt is at visitor0@example.com." },
    });
  } finally {
    await app.close();
  }
});

test("Escape closes the pop-up and leaves the text as typed; an unknown placeholder is inserted as typed", async () => {
  const { app, page, reply } = await openThread();
  try {
    await reply.click();
    await reply.pressSequentially("Hi !th");
    const list = page.getByRole("listbox", { name: "Canned replies" });
    await list.getByRole("option", { name: /Thanks/ }).waitFor();
    await reply.press("Escape");
    await list.waitFor({ state: "detached" });
    expect(await reply.inputValue(), "Escape keeps what was typed").toBe("Hi !th");
    await reply.press("Enter");
    expect(await reply.inputValue(), "with the pop-up closed, Enter is a new line again").toBe("Hi !th\n");

    await reply.fill("");
    await reply.pressSequentially("!delay");
    await list.getByRole("option", { name: /Refund delayed/ }).waitFor();
    await reply.press("Enter");
    expect(await reply.inputValue()).toBe("Sorry Ana Costa 0, order {order_id} is late.");
  } finally {
    await app.close();
  }
});

test("canned replies are added, refused at the field with the input kept, edited and deleted in their screen", async () => {
  let replies: CannedReply[] = [];
  const app = await openApp({
    route: "canned-replies",
    handlers: {
      list_canned_replies: () => replies,
      save_canned_reply: ({ request }) => {
        if (request.title === "Thanks") throw ipcError("invalid_input", "Another canned reply is already called “Thanks”.", "title");
        const saved = { id: request.id ?? "r1", title: request.title, text: request.text, updated_at: 5 };
        replies = [...replies.filter((r) => r.id !== saved.id), saved];
        return saved;
      },
      delete_canned_reply: ({ id }) => {
        replies = replies.filter((r) => r.id !== id);
        return true;
      },
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByText("No canned replies yet.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Add canned reply" }).click();
    const form = page.getByRole("form", { name: "New canned reply" });
    const title = form.getByLabel("Title", { exact: true });
    const text = form.getByLabel("Text", { exact: true });
    expect(await title.evaluate((el) => el === document.activeElement), "the form opens on its title").toBe(true);

    await text.fill("Hi {nickname}, order {orderid} shipped.");
    await form.getByText("Not a placeholder: {orderid} will be inserted as typed.", { exact: false }).waitFor();
    await form.getByRole("button", { name: "Save canned reply" }).click();
    await form.getByText("Give the canned reply a title.").waitFor();
    expect(await title.getAttribute("aria-invalid"), "the error is at the title").toBe("true");
    expect(ipc.of("save_canned_reply"), "an empty title is not sent").toEqual([]);

    await title.fill("Thanks");
    await form.getByRole("button", { name: "Save canned reply" }).click();
    await form.getByText("Another canned reply is already called “Thanks”.").waitFor();
    expect(await title.getAttribute("aria-invalid"), "the backend's refusal shows at its field").toBe("true");
    expect(await title.inputValue(), "the form keeps the title typed").toBe("Thanks");
    expect(await text.inputValue(), "and the text").toBe("Hi {nickname}, order {orderid} shipped.");

    await title.fill("Shipped");
    await form.getByRole("button", { name: "Save canned reply" }).click();
    const list = page.getByRole("list", { name: "Canned replies" });
    await list.getByText("Shipped", { exact: true }).waitFor();
    expect(ipc.last("save_canned_reply")).toEqual({
      connection: "demo",
      request: { title: "Shipped", text: "Hi {nickname}, order {orderid} shipped." },
    });

    await page.getByRole("button", { name: "Edit Shipped" }).click();
    const edit = page.getByRole("form", { name: "Edit “Shipped”" });
    await edit.getByLabel("Text", { exact: true }).fill("Hi {nickname}, it shipped.");
    await edit.getByRole("button", { name: "Save canned reply" }).click();
    await list.getByText("Hi {nickname}, it shipped.").waitFor();
    expect(ipc.last("save_canned_reply"), "an edit sends the reply's id").toEqual({
      connection: "demo",
      request: { id: "r1", title: "Shipped", text: "Hi {nickname}, it shipped." },
    });

    await page.getByRole("button", { name: "Delete Shipped" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete “Shipped”?" });
    await confirm.getByRole("button", { name: "Delete" }).click();
    await page.getByText("No canned replies yet.", { exact: false }).waitFor();
    expect(ipc.last("delete_canned_reply")).toEqual({ connection: "demo", id: "r1" });
  } finally {
    await app.close();
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  describe(`axe-core, ${colorScheme} theme`, () => {
    test("the canned replies screen with its form and a placeholder warning has no violations", async () => {
      const app = await openApp({ colorScheme, route: "canned-replies", handlers: { list_canned_replies: () => savedReplies() } });
      try {
        await app.page.getByRole("button", { name: "Edit Thanks" }).click();
        const form = app.page.getByRole("form", { name: "Edit “Thanks”" });
        await form.getByLabel("Text", { exact: true }).fill("Thanks {name}!");
        await form.getByText("Not a placeholder", { exact: false }).waitFor();
        expect(await axeViolations(app.page)).toEqual([]);
      } finally {
        await app.close();
      }
    });

    test("the composer's canned reply pop-up has no violations", async () => {
      const { app, page, reply } = await openThread(colorScheme);
      try {
        await reply.click();
        await reply.pressSequentially("!re");
        await page.getByRole("listbox", { name: "Canned replies" }).getByRole("option").first().waitFor();
        await reply.press("ArrowDown");
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
}
