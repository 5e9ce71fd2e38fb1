import { useRef, useState, type ReactNode } from "react";
import { Field } from "../../components/Field";
import { isObject, known, unknownOf, type Json } from "../../components/lenient";
import { RawJson } from "../../components/RawJson";
import { ErrorNotice, Loading } from "../../components/Status";
import { REFRESH_MS, useCountVisitors, useVisitorsRefreshMs } from "./useCountVisitors";
import { useListVisitors } from "./useListVisitors";
import { useMessageVisitor } from "./useMessageVisitor";


/**
 * A visitor as the list reads it (lenient: every field optional; a nested field that did not read, or a whole item
 * that is not an object, arrives as sent).
 */
interface VisitorRow {
  session_id?: string | null;
  nickname?: string | null;
  email?: string | null;
  initiated?: boolean | null;
  active?: boolean | null;
  last_page?: { page_title?: string | null; page_url?: string | null } | Json;
  geolocation?: { country?: string | null; region?: string | null; city?: string | null } | Json;
}

interface Props {
  connection: string;
  websiteId: string;
  /** A link to a conversation (rendered by the app's router). */
  conversationLink: (sessionId: string, text: string) => ReactNode;
}

function limitValue(text: string): number | undefined {
  const n = Number(text);
  return text.trim() && Number.isInteger(n) && n > 0 ? n : undefined;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/**
 * Visitors on the website now: the count, and a paged list. On Crisp's socket both follow its visitor-count
 * events; while the socket is down they refresh every REFRESH_MS while this screen is shown and the window is
 * visible (TanStack Query pauses interval refetches in the background). All visitor content is shown as text.
 */
export function VisitorsScreen({ connection, websiteId, conversationLink }: Props) {
  const [page, setPage] = useState(1);
  const [limitText, setLimitText] = useState("");
  const limit = limitValue(limitText);
  const limitError = limitText.trim() && limit === undefined ? "Enter a whole number above 0, or leave empty." : undefined;
  const firstSeen = useRef(new Map<string, number>());

  const refresh = useVisitorsRefreshMs(connection);
  const count = useCountVisitors(connection, websiteId);
  const list = useListVisitors(connection, websiteId, page, limit, !limitError);
  const rows = (list.data ?? []) as Array<VisitorRow | Json>;

  // First sighting of each session, recorded as the rows arrive (idempotent, so safe during render).
  for (const row of rows) {
    if (isObject(row) && typeof row.session_id === "string" && row.session_id && !firstSeen.current.has(row.session_id)) {
      firstSeen.current.set(row.session_id, list.dataUpdatedAt || Date.now());
    }
  }

  const counts = count.data as { count?: number | null; active?: number | null; limited?: boolean | null } | undefined;

  return (
    <section className="visitors-screen" aria-labelledby="visitors-title">
      <header className="screen-header">
        <h1 id="visitors-title">Visitors</h1>
        <button type="button" className="secondary" onClick={() => void Promise.all([count.refetch(), list.refetch()])}>
          Refresh now
        </button>
      </header>

      <div className="vs-counts" aria-live="polite" aria-atomic="true">
        {count.error ? (
          <ErrorNotice message={count.error.message} />
        ) : counts ? (
          <p>
            <strong data-testid="visitors-count">{counts.count ?? 0}</strong> on the website now
            {typeof counts.active === "number" ? `, ${counts.active} active` : ""}
            {counts.limited ? " (approximate)" : ""}.
          </p>
        ) : (
          <p>Counting visitors…</p>
        )}
        <p className="field-help">
          {refresh === false
            ? "Updates as Crisp reports visitors coming and going (Live)."
            : `Refreshes every ${REFRESH_MS / 1000} seconds while this screen is shown.`}
        </p>
      </div>

      <form className="vs-filters" aria-label="List visitors" onSubmit={(event) => event.preventDefault()}>
        <Field
          label="Limit"
          help="The most visitors to list, fetched over as many pages as it takes; empty lists one page at a time."
          error={limitError}
        >
          <input
            inputMode="numeric"
            autoComplete="off"
            value={limitText}
            onChange={(event) => {
              setLimitText(event.target.value);
              setPage(1);
            }}
          />
        </Field>
      </form>

      {list.error ? (
        <ErrorNotice message={list.error.message} />
      ) : null}

      <table className="vs-table">
        <caption className="sr-only">{limit === undefined ? `Visitors on page ${page}` : `Up to ${limit} visitors`}</caption>
        <thead>
          <tr>
            <th scope="col">Nickname</th>
            <th scope="col">Email</th>
            <th scope="col">Current page</th>
            <th scope="col">Location</th>
            <th scope="col">Since</th>
            <th scope="col">Conversation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) =>
            isObject(row) ? (
              <VisitorLine
                key={(row as VisitorRow).session_id ?? index}
                row={row as VisitorRow}
                since={(row as VisitorRow).session_id ? firstSeen.current.get((row as VisitorRow).session_id ?? "") : undefined}
                connection={connection}
                websiteId={websiteId}
                conversationLink={conversationLink}
              />
            ) : (
              <tr key={index}>
                <td colSpan={6}>
                  <RawJson value={row as Json} label="Visitor" inline />
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {list.isPending ? <Loading>Loading visitors…</Loading> : null}
      {!list.isPending && rows.length === 0 && !list.error ? (
        <p>{limit === undefined ? "No visitors on this page." : "No visitors on the website now."}</p>
      ) : null}

      {limit === undefined ? (
        <nav className="vs-pager" aria-label="Visitor pages">
          <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Previous page
          </button>
          <span aria-live="polite">Page {page}</span>
          <button type="button" className="secondary" disabled={rows.length === 0} onClick={() => setPage((p) => p + 1)}>
            Next page
          </button>
        </nav>
      ) : (
        <p className="field-help" aria-live="polite">
          {`${rows.length} ${rows.length === 1 ? "visitor" : "visitors"} listed (Limit ${limit}).`}
        </p>
      )}
      <p className="field-help">Since: when this screen first saw the visitor (Crisp does not say when a visit began).</p>
    </section>
  );
}

function VisitorLine({
  row,
  since,
  connection,
  websiteId,
  conversationLink,
}: {
  row: VisitorRow;
  since: number | undefined;
  connection: string;
  websiteId: string;
  conversationLink: Props["conversationLink"];
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const send = useMessageVisitor(connection, websiteId, row.session_id ?? "");
  const geolocation = known(row.geolocation);
  const lastPage = known(row.last_page);
  const place = [geolocation?.city, geolocation?.region, geolocation?.country].filter(Boolean).join(", ");
  const who = row.nickname || row.email || "visitor";
  return (
    <>
      <tr>
        <td>{row.nickname || "—"}</td>
        <td>{row.email || "—"}</td>
        <td>
          {unknownOf(row.last_page, "object") !== undefined ? (
            <RawJson value={unknownOf(row.last_page, "object")} label="Current page" inline />
          ) : (
            lastPage?.page_title || lastPage?.page_url || "—"
          )}
          {lastPage?.page_title && lastPage?.page_url ? <span className="vs-url">{lastPage.page_url}</span> : null}
        </td>
        <td>
          {unknownOf(row.geolocation, "object") !== undefined ? (
            <RawJson value={unknownOf(row.geolocation, "object")} label="Location" inline />
          ) : (
            place || "—"
          )}
        </td>
        <td>{since ? timeFormat.format(new Date(since)) : "—"}</td>
        <td>
          {row.session_id ? (
            <span className="vs-actions">
              {row.initiated ? conversationLink(row.session_id, "Open conversation") : null}
              <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
                {`Message ${who}`}
              </button>
            </span>
          ) : (
            "—"
          )}
        </td>
      </tr>
      {open && row.session_id ? (
        <tr className="vs-compose">
          <td colSpan={6}>
            <form
              aria-label={`Start a conversation with ${who}`}
              onSubmit={(event) => {
                event.preventDefault();
                if (text.trim()) send.mutate(text.trim(), { onSuccess: () => setText("") });
              }}
            >
              <Field label={`Message to ${who}`}>
                <textarea rows={2} value={text} onChange={(event) => setText(event.target.value)} />
              </Field>
              {send.error ? (
                <ErrorNotice message={send.error.message} />
              ) : null}
              {send.isSuccess ? (
                <p role="status">
                  Sent. {conversationLink(row.session_id, "Open the conversation")}
                </p>
              ) : null}
              <button type="submit" className="primary" disabled={send.isPending || !text.trim()}>
                {send.isPending ? "Sending…" : "Send message"}
              </button>
            </form>
          </td>
        </tr>
      ) : null}
    </>
  );
}
