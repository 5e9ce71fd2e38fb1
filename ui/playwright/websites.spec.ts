import { afterAll, expect, test } from "vitest";
import { closeBrowser, ipcError, openApp } from "./support/app";
import { WEBSITE_ID } from "./fixtures/people-data";

afterAll(closeBrowser);

const website = { website_id: WEBSITE_ID, name: "Acme Support", domain: "acme.pt", logo: "", verified: true };

function group(page: import("playwright-core").Page, legend: string) {
  return page.getByRole("group", { name: legend, exact: true });
}

test("shows the selected website and says which tier may create or delete", async () => {
  const app = await openApp({ route: "websites", handlers: { get_website: () => website } });
  try {
    const { page } = app;
    await page.getByTestId("website-name").waitFor();
    expect(await page.getByTestId("website-name").textContent(), "the selected website's name").toBe("Acme Support");
    expect(app.ipc.last("get_website"), "GetWebsite for the connection's website").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID },
    });
    expect(await page.getByRole("note").textContent(), "the tier rule is explained").toMatch(
      /Only user-tier tokens may create or delete websites/,
    );
  } finally {
    await app.close();
  }
});

test("checks whether a domain exists, both answers", async () => {
  let exists = true;
  const app = await openApp({
    route: "websites",
    handlers: { get_website: () => website, check_website_exists: () => ({ exists }) },
  });
  try {
    const { page } = app;
    const check = group(page, "Check a domain");
    await check.getByLabel("Domain").fill("https://acme.pt");
    await check.getByRole("button", { name: "Check domain" }).click();
    expect(await check.getByLabel("Domain").getAttribute("aria-invalid"), "a scheme is refused at the field").toBe("true");
    expect(app.ipc.of("check_website_exists").length, "nothing is sent for a bad domain").toBe(0);

    await check.getByLabel("Domain").fill("acme.pt");
    await check.getByRole("button", { name: "Check domain" }).click();
    await check.getByText("A Crisp website uses acme.pt.").waitFor();
    expect(app.ipc.last("check_website_exists"), "CheckWebsiteExists").toEqual({
      connection: "demo",
      request: { domain: "acme.pt" },
    });
    exists = false;
    await check.getByLabel("Domain").fill("nobody.example");
    await check.getByRole("button", { name: "Check domain" }).click();
    await check.getByText("No Crisp website uses nobody.example.").waitFor();
  } finally {
    await app.close();
  }
});

test("creates a website with Website and Domain", async () => {
  const app = await openApp({
    route: "websites",
    handlers: {
      get_website: () => website,
      create_website: () => ({ website_id: "9c1e3f2b-5d47-4a8e-9b61-0c2d7e4f8a13", name: "Acme Shop", domain: "shop.acme.pt" }),
    },
  });
  try {
    const { page } = app;
    const create = group(page, "Create a website");
    await create.getByRole("button", { name: "Create website" }).click();
    expect(await create.getByLabel("Website").getAttribute("aria-invalid"), "Website is required").toBe("true");
    await create.getByLabel("Website").fill("Acme Shop");
    await create.getByLabel("Domain").fill("shop.acme.pt");
    await create.getByRole("button", { name: "Create website" }).click();
    await create.getByText(/Created Acme Shop \(shop\.acme\.pt\)/).waitFor();
    expect(app.ipc.last("create_website"), "CreateWebsite body").toEqual({
      connection: "demo",
      request: { body: { name: "Acme Shop", domain: "shop.acme.pt" } },
    });
  } finally {
    await app.close();
  }
});

test("a refused delete shows at the secret, clears it, and a retry sends the verification again", async () => {
  let refuse = true;
  const app = await openApp({
    route: "websites",
    handlers: {
      get_website: () => website,
      delete_website: () => {
        if (refuse) throw ipcError("bad_credentials", "Crisp refused the verification: wrong password.", "body.verify.secret");
        return null;
      },
    },
  });
  try {
    const { page } = app;
    await page.getByTestId("website-name").waitFor();
    const remove = group(page, "Delete a website");
    const secret = remove.getByLabel("Password", { exact: true });
    await remove.getByLabel("Verification method").selectOption("password");
    await secret.fill("wrong horse");
    await remove.getByLabel("Type the website's name to confirm").fill("Acme");
    await remove.getByRole("button", { name: "Delete website" }).click();
    expect(
      await remove.getByLabel("Type the website's name to confirm").getAttribute("aria-invalid"),
      "the typed name must match exactly",
    ).toBe("true");
    expect(app.ipc.of("delete_website").length, "no call without the exact name").toBe(0);

    await remove.getByLabel("Type the website's name to confirm").fill("Acme Support");
    await remove.getByRole("button", { name: "Delete website" }).click();
    await remove.getByText("wrong password").waitFor();
    expect(await secret.getAttribute("aria-invalid"), "the refusal sits at the secret").toBe("true");
    expect(await secret.inputValue(), "the secret is never kept, even after a failure").toBe("");
    expect(app.ipc.last("delete_website"), "DeleteWebsite with its verification").toEqual({
      connection: "demo",
      request: { website_id: WEBSITE_ID, body: { verify: { method: "password", secret: "wrong horse" } } },
    });

    refuse = false;
    await remove.getByLabel("Verification method").selectOption("token");
    await remove.getByLabel("Two-factor token", { exact: true }).fill("123456");
    await remove.getByRole("button", { name: "Delete website" }).click();
    await remove.getByText("Crisp scheduled the deletion of Acme Support.").waitFor();
    expect(app.ipc.last("delete_website").request.body, "the second try uses the chosen method").toEqual({
      verify: { method: "token", secret: "123456" },
    });
    const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
    expect(stored, "no secret is stored in the page").not.toMatch(/wrong horse|123456/);
  } finally {
    await app.close();
  }
});

test("a wrong-tier refusal explains that only user tokens may delete", async () => {
  const app = await openApp({
    route: "websites",
    handlers: {
      get_website: () => website,
      delete_website: () => {
        throw ipcError("wrong_tier", "This route needs a user token.");
      },
    },
  });
  try {
    const { page } = app;
    await page.getByTestId("website-name").waitFor();
    const remove = group(page, "Delete a website");
    await remove.getByLabel("Verification method").selectOption("google");
    await remove.getByLabel("Google verification code", { exact: true }).fill("g-code");
    await remove.getByLabel("Type the website's name to confirm").fill("Acme Support");
    await remove.getByRole("button", { name: "Delete website" }).click();
    await remove.getByText("Only user-tier tokens may delete websites.").waitFor();
  } finally {
    await app.close();
  }
});
