import { createContext, useContext } from "react";
import type { ConnectionSummary } from "../ipc";

/** The selected connection, provided by the shell; screens read it instead of asking the backend again. */
export const ConnectionContext = createContext<ConnectionSummary | null>(null);

/** The selected connection; screens inside the shell always have one. */
export function useConnection(): ConnectionSummary {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error("useConnection is used outside the app shell");
  return connection;
}

/** Every connection (the Demo first), provided by the shell for screens that configure more than the selected one. */
export const ConnectionListContext = createContext<ConnectionSummary[]>([]);

/** Every connection, as the shell listed them. */
export function useConnectionList(): ConnectionSummary[] {
  return useContext(ConnectionListContext);
}

/** A connection's name in lists and headings; the Demo is marked as such unless its name already says so. */
export function connectionLabel(connection: ConnectionSummary): string {
  return connection.demo && !/demo/i.test(connection.name) ? `${connection.name} (demo)` : connection.name;
}
