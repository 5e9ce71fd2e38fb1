import { describe, expect, test } from "vitest";
import { parseHeaders, parseQuery, pathProblem, pushHistory, toCurl, type ApiCallDraft } from "./apiCall";

const draft: ApiCallDraft = {
  method: "POST",
  path: "/v1/website/w1/people/profile",
  headers: "X-Trace: it's\nAuthorization: Basic c2VjcmV0",
  query: "a=1 2",
  body: '{"email":"ana@example.com"}',
};

describe("pathProblem", () => {
  test("accepts API paths and refuses what the backend refuses", () => {
    expect(pathProblem("/v1/website/w1/"), "a plain API path is fine").toBeUndefined();
    for (const bad of ["/v2/x", "v1/x", "/v1//x", "/v1/../x", "/v1/x?y=1", "/v1/x#y"]) {
      expect(pathProblem(bad), `${bad} must be refused`).toBeDefined();
    }
  });
});

describe("toCurl", () => {
  test("names the credentials by variable and never carries a key", () => {
    const curl = toCurl(draft, "https://api.crisp.chat/");
    expect(curl, "the URL joins base, path and query").toContain("'https://api.crisp.chat/v1/website/w1/people/profile?a=1+2'");
    expect(curl, "credentials come from the environment").toContain('-u "$CRISP_IDENTIFIER:$CRISP_KEY"');
    expect(curl, "a typed Authorization header is never copied").not.toContain("c2VjcmV0");
    expect(curl, "single quotes are escaped for the shell").toContain(`-H 'X-Trace: it'\\''s'`);
    expect(curl, "a JSON body gets its content type").toContain("Content-Type: application/json");
  });
});

describe("pushHistory", () => {
  test("keeps calls newest first without credential headers", () => {
    const history = pushHistory([], { id: "1", at: 0, draft, status: 200, durationMs: 5 });
    expect(history[0].draft.headers, "Authorization is dropped").toBe("X-Trace: it's");
    const deletion = pushHistory([], {
      id: "2",
      at: 0,
      draft: { ...draft, method: "DELETE", body: '{"verify":{"method":"password","secret":"hunter2"}}' },
      status: 200,
      durationMs: 5,
    });
    expect(deletion[0].draft.body, "a secret in the body never reaches history").not.toContain("hunter2");
    expect(JSON.parse(deletion[0].draft.body).verify.method, "the rest of the body is kept").toBe("password");
  });
});

describe("parsing", () => {
  test("reads headers per line and refuses credentials typed by hand", () => {
    expect(parseHeaders("X-A: 1\n\nX-B: two words").pairs, "blank lines are skipped").toEqual([
      { name: "X-A", value: "1" },
      { name: "X-B", value: "two words" },
    ]);
    expect(parseHeaders("Authorization: x").problem, "credentials come from the connection").toMatch(/added for you/);
    expect(parseQuery("?per_page=20&search_text=a%20b"), "the query string is decoded").toEqual([
      { name: "per_page", value: "20" },
      { name: "search_text", value: "a b" },
    ]);
  });
});
