import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, DEFAULT_MONITOR_SETTINGS, demoConnection, ipcError, openApp } from "./support/app";
import { fakeCrisp } from "./support/crisp";
import { status, statusUpdate, MONITOR_UPDATE } from "./support/monitor";

afterAll(closeBrowser);

const acme = { ...demoConnection, id: "c1", name: "Acme", demo: false, selected: false, tier: "plugin" as const };

describe("budget display", () => {
  test("a watching connection shows what is left of the day's budget, how often it checks and why", async () => {
    const app = await openApp({ route: "conversations", handlers: { ...fakeCrisp().handlers, monitor_status: () => status() } });
    try {
      const { page } = app;
      const footer = page.getByRole("contentinfo", { name: "Monitor" });
      await footer.getByText("Watching for new conversations and messages.").waitFor();
      expect(await footer.textContent(), "the interval and its reason are in the footer").toContain("Checks every 17 s (normal pace).");
      expect(
        await page.getByRole("status", { name: /^Request budget:/ }).textContent(),
        "the header meter shows the watcher's budget: left of the tier's daily budget, and the reserve",
      ).toBe("4750 of 5000 requests left today (500 kept for your own actions)");
      expect(await footer.getByRole("button", { name: "Check now" }).isVisible(), "a watched connection can be checked now").toBe(true);
    } finally {
      await app.close();
    }
  });

  test("a status update after a 429 says the watcher is backing off, and the budget follows it", async () => {
    const app = await openApp({ route: "conversations", handlers: { ...fakeCrisp().handlers, monitor_status: () => status() } });
    try {
      const { page } = app;
      const footer = page.getByRole("contentinfo", { name: "Monitor" });
      await footer.getByText("Watching for new conversations and messages.").waitFor();
      await app.emit(
        MONITOR_UPDATE,
        statusUpdate("demo", status({
          phase: "backing_off",
          pace: "shared_backoff",
          interval_ms: 120_000,
          next_poll_at_ms: Date.now() + 90_000,
          last_error: "Crisp is rate limiting this connection (HTTP 429).",
          budget: { tier: "plugin", used_today: 260, daily_budget: 5000, remaining_today: 4740, reserved: 500, resets_at_ms: null },
        })),
      );
      const phase = footer.getByRole("status");
      await footer.getByText(/^Backing off:/).waitFor();
      expect(await phase.textContent(), "the phase names the rate limit and when the next check is").toMatch(
        /^Backing off: Crisp is rate limiting this connection \(HTTP 429\/420\), so checks are slower until it stops\. Next check at .+ \(in 1 min (2\d|30) s\)\.$/,
      );
      expect(await footer.textContent(), "the slower pace and its reason").toContain(
        "Checks every 2 min (waiting out Crisp's rate limit, shared by every request of this connection).",
      );
      expect(await footer.textContent(), "the last error in plain words").toContain("Last error: Crisp is rate limiting this connection (HTTP 429).");
      expect(await page.getByRole("status", { name: /^Request budget:/ }).textContent(), "the budget comes from the pushed status").toBe(
        "4740 of 5000 requests left today (500 kept for your own actions)",
      );
      expect(app.ipc.of("monitor_status").length, "the update is pushed, not asked for again").toBe(1);
    } finally {
      await app.close();
    }
  });

  test("a Retry-After of 90 s shows when the watcher retries, and an overflow of changes is said in the footer", async () => {
    const app = await openApp({ route: "conversations", handlers: { ...fakeCrisp().handlers, monitor_status: () => status() } });
    try {
      const { page } = app;
      const footer = page.getByRole("contentinfo", { name: "Monitor" });
      await footer.getByText("Watching for new conversations and messages.").waitFor();
      const retryAt = Date.now() + 90_000;
      await app.emit(
        MONITOR_UPDATE,
        statusUpdate("demo", status({
          phase: "backing_off",
          pace: "shared_backoff",
          interval_ms: 90_000,
          next_poll_at_ms: retryAt,
          backoff_until_ms: retryAt,
          last_error: "Crisp is rate limiting this token (HTTP 429)",
        })),
      );
      await footer.getByText(/^Backing off:/).waitFor();
      const hhmm = await page.evaluate((at) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }), retryAt);
      expect(await footer.getByRole("status").textContent(), "the footer says when, in local time, the watcher retries").toContain(
        `retrying at ${hhmm} (in 1 min`,
      );

      await app.emit(MONITOR_UPDATE, { connection: "demo", update: { type: "event", data: { kind: "many_conversations_changed", at_least: 300 } } });
      await footer.getByText(/^More than 300 conversations changed at once/).waitFor();
      expect(await footer.textContent(), "nothing is lost silently: the footer says the list was refreshed").toContain(
        "the conversation list was refreshed for the rest.",
      );
    } finally {
      await app.close();
    }
  });

  test("a spent daily quota says watching stopped and when it resumes, and offers no check", async () => {
    const app = await openApp({
      route: "conversations",
      handlers: {
        ...fakeCrisp().handlers,
        monitor_status: () =>
          status({
            phase: "quota_spent",
            pace: "quota_spent",
            last_error: "Crisp says the daily quota is spent (quota_limit_exceeded).",
            budget: { tier: "plugin", used_today: 5000, daily_budget: 5000, remaining_today: 0, reserved: 500, resets_at_ms: Date.now() + 3 * 3_600_000 + 20 * 60_000 },
          }),
      },
    });
    try {
      const { page } = app;
      const footer = page.getByRole("contentinfo", { name: "Monitor" });
      const phase = footer.getByRole("status");
      await footer.getByText(/^Stopped:/).waitFor();
      expect(await phase.textContent(), "it says it stopped, why, and the time it resumes").toMatch(
        /^Stopped: Crisp says today's request quota is spent\. Watching resumes at \d{1,2}:\d{2}.* \(in 3 h (19|20) min\), when the daily budget resets\.$/,
      );
      expect(await footer.textContent(), "no polling pace while stopped").not.toContain("Checks every");
      expect(await footer.textContent()).toContain("Last error: Crisp says the daily quota is spent (quota_limit_exceeded).");
      expect(await footer.getByRole("button", { name: "Check now" }).count(), "a check would only be refused").toBe(0);
      expect(await page.getByRole("status", { name: /^Request budget:/ }).textContent()).toBe("0 of 5000 requests left today (500 kept for your own actions)");
    } finally {
      await app.close();
    }
  });

  test("Check now polls at once and shows the status it answers", async () => {
    const app = await openApp({
      route: "conversations",
      handlers: {
        ...fakeCrisp().handlers,
        monitor_status: () => status(),
        monitor_now: () => status({ budget: { tier: "plugin", used_today: 251, daily_budget: 5000, remaining_today: 4749, reserved: null, resets_at_ms: null } }),
      },
    });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Check now" }).click();
      await page.getByRole("status", { name: "Request budget: 4749 of 5000 requests left today" }).waitFor();
      expect(app.ipc.last("monitor_now"), "the selected connection is checked").toEqual({ connection: "demo" });
    } finally {
      await app.close();
    }
  });
});

