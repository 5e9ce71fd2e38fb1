import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId } from "../../ipc";
import { completeSettings } from "./settings";

/** A connection's monitor settings, every field filled (the backend's defaults where it left one out). */
export function useMonitorSettings(connection: ConnectionId) {
  return useQuery({
    queryKey: queryKeys.monitor.settings(connection),
    queryFn: async () => completeSettings(await call(commands.monitorSettings(connection))),
  });
}
