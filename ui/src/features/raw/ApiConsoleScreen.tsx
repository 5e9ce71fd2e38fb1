import { useEffect, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Status";
import { JsonView } from "./JsonView";
import type { JsonValue } from "../../ipc";
import { useCallApi, type CallApiRequest } from "./useCallApi";
import {
  METHODS,
  REDACTED,
  bodyProblem,
  defaultPath,
  filledPairs,
  parseHeaders,
  parseQuery,
  parsedBody,
  pathProblem,
  pushHistory,
  toCurl,
  type ApiCallDraft,
  type HistoryEntry,
  type Method,
} from "./apiCall";

interface Props {
  connection: string;
  websiteId: string;
  apiBase: string;
}


interface Shown {
  status: number | null;
  durationMs: number;
  headers: Array<[string, string]>;
  data: unknown;
  error?: string;
}

type Errors = Partial<Record<"path" | "headers" | "query" | "body" | "form", string>>;

/** Per-connection storage is named `crisp-desk:<what>:<connection>`: deleting the connection forgets it (see
 * `features/connections/connectionStorage.ts`). */
const historyKey = (connection: string) => `crisp-desk:raw-history:${connection}`;

function loadHistory(connection: string): HistoryEntry[] {
  try {
    const stored = window.localStorage.getItem(historyKey(connection));
    const parsed = stored ? (JSON.parse(stored) as unknown) : [];
    return Array.isArray(parsed) ? (parsed as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

/** Reads `{ message, field }` from whatever a command threw. */
function failure(error: unknown): { message: string; field?: string } {
  const e = (error ?? {}) as { message?: unknown; field?: unknown };
  return {
    message: typeof e.message === "string" ? e.message : String(error),
    field: typeof e.field === "string" ? e.field : undefined,
  };
}

/** Which console field a backend error belongs to. */
function errorField(field: string | undefined): keyof Errors {
  if (!field) return "form";
  if (/path|url/i.test(field)) return "path";
  if (/header/i.test(field)) return "headers";
  if (/query/i.test(field)) return "query";
  if (/body/i.test(field)) return "body";
  return "form";
}

/**
 * Make an API call: any authorized Crisp call on the connection. The key never reaches this screen:
 * the backend adds the credentials, "Copy as curl" names environment variables, history keeps no
 * credential headers.
 */
export function ApiConsoleScreen({ connection, websiteId, apiBase }: Props) {
  const [draft, setDraft] = useState<ApiCallDraft>(() => ({
    method: "GET",
    path: defaultPath(websiteId),
    headers: "",
    query: "",
    body: "",
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>(() => loadHistory(connection));
  const [curl, setCurl] = useState<string | null>(null);
  const callApi = useCallApi(connection);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    try {
      window.localStorage.setItem(historyKey(connection), JSON.stringify(history));
    } catch {
      // Storage full or blocked: history lives for this session only.
    }
  }, [connection, history]);

  const set = (key: keyof ApiCallDraft, value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined, form: undefined }));
    setCurl(null);
  };

  const check = (candidate: ApiCallDraft): Errors => {
    const found: Errors = {
      path: pathProblem(candidate.path),
      headers: parseHeaders(candidate.headers).problem,
      body: bodyProblem(candidate.body),
    };
    if (candidate.body.trim() && candidate.method === "GET") found.body = "A GET call has no body: clear Body or choose another method.";
    return found;
  };

  const send = async (candidate: ApiCallDraft) => {
    const found = check(candidate);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    const headers = Object.fromEntries(parseHeaders(candidate.headers).pairs.map((pair) => [pair.name, pair.value]));
    const query = Object.fromEntries(filledPairs(parseQuery(candidate.query)).map((pair) => [pair.name, pair.value]));
    const body = parsedBody(candidate.body);
    const request: CallApiRequest = { method: candidate.method, path: candidate.path };
    if (Object.keys(query).length) request.query = query;
    if (Object.keys(headers).length) request.headers = headers;
    if (body !== undefined) request.body = body as JsonValue;
    setSending(true);
    const started = performance.now();
    let entry: HistoryEntry;
    try {
      const response = await callApi.mutateAsync(request);
      const durationMs =
        typeof response.elapsed_ms === "number" ? response.elapsed_ms : Math.round(performance.now() - started);
      setShown({ status: response.status, durationMs, headers: response.headers, data: response.body ?? null });
      entry = { id: crypto.randomUUID(), at: Date.now(), draft: candidate, status: response.status, durationMs };
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const f = failure(error);
      const at = errorField(f.field);
      setErrors({ [at]: f.message });
      setShown({ status: null, durationMs, headers: [], data: null, error: f.message });
      entry = { id: crypto.randomUUID(), at: Date.now(), draft: candidate, status: null, durationMs, error: f.message };
    } finally {
      setSending(false);
    }
    setHistory((current) => pushHistory(current, entry));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(draft);
  };

  const showCurl = async () => {
    const text = toCurl(draft, apiBase);
    setCurl(text);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="raw-screen" aria-labelledby="raw-title">
      <header className="screen-header">
        <h1 id="raw-title">Make an API call</h1>
      </header>
      <form className="raw-form" noValidate onSubmit={submit} aria-label="API call">
        <div className="raw-line">
          <Field label="Method" className="raw-method">
            <select value={draft.method} onChange={(event) => set("method", event.target.value as Method)}>
              {METHODS.map((method) => (
                <option key={method} value={method}>
                  {method}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="URL"
            className="raw-url"
            help={`Relative to ${apiBase.replace(/\/+$/, "")}, starting with /v1/`}
            error={errors.path}
          >
            <input
              value={draft.path}
              required
              spellCheck={false}
              autoComplete="off"
              className="raw-mono"
              onChange={(event) => set("path", event.target.value)}
              onBlur={() => setErrors((current) => ({ ...current, path: pathProblem(draft.path) }))}
            />
          </Field>
        </div>
        <Field label="Query String" help="name=value pairs joined by &, e.g. per_page=20&search_text=acme" error={errors.query}>
          <input
            value={draft.query}
            spellCheck={false}
            autoComplete="off"
            className="raw-mono"
            onChange={(event) => set("query", event.target.value)}
          />
        </Field>
        <Field
          label="Headers"
          help="One per line as Name: value. Authorization and X-Crisp-Tier are added for you."
          error={errors.headers}
        >
          <textarea
            rows={3}
            value={draft.headers}
            spellCheck={false}
            className="raw-mono"
            onChange={(event) => set("headers", event.target.value)}
          />
        </Field>
        <Field label="Body" help="JSON; leave empty for none." error={errors.body}>
          <textarea
            rows={8}
            value={draft.body}
            spellCheck={false}
            className="raw-mono"
            onChange={(event) => set("body", event.target.value)}
            onBlur={() => setErrors((current) => ({ ...current, body: bodyProblem(draft.body) }))}
          />
        </Field>
        {errors.form ? (
          <ErrorNotice message={errors.form} />
        ) : null}
        <div className="raw-actions">
          <button type="button" className="secondary" onClick={() => void showCurl()}>
            Copy as curl
          </button>
          <button type="submit" className="primary" disabled={sending} aria-busy={sending || undefined}>
            {sending ? "Sending…" : "Send"}
          </button>
        </div>
        {curl ? (
          <div className="raw-curl">
            <span id="raw-curl-label">
              {copied ? "Copied to the clipboard" : "Copy this command"} (credentials come from $CRISP_IDENTIFIER, $CRISP_KEY and
              $CRISP_TIER):
            </span>
            <pre aria-labelledby="raw-curl-label" data-testid="raw-curl" tabIndex={0}>
              {curl}
            </pre>
          </div>
        ) : null}
      </form>

      {shown ? (
        <section className="raw-response" aria-labelledby="raw-response-title">
          <h2 id="raw-response-title">Response</h2>
          <p className="raw-status">
            <span data-testid="raw-status">{shown.status === null ? "Failed" : `Status ${shown.status}`}</span>
            {" · "}
            <span data-testid="raw-time">{shown.durationMs} ms</span>
          </p>
          {shown.error ? (
            <ErrorNotice message={shown.error} />
          ) : null}
          {shown.headers.length ? (
            <details className="raw-headers">
              <summary>Headers ({shown.headers.length})</summary>
              <dl>
                {shown.headers.map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : null}
          {shown.status !== null ? <JsonView value={shown.data} label="Response data" /> : null}
        </section>
      ) : null}

      <section className="raw-history" aria-labelledby="raw-history-title">
        <h2 id="raw-history-title">History</h2>
        {history.length === 0 ? (
          <p>No calls yet.</p>
        ) : (
          <>
            <ol>
              {history.map((entry) => (
                <li key={entry.id} className="raw-history-item">
                  <span className="raw-mono">
                    {entry.draft.method} {entry.draft.path}
                    {entry.draft.query ? `?${entry.draft.query.replace(/^\?/, "")}` : ""}
                  </span>
                  <span>{entry.status === null ? "failed" : entry.status}</span>
                  <span>{entry.durationMs} ms</span>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Load ${entry.draft.method} ${entry.draft.path} into the form`}
                    onClick={() => {
                      setDraft(entry.draft);
                      setErrors({});
                    }}
                  >
                    Load
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Run ${entry.draft.method} ${entry.draft.path} again`}
                    onClick={() => {
                      setDraft(entry.draft);
                      if (entry.draft.body.includes(REDACTED)) {
                        setErrors({ body: "Type the secret again: history never keeps it." });
                      } else {
                        void send(entry.draft);
                      }
                    }}
                  >
                    Run again
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" className="secondary" onClick={() => setHistory([])}>
              Clear history
            </button>
          </>
        )}
      </section>
    </section>
  );
}
