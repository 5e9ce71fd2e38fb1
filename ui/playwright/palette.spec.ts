import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { axeViolations } from "./support/axe";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

// Conversation 0 is unresolved (Ana Costa 0).
const session = sessionId(0);

async function openThread(colorScheme: "light" | "dark" = "light") {
  const crisp = fakeCrisp();
  const app = await openApp({ colorScheme, route: `conversations/${session}`, handlers: crisp.handlers });
  await app.page.getByRole("heading", { name: "Ana Costa 0", level: 2 }).waitFor();
  // Ready: the conversation loaded (Resolve enabled) and the thread's reply box is there (it loads lazily).
  await app.page.getByRole("button", { name: "Resolve", exact: true, disabled: false }).waitFor();
  await app.page.getByLabel("Reply", { exact: true }).waitFor();
  return { app, page: app.page, ipc: app.ipc, crisp };
}

const focusedName = (page: import("playwright-core").Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute("aria-label") ?? el?.textContent ?? el?.id ?? null;
  });

test("Ctrl+K opens the palette; typing narrows it with the letters marked and Enter resolves the open conversation", async () => {
  const { app, page, ipc } = await openThread();
  try {
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    const input = palette.getByRole("combobox", { name: "Type a command or a section" });
    await input.waitFor();
    expect(await input.evaluate((el) => el === document.activeElement), "the palette's search box has the focus").toBe(true);
    const options = palette.getByRole("option");
    const all = await options.allTextContents();
    for (const expected of ["Resolve the conversation", "Reply", "Mark the conversation read", "Go to Conversations", "Go to People", "Go to Canned replies"]) {
      expect(all.some((t) => t.includes(expected)), `${expected} is listed: ${all.join(" | ")}`).toBe(true);
    }

    await input.pressSequentially("resolv");
    const first = options.first();
    expect(await first.textContent()).toContain("Resolve the conversation");
    expect(await first.getAttribute("aria-selected")).toBe("true");
    expect(await first.locator("mark").allTextContents(), "the matched letters are marked").toEqual(["Resolv"]);
    await input.press("Enter");

    await palette.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Unresolve", exact: true }).waitFor();
    expect(ipc.last("change_conversation_state")).toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, session_id: session, body: { state: "resolved" } },
    });
  } finally {
    await app.close();
  }
});

test("the palette navigates to a section with the arrow keys, and Escape closes it returning the focus", async () => {
  const { app, page } = await openThread();
  try {
    const resolve = page.getByRole("button", { name: "Resolve", exact: true });
    await resolve.focus();
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    const input = palette.getByRole("combobox");
    await input.waitFor();
    await page.keyboard.press("Tab");
    expect(await input.evaluate((el) => el === document.activeElement), "Tab keeps the focus in the palette").toBe(true);
    await page.keyboard.press("Escape");
    await palette.waitFor({ state: "hidden" });
    expect(await focusedName(page), "Escape gives the focus back where it was").toBe("Resolve");

    await page.keyboard.press("Control+k");
    await input.pressSequentially("go to");
    const options = palette.getByRole("option");
    const titles = await options.allTextContents();
    const target = titles.findIndex((t) => t.includes("Go to Notifications"));
    expect(target, `Go to Notifications is listed: ${titles.join(" | ")}`).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < target; i++) await input.press("ArrowDown");
    expect(await options.nth(target).getAttribute("aria-selected")).toBe("true");
    expect(await input.getAttribute("aria-activedescendant")).toBe(await options.nth(target).getAttribute("id"));
    await input.press("Enter");
    await page.getByRole("heading", { name: "Notifications & monitoring" }).waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe("#/monitor");
  } finally {
    await app.close();
  }
});

