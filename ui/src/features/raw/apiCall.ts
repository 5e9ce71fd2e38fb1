/**
 * The API console's request as edited on screen, its checks, "copy as curl" and the call history.
 * Nothing here ever holds the key: the backend adds the credentials to the real call, curl gets
 * environment variable names instead, and history drops credential-like headers.
 */

/** HTTP methods the Make an API call module offers. */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** One of METHODS. */
export type Method = (typeof METHODS)[number];

/** A name/value row (headers, query string). */
export interface Pair {
  name: string;
  value: string;
}

/** What the console sends, as typed: Headers one `Name: value` per line, Query String `a=1&b=2`. */
export interface ApiCallDraft {
  method: Method;
  path: string;
  headers: string;
  query: string;
  body: string;
}

/** Headers the app sets itself; typing them is refused and history never keeps them. */
const CREDENTIAL_HEADERS = new Set(["authorization", "x-crisp-tier", "cookie", "proxy-authorization"]);

/** True when a header name carries credentials. */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.trim().toLowerCase());
}

/** The path the console starts with for a website. */
export function defaultPath(websiteId: string): string {
  return `/v1/website/${websiteId}/`;
}

/** Why a path cannot be sent (the backend's rule: `/v1/…`, no `//`, `..`, `?` or `#`), or `undefined`. */
export function pathProblem(path: string): string | undefined {
  if (!path.startsWith("/v1/")) return "The URL must be a path starting with /v1/ (the API host is added for you).";
  if (path.includes("//")) return "The URL must not contain //.";
  if (path.includes("..")) return "The URL must not contain ..";
  if (path.includes("?")) return "Put query parameters in Query String, not in the URL.";
  if (path.includes("#")) return "The URL must not contain #.";
  if (/\s/.test(path)) return "The URL must not contain spaces.";
  return undefined;
}

