import {
  COUNTRY_CODES,
  PEOPLE_FIELD_RULES,
  type Company_Deserialize,
  type CompanyMetrics_Deserialize,
  type Coordinates_Deserialize,
  type CoordinatesPatch_Deserialize,
  type Employment_Deserialize,
  type Geolocation_Deserialize,
  type PeopleProfile_Deserialize,
  type Person_Deserialize,
  type PeopleFieldFormat,
  type PeopleFieldRule,
  type PeopleProfileWrite_Deserialize,
  type PeopleProfilePatch_Deserialize,
  type SocialProfile_Deserialize,
} from "../../ipc";
import { known } from "../../components/lenient";

/**
 * The people profile form, field by field. The form's values mirror the Crisp `ProfileWrite` body
 * (crisp-api.md §3.10) path for path, so an error naming `person.geolocation.country` lands on the
 * field with that name, and every number is kept as the text the user typed until it is sent.
 */

/** One social profile row: Profile Type, Handle, Profile URL. */
export interface SocialProfileRow {
  type: string;
  handle: string;
  url: string;
}

/** A place: Country Code, Region Code, City Name, Latitude, Longitude. */
export interface GeoValues {
  country: string;
  region: string;
  city: string;
  coordinates: { latitude: string; longitude: string };
}

/** Everything the Add/Update a People module holds, as typed. */
export interface ProfileFormValues {
  email: string;
  person: {
    nickname: string;
    avatar: string;
    gender: string;
    phone: string;
    address: string;
    website: string;
    timezone: string;
    profiles: SocialProfileRow[];
    employment: { name: string; domain: string; title: string; role: string; seniority: string };
    geolocation: GeoValues;
    locales: string[];
  };
  company: {
    name: string;
    legal_name: string;
    domain: string;
    url: string;
    description: string;
    timezone: string;
    phones: string[];
    emails: string[];
    geolocation: GeoValues;
    metrics: { employees: string; market_cap: string; raised: string; arr: string };
    tags: string[];
  };
  segments: string[];
  notepad: string;
}

const emptyGeo = (): GeoValues => ({
  country: "",
  region: "",
  city: "",
  coordinates: { latitude: "", longitude: "" },
});

/** The blank form of "Add a people profile". */
export function emptyProfileValues(): ProfileFormValues {
  return {
    email: "",
    person: {
      nickname: "",
      avatar: "",
      gender: "",
      phone: "",
      address: "",
      website: "",
      timezone: "",
      profiles: [],
      employment: { name: "", domain: "", title: "", role: "", seniority: "" },
      geolocation: emptyGeo(),
      locales: [],
    },
    company: {
      name: "",
      legal_name: "",
      domain: "",
      url: "",
      description: "",
      timezone: "",
      phones: [],
      emails: [],
      geolocation: emptyGeo(),
      metrics: { employees: "", market_cap: "", raised: "", arr: "" },
      tags: [],
    },
    segments: [],
    notepad: "",
  };
}

/** The people field rules (`crisp_client::people::rules`, through the bindings), by field. */
const RULES: ReadonlyMap<string, PeopleFieldRule> = new Map<string, PeopleFieldRule>(PEOPLE_FIELD_RULES.map((rule) => [rule.field, rule]));

/** The rule of the field at `path` (`person.profiles.0.url` finds `person.profiles.url`). */
export function fieldRule(path: string): PeopleFieldRule | undefined {
  return RULES.get(
    path
      .split(".")
      .filter((key) => !/^\d+$/.test(key))
      .join("."),
  );
}

/** Fields that are sent in capitals (ISO 3166 country codes). */
const UPPERCASE_PATHS = new Set<string>(
  PEOPLE_FIELD_RULES.filter((rule) => rule.format?.kind === "country").map((rule) => rule.field),
);

type Leaf = string | string[] | SocialProfileRow[];

/** Every leaf of the form as `[dotted path, value]`, lists counted as one leaf. */
export function leaves(values: ProfileFormValues): Array<[string, Leaf]> {
  const out: Array<[string, Leaf]> = [];
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === "string" || Array.isArray(node)) {
      out.push([prefix, node as Leaf]);
      return;
    }
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      walk(child, prefix ? `${prefix}.${key}` : key);
    }
  };
  walk(values, "");
  return out;
}

