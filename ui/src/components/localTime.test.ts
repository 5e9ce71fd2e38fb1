import { afterEach, describe, expect, test } from "vitest";
import { localToIso, systemTimeZone, utcOffset } from "./localTime";

const original = process.env.TZ;
/** Node re-reads TZ when it is assigned, so each test can stand in a different place. */
function inZone(zone: string) {
  process.env.TZ = zone;
}
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe("localToIso", () => {
  test("reads the typed date and time in the system's timezone, not as UTC", () => {
    inZone("Europe/Lisbon");
    expect(localToIso("2026-07-01T09:30"), "Lisbon is UTC+1 in July, so 09:30 there is 08:30 UTC").toBe("2026-07-01T08:30:00.000Z");
    inZone("America/New_York");
    expect(localToIso("2026-07-01T09:30"), "New York is UTC-4 in July").toBe("2026-07-01T13:30:00.000Z");
    inZone("Asia/Tokyo");
    expect(localToIso("2026-07-01"), "a start day begins at local midnight, the day before in UTC east of Greenwich").toBe(
      "2026-06-30T15:00:00.000Z",
    );
  });

  test("an end bound takes in the whole last day or minute typed", () => {
    inZone("America/New_York");
    expect(localToIso("2026-01-31", true), "the end day runs to local 23:59:59.999 (UTC-5 in winter)").toBe("2026-02-01T04:59:59.999Z");
    expect(localToIso("2026-01-31T18:15", true), "an end minute runs to its last millisecond").toBe("2026-01-31T23:15:59.999Z");
  });

  test("follows daylight saving: the same wall time maps to different instants across the change", () => {
    inZone("Europe/Lisbon");
    expect(localToIso("2026-01-15T12:00"), "winter: Lisbon is UTC").toBe("2026-01-15T12:00:00.000Z");
    expect(localToIso("2026-07-15T12:00"), "summer: Lisbon is UTC+1").toBe("2026-07-15T11:00:00.000Z");
  });

  test("refuses what is not a real local date", () => {
    inZone("UTC");
    for (const bad of ["", "2026-02-30", "2026-13-01", "01/07/2026", "2026-07-01T24:00", "2026-07-01T09:30Z"]) {
      expect(localToIso(bad), `${JSON.stringify(bad)} names no local instant`).toBeNull();
    }
  });
});

describe("the timezone hint", () => {
  test("names the IANA zone and its offset at that moment", () => {
    inZone("Asia/Tokyo");
    expect(systemTimeZone(new Date("2026-07-01T00:00:00Z")), "Tokyo is UTC+9 all year").toBe("Asia/Tokyo (UTC+09:00)");
    inZone("Asia/Kolkata");
    expect(utcOffset(new Date("2026-07-01T00:00:00Z")), "half-hour offsets keep their minutes").toBe("UTC+05:30");
    inZone("America/New_York");
    expect(utcOffset(new Date("2026-01-01T12:00:00Z")), "negative offsets carry a minus").toBe("UTC-05:00");
  });
});
