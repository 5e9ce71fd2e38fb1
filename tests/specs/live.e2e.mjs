// The app on Crisp's real-time socket in the real window: a sandbox connection goes Live, a visitor's message
// injected into Crisp and a teammate's reply sent through the CLI show in the open thread and the list from the
// socket alone, and once the page has settled the app sends Crisp no REST request for the quiet window (30 s, as CI
// runs it; E2E_LIVE_QUIET_MS shortens it while iterating on the spec).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { promisify } from "node:util";
import { connectTo, freshAppDirs, openSection, startApp, startSandbox, waitInPage } from "../support/harness.mjs";

const QUIET_MS = Number(process.env.E2E_LIVE_QUIET_MS ?? 30_000);
/** The request log stays this long without a new request before the page counts as settled. */
const SETTLED_MS = 3_000;

/** Sends a teammate's reply with `crispdesk messages send`, on the sandbox's token (the CLI's own connection). */
async function replyThroughCli(info, sessionId, text) {
  const request = { session_id: sessionId, body: { type: "text", from: "operator", origin: "chat", content: text } };
  const { stdout } = await promisify(execFile)(process.env.CRISPDESK_BIN, ["messages", "send", "--json", JSON.stringify(request)], {
    env: {
      ...process.env,
      CRISP_IDENTIFIER: info.identifier,
      CRISP_KEY: info.key,
      CRISP_TIER: info.tier,
      CRISP_WEBSITE_ID: info.website_id,
      CRISP_API_BASE: info.base_url,
    },
  });
  return stdout;
}

/** Resolves once the sandbox's request log has not grown for `SETTLED_MS` (the page's own requests are done). */
async function settled(sandbox) {
  let count = -1;
  let since = Date.now();
  const deadline = Date.now() + 60_000;
  while (Date.now() - since < SETTLED_MS) {
    assert.ok(Date.now() < deadline, "the page settles within a minute");
    const now = (await sandbox.request("GET", "/_sandbox/requests")).json.length;
    if (now !== count) {
      count = now;
      since = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The conversation rows' texts, top first. */
async function rowTexts(browser) {
  return browser.execute(() => [...document.querySelectorAll('[role="listbox"] [role="option"]')].map((row) => row.textContent));
}

/** The footer's transport line. */
const transport = () => document.querySelector(".monitor-transport")?.textContent ?? "";

test("on the socket, a visitor's message and a teammate's CLI reply show at once, and an idle app sends Crisp nothing", async () => {
  const sandbox = await startSandbox();
  const app = await startApp(freshAppDirs());
  try {
    const { browser } = app;
    await connectTo(browser, sandbox.info);
    await openSection(browser, "Conversations");
    await waitInPage(browser, () => document.querySelector(".monitor-transport")?.textContent === "Live", 60_000);

    // A visitor opens a conversation: the socket brings it into the list; open it.
    const started = await sandbox.request("POST", "/_sandbox/inject/conversation", { content: "Hello from the socket test", nickname: "Live e2e" });
    assert.equal(started.status, 200, "the sandbox takes the conversation");
    const sessionId = started.json.session_id;
    await browser
      .waitUntil(async () => (await rowTexts(browser)).some((text) => text.includes("Live e2e")), { timeout: 20_000, interval: 200 })
      .catch(async () => {
        const log = (await sandbox.request("GET", "/_sandbox/requests")).json.map((r) => `${r.method} ${r.path}`);
        const rtm = (await sandbox.request("GET", "/_sandbox/rtm")).json;
        assert.fail(
          `the new conversation did not reach the list: rows ${JSON.stringify(await rowTexts(browser))}, requests ${JSON.stringify(log)}, ` +
            `the sandbox's sockets ${JSON.stringify(rtm)}, the footer says ${JSON.stringify(await browser.execute(transport))}`,
        );
      });
    await (await browser.$('//div[@role="option"][contains(., "Live e2e")]')).click();
    await waitInPage(browser, () => document.querySelector('[aria-label="Messages"]')?.textContent.includes("Hello from the socket test"), 20_000);

    const injected = await sandbox.request("POST", "/_sandbox/inject/message", { session_id: sessionId, content: "Is anyone there? (visitor)" });
    assert.equal(injected.status, 200, "the sandbox takes the visitor's message");
    await replyThroughCli(sandbox.info, sessionId, "Yes, a teammate here (CLI)");

    await waitInPage(
      browser,
      () => {
        const text = document.querySelector('[aria-label="Messages"]')?.textContent ?? "";
        return text.includes("Is anyone there? (visitor)") && text.includes("Yes, a teammate here (CLI)");
      },
      20_000,
    );
    await waitInPage(
      browser,
      () => document.querySelector('[role="listbox"] [role="option"]')?.textContent.includes("Yes, a teammate here (CLI)"),
      20_000,
    );

    await settled(sandbox);
    await sandbox.request("DELETE", "/_sandbox/requests");
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const requests = (await sandbox.request("GET", "/_sandbox/requests")).json;
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      [],
      `the app sent Crisp no REST request in the ${QUIET_MS / 1000} s after the page settled: the socket keeps it current`,
    );
    assert.equal(await browser.execute(transport), "Live", "still live at the end");
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});
