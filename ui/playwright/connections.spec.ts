import { afterAll, expect, test } from "vitest";
import { closeBrowser, openWelcomeForm, demoConnection, ipcError, openApp } from "./support/app";
import { fakeCrisp, WEBSITE_ID } from "./support/crisp";
import type { ConnectionSummary } from "../src/ipc";

afterAll(closeBrowser);

const typed = { name: "Acme support", identifier: "7c1e4b2a-id", key: "f00dbabe".repeat(8), website: WEBSITE_ID };
const saved: ConnectionSummary = {
  id: "0b7e2f6c-1111-4222-8333-944445555666",
  name: typed.name,
  identifier: typed.identifier,
  website_id: WEBSITE_ID,
  tier: "plugin",
  api_base: "https://api.crisp.chat",
  has_key: true,
  demo: false,
  selected: true,
};

test("first run: test a token, save it, and land in the app with the connection selected", async () => {
  let connections: ConnectionSummary[] = [{ ...demoConnection, selected: false }];
  const crisp = fakeCrisp();
  const app = await openApp({
    firstRunDone: false,
    handlers: {
      ...crisp.handlers,
      list_connections: () => connections,
      test_connection: () => ({ website: { website_id: WEBSITE_ID, name: "Acme", domain: "acme.pt", logo: null, verified: true, institutional: false }, tier: "plugin" }),
      save_connection: () => {
        connections = [{ ...demoConnection, selected: false }, saved];
        return saved;
      },
      select_connection: () => saved,
    },
  });
  const { page, ipc } = app;
  try {
    await openWelcomeForm(page);
    await page.getByLabel("Name", { exact: true }).fill(typed.name);
    await page.getByLabel("Identifier", { exact: true }).fill(typed.identifier);
    await page.getByLabel("Key", { exact: true }).fill(typed.key);
    await page.getByLabel("Website ID", { exact: true }).fill(typed.website);
    await page.getByLabel("Tier", { exact: true }).selectOption("plugin");
    expect(
      await page.getByText("User: the token generator on the Crisp site (Generate My API Token). Plugin: a Marketplace plugin's Tokens page. Website: Workspace Settings → Advanced configuration → API Token.").isVisible(),
      "one line beside Tier says which token gives which tier",
    ).toBe(true);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/Connection works: Acme \(acme\.pt\), tier plugin/).waitFor();
    expect(ipc.last("test_connection"), "Test sends what was typed and leaves the default API host out").toEqual({
      request: { name: typed.name, identifier: typed.identifier, key: typed.key, website_id: WEBSITE_ID, tier: "plugin" },
    });
    expect(ipc.of("save_connection"), "Test saves nothing").toHaveLength(0);

    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByRole("heading", { name: "Conversations" }).waitFor();
    expect(ipc.last("save_connection").request.key, "the key goes to the backend once, on save").toBe(typed.key);
    const switcher = page.getByLabel("Connection", { exact: true });
    await expect.poll(() => switcher.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(typed.name);
    expect(app.errors, "no page errors").toEqual([]);
  } finally {
    await app.close();
  }
});

test("a bad key is shown at the Key field and every typed value is kept", async () => {
  const app = await openApp({
    firstRunDone: false,
    handlers: {
      list_connections: () => [{ ...demoConnection, selected: false }],
      test_connection: () => {
        throw ipcError("bad_credentials", "Crisp refused this key (invalid_session). Check the Key.", "key");
      },
    },
  });
  const { page } = app;
  try {
    await openWelcomeForm(page);
    await page.getByLabel("Name", { exact: true }).fill(typed.name);
    await page.getByLabel("Identifier", { exact: true }).fill(typed.identifier);
    await page.getByLabel("Key", { exact: true }).fill("wrong-key");
    await page.getByLabel("Website ID", { exact: true }).fill(typed.website);
    await page.getByRole("button", { name: "Test connection" }).click();
    const key = page.getByLabel("Key", { exact: true });
    await expect.poll(() => key.getAttribute("aria-invalid"), { message: "the Key field is marked invalid" }).toBe("true");
    const describedBy = (await key.getAttribute("aria-describedby")) ?? "";
    const descriptions = await Promise.all(describedBy.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.join(" "), "the exact problem is attached to the Key field").toContain("Crisp refused this key (invalid_session)");
    expect(await page.getByLabel("Name", { exact: true }).inputValue(), "Name is kept").toBe(typed.name);
    expect(await page.getByLabel("Identifier", { exact: true }).inputValue(), "Identifier is kept").toBe(typed.identifier);
    expect(await key.inputValue(), "the typed key is kept so it can be corrected").toBe("wrong-key");
    expect(await page.getByLabel("Website ID", { exact: true }).inputValue(), "Website ID is kept").toBe(typed.website);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name")), "focus moves to the field at fault").toBe("key");
  } finally {
    await app.close();
  }
});