/** Reads the value at a dotted path (`person.profiles.0.url`). */
export function getAt(values: unknown, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split(".")) {
    if (node === null || node === undefined || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `values` with the value at `path` replaced (structural sharing, no mutation). */
export function setAt<T>(values: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".");
  const container = values as unknown;
  if (Array.isArray(container)) {
    const copy = container.slice();
    const index = Number(head);
    copy[index] = rest.length ? setAt(copy[index], rest.join("."), value) : value;
    return copy as T;
  }
  const record = { ...(container as Record<string, unknown>) };
  record[head] = rest.length ? setAt(record[head], rest.join("."), value) : value;
  return record as T;
}

/** A text as sent (trimmed, a country in capitals), or `undefined` when blank. */
function sentText(path: string, value: string): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  return UPPERCASE_PATHS.has(path) ? text.toUpperCase() : text;
}

/** A number typed as text, as sent, or `undefined` when blank. */
function sentNumber(value: string): number | undefined {
  return value.trim() ? Number(value.trim()) : undefined;
}

/** A list as sent (blank items dropped), or `undefined` when nothing is left. */
function sentList(items: string[]): string[] | undefined {
  const kept = items.map((item) => item.trim()).filter(Boolean);
  return kept.length ? kept : undefined;
}

/** The social profiles as sent: each row with only the parts that were typed, blank rows dropped. */
function sentProfiles(rows: SocialProfileRow[]): SocialProfile_Deserialize[] | undefined {
  const kept = rows.map((row) => pruned({ type: sentText("", row.type), handle: sentText("", row.handle), url: sentText("", row.url) }));
  const typed = kept.filter((row) => row !== undefined);
  return typed.length ? typed : undefined;
}

/** `value` without its `undefined` entries, or `undefined` when none is left. */
function pruned<T extends object>(value: T): T | undefined {
  let kept = false;
  for (const key in value) {
    if (value[key] === undefined) delete value[key];
    else kept = true;
  }
  return kept ? value : undefined;
}

/**
 * How each kind of field goes into a body: what `path` holds, as sent, `undefined` to leave it out, or
 * `Cleared` (`null` in a patch) for a field that was emptied.
 */
interface BodyWriter<Cleared> {
  text(path: string, value: string): string | Cleared | undefined;
  number(path: string, value: string): number | Cleared | undefined;
  list(path: string, value: string[]): string[] | Cleared | undefined;
  profiles(value: SocialProfileRow[]): SocialProfile_Deserialize[] | Cleared | undefined;
  /** Latitude and longitude travel together, because Crisp stores them as one object. */
  coordinates(base: string, value: GeoValues["coordinates"]): CoordinatesPatch_Deserialize | Cleared | undefined;
}

/** The profile body `writer` makes of `values`, field by field, with the generated types' shape. */
function profileBody<Cleared>(writer: BodyWriter<Cleared>, values: ProfileFormValues) {
  const { person, company } = values;
  const geolocation = (side: "person" | "company", geo: GeoValues) =>
    pruned({
      country: writer.text(`${side}.geolocation.country`, geo.country),
      region: writer.text(`${side}.geolocation.region`, geo.region),
      city: writer.text(`${side}.geolocation.city`, geo.city),
      coordinates: writer.coordinates(`${side}.geolocation.coordinates`, geo.coordinates),
    });
  const employment = person.employment;
  const metrics = company.metrics;
  return {
    email: writer.text("email", values.email),
    person: pruned({
      nickname: writer.text("person.nickname", person.nickname),
      avatar: writer.text("person.avatar", person.avatar),
      gender: writer.text("person.gender", person.gender),
      phone: writer.text("person.phone", person.phone),
      address: writer.text("person.address", person.address),
      website: writer.text("person.website", person.website),
      timezone: writer.number("person.timezone", person.timezone),
      profiles: writer.profiles(person.profiles),
      employment: pruned({
        name: writer.text("person.employment.name", employment.name),
        domain: writer.text("person.employment.domain", employment.domain),
        title: writer.text("person.employment.title", employment.title),
        role: writer.text("person.employment.role", employment.role),
        seniority: writer.text("person.employment.seniority", employment.seniority),
      }),
      geolocation: geolocation("person", person.geolocation),
      locales: writer.list("person.locales", person.locales),
    }),
    company: pruned({
      name: writer.text("company.name", company.name),
      legal_name: writer.text("company.legal_name", company.legal_name),
      domain: writer.text("company.domain", company.domain),
      url: writer.text("company.url", company.url),
      description: writer.text("company.description", company.description),
      timezone: writer.number("company.timezone", company.timezone),
      phones: writer.list("company.phones", company.phones),
      emails: writer.list("company.emails", company.emails),
      geolocation: geolocation("company", company.geolocation),
      metrics: pruned({
        employees: writer.number("company.metrics.employees", metrics.employees),
        market_cap: writer.number("company.metrics.market_cap", metrics.market_cap),
        raised: writer.number("company.metrics.raised", metrics.raised),
        arr: writer.number("company.metrics.arr", metrics.arr),
      }),
      tags: writer.list("company.tags", company.tags),
    }),
    segments: writer.list("segments", values.segments),
    notepad: writer.text("notepad", values.notepad),
  };
}

