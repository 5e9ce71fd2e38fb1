import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId } from "../../ipc";
import { completeSettings } from "./settings";

/** A connection's watch settings, every field filled (the backend's defaults where it left one out). */
export function useWatchSettings(connection: ConnectionId) {
  return useQuery({
    queryKey: queryKeys.watch.settings(connection),
    queryFn: async () => completeSettings(await call(commands.watchSettings(connection))),
  });
}
