// Browsing conversations, replying, surviving a 503, and live visitor messages, in the real app window.
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, connectTo, control, fill, freshAppDirs, openSection, startApp, startSandbox, waitInPage } from "../support/harness.mjs";

/** The visible conversation rows' titles and excerpts. */
async function rows(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[role="listbox"][aria-label="Conversations"] [role="option"]')].map((row) => ({
      id: row.id,
      text: row.textContent,
    })));
}

async function messagesOf(sandbox, sessionId) {
  const answer = await sandbox.request("GET", `/v1/website/${sandbox.info.website_id}/conversation/${sessionId}/messages`);
  return answer.json.data ?? [];
}

test("browse and filter conversations, open one, and a reply typed in the composer lands in Crisp once", async () => {
  const sandbox = await startSandbox();
  const app = await startApp(freshAppDirs());
  try {
    const { browser } = app;
    await connectTo(browser, sandbox.info);
    await openSection(browser, "Conversations");
    await browser.waitUntil(async () => (await rows(browser)).length > 0, { timeout: 20_000, timeoutMsg: "no conversation rows" });

    await (await browser.$("//button[starts-with(normalize-space(), 'Filters')]")).click();
    await (await control(browser, "Filter Resolved")).click();
    await (await button(browser, "Apply filters")).click();
    await (await browser.$('//ul[@aria-label="Active filters"]')).waitForExist({ timeout: 10_000 });
    await browser.waitUntil(async () => {
      const shown = await rows(browser);
      return shown.length > 0 && shown.every((r) => r.text.includes("resolved") && !r.text.includes("unresolved"));
    }, { timeout: 15_000, timeoutMsg: "the Filter Resolved list still shows conversations in other states" });

    const first = await browser.$('[role="listbox"][aria-label="Conversations"] [role="option"]');
    await first.click();
    const reply = await control(browser, "Reply");
    await reply.waitForExist({ timeout: 15_000 });
    const sessionId = await browser.execute(() => location.hash.split("/").pop());
    assert.match(sessionId, /^session_/, "opening a row shows that conversation's thread");
    const text = `Refund sent today (e2e ${Date.now()})`;
    await reply.setValue(text);
    await (await button(browser, "Send")).click();
    await waitInPage(browser, (t) => document.querySelector('[aria-label="Messages"]')?.textContent.includes(t), 15_000, text);

    const stored = (await messagesOf(sandbox, sessionId)).filter((m) => m.content === text);
    assert.equal(stored.length, 1, "the reply is stored in Crisp exactly once");
    assert.equal(stored[0].from, "operator", "a reply is sent as the operator");
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});

test("a 503 from Crisp is shown, and the app works again without a restart once Crisp recovers", async () => {
  const sandbox = await startSandbox();
  const app = await startApp(freshAppDirs());
  try {
    const { browser } = app;
    await connectTo(browser, sandbox.info);
    await openSection(browser, "Conversations");
    await browser.waitUntil(async () => (await rows(browser)).length > 0, { timeout: 20_000, timeoutMsg: "no conversation rows" });

    // Every conversation listing fails until the fault is cleared (the watcher polls the same route meanwhile).
    const route = `GET /v1/website/${sandbox.info.website_id}/conversations/*`;
    const staged = await sandbox.request("POST", "/_sandbox/faults", { route, fault: { status: { code: 503, count: 100_000 } } });
    assert.equal(staged.status, 200, "the sandbox accepts the fault");
    await (await browser.$("//button[starts-with(normalize-space(), 'Filters')]")).click();
    await (await control(browser, "Filter Resolved")).click();
    await (await button(browser, "Apply filters")).click();

    const alert = await browser.$('//*[@role="alert" and contains(@class, "status-error")]');
    // The client retries a failing read three times with backoff (about 7 s) before the error reaches the screen.
    await alert.waitForExist({ timeout: 45_000, timeoutMsg: "no error shown while Crisp answers 503" });
    assert.match(await alert.getText(), /unavailable|server|503|try again/i, "the error says Crisp's side failed");

    await sandbox.request("DELETE", "/_sandbox/faults");
    await (await browser.$('//*[@role="alert"]//button[normalize-space()="Try again"]')).click();
    await browser.waitUntil(async () => {
      const shown = await rows(browser);
      return shown.length > 0 && shown.every((r) => r.text.includes("resolved") && !r.text.includes("unresolved"));
    }, { timeout: 45_000, timeoutMsg: "the list did not come back after Crisp recovered" });
    assert.equal(await alert.isExisting(), false, "the error is gone once the list loads");
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});

test("a visitor message injected into Crisp appears in the open thread without a reload, as text", async () => {
  const sandbox = await startSandbox();
  const app = await startApp(freshAppDirs());
  try {
    const { browser } = app;
    await connectTo(browser, sandbox.info);
    const injected = await sandbox.request("POST", "/_sandbox/inject/conversation", {
      content: "Hello, I need help", nickname: "Live visitor",
    });
    const sessionId = injected.json.session_id;
    await openSection(browser, "Conversations");
    await browser.execute((id) => { location.hash = `#/conversations/${id}`; }, sessionId);
    await waitInPage(browser, () => document.querySelector('[aria-label="Messages"]')?.textContent.includes("Hello, I need help"), 20_000);

    const hostile = "<img src=x onerror=alert(1)> where is my order?";
    await sandbox.request("POST", "/_sandbox/inject/message", { session_id: sessionId, content: hostile });
    await waitInPage(browser, (t) => document.querySelector('[aria-label="Messages"]')?.textContent.includes(t), 30_000, hostile);
    const images = await browser.execute(() => document.querySelectorAll('[aria-label="Messages"] img[src="x"]').length);
    assert.equal(images, 0, "visitor text is rendered as text, never as HTML");
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});
