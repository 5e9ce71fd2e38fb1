// The local store in the real app window: after a restart the stored inbox shows before Crisp's slow first answer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshAppDirs, openInbox, openSection, startApp, startSandbox, waitForConversationRows } from "../support/harness.mjs";

/** Crisp's conversation list answers this late after the restart. */
const SLOW_MS = 2_000;

test("after a restart the stored inbox shows, marked as stored, before Crisp's slow first answer", async () => {
  const sandbox = await startSandbox();
  const dirs = freshAppDirs();
  let app = await startApp(dirs);
  try {
    await openInbox(app.browser, sandbox.info);
    await app.stop();

    const route = "GET /v1/website/{website_id}/conversations/{page}";
    const staged = await sandbox.request("POST", "/_sandbox/faults", { route, fault: { latency: { ms: SLOW_MS } } });
    assert.equal(staged.status, 200, "the sandbox accepts the fault");
    app = await startApp(dirs);
    const { browser } = app;
    const started = Date.now();
    await openSection(browser, "Conversations");
    await waitForConversationRows(browser);
    const shownAfter = Date.now() - started;
    const stored = await browser.execute(() => document.querySelector(".stored-notice")?.textContent ?? null);
    assert.match(String(stored), /Stored copy/, `the first rows are the stored ones, marked (after ${shownAfter} ms)`);
    await browser.waitUntil(async () => browser.execute(() => !document.querySelector(".stored-notice")), {
      timeout: 20_000,
      timeoutMsg: "Crisp's answer never replaced the stored copy",
    });
  } finally {
    // Without the slow answers the window closes at once.
    await sandbox.request("DELETE", "/_sandbox/faults").catch(() => undefined);
    await app.stop();
    await sandbox.stop();
  }
});
