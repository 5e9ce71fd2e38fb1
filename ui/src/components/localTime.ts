/**
 * The user's local date and time (a `datetime-local` or `date` input's value) as the UTC instant it names, in
 * the system's timezone, and a plain description of that timezone for hints.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * `2026-07-01T09:30` (or `2026-07-01`) read in the system's timezone, as an ISO 8601 UTC instant with
 * milliseconds (`2026-07-01T08:30:00.000Z` in Lisbon summer time). A bound that ends a range (`end`) takes in
 * the whole of the last unit given: a day runs to 23:59:59.999, a minute to :59.999. Null when not a
 * valid local date.
 */
export function localToIso(value: string, end = false): string | null {
  const match = LOCAL.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const hasTime = match[4] !== undefined;
  const hasSeconds = match[6] !== undefined;
  const hasMillis = match[7] !== undefined;
  const hours = hasTime ? Number(match[4]) : end ? 23 : 0;
  const minutes = hasTime ? Number(match[5]) : end ? 59 : 0;
  const seconds = hasSeconds ? Number(match[6]) : end ? 59 : 0;
  const millis = hasMillis ? Number(match[7].padEnd(3, "0")) : end ? 999 : 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const date = new Date(year, month - 1, day, hours, minutes, seconds, millis);
  // Date rolls 31 June over to 1 July: such a day does not exist.
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.toISOString();
}

/** The system timezone's offset from UTC at `at`, as `UTC+01:00`. */
export function utcOffset(at: Date = new Date()): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The system's timezone for a hint: its IANA name and its current offset, `Europe/Lisbon (UTC+01:00)`. */
export function systemTimeZone(at: Date = new Date()): string {
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return name ? `${name} (${utcOffset(at)})` : utcOffset(at);
}

/** A local date-time input value for display: `2026-07-01 09:30` (the `T` made a space). */
export function showLocal(value: string): string {
  return value.replace("T", " ");
}
