import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys, type ConnectionId } from "../../ipc";
import type { FullMonitorSettings, SettingKey } from "./settings";

/** One change: the whole settings object to send, and which switch made it (where a failure is shown). */
export interface SettingsChange {
  settings: FullMonitorSettings;
  changed: SettingKey;
}

/**
 * Sends a connection's whole monitor settings object with one switch changed. On success the settings are kept
 * as sent and the answer (the monitor's status, `null` when it is not watched) feeds the budget display.
 */
export function useSetMonitorSettings(connection: ConnectionId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ settings }: SettingsChange) => call(commands.setMonitorSettings(connection, settings)),
    // A settings read still in flight (the screen's first load) must not land after the change and undo it.
    onMutate: () => queryClient.cancelQueries({ queryKey: queryKeys.monitor.settings(connection) }),
    onSuccess: (status, { settings }) => {
      queryClient.setQueryData(queryKeys.monitor.settings(connection), settings);
      queryClient.setQueryData(queryKeys.monitor.status(connection), status);
    },
  });
}
