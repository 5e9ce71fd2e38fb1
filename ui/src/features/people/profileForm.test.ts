import { describe, expect, test } from "vitest";
import {
  changedPaths,
  emptyProfileValues,
  fieldForError,
  fieldInMessage,
  profileToValues,
  setAt,
  toAddBody,
  toPatchBody,
  validateField,
  validateProfile,
} from "./profileForm";

const stored = {
  people_id: "a9d3f5e1-6b27-4c80-9e14-5f2a8c7d3b60",
  email: "ana@example.com",
  person: {
    nickname: "Ana Costa",
    timezone: -60,
    geolocation: { country: "PT", city: "Lisbon", coordinates: { latitude: 38.72, longitude: -9.14 } },
    locales: ["pt", "en"],
    profiles: [{ type: "linkedin", handle: "anacosta", url: "https://www.linkedin.com/in/anacosta" }],
  },
  company: { name: "Acme", metrics: { employees: 120 }, tags: ["b2b"] },
  segments: ["customer"],
  notepad: "Prefers email.",
  active: { now: false, last: 1721459038274 },
  score: 37,
};

describe("toAddBody", () => {
  test("leaves out every blank field so nothing is invented", () => {
    expect(toAddBody(emptyProfileValues()), "a blank form sends an empty body").toEqual({});
  });

  test("puts typed values at their contract paths with numbers as numbers", () => {
    let values = emptyProfileValues();
    values = setAt(values, "email", "ana@example.com");
    values = setAt(values, "person.geolocation.coordinates.latitude", "38.72");
    values = setAt(values, "person.geolocation.coordinates.longitude", "-9.14");
    values = setAt(values, "company.metrics.raised", "2000000");
    values = setAt(values, "person.profiles", [{ type: "x", handle: "", url: "" }, { type: "", handle: "", url: "" }]);
    expect(toAddBody(values), "coordinates nest under geolocation and blank rows are dropped").toEqual({
      email: "ana@example.com",
      person: { geolocation: { coordinates: { latitude: 38.72, longitude: -9.14 } }, profiles: [{ type: "x" }] },
      company: { metrics: { raised: 2000000 } },
    });
  });
});

describe("toPatchBody", () => {
  test("sends nothing when nothing changed", () => {
    const values = profileToValues(stored);
    expect(toPatchBody(values, values), "an untouched form is an empty patch").toEqual({});
  });

  test("sends only the changed fields and null for cleared ones", () => {
    const initial = profileToValues(stored);
    let edited = setAt(initial, "person.nickname", "Ana C.");
    edited = setAt(edited, "notepad", "");
    edited = setAt(edited, "segments", ["customer", "vip"]);
    expect(changedPaths(initial, edited), "three leaves changed").toEqual(["person.nickname", "segments", "notepad"]);
    expect(toPatchBody(initial, edited), "cleared notepad is null, the list goes whole").toEqual({
      person: { nickname: "Ana C." },
      segments: ["customer", "vip"],
      notepad: null,
    });
  });

  test("sends both coordinates when one of them changes", () => {
    const initial = profileToValues(stored);
    const edited = setAt(initial, "person.geolocation.coordinates.latitude", "40");
    expect(toPatchBody(initial, edited), "Crisp stores coordinates as one object").toEqual({
      person: { geolocation: { coordinates: { latitude: 40, longitude: -9.14 } } },
    });
  });
});

describe("validateProfile", () => {
  test("marks email and full name as required on add", () => {
    const errors = validateProfile(emptyProfileValues());
    expect(Object.keys(errors).sort(), "only the two required fields fail on a blank form").toEqual([
      "email",
      "person.nickname",
    ]);
  });

  test("reports each bad value at its own field", () => {
    let values = profileToValues(stored);
    values = setAt(values, "email", "ana-at-example");
    values = setAt(values, "person.geolocation.country", "PRT");
    values = setAt(values, "person.geolocation.coordinates.latitude", "91");
    values = setAt(values, "company.geolocation.coordinates.longitude", "-181");
    values = setAt(values, "company.geolocation.coordinates.latitude", "1");
    values = setAt(values, "company.metrics.employees", "1.5");
    values = setAt(values, "company.url", "acme");
    values = setAt(values, "company.timezone", "60.5");
    values = setAt(values, "company.emails", ["info@acme.pt", "nope"]);
    expect(Object.keys(validateProfile(values)).sort(), "each rule fires on its own path").toEqual([
      "company.emails",
      "company.geolocation.coordinates.longitude",
      "company.metrics.employees",
      "company.timezone",
      "company.url",
      "email",
      "person.geolocation.coordinates.latitude",
      "person.geolocation.country",
    ]);
  });
});

describe("the rules the CSV import follows", () => {
  test("a country code must be an ISO code, not any two letters", () => {
    for (const path of ["person.geolocation.country", "company.geolocation.country"]) {
      expect(validateField(path, "FR"), `FR is France (${path})`).toBeUndefined();
      expect(validateField(path, "fr"), "typed in small letters, it is sent in capitals").toBeUndefined();
      expect(validateField(path, "ZZ"), `ZZ has the shape of a code but is no country (${path})`).toMatch(/country code/);
    }
  });

  test("an email needs a dotted domain with no empty part, as the import checks it", () => {
    expect(validateField("email", "ana@example.com")).toBeUndefined();
    for (const bad of ["a@b..c", "a@.b.c", "a@b.c.", "a@b@c.d"]) {
      expect(validateField("email", bad), `${bad} is refused by the import too`).toBeDefined();
    }
  });

  test("each problem in a list or a profile row is found by the field's rule", () => {
    let values = profileToValues(stored);
    values = setAt(values, "person.locales", ["en", "english"]);
    values = setAt(values, "person.profiles", [{ type: "linkedin", handle: "ana", url: "linkedin.com/ana" }]);
    expect(Object.keys(validateProfile(values)).sort()).toEqual(["person.locales", "person.profiles.0.url"]);
  });
});

describe("error placement", () => {
  test("maps backend field paths and Crisp messages onto form fields", () => {
    const values = emptyProfileValues();
    expect(fieldForError("body.person.geolocation.country", values), "the body prefix is dropped").toBe(
      "person.geolocation.country",
    );
    expect(fieldForError("person.profiles[0].url", values), "no row 0 exists in a blank form").toBeNull();
    expect(
      fieldInMessage("data should have required property '.email'", values),
      "Crisp's invalid_data message names the property",
    ).toBe("email");
  });
});
