import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, demoConnection, ipcError, openApp, openWelcomeForm } from "./support/app";
import { axeViolations } from "./support/axe";
import { everyTypeMessages, fakeCrisp, sessionId } from "./support/crisp";

afterAll(closeBrowser);

const session = sessionId(0);

/** Each screen of this part, reached the way a user would; `check` runs axe once it is on screen. */
const screens: { name: string; route?: string; firstRun?: boolean; open: (page: Page) => Promise<void> }[] = [
  {
    name: "first launch welcome over the Demo",
    firstRun: true,
    open: (page) => page.getByRole("region", { name: "Welcome to Crisp Desk" }).waitFor(),
  },
  {
    name: "first run",
    firstRun: true,
    open: (page) => openWelcomeForm(page),
  },
  {
    name: "first run with a key error",
    firstRun: true,
    open: async (page) => {
      await openWelcomeForm(page);
      await page.getByLabel("Name", { exact: true }).fill("Acme");
      await page.getByLabel("Identifier", { exact: true }).fill("id");
      await page.getByLabel("Key", { exact: true }).fill("bad");
      await page.getByLabel("Website ID", { exact: true }).fill("3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13");
      await page.getByRole("button", { name: "Test connection" }).click();
      await page.getByText("Crisp refused this key").waitFor();
    },
  },
  {
    name: "connections with the form open",
    route: "connections",
    open: async (page) => {
      await page.getByRole("button", { name: "Add connection" }).click();
      await page.getByText("Advanced", { exact: true }).click();
    },
  },
  {
    name: "delete connection confirmation",
    route: "connections",
    open: async (page) => {
      await page.getByRole("button", { name: "Delete Acme" }).click();
      await page.getByRole("dialog", { name: "Delete Acme?" }).waitFor();
    },
  },
  {
    name: "conversations with filters and a thread of every message type",
    route: `conversations/${session}`,
    open: async (page) => {
      await page.getByRole("region", { name: "Messages" }).getByText("Checking now.", { exact: false }).waitFor();
      await page.getByRole("button", { name: /^Filters/ }).click();
      const panel = page.getByRole("form", { name: "Filters" });
      await panel.getByLabel("Filter Unread").check();
      await panel.getByRole("button", { name: "Apply filters" }).click();
      await page.getByRole("list", { name: "Active filters" }).waitFor();
    },
  },
  {
    name: "advanced composer (picker)",
    route: `conversations/${session}`,
    open: async (page) => {
      await page.getByRole("button", { name: "Advanced…" }).click();
      await page.getByRole("dialog", { name: "Send a Message" }).getByLabel("Message Type").selectOption("picker");
    },
  },
  {
    name: "update a message (carousel)",
    route: `conversations/${session}`,
    open: async (page) => {
      await page.getByRole("button", { name: "Edit message 172145800000009" }).click();
      await page.getByRole("dialog", { name: "Update a Message" }).waitFor();
    },
  },
  {
    name: "remove conversation confirmation",
    route: `conversations/${session}`,
    open: async (page) => {
      await page.getByRole("button", { name: "Remove conversation" }).click();
      await page.getByRole("dialog", { name: "Remove this conversation?" }).waitFor();
    },
  },
  {
    name: "failed send",
    route: `conversations/${session}`,
    open: async (page) => {
      await page.getByLabel("Reply", { exact: true }).fill("Hello");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page.getByText(/Not sent:/).waitFor();
    },
  },
];

for (const colorScheme of ["light", "dark"] as const) {
  describe(`axe-core, ${colorScheme} theme`, () => {
    for (const screen of screens) {
      test(`${screen.name} has no violations`, async () => {
        const crisp = fakeCrisp();
        crisp.state.messages.set(session, everyTypeMessages(session));
        const acme = { ...demoConnection, id: "c1", name: "Acme", demo: false, selected: false };
        const app = await openApp({
          colorScheme,
          route: screen.route,
          firstRunDone: !screen.firstRun,
          handlers: {
            ...crisp.handlers,
            list_connections: () => (screen.firstRun ? [{ ...demoConnection, selected: false }] : [demoConnection, acme]),
            test_connection: () => {
              throw ipcError("bad_credentials", "Crisp refused this key (invalid_session).", "key");
            },
            send_message: () => {
              throw ipcError("network", "Crisp could not be reached (network).");
            },
          },
        });
        try {
          await screen.open(app.page);
          expect(await axeViolations(app.page), `axe violations on "${screen.name}" (${colorScheme})`).toEqual([]);
        } finally {
          await app.close();
        }
      });
    }
  });
}

test("the axe check reports a real violation (so an empty list means something)", async () => {
  const app = await openApp({ route: "connections" });
  try {
    await app.page.getByRole("button", { name: "Add connection" }).waitFor();
    await app.page.evaluate(() => document.querySelector("main")?.append(document.createElement("input")));
    expect((await axeViolations(app.page)).join("\n"), "an input without a label is reported").toMatch(/label/);
  } finally {
    await app.close();
  }
});
