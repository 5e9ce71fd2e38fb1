import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys, type MonitorPreferences_Serialize } from "../../ipc";

/** The monitor choices that apply to every connection, as the backend keeps them. */
export type MonitorPreferences = MonitorPreferences_Serialize;

/** The choices that apply to every connection: do not disturb, watch every saved connection. */
export function useMonitorPreferences() {
  return useQuery({
    queryKey: queryKeys.monitorPreferences(),
    queryFn: () => call(commands.monitorPreferences()),
    staleTime: Infinity,
  });
}

/**
 * Sends the whole preferences object with one choice changed; the answer (as kept) replaces the cached one,
 * and monitor statuses refetch, since watching every connection starts or stops monitors.
 */
export function useSetMonitorPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: MonitorPreferences) => call(commands.setMonitorPreferences(preferences)),
    onSuccess: (kept) => {
      queryClient.setQueryData(queryKeys.monitorPreferences(), kept);
      // Monitor statuses and settings (which carry do_not_disturb) are local reads: ask again, no Crisp request.
      return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] === "monitor" });
    },
  });
}
