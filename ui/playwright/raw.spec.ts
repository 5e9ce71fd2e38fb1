import { afterAll, expect, test } from "vitest";
import { closeBrowser, demoConnection, ipcError, openApp } from "./support/app";
import { WEBSITE_ID } from "./fixtures/people-data";

afterAll(closeBrowser);

const answer = {
  status: 200,
  headers: [
    ["content-type", "application/json"],
    ["bloom-status", "MISS"],
  ] as Array<[string, string]>,
  body: { error: false, reason: "added", data: { people_id: "p1", nested: { list: [1, 2, 3] } } },
  elapsed_ms: 42,
};

test("sends an API call with query, headers and body, shows the answer, keeps it in history and re-runs it", async () => {
  const app = await openApp({ route: "raw", handlers: { call_api: () => answer } });
  try {
    const { page } = app;
    const url = page.getByLabel("URL", { exact: true });
    await url.waitFor();
    expect(await url.inputValue(), "the URL starts at the connection's website").toBe(`/v1/website/${WEBSITE_ID}/`);
    await page.getByLabel("Method").selectOption("POST");
    await url.fill(`/v1/website/${WEBSITE_ID}/people/profile`);
    await page.getByLabel("Query String").fill("per_page=20&search_text=acme corp");
    await page.getByLabel("Headers").fill("X-Trace: abc\nAccept-Language: pt");
    await page.getByLabel("Body").fill('{"email": "ana@example.com", "person": {"nickname": "Ana"}}');
    await page.getByRole("button", { name: "Send", exact: true }).click();

    await page.getByTestId("raw-status").waitFor();
    expect(app.ipc.last("call_api"), "the CallApi request").toEqual({
      connection: "demo",
      request: {
        method: "POST",
        path: `/v1/website/${WEBSITE_ID}/people/profile`,
        query: { per_page: "20", search_text: "acme corp" },
        headers: { "X-Trace": "abc", "Accept-Language": "pt" },
        body: { email: "ana@example.com", person: { nickname: "Ana" } },
      },
    });
    expect(await page.getByTestId("raw-status").textContent(), "the status").toBe("Status 200");
    expect(await page.getByTestId("raw-time").textContent(), "the time the backend measured").toBe("42 ms");
    await page.getByText("Headers (2)").click();
    await page.getByText("bloom-status").waitFor();
    const tree = page.getByRole("group", { name: "Response data" });
    expect(await tree.textContent(), "pretty JSON of the answer").toContain('"people_id": "p1"');
    await page.getByRole("button", { name: "Collapse all" }).click();
    expect(await tree.locator("details[open]").count(), "collapsing leaves only the root open").toBe(1);
    await page.getByRole("button", { name: "Expand all" }).click();
    expect(await tree.locator("details[open]").count(), "expanding opens every object and array").toBe(4);

    const history = page.getByRole("region", { name: "History" });
    expect(await history.getByRole("listitem").count(), "one call in history").toBe(1);
    expect(await history.textContent(), "history shows method, path and status").toContain(
      `POST /v1/website/${WEBSITE_ID}/people/profile?per_page=20&search_text=acme corp200`,
    );
    await url.fill("/v1/website/other/");
    await history.getByRole("button", { name: /Run .* again/ }).click();
    await expect.poll(() => app.ipc.of("call_api").length, { timeout: 5000 }).toBe(2);
    expect(app.ipc.last("call_api"), "re-running sends the same call").toEqual(app.ipc.of("call_api")[0]);
    expect(await url.inputValue(), "the form shows the re-run call").toBe(`/v1/website/${WEBSITE_ID}/people/profile`);
    const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }));
    expect(stored, "history is kept without credentials").not.toMatch(/demo-identifier|Authorization/i);
  } finally {
    await app.close();
  }
});

test("checks the URL and the body before sending, and shows the backend's path refusal at URL", async () => {
  const app = await openApp({
    route: "raw",
    handlers: {
      call_api: () => {
        throw ipcError("invalid_input", "The path may not contain a percent-encoded dot segment.", "path");
      },
    },
  });
  try {
    const { page } = app;
    const url = page.getByLabel("URL", { exact: true });
    await url.fill("/v1/website/../x");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    expect(await url.getAttribute("aria-invalid"), "`..` is refused before sending").toBe("true");
    await page.getByLabel("Method").selectOption("PATCH");
    await url.fill("/v1/website/x/people/profile/p1");
    await page.getByLabel("Body").fill("{not json");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    expect(await page.getByLabel("Body").getAttribute("aria-invalid"), "invalid JSON is refused at Body").toBe("true");
    expect(app.ipc.of("call_api").length, "nothing is sent while the form is wrong").toBe(0);

    await page.getByLabel("Body").fill('{"notepad": "x"}');
    await url.fill("/v1/website/x/%2e%2e/y");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByText("percent-encoded dot segment").first().waitFor();
    expect(await url.getAttribute("aria-invalid"), "the backend's refusal lands at URL").toBe("true");
    expect(await page.getByLabel("Body").inputValue(), "the body is kept").toBe('{"notepad": "x"}');
  } finally {
    await app.close();
  }
});

test("copy as curl never includes the key", async () => {
  const app = await openApp({ route: "raw", handlers: { call_api: () => answer } });
  try {
    const { page } = app;
    await page.getByLabel("Headers").fill("Authorization: Basic c2VjcmV0\nX-Trace: abc");
    await page.getByLabel("Query String").fill("a=1");
    await page.getByRole("button", { name: "Copy as curl" }).click();
    const curl = (await page.getByTestId("raw-curl").textContent()) ?? "";
    expect(curl, "the URL is the connection's API base plus the path").toContain(
      `${demoConnection.api_base.replace(/\/$/, "")}/v1/website/${WEBSITE_ID}/?a=1`,
    );
    expect(curl, "credentials are environment variables").toContain('-u "$CRISP_IDENTIFIER:$CRISP_KEY"');
    expect(curl, "a typed Authorization header is dropped").not.toContain("c2VjcmV0");
    expect(curl, "other headers are kept").toContain("X-Trace: abc");
  } finally {
    await app.close();
  }
});

test("deleting a connection deletes its API console history with it", async () => {
  const shop = { ...demoConnection, id: "0b7e2f6c-1111-4222-8333-944445555666", name: "Acme", demo: false, selected: true };
  let connections = [{ ...demoConnection, selected: false }, shop];
  const app = await openApp({
    route: "raw",
    handlers: {
      list_connections: () => connections,
      call_api: () => answer,
      delete_connection: ({ connection }) => {
        connections = connections.filter((c) => c.id !== connection).map((c) => ({ ...c, selected: true }));
        return { notice: null };
      },
    },
  });
  try {
    const { page } = app;
    await page.getByLabel("URL", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByTestId("raw-status").waitFor();
    const historyOf = (id: string) => page.evaluate((name) => window.localStorage.getItem(name), `crisp-desk:raw-history:${id}`);
    await expect.poll(() => historyOf(shop.id), { message: "the call is in Acme's history" }).toContain("/v1/website/");

    await page.evaluate(() => (window.location.hash = "#/connections"));
    await page.getByRole("button", { name: "Delete Acme" }).click();
    await page.getByRole("dialog", { name: "Delete Acme?" }).getByRole("button", { name: "Delete connection" }).click();
    await expect.poll(() => page.locator(".connection-item").count(), { message: "only the Demo is left" }).toBe(1);
    expect(await historyOf(shop.id), "nothing of the deleted connection's console history is left in storage").toBeNull();
  } finally {
    await app.close();
  }
});
