// Setting up a connection by pointing and clicking, in the real app window.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  button, control, fieldError, filesContaining, freshAppDirs, saveAndSelect, startApp, startSandbox, typeConnection, waitInPage,
} from "../support/harness.mjs";

/** The text of the option the connection switcher shows as chosen. */
async function switcherText(browser) {
  return waitInPage(browser, () => {
    const select = document.getElementById("connection-switcher");
    return select && select.selectedOptions[0] ? select.selectedOptions[0].textContent.trim() : "";
  });
}

test("a connection set up by pointing and clicking survives a restart, and its key lives only in the keychain", async () => {
  const sandbox = await startSandbox();
  const dirs = freshAppDirs();
  const { info } = sandbox;
  let app = await startApp(dirs);
  try {
    await typeConnection(app.browser, {
      name: "Acme support", identifier: info.identifier, key: info.key, websiteId: info.website_id, apiBase: info.base_url,
    });
    await (await button(app.browser, "Test connection")).click();
    await (await app.browser.$("//p[contains(@class,'form-success')]")).waitForExist({ timeout: 15_000 });
    await saveAndSelect(app.browser, "Acme support");
  } finally {
    await app.stop();
  }

  app = await startApp(dirs);
  try {
    const chosen = await switcherText(app.browser);
    assert.match(chosen, /Acme support/, "the selected connection is kept in the config file across restarts");
  } finally {
    await app.stop();
  }

  const stored = JSON.parse(readFileSync(join(dirs.config, "connections.json"), "utf8"));
  const saved = JSON.stringify(stored);
  assert.ok(saved.includes(info.identifier), "the config file holds the connection's identifier");
  const secrets = execFileSync("secret-tool", ["search", "--all", "--unlock", "service", "crisp-desk-dev"], {
    encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
  });
  assert.ok(secrets.includes(info.key), "the key is stored in the Secret Service under the debug build's service name");
  for (const dir of [dirs.config, dirs.data]) {
    assert.deepEqual(filesContaining(dir, info.key), [], `no file under ${dir} may hold the key`);
  }
  await sandbox.stop();
});

test("a bad key is shown at the Key field, keeps what was typed, and saves nothing", async () => {
  const sandbox = await startSandbox();
  const dirs = freshAppDirs();
  const { info } = sandbox;
  const app = await startApp(dirs);
  try {
    const wrongKey = "0".repeat(64);
    await typeConnection(app.browser, {
      name: "Wrong key", identifier: info.identifier, key: wrongKey, websiteId: info.website_id, apiBase: info.base_url,
    });
    await (await button(app.browser, "Save connection")).click();
    let message = "";
    await app.browser.waitUntil(async () => (message = await fieldError(app.browser, "Key")) !== "", { timeout: 15_000 });
    assert.match(message, /key|token|credential/i, "the message at the Key field says what is wrong with it");
    assert.equal(await (await control(app.browser, "Identifier")).getValue(), info.identifier, "the form keeps the typed identifier");
    assert.equal(await (await control(app.browser, "Website ID")).getValue(), info.website_id, "the form keeps the typed website ID");
    const options = await app.browser.execute(() =>
      [...(document.getElementById("connection-switcher")?.options ?? [])].map((o) => o.textContent.trim()));
    assert.ok(!options.some((o) => o.includes("Wrong key")), "a connection whose key failed is not saved");
  } finally {
    await app.stop();
  }
  const file = join(dirs.config, "connections.json");
  if (existsSync(file)) {
    assert.ok(!readFileSync(file, "utf8").includes("Wrong key"), "nothing about the failed connection is written to disk");
  }
  await sandbox.stop();
});