describe("notification settings", () => {
  test("each switch sends the whole settings object with only that switch changed", async () => {
    // The first save waits for the test, so the switch can be seen while it is being saved and after.
    let releaseFirstSave = () => {};
    const firstSave = new Promise<void>((resolve) => (releaseFirstSave = resolve));
    const app = await openApp({
      route: "monitor",
      handlers: {
        set_monitor_settings: async (_args, call) => {
          if (call === 1) await firstSave;
          return status();
        },
      },
    });
    try {
      const { page } = app;
      await page.getByRole("heading", { name: "Notifications & monitoring", level: 1 }).waitFor();
      const profiles = page.getByRole("switch", { name: "People profile changes" });
      expect(await profiles.isChecked(), "off by default (it costs a request per check)").toBe(false);
      for (const name of ["New conversations", "New visitor messages", "Conversation state changes"]) {
        expect(await page.getByRole("switch", { name }).isChecked(), `${name} is on by default`).toBe(true);
      }
      await profiles.click();
      await expect.poll(() => app.ipc.of("set_monitor_settings").length).toBe(1);
      expect(app.ipc.last("set_monitor_settings"), "the defaults, with people_profile_changed on").toEqual({
        connection: "demo",
        settings: { ...DEFAULT_MONITOR_SETTINGS, events: { ...DEFAULT_MONITOR_SETTINGS.events, people_profile_changed: true } },
      });
      await expect.poll(async () => [await profiles.isChecked(), await profiles.isDisabled()], { message: "on, and held while saving" }).toEqual([true, true]);
      releaseFirstSave();
      await expect.poll(() => profiles.isEnabled()).toBe(true);
      expect(await profiles.isChecked(), "the switch stays on once saved").toBe(true);

      await page.getByRole("switch", { name: "Desktop notifications" }).click();
      await expect.poll(() => app.ipc.of("set_monitor_settings").length).toBe(2);
      expect(app.ipc.last("set_monitor_settings"), "the earlier change is kept, notifications go off").toEqual({
        connection: "demo",
        settings: {
          ...DEFAULT_MONITOR_SETTINGS,
          notifications: false,
          events: { ...DEFAULT_MONITOR_SETTINGS.events, people_profile_changed: true },
        },
      });
      // Off and usable again only once the save is done (while it runs the switches are held).
      const notifications = page.getByRole("switch", { name: "Desktop notifications" });
      await expect.poll(async () => [await notifications.isChecked(), await notifications.isEnabled()]).toEqual([false, true]);
      await page.getByRole("switch", { name: "Watch this connection" }).click();
      await expect.poll(() => app.ipc.of("set_monitor_settings").length).toBe(3);
      expect(app.ipc.last("set_monitor_settings").settings.enabled, "watching off").toBe(false);
      expect(app.ipc.last("set_monitor_settings").settings.notifications, "still off from before").toBe(false);
    } finally {
      await app.close();
    }
  });

  test("a refused change goes back and says why at the switch that made it", async () => {
    const app = await openApp({
      route: "monitor",
      handlers: {
        set_monitor_settings: () => {
          throw ipcError("keychain_unavailable", "The system keychain is locked; unlock it and try again.");
        },
      },
    });
    try {
      const { page } = app;
      const visitors = page.getByRole("switch", { name: "Visitor count changes" });
      await visitors.click();
      await page.getByText("The system keychain is locked; unlock it and try again.").waitFor();
      expect(await visitors.isChecked(), "the switch shows what is really kept: off").toBe(false);
      const describedBy = (await visitors.getAttribute("aria-describedby")) ?? "";
      const described = await page.locator(describedBy.split(" ").map((id) => `[id="${id}"]`).join(", ")).allTextContents();
      expect(described.join(" "), "the error is tied to that switch").toContain("The system keychain is locked");
      expect(await page.getByRole("switch", { name: "People profile changes" }).getAttribute("aria-invalid"), "not at the others").toBeNull();
    } finally {
      await app.close();
    }
  });

  test("Do not disturb in the header and 'watch every connection' send the preferences with only that choice changed", async () => {
    const app = await openApp({
      route: "monitor",
      handlers: { set_monitor_preferences: ({ preferences }) => preferences },
    });
    try {
      const { page } = app;
      const header = page.getByRole("banner");
      const dnd = header.getByRole("switch", { name: "Do not disturb" });
      expect(await dnd.isChecked(), "off as the backend says").toBe(false);
      await dnd.click();
      await expect.poll(() => app.ipc.of("set_monitor_preferences").length).toBe(1);
      expect(app.ipc.last("set_monitor_preferences")).toEqual({ preferences: { watch_all_connections: false, do_not_disturb: true } });
      await expect.poll(() => dnd.isChecked(), { message: "on once kept" }).toBe(true);

      await page.getByRole("switch", { name: "Watch every saved connection, not just the selected one" }).click();
      await expect.poll(() => app.ipc.of("set_monitor_preferences").length).toBe(2);
      expect(app.ipc.last("set_monitor_preferences"), "do not disturb stays on").toEqual({
        preferences: { watch_all_connections: true, do_not_disturb: true },
      });
      await expect.poll(() => app.ipc.of("monitor_status").length, { message: "watchers start or stop: statuses are read again" }).toBeGreaterThan(1);
    } finally {
      await app.close();
    }
  });

  test("a refused Do not disturb stays off and says why beside the switch", async () => {
    const app = await openApp({
      route: "conversations",
      handlers: {
        ...fakeCrisp().handlers,
        set_monitor_preferences: () => {
          throw ipcError("internal", "The preferences could not be saved (disk full).");
        },
      },
    });
    try {
      const header = app.page.getByRole("banner");
      const dnd = header.getByRole("switch", { name: "Do not disturb" });
      await dnd.click();
      await header.getByText("The preferences could not be saved (disk full).").waitFor();
      expect(await dnd.isChecked(), "not on: it was not kept").toBe(false);
    } finally {
      await app.close();
    }
  });

  test("the connections screen opens another connection's settings", async () => {
    const app = await openApp({
      route: "connections",
      handlers: {
        list_connections: () => [demoConnection, acme],
        monitor_settings: ({ connection }) => ({ ...DEFAULT_MONITOR_SETTINGS, enabled: connection !== "c1" }),
      },
    });
    try {
      const { page } = app;
      await page.getByRole("button", { name: "Notifications for Acme" }).click();
      await page.getByRole("heading", { name: "Acme", level: 2 }).waitFor();
      await expect.poll(() => app.ipc.of("monitor_settings").map((a) => a.connection)).toContain("c1");
      expect(await page.getByRole("switch", { name: "Watch this connection" }).isChecked(), "Acme's own settings").toBe(false);
      await page.getByLabel("Settings for", { exact: true }).selectOption("demo");
      await page.getByRole("heading", { name: "Demo", level: 2 }).waitFor();
      await expect.poll(() => page.getByRole("switch", { name: "Watch this connection" }).isChecked(), { message: "the Demo's settings" }).toBe(true);
    } finally {
      await app.close();
    }
  });
});
