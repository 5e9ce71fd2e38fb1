import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { BATCH_CHUNK_SIZE, call, commands, describeError, queryKeys, type ConnectionId } from "../../ipc";
import { runBulk, undoneRows, type BulkAction, type BulkReport } from "./bulk";
import { planChunks, type BatchChunk, type SelectableRow } from "./selection";

/** Conversations per batch request: the client's chunk size, exported from Rust. */
export const CHUNK_SIZE: number = BATCH_CHUNK_SIZE;

/** Sends one chunk as the action's batch command (one request through the connection's scheduler). */
function sendChunk(action: BulkAction, chunk: BatchChunk) {
  const sessions = chunk.rows.map((row) => row.sessionId);
  const website_id = chunk.websiteId;
  switch (action.kind) {
    case "resolve":
      return call(commands.batchResolveConversations(chunk.connection, { website_id, body: { sessions } }));
    case "unresolve":
      return call(commands.batchUnresolveConversations(chunk.connection, { website_id, body: { sessions } }));
    case "read":
      return call(commands.batchReadConversations(chunk.connection, { website_id, body: { sessions } }));
    case "unread":
      return call(commands.batchUnreadConversations(chunk.connection, { website_id, body: { sessions } }));
    case "remove":
      return call(commands.batchRemoveConversations(chunk.connection, { website_id, body: { sessions } }));
    case "assign":
      return call(
        commands.batchAssignConversations(chunk.connection, {
          website_id,
          body: { sessions, assigned: action.userId ? { user_id: action.userId } : null },
        }),
      );
  }
}

/** A bulk action under way: requests sent of the total, and whether Cancel was pressed. */
export interface BulkProgress {
  action: BulkAction;
  sent: number;
  total: number;
  cancelling: boolean;
}

/**
 * Runs bulk actions on selected rows, chunk by chunk, with progress and Cancel. When one ends, the lists and
 * budgets of the connections it touched refresh, and `onFinished` gets the rows it did not change (to keep
 * them selected).
 */
export function useBulkAction(onFinished: (undone: SelectableRow[], report: BulkReport) => void) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const cancelled = useRef(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const start = useCallback(
    async (action: BulkAction, rows: readonly SelectableRow[]) => {
      if (rows.length === 0) return;
      const chunks = planChunks(rows, CHUNK_SIZE);
      cancelled.current = false;
      setReport(null);
      setProgress({ action, sent: 0, total: chunks.length, cancelling: false });
      const done = await runBulk(action, chunks, {
        send: (chunk) => sendChunk(action, chunk),
        describe: (error) => describeError(error),
        cancelled: () => cancelled.current,
        onProgress: (sent, total) => setProgress((p) => (p ? { ...p, sent, total } : p)),
      });
      const connections = new Set<ConnectionId>(chunks.map((c) => c.connection));
      if (action.kind === "remove") {
        for (const row of done.done) queryClient.removeQueries({ queryKey: queryKeys.conversations.one(row.connection, row.sessionId) });
      }
      for (const connection of connections) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all(connection) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.quota(connection) });
      }
      setProgress(null);
      setReport(done);
      finished.current(undoneRows(done), done);
    },
    [queryClient],
  );

  const cancel = useCallback(() => {
    cancelled.current = true;
    setProgress((p) => (p ? { ...p, cancelling: true } : p));
  }, []);

  return { progress, report, running: progress !== null, start, cancel, dismiss: () => setReport(null) };
}

/** Today's request count and budget of a connection, as the quota meter reads them. */
export function useRequestBudget(connection: ConnectionId) {
  return useQuery({
    queryKey: queryKeys.quota(connection),
    queryFn: () => call(commands.quota(connection)),
    retry: false,
  });
}