/** Everything typed, as sent: blank fields, blank rows and empty lists are left out. */
const typedWriter: BodyWriter<never> = {
  text: sentText,
  number: (_path, value) => sentNumber(value),
  list: (_path, value) => sentList(value),
  profiles: sentProfiles,
  coordinates: (_base, value) => pruned({ latitude: sentNumber(value.latitude), longitude: sentNumber(value.longitude) }),
};

/** The add body before its email is known to be there (a blank form gives an empty body). */
export type ProfileDraft = Omit<PeopleProfileWrite_Deserialize, "email"> & { email?: string };

/**
 * The `body` of AddPeopleProfile: every field that holds something, at its contract path; blank fields,
 * blank rows and empty lists are left out (Crisp keeps its own defaults for them).
 */
export function toAddBody(values: ProfileFormValues): ProfileDraft {
  return pruned(profileBody(typedWriter, values)) ?? {};
}

/** The AddPeopleProfile body, or `null` while the form has no email (a required field). */
export function toWriteBody(values: ProfileFormValues): PeopleProfileWrite_Deserialize | null {
  const { email, ...profile } = toAddBody(values);
  return email ? { ...profile, email } : null;
}

/** Turns a value read from Crisp into the text a field shows. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value);
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => item !== null && item !== undefined).map(String) : [];
}

function geoValues(geo: Geolocation_Deserialize | null | undefined): GeoValues {
  const g: Geolocation_Deserialize = known(geo ?? undefined) ?? {};
  const c: Coordinates_Deserialize = known(g.coordinates ?? undefined) ?? {};
  return {
    country: asText(g.country),
    region: asText(g.region),
    city: asText(g.city),
    coordinates: { latitude: asText(c.latitude), longitude: asText(c.longitude) },
  };
}

/** Fills the form from a profile read by get_people_profile (unknown fields are ignored, nulls become blanks). */
export function profileToValues(profile: PeopleProfile_Deserialize | undefined): ProfileFormValues {
  const p: PeopleProfile_Deserialize = profile ?? {};
  const person: Person_Deserialize = known(p.person ?? undefined) ?? {};
  const employment: Employment_Deserialize = known(person.employment ?? undefined) ?? {};
  const company: Company_Deserialize = known(p.company ?? undefined) ?? {};
  const metrics: CompanyMetrics_Deserialize = known(company.metrics ?? undefined) ?? {};
  const profiles = Array.isArray(person.profiles) ? person.profiles : [];
  return {
    email: asText(p.email),
    person: {
      nickname: asText(person.nickname),
      avatar: asText(person.avatar),
      gender: asText(person.gender),
      phone: asText(person.phone),
      address: asText(person.address),
      website: asText(person.website),
      timezone: asText(person.timezone),
      profiles: profiles.map((row) => ({
        type: asText(row?.type),
        handle: asText(row?.handle),
        url: asText(row?.url),
      })),
      employment: {
        name: asText(employment.name),
        domain: asText(employment.domain),
        title: asText(employment.title),
        role: asText(employment.role),
        seniority: asText(employment.seniority),
      },
      geolocation: geoValues(person.geolocation),
      locales: asList(person.locales),
    },
    company: {
      name: asText(company.name),
      legal_name: asText(company.legal_name),
      domain: asText(company.domain),
      url: asText(company.url),
      description: asText(company.description),
      timezone: asText(company.timezone),
      phones: asList(company.phones),
      emails: asList(company.emails),
      geolocation: geoValues(company.geolocation),
      metrics: {
        employees: asText(metrics.employees),
        market_cap: asText(metrics.market_cap),
        raised: asText(metrics.raised),
        arr: asText(metrics.arr),
      },
      tags: asList(company.tags),
    },
    segments: asList(p.segments),
    notepad: asText(p.notepad),
  };
}

