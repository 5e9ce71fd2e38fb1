/**
 * Reading the backend's lenient fields (`Lenient<T>` in the bindings: `T | JsonValue`).
 *
 * The backend reads a nested field as typed exactly when it has the JSON kind its type writes: an object for a
 * struct, an array for a list (crisp-client `lenient.rs`, pinned by its property tests). So checking that kind is
 * enough to treat the value as typed; anything else arrived as sent and is shown as raw JSON.
 */

/** Any JSON value, as a field that did not read arrives. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Whether `value` is a plain JSON object. */
export function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A struct-typed lenient field as its type, or `undefined` when absent or not an object (then show it raw). */
export function known<T extends object>(value: T | Json | undefined): T | undefined {
  return isObject(value) ? (value as T) : undefined;
}

/**
 * A lenient list of structs as its type, or `undefined` when absent or when any entry is not an object (an array
 * of objects always reads, so one that did not read has an entry of another kind).
 */
export function knownList<T extends object>(value: T[] | Json | undefined): T[] | undefined {
  return Array.isArray(value) && value.every(isObject) ? (value as T[]) : undefined;
}

/** A list of strings, or `undefined` when absent or when any entry is not a string. */
export function knownStrings(value: string[] | Json | undefined): string[] | undefined {
  return Array.isArray(value) && value.every((entry) => typeof entry === "string") ? (value as string[]) : undefined;
}

/**
 * The raw JSON of a lenient field that did not read as its kind (`"object"` for a struct, `"array"` for a list of
 * structs, `"strings"` for a list of strings),
 * or `undefined` when it is absent or typed.
 */
export function unknownOf(value: unknown, kind: "object" | "array" | "strings"): Json | undefined {
  if (value === null || value === undefined) return undefined;
  if (kind === "object" && isObject(value)) return undefined;
  if (kind === "array" && Array.isArray(value) && value.every(isObject)) return undefined;
  if (kind === "strings" && Array.isArray(value) && value.every((entry) => typeof entry === "string")) return undefined;
  return value as Json;
}
