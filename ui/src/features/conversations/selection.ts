/**
 * The conversation list's multi-selection and how a bulk action splits it into batch requests: pure functions
 * over rows that each name their own connection, so a list mixing connections (the merged inbox) selects and
 * sends the same way as one connection's list.
 */
import type { ConnectionId } from "../../ipc";

/**
 * A conversation as the selection sees it: which connection and website it belongs to, and its title. A row
 * with an empty `sessionId` (an item Crisp sent that is not a conversation) is listed but never selected.
 */
export interface SelectableRow {
  connection: ConnectionId;
  websiteId: string;
  sessionId: string;
  /** What the report calls it (visitor name, email, else the session ID). */
  title: string;
}

/** The selected rows' keys, and the row a Shift+click extends from. */
export interface Selection {
  keys: ReadonlySet<string>;
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { keys: new Set(), anchor: null };

/** One row's key: connection and session, so the same session ID in two connections stays two rows. */
export function rowKey(row: Pick<SelectableRow, "connection" | "sessionId">): string {
  return `${row.connection}\u0000${row.sessionId}`;
}

/** Selects or unselects row `index` and makes it the anchor of the next range. */
export function toggle(selection: Selection, rows: readonly SelectableRow[], index: number): Selection {
  const row = rows[index];
  if (!row?.sessionId) return selection;
  const key = rowKey(row);
  const keys = new Set(selection.keys);
  if (keys.has(key)) keys.delete(key);
  else keys.add(key);
  return { keys, anchor: key };
}

/**
 * Shift+click: gives every row from the anchor to `index` the anchor's state (selected, unless the anchor was
 * just unselected), keeping the rest of the selection. Without an anchor still in the list, it toggles `index`.
 */
export function extendTo(selection: Selection, rows: readonly SelectableRow[], index: number): Selection {
  const anchorIndex = selection.anchor == null ? -1 : rows.findIndex((row) => rowKey(row) === selection.anchor);
  if (anchorIndex < 0 || !rows[index]) return toggle(selection, rows, index);
  const select = selection.keys.has(selection.anchor as string);
  const keys = new Set(selection.keys);
  const [from, to] = anchorIndex <= index ? [anchorIndex, index] : [index, anchorIndex];
  for (let i = from; i <= to; i += 1) {
    if (!rows[i].sessionId) continue;
    const key = rowKey(rows[i]);
    if (select) keys.add(key);
    else keys.delete(key);
  }
  return { keys, anchor: selection.anchor };
}

/** Ctrl+A: every row of the list as filtered (and loaded). */
export function selectAll(rows: readonly SelectableRow[]): Selection {
  const selectable = rows.filter((row) => row.sessionId);
  return { keys: new Set(selectable.map(rowKey)), anchor: selectable.length ? rowKey(selectable[0]) : null };
}

/** How many of `rows` can be selected (have a session ID). */
export function selectableCount(rows: readonly SelectableRow[]): number {
  let count = 0;
  for (const row of rows) if (row.sessionId) count += 1;
  return count;
}

/** Whether `row` is selected. */
export function isSelected(selection: Selection, row: Pick<SelectableRow, "connection" | "sessionId">): boolean {
  return selection.keys.has(rowKey(row));
}

/** The selected rows, in list order. */
export function selectedRows(selection: Selection, rows: readonly SelectableRow[]): SelectableRow[] {
  // Nothing selected, the usual case: the list is not read (it is read again with every page loaded).
  if (selection.keys.size === 0) return [];
  return rows.filter((row) => selection.keys.has(rowKey(row)));
}

/** Only the rows among `keep` stay selected (after an action: what was not done). */
export function keepOnly(selection: Selection, keep: Iterable<Pick<SelectableRow, "connection" | "sessionId">>): Selection {
  const wanted = new Set([...keep].map(rowKey));
  const keys = new Set([...selection.keys].filter((key) => wanted.has(key)));
  return { keys, anchor: selection.anchor != null && keys.has(selection.anchor) ? selection.anchor : null };
}

/** Drops keys whose rows left the list (a refresh, a filter), so the count never names rows no one sees. */
export function withinRows(selection: Selection, rows: readonly SelectableRow[]): Selection {
  if (selection.keys.size === 0) return selection;
  const present = new Set(rows.map(rowKey));
  if ([...selection.keys].every((key) => present.has(key))) return selection;
  return keepOnly(selection, rows);
}

/** One batch request: up to the chunk size of one connection's conversations. */
export interface BatchChunk {
  connection: ConnectionId;
  websiteId: string;
  rows: SelectableRow[];
}

/**
 * The batch requests for `rows`: grouped by connection (and website) in the order each first appears, each
 * group split into chunks of at most `chunkSize` sessions in list order. The number of chunks is the number
 * of requests the action costs.
 */
export function planChunks(rows: readonly SelectableRow[], chunkSize: number): BatchChunk[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunk size must be a whole number >= 1, not ${chunkSize}`);
  const groups = new Map<string, SelectableRow[]>();
  for (const row of rows) {
    const group = `${row.connection}\u0000${row.websiteId}`;
    const list = groups.get(group);
    if (list) list.push(row);
    else groups.set(group, [row]);
  }
  const chunks: BatchChunk[] = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i += chunkSize) {
      const part = list.slice(i, i + chunkSize);
      chunks.push({ connection: part[0].connection, websiteId: part[0].websiteId, rows: part });
    }
  }
  return chunks;
}

/** How many requests the action costs on each connection (the budget is per connection). */
export function requestsPerConnection(chunks: readonly BatchChunk[]): Map<ConnectionId, number> {
  const counts = new Map<ConnectionId, number>();
  for (const chunk of chunks) counts.set(chunk.connection, (counts.get(chunk.connection) ?? 0) + 1);
  return counts;
}
