import type { ReactNode } from "react";
import { ConnectionsScreen } from "../features/connections/ConnectionsScreen";
import { ConversationsScreen } from "../features/conversations/ConversationsScreen";
import { Thread } from "../features/messages/Thread";
// UI part 2 (issue 7): people, visitors, websites, API console.
import { PeopleRoute } from "../features/people/PeopleRoute";
import { VisitorsRoute } from "../features/visitors/VisitorsRoute";
import { WebsitesRoute } from "../features/websites/WebsitesRoute";
import { RawRoute } from "../features/raw/RawRoute";
// Issue 9: the monitor's settings.
import { MonitorRoute } from "../features/monitor/MonitorRoute";

/** One screen of the app: its hash path, its nav label and what it renders. */
export interface Route {
  path: string;
  label: string;
  render: (id: string | null) => ReactNode;
}

/**
 * The nav entries in order. Add a screen by adding an entry here (features own their screens; the shell only
 * lists them).
 */
export const routes: Route[] = [
  {
    path: "conversations",
    label: "Conversations",
    render: (id) => (
      // The shell composes the two features: conversations never import messages.
      <ConversationsScreen sessionId={id} renderThread={(sessionId) => <Thread key={sessionId} sessionId={sessionId} />} />
    ),
  },
  // UI part 2 (issue 7):
  { path: "people", label: "People", render: (id) => <PeopleRoute id={id} /> },
  { path: "visitors", label: "Visitors", render: () => <VisitorsRoute /> },
  { path: "websites", label: "Websites", render: () => <WebsitesRoute /> },
  { path: "raw", label: "API console", render: () => <RawRoute /> },
  { path: "monitor", label: "Notifications", render: (id) => <MonitorRoute id={id} /> },
  { path: "connections", label: "Connections", render: () => <ConnectionsScreen /> },
];
