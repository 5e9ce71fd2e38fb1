// Send a Message with Original from the advanced composer, then Get a Message by a typed Session ID and fingerprint,
// in the real app window against the sandbox.
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, connectTo, control, freshAppDirs, openSection, retype, startApp, startSandbox, waitInPage } from "../support/harness.mjs";

/** The control labelled `label` inside the element `scope` (an XPath) names, for labels that repeat on a screen. */
async function controlWithin(browser, scope, label) {
  const element = await browser.$(`//*[@id=(${scope}//label[normalize-space()="${label}"])[1]/@for]`);
  await element.waitForExist({ timeout: 10_000, timeoutMsg: `no control labelled "${label}" in ${scope}` });
  return element;
}

test("a message with Original sent from the advanced composer is stored with its Original, and Get a Message by typed Session ID and fingerprint shows it", async () => {
  const sandbox = await startSandbox();
  const app = await startApp(freshAppDirs());
  try {
    const { browser } = app;
    await connectTo(browser, sandbox.info);
    const stamp = Date.now();
    // The message goes to conversation `target`, typed into the forms while conversation `open` is on screen.
    const target = (await sandbox.request("POST", "/_sandbox/inject/conversation", { content: "Bonjour", nickname: "Target visitor" })).json.session_id;
    const open = (await sandbox.request("POST", "/_sandbox/inject/conversation", { content: "Another question", nickname: "Open visitor" })).json.session_id;
    assert.notEqual(target, open, "the sandbox made two conversations");
    await openSection(browser, "Conversations");
    await browser.execute((id) => { location.hash = `#/conversations/${id}`; }, open);
    await waitInPage(browser, () => document.querySelector('[aria-label="Messages"]')?.textContent.includes("Another question"), 20_000);

    await (await button(browser, "Advanced…")).click();
    const dialog = '//dialog[@open][h2[normalize-space()="Send a Message"]]';
    await (await browser.$(dialog)).waitForExist({ timeout: 10_000, timeoutMsg: "the advanced composer did not open" });
    await retype(await controlWithin(browser, dialog, "Session ID"), target);
    const text = `Where is my order? (e2e ${stamp})`;
    const original = { type: "text", content: `Où est ma commande ? (e2e ${stamp})` };
    await retype(await control(browser, "Content", "Message"), text);
    await (await control(browser, "Type", "Original")).selectByAttribute("value", original.type);
    await retype(await control(browser, "Content", "Original"), original.content);
    await (await control(browser, "Translated")).click();
    const fingerprint = Number(await (await control(browser, "Unique Message Fingerprint", "Message")).getValue());
    assert.ok(Number.isSafeInteger(fingerprint), "the composer chooses a whole-number fingerprint");
    await (await button(browser, "Send message")).click();
    await browser.waitUntil(async () => !(await (await browser.$(dialog)).isExisting()), {
      timeout: 20_000, timeoutMsg: "the advanced composer stayed open: the message was not sent",
    });

    const sent = (await sandbox.request("GET", "/_sandbox/requests")).json.filter(
      (r) => r.method === "POST" && r.path === `/v1/website/${sandbox.info.website_id}/conversation/${target}/message`);
    assert.equal(sent.length, 1, "the message is sent once, to the typed Session ID");
    assert.deepEqual(sent[0].body.original, original, "the request carries Original's Type and Content as typed, nothing else");
    const stored = await sandbox.request("GET", `/v1/website/${sandbox.info.website_id}/conversation/${target}/message/${fingerprint}`);
    assert.equal(stored.status, 200, "the message is in Crisp under the composer's fingerprint");
    assert.equal(stored.json.data.content, text, "the stored message has the typed text");
    assert.equal(stored.json.data.translated, true, "the stored message is marked translated");
    assert.deepEqual(stored.json.data.original, original, "Crisp stores every Original field: Type and Content");

    // Get a Message: the form starts with the open conversation; the typed Session ID is the one asked for.
    const find = '//form[@aria-label="Find a message"]';
    const sessionField = await controlWithin(browser, find, "Session ID");
    assert.equal(await sessionField.getValue(), open, "Get a Message starts with the open conversation's Session ID");
    await retype(sessionField, target);
    await retype(await controlWithin(browser, find, "Message Fingerprint"), String(fingerprint));
    await (await browser.$(`${find}//button[normalize-space()="Get message"]`)).click();
    const found = await waitInPage(browser, (fp) => {
      const item = document.querySelector(`[aria-label="Found message"] [data-fingerprint="${fp}"]`);
      return item ? item.textContent : "";
    }, 20_000, String(fingerprint));
    assert.ok(found.includes(text), `the found message shows its text, got: ${found}`);
    assert.ok(found.includes(`Original (${original.type}): ${original.content}`), `the found message shows its Original, got: ${found}`);
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});
