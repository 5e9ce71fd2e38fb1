import { z } from "zod";
import type { ConnectionSummary, SaveConnection, Tier } from "../../ipc";

/** The connection form as typed. */
export interface ConnectionFormValues {
  name: string;
  identifier: string;
  key: string;
  website_id: string;
  tier: Tier;
  api_base: string;
}

export const DEFAULT_API_BASE = "https://api.crisp.chat";

/** Which token gives which tier, one line each (README "Add a real Crisp connection"). */
export const TIER_HELP: Record<Tier, string> = {
  user: "User: the token generator on the Crisp site (Generate My API Token).",
  plugin: "Plugin: a Marketplace plugin's Tokens page.",
  website: "Website: Workspace Settings → Advanced configuration → API Token.",
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the form says when the API host changed and the stored key was not typed again (the backend says the same). */
export const NEW_HOST_NEEDS_KEY = "The key must be typed again for a new API host: a stored key only goes to the host it was saved for.";

/** The API host as the backend stores it (`scheme://host[:port]`), so `https://api.crisp.chat/v1/` is the same host. */
export function apiHostOf(value: string): string {
  const raw = value.trim() === "" ? DEFAULT_API_BASE : value.trim();
  try {
    return new URL(raw).origin;
  } catch {
    return raw;
  }
}

/**
 * Checks what can be checked before asking Crisp. `storedFor` = the API host of the stored key when editing a
 * connection that has one: the key may then stay empty (keep it), but only while the host stays that one.
 */
export function connectionSchema(storedFor: string | null) {
  return z
    .object({
      name: z.string().trim().min(1, "Give the connection a name."),
      identifier: z.string().trim().min(1, "Paste the token's Identifier."),
      key: storedFor != null ? z.string() : z.string().trim().min(1, "Paste the token's Key."),
      website_id: z.string().trim().regex(uuid, "The Website ID is a UUID like 3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13."),
      tier: z.enum(["user", "plugin", "website"]),
      api_base: z
        .string()
        .trim()
        .refine((v) => v === "" || /^https?:\/\/[^/\s]+/i.test(v), "The API host starts with https:// (or http:// for a local Crisp)."),
    })
    .superRefine((values, context) => {
      if (storedFor != null && values.key.trim() === "" && apiHostOf(values.api_base) !== apiHostOf(storedFor)) {
        context.addIssue({ code: "custom", path: ["key"], message: NEW_HOST_NEEDS_KEY });
      }
    });
}

/** The form's starting values: empty for a new connection, the summary's (never a key) for an edit. */
export function formValues(connection?: ConnectionSummary | null): ConnectionFormValues {
  return {
    name: connection?.name ?? "",
    identifier: connection?.identifier ?? "",
    key: "",
    website_id: connection?.website_id ?? "",
    tier: connection?.tier ?? "user",
    api_base: connection?.api_base ?? DEFAULT_API_BASE,
  };
}

/** The `SaveConnection` request: trimmed, `key` left out when empty on edit (the stored key is kept). */
export function toRequest(values: ConnectionFormValues, id?: string | null): SaveConnection {
  const request: SaveConnection = {
    name: values.name.trim(),
    identifier: values.identifier.trim(),
    website_id: values.website_id.trim().toLowerCase(),
    tier: values.tier,
  };
  if (id) request.id = id;
  if (values.key.trim() !== "") request.key = values.key.trim();
  const apiBase = values.api_base.trim();
  if (apiBase !== "" && apiBase !== DEFAULT_API_BASE) request.api_base = apiBase;
  return request;
}

/** The form field a backend error's `field` points at. */
export function formFieldOf(field: string | null | undefined): keyof ConnectionFormValues | null {
  switch (field) {
    case "key":
    case "identifier":
    case "website_id":
    case "tier":
    case "api_base":
    case "name":
      return field;
    default:
      return null;
  }
}
