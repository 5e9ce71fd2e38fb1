import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId, type SaveCannedReply } from "../../ipc";

/** The connection's canned replies, by title; asked for only while `enabled`. */
export function useListCannedReplies(connection: ConnectionId, enabled = true) {
  return useQuery({
    queryKey: queryKeys.cannedReplies.list(connection),
    queryFn: () => call(commands.listCannedReplies(connection)),
    enabled,
  });
}

/** Adds or edits a canned reply; the list refreshes. A refusal names its field (`title`, `text`). */
export function useSaveCannedReply(connection: ConnectionId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveCannedReply) => call(commands.saveCannedReply(connection, request)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cannedReplies.list(connection) }),
  });
}

/** Deletes a canned reply; the list refreshes. */
export function useDeleteCannedReply(connection: ConnectionId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(commands.deleteCannedReply(connection, id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cannedReplies.list(connection) }),
  });
}
