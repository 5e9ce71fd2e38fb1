import { describe, expect, it } from "vitest";
import { offlineLabel } from "./savedTime";

describe("offlineLabel", () => {
  it("says offline and the local hour and minute a copy stored today was saved at", () => {
    const now = new Date(2026, 11, 6, 10, 30);
    expect(offlineLabel(new Date(2026, 11, 6, 9, 5).getTime(), now)).toBe("offline, saved 09:05");
  });

  it("puts the date in front for a copy saved another day", () => {
    const now = new Date(2026, 11, 6, 10, 30);
    expect(offlineLabel(new Date(2026, 11, 5, 23, 59).getTime(), now)).toBe("offline, saved 2026-12-05 23:59");
  });

  it("still says offline when the store kept no time", () => {
    expect(offlineLabel(null)).toBe("offline, saved copy");
  });
});
