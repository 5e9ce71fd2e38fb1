import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

const IMG = "<img src=x onerror=\"window.__pwned='img'\">";
const SCRIPT = "<script>window.__pwned='script'</script>";
const NICK = "<img src=x onerror=\"window.__pwned='nickname'\">";
const AVATAR = "javascript:window.__pwned='avatar'";
const AVATAR_MARKUP = "\"><img src=x onerror=\"window.__pwned='avatar2'\">";

test("visitor content, nicknames and avatar URLs that carry markup show as text and execute nothing", async () => {
  const session = sessionId(0);
  const crisp = fakeCrisp({ conversations: 3 });
  crisp.state.conversations[0].meta = { nickname: NICK, avatar: AVATAR_MARKUP, email: "x@example.com" };
  crisp.state.conversations[0].last_message = SCRIPT;
  const base = { session_id: session, website_id: WEBSITE_ID, from: "user", origin: "chat" } as const;
  crisp.state.messages.set(session, [
    { ...base, type: "text", content: IMG, fingerprint: 1, timestamp: 1_000, user: { nickname: NICK, avatar: AVATAR } },
    { ...base, type: "text", content: SCRIPT, fingerprint: 2, timestamp: 2_000, user: { nickname: "Eve", avatar: AVATAR_MARKUP } },
    { ...base, type: "file", content: { name: IMG, url: "javascript:window.__pwned='file'", type: "text/html" }, fingerprint: 3, timestamp: 3_000 },
    { ...base, type: "note", content: "click javascript:window.__pwned='link' or data:text/html,<script>x</script>", fingerprint: 4, timestamp: 4_000 },
  ]);
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    const thread = page.getByRole("region", { name: "Messages" });
    await thread.getByText(IMG, { exact: true }).waitFor();
    expect(await thread.getByText(SCRIPT, { exact: true }).count(), "a script tag shows as its text").toBe(1);
    expect(await page.getByRole("listbox", { name: "Conversations" }).getByText(SCRIPT).count(), "the list shows the last message as text").toBe(1);
    expect(await page.getByRole("heading", { name: NICK, level: 2 }).count(), "the nickname shows as text in the header").toBe(1);
    expect(await thread.getByText(NICK, { exact: true }).count(), "the nickname shows as text in the thread").toBe(1);
    expect(await thread.getByText(`Download ${IMG}`).count(), "a file name with markup shows as text").toBe(1);

    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      imgX: document.querySelectorAll('#root img[src="x"]').length,
      scripts: document.querySelectorAll("#root script").length,
      javascriptLinks: document.querySelectorAll('#root a[href^="javascript:"], #root [src^="javascript:"]').length,
    }));
    expect(injected, "no markup from visitors became elements and nothing ran").toEqual({ pwned: null, imgX: 0, scripts: 0, javascriptLinks: 0 });

    expect(await thread.getByRole("link").count(), "only http(s) URLs become links; none of these are").toBe(0);
    await thread.getByText(`Download ${IMG}`).click();
    expect(ipc.of("open_external_link"), "a javascript: URL is never handed to the backend").toHaveLength(0);
    expect(app.errors, "no page errors").toEqual([]);
  } finally {
    await app.close();
  }
});
