// Bulk actions in the real app window: two sandbox connections saved, three conversations of one resolved in
// one batch request; the other connection's Crisp sees no change.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connectTo, freshAppDirs, openSection, saveAndSelect, startApp, startSandbox, typeConnection, waitInPage } from "../support/harness.mjs";

/** Every conversation of a sandbox's website, `session_id` → state, through the Crisp API. */
async function statesOf(sandbox) {
  const states = new Map();
  for (let page = 1; page <= 50; page += 1) {
    const answer = await sandbox.request("GET", `/v1/website/${sandbox.info.website_id}/conversations/${page}`);
    assert.equal(answer.status, 200, "the sandbox lists conversations");
    const list = answer.json.data ?? [];
    if (list.length === 0) break;
    for (const c of list) states.set(c.session_id, c.state);
  }
  return states;
}

/** The sandbox's log of Crisp API requests that change something (anything but GET). */
async function changesSent(sandbox) {
  const log = (await sandbox.request("GET", "/_sandbox/requests")).json;
  return log.filter((r) => r.method !== "GET" && r.path.startsWith("/v1/"));
}

/**
 * Two sandboxes (different seeds, so a session ID tells its workspace) saved as Acme and Globex in a fresh app,
 * Globex selected; answers both, the app and every conversation's state before anything changed.
 */
async function twoWorkspaces() {
  const acme = await startSandbox();
  const globex = await startSandbox(["--seed", "20"]);
  const app = await startApp(freshAppDirs());
  const { browser } = app;
  assert.notEqual(acme.info.website_id, globex.info.website_id, "two workspaces");
  await connectTo(browser, acme.info, "Acme");
  await typeConnection(browser, {
    name: "Globex", identifier: globex.info.identifier, key: globex.info.key, websiteId: globex.info.website_id, apiBase: globex.info.base_url,
  });
  await saveAndSelect(browser, "Globex");
  const acmeBefore = await statesOf(acme);
  const globexBefore = await statesOf(globex);
  assert.ok(acmeBefore.size > 0 && globexBefore.size > 0, "both sandboxes hold conversations");
  const candidates = [...globexBefore].filter(([id, state]) => state !== "resolved" && !acmeBefore.has(id)).map(([id]) => id);
  return {
    acme, globex, app, acmeBefore, globexBefore, candidates,
    async stop() {
      await app.stop();
      await globex.stop();
      await acme.stop();
    },
  };
}

/** Resolves the `chosen` rows (already ticked) from the bulk bar, then checks both Crisps. */
async function resolveAndCheck(world, chosen) {
  const { browser } = world.app;
  const { acme, globex, acmeBefore, globexBefore } = world;
  const bar = '//section[@aria-label="Bulk actions"]';
  await (await browser.$(`${bar}//strong[normalize-space()="3 selected"]`)).waitForExist({ timeout: 10_000, timeoutMsg: "the bar does not count 3" });
  await (await browser.$(`${bar}//*[contains(normalize-space(), "Each action sends 1 request")]`)).waitForExist({
    timeout: 10_000, timeoutMsg: "the cost is not shown before the action",
  });
  await acme.request("DELETE", "/_sandbox/requests");
  await globex.request("DELETE", "/_sandbox/requests");
  await (await browser.$(`${bar}//button[normalize-space()="Resolve"]`)).click();
  await (await browser.$(`${bar}//p[starts-with(normalize-space(), "Resolved 3 of 3 conversations")]`)).waitForExist({
    timeout: 30_000, timeoutMsg: "no report that the three were resolved",
  });

  const batches = (await changesSent(globex)).filter((r) => r.path === `/v1/website/${globex.info.website_id}/batch/resolve`);
  assert.equal(batches.length, 1, "one batch request for three conversations");
  assert.equal(batches[0].method, "PATCH", "Crisp's batch routes are PATCH");
  assert.deepEqual(batches[0].body, { sessions: chosen }, "the request names exactly the three selected, in list order");
  const globexAfter = await statesOf(globex);
  for (const id of chosen) assert.equal(globexAfter.get(id), "resolved", `Globex holds ${id} resolved`);
  for (const [id, state] of globexBefore) {
    if (!chosen.includes(id)) assert.equal(globexAfter.get(id), state, `Globex's unselected ${id} keeps its state`);
  }

  assert.deepEqual(await changesSent(acme), [], "Acme's Crisp received no change during the action");
  assert.deepEqual(await statesOf(acme), acmeBefore, "every Acme conversation keeps its state");
}

test("with two connections saved, three conversations of one are resolved in one batch request and the other is untouched", async () => {
  const world = await twoWorkspaces();
  try {
    const { browser } = world.app;
    await openSection(browser, "Conversations");
    // Three listed conversations of Globex that are not resolved yet, in list order.
    const chosen = await waitInPage(browser, (open) => {
      const rows = [...document.querySelectorAll('[role="listbox"][aria-label="Conversations"] [role="option"]')];
      const picked = rows
        .map((row) => ({ id: row.id.replace(/^conversation-/, ""), state: row.querySelector(".badge-state")?.textContent }))
        .filter((row) => open.includes(row.id) && row.state !== "resolved")
        .map((row) => row.id);
      return picked.length >= 3 ? picked.slice(0, 3) : null;
    }, 30_000, world.candidates);
    for (const id of chosen) await (await browser.$(`[id="conversation-${id}"] .row-check`)).click();
    await resolveAndCheck(world, chosen);
  } finally {
    await world.stop();
  }
});

test("in the merged inbox of both connections, three rows of one are resolved through that connection only", async () => {
  const world = await twoWorkspaces();
  try {
    const { browser } = world.app;
    // The nav entry also holds the combined unread badge ("All connections 5 unread").
    const merged = await browser.$('//nav[@aria-label="Sections"]//a[starts-with(normalize-space(), "All connections")]');
    await merged.waitForClickable({ timeout: 20_000 });
    await merged.click();
    // Both workspaces are listed together; three Globex rows not resolved yet, in list order.
    const chosen = await waitInPage(browser, ([open, acmeIds]) => {
      const rows = [...document.querySelectorAll('[role="listbox"][aria-label="Conversations of all connections"] [role="option"]')];
      const sessions = rows.map((row) => row.getAttribute("data-session"));
      if (!sessions.some((id) => acmeIds.includes(id))) return null;
      const picked = rows
        .filter((row) => open.includes(row.getAttribute("data-session")) && row.querySelector(".badge-state")?.textContent !== "resolved")
        .map((row) => row.getAttribute("data-session"));
      return picked.length >= 3 ? picked.slice(0, 3) : null;
    }, 30_000, [world.candidates, [...world.acmeBefore.keys()]]);
    for (const id of chosen) await (await browser.$(`[data-session="${id}"] .row-check`)).click();
    await resolveAndCheck(world, chosen);
  } finally {
    await world.stop();
  }
});
