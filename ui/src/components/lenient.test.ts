import { describe, expect, test } from "vitest";
import { known, knownList, knownStrings, unknownOf } from "./lenient";

describe("lenient fields", () => {
  test("a struct field is typed exactly when it is an object, and shown raw otherwise", () => {
    expect(known<{ city?: string }>({ city: "Porto" }), "an object is the typed value").toEqual({ city: "Porto" });
    for (const odd of ["Lisbon", 7, true, [], [{ city: "x" }]]) {
      expect(known<{ city?: string }>(odd), `${JSON.stringify(odd)} is not read as typed`).toBeUndefined();
      expect(unknownOf(odd, "object"), `${JSON.stringify(odd)} is shown as sent`).toEqual(odd);
    }
    expect(unknownOf(null, "object"), "absent is neither typed nor raw").toBeUndefined();
    expect(unknownOf(undefined, "object"), "missing is neither typed nor raw").toBeUndefined();
  });

  test("a list is typed only when every entry has its kind", () => {
    expect(knownStrings(["vip", "new"]), "strings read").toEqual(["vip", "new"]);
    expect(knownStrings(["vip", 1]), "one number makes the list raw").toBeUndefined();
    expect(unknownOf(["vip", 1], "strings"), "and it is shown as sent").toEqual(["vip", 1]);
    expect(knownList<{ url?: string }>([{ url: "a" }]), "objects read").toEqual([{ url: "a" }]);
    expect(knownList<{ url?: string }>([{ url: "a" }, 3]), "an entry of another kind makes it raw").toBeUndefined();
    expect(unknownOf("vip", "strings"), "a string where a list belongs is raw").toBe("vip");
  });
});
