import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId, type SaveConnection } from "../../ipc";

/** Every saved connection plus the built-in Demo one. */
export function useListConnections() {
  return useQuery({
    queryKey: queryKeys.connections.all(),
    queryFn: () => call(commands.listConnections()),
    staleTime: Infinity,
  });
}

/** Checks a token against Crisp without saving anything. */
export function useTestConnection() {
  return useMutation({ mutationFn: (request: SaveConnection) => call(commands.testConnection(request)) });
}

/** Saves (adds or edits) a connection; the list refreshes on success. */
export function useSaveConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveConnection) => call(commands.saveConnection(request)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all() }),
  });
}

/** Deletes a connection and its stored key. */
export function useDeleteConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connection: ConnectionId) => call(commands.deleteConnection(connection)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all() }),
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
