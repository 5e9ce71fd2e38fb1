import { queryOptions, useMutation, useMutationState, useQuery, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId, type SaveConnection } from "../../ipc";
import { forgetConnectionStorage } from "./connectionStorage";

/** The query of every saved connection plus the built-in Demo one (read once; changes made here update it). */
export const connectionsQuery = () =>
  queryOptions({
    queryKey: queryKeys.connections.all(),
    queryFn: () => call(commands.listConnections()),
    staleTime: Infinity,
  });

/** Every saved connection plus the built-in Demo one. */
export function useListConnections() {
  return useQuery(connectionsQuery());
}

/**
 * The key must not outlive its one trip to the backend. TanStack keeps a mutation's variables in its cache (and
 * devtools show them), so the key is taken out of the request object (the cached variables) before anything is
 * awaited, and `gcTime: 0` drops the finished mutation once nothing observes it. The form keeps what was typed.
 */
function sendingKeyOnce<T>(send: (request: SaveConnection) => Promise<T>) {
  return (request: SaveConnection): Promise<T> => {
    const sending = { ...request };
    delete request.key;
    return send(sending);
  };
}

/** Checks a token against Crisp without saving anything; the key never stays in the mutation cache. */
export function useTestConnection() {
  return useMutation({
    mutationFn: sendingKeyOnce((request) => call(commands.testConnection(request))),
    gcTime: 0,
  });
}

/** Saves (adds or edits) a connection; the list refreshes on success; the key never stays in the mutation cache. */
export function useSaveConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendingKeyOnce((request) => call(commands.saveConnection(request))),
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all() }),
  });
}

/** The delete mutations, kept in the mutation cache so their notices outlive the screen they were started from. */
const deleteKey = () => [...queryKeys.connections.all(), "delete"] as const;

/**
 * Deletes a connection and its stored key, and forgets what this window kept for it (the API console's history).
 * The answer's `notice` says when the keychain could not remove the key yet (see `useDeleteNotice`).
 */
export function useDeleteConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: deleteKey(),
    mutationFn: (connection: ConnectionId) => call(commands.deleteConnection(connection)),
    onSuccess: (_deleted, connection) => {
      forgetConnectionStorage(connection);
      return queryClient.invalidateQueries({ queryKey: queryKeys.connections.all() });
    },
  });
}

/** Makes a connection the selected one; every screen then reads that workspace. */
export function useSelectConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connection: ConnectionId) => call(commands.selectConnection(connection)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all() }),
  });
}

/**
 * The notice of the latest delete whose key the keychain could not remove yet, until dismissed. It is read from the
 * mutation cache: deleting the selected connection selects another one, which remounts the screen.
 */
export function useDeleteNotice(): { notice: string | null; dismiss: () => void } {
  const queryClient = useQueryClient();
  const notices = useMutationState({
    filters: { mutationKey: deleteKey(), status: "success" },
    select: (mutation) => (mutation.state.data as { notice?: string | null } | undefined)?.notice ?? null,
  });
  const dismiss = () => {
    const cache = queryClient.getMutationCache();
    for (const mutation of cache.findAll({ mutationKey: deleteKey(), status: "success" })) cache.remove(mutation);
  };
  return { notice: notices.at(-1) ?? null, dismiss };
}
