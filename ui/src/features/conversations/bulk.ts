/**
 * A bulk action on selected conversations, run chunk by chunk: one batch request per chunk, one after another,
 * stopping before the next chunk when cancelled. Pure apart from the `send` it is given, so the report (what was
 * done, what failed and why, what was never sent) is tested without a screen.
 */
import type { BatchChunk, SelectableRow } from "./selection";

/** What a bulk action does, named by Crisp's batch route. */
export type BulkAction =
  | { kind: "resolve" }
  | { kind: "unresolve" }
  | { kind: "read" }
  | { kind: "unread" }
  | { kind: "remove" }
  /** Assign to the operator `userId`, or to nobody with null. */
  | { kind: "assign"; userId: string | null };

/** The button's verb and the report's past tense for each action. */
export const ACTION_WORDS: Record<BulkAction["kind"], { verb: string; done: string; running: string }> = {
  resolve: { verb: "Resolve", done: "Resolved", running: "Resolving" },
  unresolve: { verb: "Unresolve", done: "Reopened", running: "Reopening" },
  read: { verb: "Mark read", done: "Marked read", running: "Marking read" },
  unread: { verb: "Mark unread", done: "Marked unread", running: "Marking unread" },
  remove: { verb: "Remove", done: "Removed", running: "Removing" },
  assign: { verb: "Assign", done: "Assigned", running: "Assigning" },
};

/** A conversation the action could not change, and Crisp's reason in plain words. */
export interface BulkFailure {
  row: SelectableRow;
  reason: string;
}

/** What a bulk action came to. */
export interface BulkReport {
  action: BulkAction;
  /** Requests planned and requests sent (fewer when cancelled). */
  chunksTotal: number;
  chunksSent: number;
  done: SelectableRow[];
  failed: BulkFailure[];
  /** Not sent because the action was cancelled first. */
  notSent: SelectableRow[];
  cancelled: boolean;
}

export interface RunOptions {
  /** Sends one chunk (one batch request); a throw fails every conversation of that chunk. */
  send: (chunk: BatchChunk) => Promise<unknown>;
  /** The reason shown for a failed chunk. */
  describe: (error: unknown) => string;
  /** Asked before each chunk after the first: true stops there. */
  cancelled: () => boolean;
  /** After each chunk: how many of the chunks have been sent. */
  onProgress?: (sent: number, total: number) => void;
}

/**
 * Sends `chunks` in order, one request at a time. A failed chunk does not stop the next (the others may well
 * succeed); a cancel stops before the next chunk, and what was sent stays done.
 */
export async function runBulk(action: BulkAction, chunks: readonly BatchChunk[], options: RunOptions): Promise<BulkReport> {
  const report: BulkReport = { action, chunksTotal: chunks.length, chunksSent: 0, done: [], failed: [], notSent: [], cancelled: false };
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0 && options.cancelled()) {
      report.cancelled = true;
      report.notSent = chunks.slice(index).flatMap((c) => c.rows);
      break;
    }
    try {
      await options.send(chunk);
      report.done.push(...chunk.rows);
    } catch (error) {
      const reason = options.describe(error);
      report.failed.push(...chunk.rows.map((row) => ({ row, reason })));
    }
    report.chunksSent += 1;
    options.onProgress?.(report.chunksSent, chunks.length);
  }
  return report;
}

/** The rows to keep selected after the action: those it did not change (failed or never sent). */
export function undoneRows(report: BulkReport): SelectableRow[] {
  return [...report.failed.map((f) => f.row), ...report.notSent];
}

/** The report's first line, e.g. "Resolved 20 of 25 conversations; 5 failed." */
export function reportSummary(report: BulkReport): string {
  const total = report.done.length + report.failed.length + report.notSent.length;
  const noun = total === 1 ? "conversation" : "conversations";
  const parts = [`${ACTION_WORDS[report.action.kind].done} ${report.done.length} of ${total} ${noun}`];
  if (report.failed.length) parts.push(`${report.failed.length} failed`);
  if (report.cancelled) {
    parts.push(
      `cancelled after ${report.chunksSent} of ${report.chunksTotal} requests: ${report.notSent.length} not sent, still selected`,
    );
  }
  return `${parts.join("; ")}.`;
}
