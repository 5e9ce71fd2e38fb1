import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId } from "../../ipc";
import type { FullWatchSettings, SettingKey } from "./settings";

/** One change: the whole settings object to send, and which switch made it (where a failure is shown). */
export interface SettingsChange {
  settings: FullWatchSettings;
  changed: SettingKey;
}

/**
 * Sends a connection's whole watch settings object with one switch changed. On success the settings are kept
 * as sent and the answer (the watcher's status, `null` when it is not watched) feeds the budget display.
 */
export function useSetWatchSettings(connection: ConnectionId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ settings }: SettingsChange) => call(commands.setWatchSettings(connection, settings)),
    onSuccess: (status, { settings }) => {
      queryClient.setQueryData(queryKeys.watch.settings(connection), settings);
      queryClient.setQueryData(queryKeys.watch.status(connection), status);
    },
  });
}
