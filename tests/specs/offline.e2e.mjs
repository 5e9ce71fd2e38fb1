// Offline in the real app window: with Crisp unreachable (the sandbox stopped) a stored conversation still opens,
// marked "offline, saved HH:MM"; a reply typed meanwhile shows "queued" and lands exactly once when Crisp is back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, control, filesContaining, freshAppDirs, openInbox, openSection, startApp, startSandbox, waitInPage } from "../support/harness.mjs";

async function messagesOf(sandbox, sessionId) {
  const answer = await sandbox.request("GET", `/v1/website/${sandbox.info.website_id}/conversation/${sessionId}/messages`);
  return answer.json.data ?? [];
}

function messagesShow(browser, text, timeout) {
  return waitInPage(browser, (t) => document.querySelector('[aria-label="Messages"]')?.textContent.includes(t), timeout, text);
}

test("a stored conversation opens offline marked as saved, and a reply queued meanwhile lands once when Crisp is back", async (t) => {
  const sandbox = await startSandbox();
  const dirs = freshAppDirs();
  let app = await startApp(dirs);
  try {
    await openInbox(app.browser, sandbox.info);
    await (await app.browser.$('[role="listbox"][aria-label="Conversations"] [role="option"]')).click();
    await (await control(app.browser, "Reply")).waitForExist({ timeout: 15_000 });
    const sessionId = await app.browser.execute(() => location.hash.split("/").pop());
    assert.match(sessionId, /^session_/, "a conversation is open");
    const said = (await messagesOf(sandbox, sessionId)).map((m) => m.content).filter((c) => typeof c === "string" && c.length > 8);
    assert.ok(said.length > 0, "the seeded conversation has text messages");
    const earlier = said[said.length - 1];
    await messagesShow(app.browser, earlier, 15_000);
    // Opening it wrote the thread through to the connection's store on disk.
    await app.browser.waitUntil(async () => filesContaining(dirs.data, earlier).length > 0, {
      timeout: 15_000, timeoutMsg: "the thread never reached the local store",
    });

    // Crisp becomes unreachable, and the app starts again with nothing in memory.
    await app.stop();
    await sandbox.stop();
    app = await startApp(dirs);
    const { browser } = app;
    await openSection(browser, "Conversations");
    await browser.execute((id) => { location.hash = `#/conversations/${id}`; }, sessionId);
    await messagesShow(browser, earlier, 30_000);
    const marks = await waitInPage(browser, () => {
      const shown = [...document.querySelectorAll(".badge-offline")].map((b) => b.textContent);
      return shown.length >= 2 ? shown : null;
    }, 30_000);
    for (const mark of marks) assert.match(mark, /^offline, saved \d\d:\d\d$/, "the conversation and its thread are marked as stored copies");

    const text = `Written offline (e2e ${Date.now()})`;
    await (await control(browser, "Reply")).setValue(text);
    await (await button(browser, "Send")).click();
    const sentAt = Date.now();
    const queued = await waitInPage(browser, (t) => {
      const item = [...document.querySelectorAll('[aria-label="Queued messages"] li')].find((li) => li.textContent.includes(t));
      return item?.querySelector(".badge")?.textContent ?? null;
    }, 60_000, text).catch(async (error) => {
      const html = await browser.execute(() => document.querySelector('[aria-label="Queued messages"]')?.outerHTML ?? "no list");
      throw new Error(`${error.message} after ${Date.now() - sentAt} ms: ${html}`);
    });
    assert.equal(queued, "queued", "the reply waits, marked queued");
    t.diagnostic(`shown queued ${Date.now() - sentAt} ms after Send`);

    // Crisp is back on the same address: the outbox sends the reply, which joins the thread.
    await sandbox.restart();
    const backAt = Date.now();
    await messagesShow(browser, text, 120_000);
    t.diagnostic(`in the thread ${Date.now() - backAt} ms after the sandbox came back`);
    await waitInPage(browser, () => !document.querySelector('[aria-label="Queued messages"]'), 15_000);
    const landed = (await messagesOf(sandbox, sessionId)).filter((m) => m.content === text);
    assert.equal(landed.length, 1, "the reply is in Crisp exactly once");
    const log = await sandbox.request("GET", "/_sandbox/requests");
    const entries = Array.isArray(log.json) ? log.json : log.json.data;
    const posts = entries.filter((r) => r.method === "POST" && r.path.endsWith(`/conversation/${sessionId}/message`));
    assert.equal(posts.length, 1, `one post reached Crisp: ${JSON.stringify(posts.map((p) => p.status))}`);
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});
