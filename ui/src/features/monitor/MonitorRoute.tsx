import { ErrorNotice } from "../../components/Status";
import { useConnection, useConnectionList } from "../../session/connection";
import { MonitorScreen } from "./MonitorScreen";

/** `#/monitor` configures the selected connection, `#/monitor/<connection id>` another saved one. */
export function MonitorRoute({ id }: { id: string | null }) {
  const selected = useConnection();
  const connections = useConnectionList();
  const connection = id ? connections.find((c) => c.id === id) : selected;
  if (!connection) return <ErrorNotice message={`No saved connection has the ID ${id}.`} />;
  return <MonitorScreen connection={connection} />;
}
