import { useIsMutating, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { call, commands, openChannel, queryKeys, type ConnectionId, type Progress } from "../../ipc";

/** The import mutations of `connection`, shared by every mounted People screen through the mutation cache. */
const importKey = (connection: ConnectionId) => [...queryKeys.people.all(connection), "import"] as const;

/** Runs the planned import (create or update, matched by email); `progress` follows it; the people lists refetch after. */
export function useRunPeopleImport(connection: ConnectionId) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  const mutation = useMutation({
    mutationKey: importKey(connection),
    mutationFn: () => {
      setProgress(null);
      return call(commands.runPeopleImport(connection, openChannel<Progress>(setProgress)));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.people.all(connection) }),
  });
  return { ...mutation, progress };
}

/**
 * Whether an import of `connection` runs, started from this screen or from an earlier visit to it (the backend
 * refuses a second one while the first runs, so Import stays disabled until it ends).
 */
export function useImportRunning(connection: ConnectionId): boolean {
  return useIsMutating({ mutationKey: importKey(connection) }) > 0;
}
