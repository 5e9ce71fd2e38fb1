import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { afterAll, expect, test } from "vitest";
import { moduleNamed, modulesPath } from "./fixtures/people-crisp-modules";
import { closeBrowser, openApp } from "./support/app";
import { everyTypeMessages, fakeCrisp, sessionId } from "./support/crisp";

afterAll(closeBrowser);

/** Form controls (not forms or regions) labelled exactly `name`. */
function controls(scope: Page | Locator, name: string): Locator {
  return scope.getByLabel(name, { exact: true }).and(scope.locator("input, select, textarea"));
}

/** The connection dialog's fields, as the docs' setup steps name them ("obtain the Identifier, Key, and Website ID"). */
function connectionFields(): string[] {
  const text = readFileSync(modulesPath(), "utf8");
  const listed = /obtain the (.+?) from your Crisp account/.exec(text)?.[1];
  if (!listed) throw new Error("crisp-modules.txt no longer lists the connection fields");
  return listed.split(/,\s*(?:and\s+)?|\s+and\s+/).map((s) => s.trim()).filter(Boolean);
}

test("every field of the connection dialog is a labelled control", async () => {
  const fields = connectionFields();
  expect(fields, "the docs name three connection fields").toEqual(["Identifier", "Key", "Website ID"]);
  const app = await openApp({ route: "connections" });
  try {
    await app.page.getByRole("button", { name: "Add connection" }).click();
    for (const name of [...fields, "Name", "Tier", "API host"]) {
      expect(await controls(app.page, name).count(), `"${name}" is a labelled control`).toBe(1);
    }
  } finally {
    await app.close();
  }
});

test("every field of the conversation and message modules is a labelled control", async () => {
  const session = sessionId(0);
  const crisp = fakeCrisp();
  crisp.state.messages.set(session, everyTypeMessages(session));
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  const { page } = app;
  const missing: string[] = [];
  const check = async (module: string, scope: Page | Locator, names: string[]) => {
    for (const name of new Set(names)) {
      const found = controls(scope, name);
      if ((await found.count()) === 0 || !(await found.first().isVisible())) missing.push(`${module}: ${name}`);
    }
  };
  try {
    await page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
    await page.getByRole("button", { name: /^Filters/ }).click();
    // The panel loads the first time it opens.
    await page.getByRole("form", { name: "Filters" }).waitFor();

    const search = moduleNamed("Search previous Crisp conversations");
    expect(search.fields.length, "the search module has its 14 fields").toBe(14);
    await check("Search for Conversation", page.getByRole("form", { name: "Filters" }), search.fields);
    await check("Remove a Conversation", page, moduleNamed("Remove a conversation").fields);
    await check("List Messages", page.getByRole("region", { name: "Conversation" }), moduleNamed("Resolves messages in an existing conversation").fields);
    await check("Get a Message", page, moduleNamed("Resolves an existing message").fields);

    await page.getByRole("button", { name: "Advanced…" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a Message" });
    const send = moduleNamed("Sends a message in an existing conversation");
    await check("Send a Message", dialog, send.fields.filter((f) => f !== "Session ID"));
    await check("Send a Message", page, ["Session ID"]);
    // Type is repeated in the module: the sender user's Type, the Original's Type and the content's Type (and
    // Content: the message's and the Original's); legends tell them apart.
    await dialog.getByLabel("Message Type").selectOption("file");
    const types = controls(dialog, "Type");
    expect(await types.count(), "the three Types are present for a file message").toBe(3);
    const legends = await types.evaluateAll((els) => els.map((el) => el.closest("fieldset")?.querySelector("legend")?.textContent));
    expect(new Set(legends).size, `each Type sits in its own labelled group (${legends.join(", ")})`).toBe(3);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Edit message 172145800000001" }).click();
    const update = page.getByRole("dialog", { name: "Update a Message" });
    await check("Update a Message", update, moduleNamed("Edits an existing message").fields);
    expect(missing, "fields without a visible labelled control").toEqual([]);
  } finally {
    await app.close();
  }
});
