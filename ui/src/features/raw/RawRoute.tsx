import { useConnection } from "../../session/connection";
import { ApiConsoleScreen } from "./ApiConsoleScreen";
import "./raw.css";

/** `#/raw`: the API console (Make an API call) on the selected connection. */
export function RawRoute() {
  const connection = useConnection();
  return (
    <ApiConsoleScreen
      key={connection.id}
      connection={connection.id}
      websiteId={connection.website_id}
      apiBase={connection.api_base}
    />
  );
}
