import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { fakeCrisp } from "./support/crisp";

afterAll(closeBrowser);

test("the built UI starts with the mocked backend and shows the selected connection in the switcher", async () => {
  const crisp = fakeCrisp();
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  try {
    const switcher = app.page.getByLabel("Connection", { exact: true });
    await app.page.getByRole("option", { name: /Ana Costa 0/ }).waitFor();
    expect(await switcher.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent), "the switcher names the Demo connection as demo").toBe(
      "Demo",
    );
    expect(app.ipc.of("list_connections").length, "the shell asks the backend for its connections").toBeGreaterThan(0);
    expect(app.errors, "the page logs no errors").toEqual([]);
  } finally {
    await app.close();
  }
});
