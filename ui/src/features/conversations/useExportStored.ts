import { useMutation } from "@tanstack/react-query";
import { call, commands, type ConnectionId, type ExportFormat } from "../../ipc";

/**
 * What to export from the local store: one conversation's thread, or the conversations a list shows (their session
 * IDs read when the export runs, not with every render of a list of thousands).
 */
export type ExportTarget = { kind: "thread"; sessionId: string } | { kind: "list"; sessionIds: () => string[] };

/** Exports from the local store to a file the user chooses; the answer is `null` when the dialog was closed. */
export function useExportStored(connection: ConnectionId) {
  return useMutation({
    mutationFn: ({ target, format }: { target: ExportTarget; format: ExportFormat }) =>
      target.kind === "thread"
        ? call(commands.exportThread(connection, { session_id: target.sessionId, format }))
        : call(commands.exportConversations(connection, { session_ids: target.sessionIds(), format })),
  });
}