function sameLeaf(a: Leaf, b: Leaf): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The dotted paths whose value differs between `initial` and `current` (lists compared whole). */
export function changedPaths(initial: ProfileFormValues, current: ProfileFormValues): string[] {
  const before = new Map(leaves(initial));
  return leaves(current)
    .filter(([path, value]) => {
      const old = before.get(path);
      return old === undefined || !sameLeaf(old, value);
    })
    .map(([path]) => path);
}

/**
 * The `body` of UpdatePeopleProfile (PATCH: a key left out = keep, `null` = clear): only the fields that
 * changed since the form was filled. A cleared field or emptied list is sent as `null`. The two coordinates
 * travel together, because Crisp stores them as one object.
 */
export function toPatchBody(initial: ProfileFormValues, current: ProfileFormValues): PeopleProfilePatch_Deserialize {
  const changed = new Set(changedPaths(initial, current));
  const edit = <T>(path: string, sent: T | undefined): T | null | undefined =>
    changed.has(path) ? (sent ?? null) : undefined;
  const editedWriter: BodyWriter<null> = {
    text: (path, value) => edit(path, sentText(path, value)),
    number: (path, value) => edit(path, sentNumber(value)),
    list: (path, value) => edit(path, sentList(value)),
    profiles: (value) => edit("person.profiles", sentProfiles(value)),
    coordinates: (base, value) =>
      changed.has(`${base}.latitude`) || changed.has(`${base}.longitude`)
        ? (pruned({ latitude: sentNumber(value.latitude), longitude: sentNumber(value.longitude) }) ?? null)
        : undefined,
  };
  return pruned(profileBody(editedWriter, current)) ?? {};
}

// ---------------------------------------------------------------------------------------------
// Validation: the rules come from the bindings (PEOPLE_FIELD_RULES, the table the CSV import follows); each
// format is checked here as crisp_client::people::rules checks it, and each error sits at its own field.

const COUNTRIES: ReadonlySet<string> = new Set(COUNTRY_CODES);

function isEmail(text: string): boolean {
  const [local, domain, ...more] = text.split("@");
  if (domain === undefined || more.length || !local || /\s/.test(text)) return false;
  const parts = domain.split(".");
  return parts.length >= 2 && parts.every(Boolean);
}

