import { known, knownStrings, unknownOf } from "../../components/lenient";
import type { Lenient, PeopleProfile_Deserialize } from "../../ipc";
import { RawJson } from "../../components/RawJson";
import { useVirtualRows } from "../../components/useVirtualRows";

/**
 * A profile as the table reads it (every field optional: Crisp's models are lenient). Nested fields arrive as
 * sent when they did not read, and a listed item that is not an object arrives as sent too.
 */
export type ProfileRow = Lenient<PeopleProfile_Deserialize>;

interface Props {
  rows: ProfileRow[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (peopleId: string) => void;
  /** Accessible name of the table. */
  label: string;
}

const ROW_HEIGHT = 44;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function when(ms: number | null | undefined, withTime: boolean): string {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) return "—";
  return (withTime ? dateTimeFormat : dateFormat).format(new Date(ms));
}

const COLUMNS = ["Name", "Email", "Company", "Segments", "Created", "Last active"];

/**
 * The people list: an ARIA grid of fixed-height rows where only the rows in view (plus a few) are in the
 * DOM, and the next page is asked for when the last rows come into view. All content is text.
 */
export function PeopleTable({ rows, hasMore, loadingMore, onLoadMore, onOpen, label }: Props) {
  const { scrollRef, virtualizer, items } = useVirtualRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: 8,
    hasMore,
    loadingMore,
    onLoadMore,
  });

  return (
    <div className="pt-table">
      <div
        ref={scrollRef}
        className="pt-scroll"
        data-testid="people-scroll"
        role="table"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        tabIndex={0}
      >
        <div role="rowgroup" className="pt-head">
          <div role="row" className="pt-row" aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <span key={column} role="columnheader" className="pt-cell">
                {column}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const style = { position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` } as const;
            const row = known(rows[item.index]);
            if (!row) {
              return (
                <div key={item.index} role="row" className="pt-row pt-body-row" aria-rowindex={item.index + 2} style={style}>
                  <span role="cell" className="pt-cell">
                    <RawJson value={unknownOf(rows[item.index], "object") ?? null} label="Profile" inline />
                  </span>
                </div>
              );
            }
            const id = typeof row.people_id === "string" ? row.people_id : "";
            const person = known(row.person ?? undefined);
            const company = known(row.company ?? undefined);
            const segments = knownStrings(row.segments ?? undefined);
            const active = known(row.active ?? undefined);
            const name = person?.nickname || "(no name)";
            return (
              <div
                key={id || item.index}
                role="row"
                className="pt-row pt-body-row"
                aria-rowindex={item.index + 2}
                style={style}
              >
                <span role="cell" className="pt-cell">
                  {id ? (
                    <button type="button" className="pt-open" onClick={() => onOpen(id)}>
                      {name}
                    </button>
                  ) : (
                    name
                  )}
                </span>
                <span role="cell" className="pt-cell">
                  {typeof row.email === "string" && row.email ? row.email : "—"}
                </span>
                <span role="cell" className="pt-cell">
                  {unknownOf(row.company, "object") !== undefined ? (
                    <RawJson value={unknownOf(row.company, "object")} label="Company" inline />
                  ) : (
                    company?.name || person?.employment?.name || "—"
                  )}
                </span>
                <span role="cell" className="pt-cell">
                  {unknownOf(row.segments, "strings") !== undefined ? (
                    <RawJson value={unknownOf(row.segments, "strings")} label="Segments" inline />
                  ) : segments?.length ? (
                    segments.join(", ")
                  ) : (
                    "—"
                  )}
                </span>
                <span role="cell" className="pt-cell">
                  {when(typeof row.created_at === "number" ? row.created_at : null, false)}
                </span>
                <span role="cell" className="pt-cell">
                  {active?.now ? "Now" : when(typeof row.active === "number" ? row.active : active?.last, true)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <p className="pt-status" aria-live="polite">
        {loadingMore ? "Loading more…" : hasMore ? `${rows.length} loaded; scroll for more` : `${rows.length} profiles`}
      </p>
    </div>
  );
}
