import { expect, test } from "vitest";
import { earlyFirst } from "./early";

test("an early answer is used for the first call only: a retry or a refetch asks again", async () => {
  const asked: string[] = [];
  const query = earlyFirst(Promise.reject(new Error("rate limited")), (context: string) => {
    asked.push(context);
    return `fresh for ${context}`;
  });
  await expect(query("first")).rejects.toThrow("rate limited");
  expect(asked, "the first call takes the early answer").toEqual([]);
  expect(await query("retry")).toBe("fresh for retry");
  expect(await query("refetch")).toBe("fresh for refetch");
  expect(asked).toEqual(["retry", "refetch"]);
});
