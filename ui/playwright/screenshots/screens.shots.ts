/**
 * Screenshots of every screen of the connection, conversation and message part, light and dark:
 * `npm run screenshots` writes them to artifacts/screenshots/<screen>-<theme>.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, test } from "vitest";
import { closeBrowser, demoConnection, ipcError, openApp, openWelcomeForm, type Handlers } from "../support/app";
import { everyTypeMessages, fakeCrisp, sessionId } from "../support/crisp";

afterAll(closeBrowser);

const dir = join(process.cwd(), "artifacts", "screenshots");
mkdirSync(dir, { recursive: true });
const session = sessionId(0);
const acme = { ...demoConnection, id: "c1", name: "Acme support", identifier: "7c1e4b2a-id", tier: "plugin" as const, demo: false, selected: false };

interface Shot {
  name: string;
  route?: string;
  firstRun?: boolean;
  handlers?: Handlers;
  open: (page: Page) => Promise<void>;
}

const shots: Shot[] = [
  { name: "01-first-run", firstRun: true, open: (p) => openWelcomeForm(p) },
  {
    name: "02-first-run-bad-key",
    firstRun: true,
    open: async (p) => {
      await openWelcomeForm(p);
      await p.getByLabel("Name", { exact: true }).fill("Acme support");
      await p.getByLabel("Identifier", { exact: true }).fill("7c1e4b2a-id");
      await p.getByLabel("Key", { exact: true }).fill("wrong-key");
      await p.getByLabel("Website ID", { exact: true }).fill("3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13");
      await p.getByRole("button", { name: "Test connection" }).click();
      await p.getByText("Crisp refused this key").waitFor();
    },
  },
  {
    name: "03-connections",
    route: "connections",
    open: async (p) => {
      await p.getByRole("button", { name: "Edit Acme support" }).click();
      await p.getByText("Advanced", { exact: true }).click();
    },
  },
  { name: "04-conversations", route: "conversations", open: (p) => p.getByText("Open a conversation from the list").waitFor() },
  {
    name: "05-filters",
    route: "conversations",
    open: async (p) => {
      await p.getByRole("button", { name: /^Filters/ }).click();
      const panel = p.getByRole("form", { name: "Filters" });
      await panel.getByLabel("Filter Not Resolved").check();
      await panel.getByLabel("Search Query").fill("order");
      await panel.getByRole("button", { name: "Apply filters" }).click();
      await p.getByRole("list", { name: "Active filters" }).waitFor();
    },
  },
  {
    name: "06-thread",
    route: `conversations/${session}`,
    open: async (p) => {
      await p.getByRole("region", { name: "Messages" }).getByText("Obrigada!").waitFor();
      await p.waitForTimeout(300);
    },
  },
  {
    name: "07-advanced-composer-file",
    route: `conversations/${session}`,
    open: async (p) => {
      await p.getByRole("button", { name: "Advanced…" }).click();
      const dialog = p.getByRole("dialog", { name: "Send a Message" });
      await dialog.getByLabel("Message Type").selectOption("file");
      await dialog.getByRole("group", { name: "File content" }).getByLabel("Name").fill("refund-receipt.pdf");
    },
  },
  {
    name: "08-update-message",
    route: `conversations/${session}`,
    open: async (p) => {
      await p.getByRole("button", { name: "Edit message 172145800000007" }).click();
      await p.getByRole("dialog", { name: "Update a Message" }).waitFor();
    },
  },
  {
    name: "09-failed-send",
    route: `conversations/${session}`,
    handlers: {
      send_message: () => {
        throw ipcError("timeout", "Crisp did not answer within 10 s (timeout).");
      },
    },
    open: async (p) => {
      await p.getByLabel("Reply", { exact: true }).fill("Your refund is on its way");
      await p.getByRole("button", { name: "Send", exact: true }).click();
      await p.getByText(/Not sent:/).waitFor();
    },
  },
  {
    name: "10-remove-conversation",
    route: `conversations/${session}`,
    open: async (p) => {
      await p.getByRole("button", { name: "Remove conversation" }).click();
      await p.getByRole("dialog", { name: "Remove this conversation?" }).waitFor();
    },
  },
  {
    name: "11-rate-limited",
    route: "conversations",
    handlers: {
      search_conversations: () => {
        throw ipcError("rate_limited", "Crisp asked to slow down (rate_limited).");
      },
    },
    open: (p) => p.getByText(/retrying in/).waitFor(),
  },
];

for (const colorScheme of ["light", "dark"] as const) {
  describe(`screenshots, ${colorScheme}`, () => {
    for (const shot of shots) {
      test(shot.name, async () => {
        const crisp = fakeCrisp();
        crisp.state.messages.set(session, everyTypeMessages(session));
        const app = await openApp({
          colorScheme,
          route: shot.route,
          firstRunDone: !shot.firstRun,
          handlers: {
            ...crisp.handlers,
            list_connections: () => (shot.firstRun ? [{ ...demoConnection, selected: false }] : [demoConnection, acme]),
            test_connection: () => {
              throw ipcError("bad_credentials", "Crisp refused this key (invalid_session). Check the Key.", "key");
            },
            ...shot.handlers,
          },
        });
        try {
          await shot.open(app.page);
          await app.page.screenshot({ path: join(dir, `${shot.name}-${colorScheme}.png`) });
        } finally {
          await app.close();
        }
      });
    }
  });
}