/** Why the body is not valid JSON, or `undefined` (an empty body is fine). */
export function bodyProblem(body: string): string | undefined {
  if (!body.trim()) return undefined;
  try {
    JSON.parse(body);
    return undefined;
  } catch (error) {
    return `Body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Why a header row cannot be sent, or `undefined`. */
export function headerProblem(pair: Pair): string | undefined {
  if (!pair.name.trim() && !pair.value.trim()) return undefined;
  if (!pair.name.trim()) return "Give the header a name.";
  if (isCredentialHeader(pair.name)) return "Authorization and X-Crisp-Tier are added for you from the connection.";
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(pair.name.trim())) return "A header name has no spaces or special characters.";
  return undefined;
}

/** Headers typed one per line as `Name: value`; blank lines are skipped. */
export function parseHeaders(text: string): { pairs: Pair[]; problem?: string } {
  const pairs: Pair[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    if (colon < 0) return { pairs, problem: `Line ${index + 1}: write each header as Name: value.` };
    const pair = { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    const problem = headerProblem(pair);
    if (problem) return { pairs, problem: `Line ${index + 1}: ${problem}` };
    pairs.push(pair);
  }
  return { pairs };
}

/** A query string typed as `name=value&name2=value2` (a leading `?` is allowed). */
export function parseQuery(text: string): Pair[] {
  const params = new URLSearchParams(text.trim().replace(/^\?/, ""));
  return [...params.entries()].map(([name, value]) => ({ name, value }));
}

/** Rows that hold something, trimmed names. */
export function filledPairs(pairs: Pair[]): Pair[] {
  return pairs.filter((pair) => pair.name.trim()).map((pair) => ({ name: pair.name.trim(), value: pair.value }));
}

/** The body as JSON, or `undefined` when none. Throws on invalid JSON (check bodyProblem first). */
export function parsedBody(body: string): unknown {
  return body.trim() ? JSON.parse(body) : undefined;
}

/** The query string as it goes on the wire (`a=1&b=x+y`), without the leading `?`. */
export function queryString(query: Pair[]): string {
  const params = new URLSearchParams();
  for (const pair of filledPairs(query)) params.append(pair.name, pair.value);
  return params.toString();
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command line for the call. Credentials appear as `$CRISP_IDENTIFIER:$CRISP_KEY` and
 * `$CRISP_TIER` (the CLI's environment variables), never as values.
 */
export function toCurl(draft: ApiCallDraft, apiBase: string): string {
  const base = apiBase.replace(/\/+$/, "");
  const qs = queryString(parseQuery(draft.query));
  const url = `${base}${draft.path}${qs ? `?${qs}` : ""}`;
  const lines = [`curl -X ${draft.method} ${shellQuote(url)}`];
  lines.push(`-u "$CRISP_IDENTIFIER:$CRISP_KEY"`);
  lines.push(`-H "X-Crisp-Tier: $CRISP_TIER"`);
  const headers = headerLines(draft.headers);
  for (const pair of headers) {
    if (!isCredentialHeader(pair.name)) lines.push(`-H ${shellQuote(`${pair.name}: ${pair.value}`)}`);
  }
  if (draft.body.trim()) {
    if (!headers.some((pair) => pair.name.toLowerCase() === "content-type")) {
      lines.push(`-H 'Content-Type: application/json'`);
    }
    lines.push(`--data ${shellQuote(draft.body.trim())}`);
  }
  return lines.join(" \\\n  ");
}

/** One entry of the history: the request (without credentials) and how it went. */
export interface HistoryEntry {
  id: string;
  at: number;
  draft: ApiCallDraft;
  status: number | null;
  durationMs: number;
  error?: string;
}

/** The most entries kept. */
export const HISTORY_LIMIT = 50;

/** Header lines as pairs, skipping lines that are not `Name: value`. */
function headerLines(text: string): Pair[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.includes(":"))
    .map((line) => ({ name: line.slice(0, line.indexOf(":")).trim(), value: line.slice(line.indexOf(":") + 1).trim() }))
    .filter((pair) => pair.name);
}

/** Body keys whose values are secrets (a website deletion's `verify.secret`, passwords, keys, tokens). */
const SECRET_KEY = /secret|password|passwd|token|^key$|api_?key/i;

/** What history keeps in place of a secret value. */
export const REDACTED = "<removed from history>";

function redact(value: unknown): { value: unknown; redacted: boolean } {
  if (Array.isArray(value)) {
    const items = value.map(redact);
    return { value: items.map((item) => item.value), redacted: items.some((item) => item.redacted) };
  }
  if (value && typeof value === "object") {
    let redacted = false;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(key) && typeof child !== "object") {
        out[key] = REDACTED;
        redacted = true;
      } else {
        const inner = redact(child);
        out[key] = inner.value;
        redacted ||= inner.redacted;
      }
    }
    return { value: out, redacted };
  }
  return { value, redacted: false };
}

/**
 * A copy of the draft fit for history: credential header lines removed, and secret-looking values in a JSON
 * body (for example a website deletion's `verify.secret`) replaced by REDACTED.
 */
export function withoutCredentials(draft: ApiCallDraft): ApiCallDraft {
  const headers = draft.headers
    .split(/\r?\n/)
    .filter((line) => !isCredentialHeader(line.slice(0, Math.max(0, line.indexOf(":")))))
    .join("\n");
  let body = draft.body;
  try {
    const scrubbed = redact(body.trim() ? JSON.parse(body) : undefined);
    if (scrubbed.redacted) body = JSON.stringify(scrubbed.value, null, 2);
  } catch {
    // Not JSON: it was never sent (the console refuses invalid JSON), keep it as typed.
  }
  return { ...draft, headers, body };
}

/** History with `entry` first, capped at HISTORY_LIMIT. */
export function pushHistory(history: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [{ ...entry, draft: withoutCredentials(entry.draft) }, ...history].slice(0, HISTORY_LIMIT);
}
