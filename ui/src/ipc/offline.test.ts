import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { isOffline, offlineKey, readOrStored } from "./offline";

const unreachable = () => Promise.reject(new AppError({ kind: "network", message: "Could not reach Crisp." }));

describe("readOrStored", () => {
  it("answers the stored copy when Crisp cannot be reached", async () => {
    const key = offlineKey("conversation", "demo", "s1");
    const value = await readOrStored(key, unreachable, async () => ({ value: "stored", storedAt: 5 }));
    expect(value).toBe("stored");
  });

  it("keeps Crisp's answer when it comes, and never asks the store", async () => {
    let asked = false;
    const value = await readOrStored(
      offlineKey("thread", "demo", "s1"),
      async () => "fresh",
      async () => {
        asked = true;
        return { value: "stored", storedAt: 5 };
      },
    );
    expect([value, asked]).toEqual(["fresh", false]);
  });

  it("gives the read's own error for other failures, or when nothing is stored", async () => {
    const refused = new AppError({ kind: "not_found", message: "No such conversation." });
    await expect(
      readOrStored(offlineKey("conversation", "demo", "s2"), () => Promise.reject(refused), async () => ({ value: "x", storedAt: 1 })),
    ).rejects.toBe(refused);
    await expect(readOrStored(offlineKey("conversation", "demo", "s3"), unreachable, async () => null)).rejects.toMatchObject({
      kind: "network",
    });
  });
});

describe("isOffline", () => {
  it("is true for network and timeout failures only", () => {
    expect(isOffline(new AppError({ kind: "network", message: "" }))).toBe(true);
    expect(isOffline(new AppError({ kind: "timeout", message: "" }))).toBe(true);
    expect(isOffline(new AppError({ kind: "server", message: "" }))).toBe(false);
  });
});