const URL_PATTERN = /^https?:\/\/[^\s/?#]+\.[^\s]*$|^https?:\/\/localhost(:\d+)?(\/\S*)?$/i;

const inRange = (text: string, format: { min: number | null; max: number | null }) => {
  const n = Number(text);
  return (format.min === null || n >= format.min) && (format.max === null || n <= format.max);
};

/** Whether `text` (trimmed; one item of a list field) has `format`, as the import checks it. */
export function acceptsText(format: PeopleFieldFormat, text: string): boolean {
  switch (format.kind) {
    case "email":
      return isEmail(text);
    case "url":
      return URL_PATTERN.test(text);
    case "country":
      return COUNTRIES.has(text);
    case "locale":
      return /^[A-Za-z]{2}([-_][A-Za-z0-9]{2,4})?$/.test(text);
    case "whole":
      return /^-?\d+$/.test(text) && inRange(text, format);
    case "decimal":
      return /^-?\d+(\.\d+)?$/.test(text) && inRange(text, format);
  }
}

/** What the form says when a field's text does not have its rule's format. */
function formatMessage(rule: PeopleFieldRule, format: PeopleFieldFormat): string {
  switch (format.kind) {
    case "email":
      return "Enter an email address like name@example.com.";
    case "url":
      return "Enter a full URL starting with https://.";
    case "country":
      return "Enter a 2-letter country code (ISO 3166-1), for example PT.";
    case "locale":
      return "Locales are 2-letter language codes such as en or pt.";
    case "whole":
      return format.min === 0 ? "Enter a whole number, 0 or more." : `Enter a whole number between ${format.min} and ${format.max}.`;
    case "decimal":
      return `Enter a ${rule.label.toLowerCase()} between ${format.min} and ${format.max}.`;
  }
}

/** What the form says when an item of a list field does not have its rule's format. */
function itemMessage(rule: PeopleFieldRule, format: PeopleFieldFormat): string {
  return format.kind === "email"
    ? `Every one of ${rule.label} must look like name@example.com.`
    : formatMessage(rule, format);
}

/** Fields that must hold something when a profile is added (Email, Full Name). */
export const REQUIRED_PATHS: readonly string[] = PEOPLE_FIELD_RULES.filter((rule) => rule.required).map((rule) => rule.field);

/** Field-level error messages, keyed by dotted path. */
export type FieldErrors = Record<string, string>;

/** Checks one text field; `undefined` when it is fine. A country is checked as sent, in capitals. */
export function validateField(path: string, value: string, required = false): string | undefined {
  const text = value.trim();
  if (!text) return required ? "Required." : undefined;
  const rule = fieldRule(path);
  if (!rule?.format) return undefined;
  const sent = UPPERCASE_PATHS.has(path) ? text.toUpperCase() : text;
  return acceptsText(rule.format, sent) ? undefined : formatMessage(rule, rule.format);
}

/**
 * Every problem in the form, keyed by field path. `requireds` lists the fields that must be filled
 * (all of REQUIRED_PATHS on add; on edit only those the profile already had).
 */
export function validateProfile(values: ProfileFormValues, requireds: readonly string[] = REQUIRED_PATHS): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, value] of leaves(values)) {
    if (typeof value === "string") {
      const message = validateField(path, value, requireds.includes(path));
      if (message) errors[path] = message;
    } else if (path !== "person.profiles") {
      const rule = fieldRule(path);
      const format = rule?.format;
      if (rule && format && (value as string[]).some((item) => !acceptsText(format, item.trim()))) {
        errors[path] = itemMessage(rule, format);
      }
    }
  }
  for (const side of ["person", "company"] as const) {
    const coords = values[side].geolocation.coordinates;
    const base = `${side}.geolocation.coordinates`;
    if (coords.latitude.trim() && !coords.longitude.trim() && !errors[`${base}.longitude`]) {
      errors[`${base}.longitude`] = "Enter the longitude too: Crisp stores both coordinates together.";
    }
    if (coords.longitude.trim() && !coords.latitude.trim() && !errors[`${base}.latitude`]) {
      errors[`${base}.latitude`] = "Enter the latitude too: Crisp stores both coordinates together.";
    }
  }
  values.person.profiles.forEach((row, index) => {
    const base = `person.profiles.${index}`;
    const typed = row.type.trim() || row.handle.trim() || row.url.trim();
    if (typed && !row.type.trim()) errors[`${base}.type`] = "Choose the profile type (for example linkedin).";
    const message = validateField(`${base}.url`, row.url);
    if (message) errors[`${base}.url`] = message;
  });
  return errors;
}

/**
 * Where an error reported by the backend belongs: its `field` may name the request path
 * (`body.person.geolocation.country`) or the bare body path; `null` when it names no form field.
 */
export function fieldForError(field: string | null | undefined, values: ProfileFormValues): string | null {
  if (!field) return null;
  let path = field.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
  if (path.startsWith("body.")) path = path.slice("body.".length);
  if (path.startsWith("/")) path = path.slice(1).replace(/\//g, ".");
  // Crisp's own messages name the property like ".person.geolocation.country".
  if (getAt(values, path) !== undefined) return path;
  // An error on one coordinate object points at both fields; show it at latitude.
  if (path.endsWith(".coordinates") && getAt(values, `${path}.latitude`) !== undefined) return `${path}.latitude`;
  return null;
}

/** Reads the property named in Crisp's validation message (`data should have required property '.origin'`). */
export function fieldInMessage(message: string, values: ProfileFormValues): string | null {
  const match = /'\.?([A-Za-z0-9_.[\]]+)'/.exec(message) ?? /\bdata\.([A-Za-z0-9_.[\]]+)/.exec(message);
  return match ? fieldForError(match[1], values) : null;
}
