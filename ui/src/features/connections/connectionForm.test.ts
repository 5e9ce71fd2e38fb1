import { describe, expect, test } from "vitest";
import { NEW_HOST_NEEDS_KEY, connectionSchema, formFieldOf, formValues, toRequest } from "./connectionForm";

const typed = {
  name: " Acme ",
  identifier: " id-1 ",
  key: " k-1 ",
  website_id: "3F2B9C1E-5D47-4A8E-9B61-0C2D7E4F8A13",
  tier: "plugin" as const,
  api_base: "https://api.crisp.chat",
};

describe("toRequest", () => {
  test("trims what was typed and leaves the default API host off the request", () => {
    expect(toRequest(typed), "the backend defaults api_base, so sending it would only pin the default").toEqual({
      name: "Acme",
      identifier: "id-1",
      key: "k-1",
      website_id: "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13",
      tier: "plugin",
    });
  });

  test("keeps the stored key when the key field is left empty on edit", () => {
    const request = toRequest({ ...typed, key: "", api_base: "http://127.0.0.1:7000" }, "c1");
    expect("key" in request, "an absent key means keep the stored one").toBe(false);
    expect(request.id, "an edit names the connection").toBe("c1");
    expect(request.api_base, "a custom host is sent").toBe("http://127.0.0.1:7000");
  });
});

describe("connectionSchema", () => {
  test("asks for a key on a new connection but not on an edit with a stored key", () => {
    expect(connectionSchema(null).safeParse({ ...typed, key: "" }).success, "a new connection needs a key").toBe(false);
    expect(connectionSchema("https://api.crisp.chat").safeParse({ ...typed, key: "" }).success, "a stored key may be kept").toBe(true);
  });

  test("asks for the key again when an edit moves the connection to another API host", () => {
    const stored = connectionSchema("https://api.crisp.chat");
    const moved = stored.safeParse({ ...typed, key: "", api_base: "https://crisp.example.net" });
    expect(moved.success, "the stored key only goes to the host it was saved for").toBe(false);
    expect(moved.error?.issues.map((issue) => [issue.path.join("."), issue.message]), "the problem sits at the Key field").toEqual([
      ["key", NEW_HOST_NEEDS_KEY],
    ]);
    expect(stored.safeParse({ ...typed, key: "k-2", api_base: "https://crisp.example.net" }).success, "a key typed for the new host is fine").toBe(true);
    expect(
      stored.safeParse({ ...typed, key: "", api_base: "https://api.crisp.chat/v1/" }).success,
      "the same host written differently is not a new host",
    ).toBe(true);
  });

  test("refuses a website ID that is not a UUID", () => {
    const result = connectionSchema(null).safeParse({ ...typed, website_id: "acme.com" });
    expect(result.success, "Crisp website IDs are UUIDs").toBe(false);
  });
});

test("backend error fields map to form fields, unknown ones to none", () => {
  expect(formFieldOf("key")).toBe("key");
  expect(formFieldOf("website_id")).toBe("website_id");
  expect(formFieldOf("body.content"), "a field outside the form is shown as a general error").toBeNull();
  expect(formValues(null).tier, "new connections start on the user tier").toBe("user");
});
