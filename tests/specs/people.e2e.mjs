// Creating a person through the form in the real app window, then reading it back from Crisp.
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, connectTo, fill, freshAppDirs, openSection, startApp, startSandbox, waitInPage } from "../support/harness.mjs";

test("a person created through the form is in the people list and stored exactly as typed", async () => {
  const sandbox = await startSandbox();
  const app = await startApp(freshAppDirs());
  const email = `marta.e2e.${Date.now()}@acme.pt`;
  try {
    const { browser } = app;
    await connectTo(browser, sandbox.info);
    await openSection(browser, "People");
    await (await button(browser, "Add a person")).click();
    await fill(browser, "Email", email, "Contact");
    await fill(browser, "Full Name", "Marta Silva", "Person");
    await fill(browser, "Phone Number", "+351 912 000 111", "Person");
    await fill(browser, "User Website", "https://marta.example.com", "Person");
    await fill(browser, "Company Name", "Acme Lda", "Employment");
    await fill(browser, "User Title", "CFO", "Employment");
    await fill(browser, "Country Code", "PT", "Location");
    await fill(browser, "City Name", "Lisbon", "Location");
    await fill(browser, "Company Name", "Acme", "Company");
    await fill(browser, "Number of Employees", "120", "Company metrics");
    await fill(browser, "Private Notepad", "Prefers email.", "Private Notepad");
    await (await button(browser, "Add profile")).click();
    await waitInPage(browser, () => document.getElementById("person-title")?.textContent.includes("Marta Silva"), 20_000);

    await openSection(browser, "People");
    await waitInPage(browser, (e) => document.body.textContent.includes(e), 20_000, email);

    const list = await sandbox.request("GET", `/v1/website/${sandbox.info.website_id}/people/profiles/1?search_text=${encodeURIComponent(email)}`);
    const found = list.json.data.filter((p) => p.email === email);
    assert.equal(found.length, 1, "exactly one profile with that email exists in Crisp");
    const { people_id: id } = found[0];
    const stored = (await sandbox.request("GET", `/v1/website/${sandbox.info.website_id}/people/profile/${id}`)).json.data;
    assert.equal(stored.person.nickname, "Marta Silva");
    assert.equal(stored.person.phone, "+351 912 000 111");
    assert.equal(stored.person.website, "https://marta.example.com");
    assert.deepEqual(stored.person.employment, { name: "Acme Lda", title: "CFO" }, "only the typed employment fields are stored");
    assert.equal(stored.person.geolocation.country, "PT");
    assert.equal(stored.person.geolocation.city, "Lisbon");
    assert.equal(stored.company.name, "Acme");
    assert.equal(stored.company.metrics.employees, 120, "a whole number typed in the form is stored as a number");
    assert.equal(stored.notepad, "Prefers email.");
  } finally {
    await app.stop();
    await sandbox.stop();
  }
});
