// The monitor in the real app window: the saved connection is watched without being asked, a visitor message
// injected into Crisp reaches the Unread list through the real watcher and Tauri event, and opening it shows the
// conversation (the Linux stand-in for clicking a notification).
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, connectTo, freshAppDirs, openSection, startApp, startSandbox, waitInPage } from "../support/harness.mjs";

/** Clicks the footer's "Check now" once it is offered (the watcher runs) and waits for the poll to end. */
async function checkNow(browser) {
  const check = await button(browser, "Check now");
  await check.waitForClickable({ timeout: 30_000 });
  await check.click();
  await browser.waitUntil(async () => (await browser.$('//button[normalize-space()="Check now"]').isClickable()), {
    timeout: 30_000, timeoutMsg: "the poll did not end",
  });
}

test("a visitor message injected into Crisp shows in the Unread list, and choosing it opens the conversation", async () => {
  const sandbox = await startSandbox();
  const app = await startApp(freshAppDirs());
  try {
    const { browser } = app;
    await connectTo(browser, sandbox.info);
    await openSection(browser, "Conversations");
    await checkNow(browser);

    const injected = await sandbox.request("POST", "/_sandbox/inject/conversation", {
      content: "Can someone call me back? <b>urgent</b>", nickname: "Watcher e2e",
    });
    assert.equal(injected.status, 200, "the sandbox takes the message");
    const sessionId = injected.json.session_id;
    await checkNow(browser);

    const unread = await browser.$('//button[contains(@class, "unread-button")]');
    await browser.waitUntil(async () => /Unread\s*[1-9]/.test(await unread.getText()), {
      timeout: 30_000, timeoutMsg: "the Unread count did not rise",
    });
    await unread.click();
    const item = await browser.$('//section[@aria-label="Unread messages"]//button[contains(., "Watcher e2e")]');
    await item.waitForClickable({ timeout: 10_000 });
    const shown = await browser.execute((el) => el.textContent, item);
    assert.match(shown, /Can someone call me back\? <b>urgent<\/b>/, "the excerpt shows as text");
    const bold = await browser.execute(() => document.querySelectorAll('section[aria-label="Unread messages"] b').length);
    assert.equal(bold, 0, "visitor text is never HTML");
    await item.click();

    await browser.waitUntil(async () => (await browser.execute(() => location.hash)).includes(sessionId), {
      timeout: 15_000, timeoutMsg: "choosing the unread item did not open its conversation",
    });
    await waitInPage(browser, () => document.querySelector('[aria-label="Messages"]')?.textContent.includes("Can someone call me back?"), 20_000);
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});