test("settings: add, rename, select and delete connections; a saved key shows only that it is stored", async () => {
  let connections: ConnectionSummary[] = [demoConnection];
  const app = await openApp({
    route: "connections",
    handlers: {
      list_connections: () => connections,
      save_connection: ({ request }) => {
        const existing = connections.find((c) => c.id === request.id);
        const next = { ...saved, ...(existing ?? {}), name: request.name, selected: existing?.selected ?? false };
        connections = existing ? connections.map((c) => (c.id === next.id ? next : c)) : [...connections, next];
        return next;
      },
      select_connection: ({ connection }) => {
        connections = connections.map((c) => ({ ...c, selected: c.id === connection }));
        return connections.find((c) => c.id === connection)!;
      },
      delete_connection: ({ connection }) => {
        connections = connections.filter((c) => c.id !== connection);
        return { notice: null };
      },
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("heading", { name: "Connections", level: 1 }).waitFor();
    expect(await page.locator(".connection-item", { hasText: "Demo" }).getByText("Demo", { exact: true }).count(), "the Demo connection is marked").toBeGreaterThan(0);
    await page.getByRole("button", { name: "Add connection" }).click();
    await page.getByLabel("Name", { exact: true }).fill(typed.name);
    await page.getByLabel("Identifier", { exact: true }).fill(typed.identifier);
    await page.getByLabel("Key", { exact: true }).fill(typed.key);
    await page.getByLabel("Website ID", { exact: true }).fill(typed.website);
    await page.getByText("Advanced", { exact: true }).click();
    expect(await page.getByLabel("API host").inputValue(), "the API host sits under Advanced with its default").toBe("https://api.crisp.chat");
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByText(`Saved “${typed.name}”`).waitFor();
    expect(await page.getByLabel("Key", { exact: true }).inputValue(), "after saving, the key field is empty").toBe("");
    expect(await page.getByText("A key is stored.").isVisible(), "the form says a key is stored instead").toBe(true);

    await page.getByLabel("Name", { exact: true }).fill("Acme EU");
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByText("Saved “Acme EU”").waitFor();
    expect(ipc.last("save_connection").request, "a rename keeps the stored key: no key in the request").toEqual({
      id: saved.id,
      name: "Acme EU",
      identifier: typed.identifier,
      website_id: WEBSITE_ID,
      tier: "user",
    });

    await page.getByRole("button", { name: "Select Acme EU" }).click();
    await expect.poll(() => page.locator('.connection-item[aria-current="true"]').textContent()).toContain("Acme EU");
    expect(ipc.last("select_connection"), "select names the connection").toEqual({ connection: saved.id });

    await page.getByRole("button", { name: "Delete Acme EU" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete Acme EU?" });
    await dialog.getByRole("button", { name: "Delete connection" }).click();
    await expect.poll(() => page.locator(".connection-item").count(), { message: "only the Demo connection is left" }).toBe(1);
    expect(ipc.last("delete_connection"), "delete names the connection").toEqual({ connection: saved.id });
  } finally {
    await app.close();
  }
});

test("editing the API host asks for the key again at the Key field, sends nothing until it is typed, and keeps what was typed", async () => {
  const stored: ConnectionSummary = { ...saved, api_base: "https://api.crisp.chat" };
  let connections: ConnectionSummary[] = [{ ...demoConnection, selected: false }, stored];
  const app = await openApp({
    route: "connections",
    handlers: {
      list_connections: () => connections,
      test_connection: () => ({ website: { website_id: WEBSITE_ID, name: "Acme", domain: "acme.pt", logo: null, verified: true, institutional: false }, tier: "plugin" }),
      save_connection: ({ request }) => {
        const next = { ...stored, name: request.name, api_base: request.api_base ?? stored.api_base };
        connections = [{ ...demoConnection, selected: false }, next];
        return next;
      },
    },
  });
  const { page, ipc } = app;
  try {
    await page.getByRole("button", { name: `Edit ${stored.name}` }).click();
    await page.getByText("Advanced", { exact: true }).click();
    const host = page.getByLabel("API host");
    await host.fill("https://crisp.example.net");
    await page.getByLabel("Name", { exact: true }).fill("Acme on-prem");
    const key = page.getByLabel("Key", { exact: true });

    await page.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(() => key.getAttribute("aria-invalid"), { message: "the Key field is marked invalid" }).toBe("true");
    const describedBy = (await key.getAttribute("aria-describedby")) ?? "";
    const descriptions = await Promise.all(describedBy.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.join(" "), "the Key field says why").toContain("The key must be typed again for a new API host");
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByText("The key must be typed again for a new API host").first().waitFor();
    expect(ipc.of("test_connection"), "Test never sends the stored key's connection to another host").toHaveLength(0);
    expect(ipc.of("save_connection"), "Save sends nothing either").toHaveLength(0);
    expect(await host.inputValue(), "the new host is kept").toBe("https://crisp.example.net");
    expect(await page.getByLabel("Name", { exact: true }).inputValue(), "the new name is kept").toBe("Acme on-prem");

    await key.fill(typed.key);
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.getByText("Saved “Acme on-prem”").waitFor();
    expect(ipc.last("save_connection").request, "with the key typed again the edit goes, key and new host together").toEqual({
      id: stored.id,
      name: "Acme on-prem",
      identifier: stored.identifier,
      key: typed.key,
      website_id: WEBSITE_ID,
      tier: stored.tier,
      api_base: "https://crisp.example.net",
    });
  } finally {
    await app.close();
  }
});

test("a connection deleted while the keychain is locked is gone, and a notice (not an error) says the key goes later", async () => {
  const notice = "The connection is deleted, but the system keychain is locked or unavailable, so its key is still stored there.";
  let connections: ConnectionSummary[] = [{ ...demoConnection, selected: false }, saved];
  const app = await openApp({
    route: "connections",
    handlers: {
      list_connections: () => connections,
      delete_connection: ({ connection }) => {
        // As the backend does, the Demo is selected again once the selected connection is gone.
        connections = [demoConnection];
        return { notice: connection === saved.id ? notice : null };
      },
    },
  });
  const { page } = app;
  try {
    await page.getByRole("button", { name: `Delete ${saved.name}` }).click();
    await page.getByRole("dialog", { name: `Delete ${saved.name}?` }).getByRole("button", { name: "Delete connection" }).click();
    await expect.poll(() => page.locator(".connection-item").count(), { message: "the connection is gone" }).toBe(1);
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: notice }).count(), { message: "the notice is shown as a status" })
      .toBe(1);
    expect(await page.getByRole("alert").count(), "nothing is shown as an error").toBe(0);
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => page.getByText(notice).count(), { message: "Dismiss puts the notice away" }).toBe(0);
  } finally {
    await app.close();
  }
});

test("a first launch opens on the Demo inbox with a welcome, and keeping the Demo is remembered", async () => {
  const crisp = fakeCrisp();
  const app = await openApp({ firstRunDone: false, route: "conversations", handlers: crisp.handlers });
  const { page } = app;
  try {
    const welcome = page.getByRole("region", { name: "Welcome to Crisp Desk" });
    await welcome.waitFor();
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    expect(await welcome.getByText(/Demo connection: a local Crisp/).isVisible(), "the welcome says what the Demo is").toBe(true);

    await welcome.getByRole("button", { name: "Keep exploring the Demo" }).click();
    await expect.poll(() => welcome.count(), { message: "the welcome goes" }).toBe(0);
    await page.reload();
    await page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    expect(await page.getByRole("region", { name: "Welcome to Crisp Desk" }).count(), "and stays gone after a restart").toBe(0);
  } finally {
    await app.close();
  }
});