test("Ctrl+K right after Escape opens the palette again, and a late close event does not shut it", async () => {
  const { app, page } = await openThread();
  try {
    const palette = page.getByRole("dialog", { name: "Command palette" });
    for (let round = 0; round < 5; round++) {
      await page.keyboard.press("Control+k");
      await palette.getByRole("combobox").waitFor();
      // No wait in between: the dialog's close event of the Escape may still be queued when Ctrl+K arrives.
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+k");
      await palette.getByRole("combobox").waitFor({ timeout: 2_000 });
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(await palette.isVisible(), `round ${round}: the palette stays open`).toBe(true);
      await page.keyboard.press("Escape");
      await palette.waitFor({ state: "hidden" });
    }
  } finally {
    await app.close();
  }
});

test("e resolves, r focuses the reply box, and one-key shortcuts do nothing while typing", async () => {
  const { app, page, ipc } = await openThread();
  try {
    await page.keyboard.press("e");
    await page.getByRole("button", { name: "Unresolve", exact: true }).waitFor();
    expect(ipc.of("change_conversation_state").map((a) => a.request.body.state)).toEqual(["resolved"]);

    await page.keyboard.press("r");
    const reply = page.getByLabel("Reply", { exact: true });
    expect(await reply.evaluate((el) => el === document.activeElement), "r puts the focus in the reply box").toBe(true);
    await page.keyboard.type("reply here");
    expect(await reply.inputValue(), "the r itself is not typed, the rest is").toBe("reply here");
    expect(ipc.of("change_conversation_state").length, "typing an e in the reply box changes nothing").toBe(1);
  } finally {
    await app.close();
  }
});

test("/ focuses the inbox's instant search box, and the / is not typed", async () => {
  const { app, page } = await openThread();
  try {
    const search = page.getByLabel("Search conversations", { exact: true });
    await search.waitFor();
    await page.keyboard.press("/");
    await page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await search.inputValue(), "the / itself is not typed").toBe("");
  } finally {
    await app.close();
  }
});

test("/ on a screen without its own search action focuses its first search field (People's Quick search)", async () => {
  const app = await openApp({ route: "people", handlers: { list_people_profiles: () => [] } });
  try {
    const search = app.page.getByLabel("Quick search", { exact: true });
    await search.waitFor();
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await search.evaluate((el) => el === document.activeElement), "not focused before the key").toBe(false);
    await app.page.keyboard.press("/");
    await app.page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await search.inputValue(), "the / itself is not typed").toBe("");
  } finally {
    await app.close();
  }
});

test("? opens an overlay listing every shortcut and which work on this screen", async () => {
  const { app, page } = await openThread();
  try {
    await page.keyboard.press("?");
    const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await overlay.waitFor();
    const rows = await overlay.getByRole("row").allTextContents();
    const row = (start: string) => rows.find((r) => r.startsWith(start)) ?? "";
    expect(row("Ctrl+K")).toContain("Open the command palette");
    expect(row("e")).toContain("Resolve or unresolve the open conversation");
    expect(row("e"), "e works with a conversation open").toContain("Available");
    expect(row("r")).toContain("Available");
    expect(row("/")).toContain("Available");
    expect(row("a"), "assign works with a conversation open").toContain("Available");
    expect(row("x")).toContain("Select the focused conversation");
    expect(row("x"), "x selects the open conversation's row").toContain("Available");
    await page.keyboard.press("Escape");
    await overlay.waitFor({ state: "hidden" });
  } finally {
    await app.close();
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  describe(`axe-core, ${colorScheme} theme`, () => {
    test("the command palette with a filtered list has no violations", async () => {
      const { app, page } = await openThread(colorScheme);
      try {
        await page.keyboard.press("Control+k");
        const input = page.getByRole("dialog", { name: "Command palette" }).getByRole("combobox");
        await input.pressSequentially("co");
        await input.press("ArrowDown");
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await app.close();
      }
    });

    test("the shortcuts overlay has no violations", async () => {
      const { app, page } = await openThread(colorScheme);
      try {
        await page.keyboard.press("?");
        await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
}
