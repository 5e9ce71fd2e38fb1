import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { call, commands, openChannel, queryKeys, type ConnectionId, type Progress } from "../../ipc";

/** Runs the planned import (create or update, matched by email); `progress` follows it; the people lists refetch after. */
export function useRunPeopleImport(connection: ConnectionId) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  const mutation = useMutation({
    mutationFn: () => {
      setProgress(null);
      return call(commands.runPeopleImport(connection, openChannel<Progress>(setProgress)));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.people.all(connection) }),
  });
  return { ...mutation, progress };
}
