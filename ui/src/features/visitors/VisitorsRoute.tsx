import { useConnection } from "../../session/connection";
import { VisitorsScreen } from "./VisitorsScreen";
import "./visitors.css";

/** `#/visitors`: the live count and the visitor list of the selected connection's website. */
export function VisitorsRoute() {
  const connection = useConnection();
  return (
    <VisitorsScreen
      connection={connection.id}
      websiteId={connection.website_id}
      conversationLink={(sessionId, text) => <a href={`#/conversations/${encodeURIComponent(sessionId)}`}>{text}</a>}
    />
  );
}
