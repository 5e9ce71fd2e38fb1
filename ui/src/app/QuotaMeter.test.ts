import { expect, test } from "vitest";
import type { QuotaSnapshot } from "../ipc";
import { quotaText } from "./QuotaMeter";

test("the meter shows the day's requests against the budget, and when a rate limit lifts", () => {
  expect(quotaText({ tier: "plugin", used_today: 12, daily_budget: 5000, backoff_until_ms: null })).toBe("12 of 5000 requests today");
  const text = quotaText({ tier: "user", used_today: 3, daily_budget: null, backoff_until_ms: 2_000 }, 1_000);
  expect(text, "a user token has no daily budget but can be rate limited").toMatch(/^3 requests today · rate limited, retrying at /);
  expect(quotaText({ tier: "user", used_today: 3, daily_budget: null, backoff_until_ms: 500 }, 1_000), "a past backoff is not shown").toBe(
    "3 requests today",
  );
  expect(quotaText({ tier: "user", used_today: 1, daily_budget: null, backoff_until_ms: null }), "one request, singular").toBe("1 request today");
  expect(quotaText({} as QuotaSnapshot), "nothing to show without a count (lenient decoding)").toBeNull();
});
