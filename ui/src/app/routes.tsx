import type { QueryClient } from "@tanstack/react-query";
import { lazy, Suspense, type ReactNode } from "react";
import { Loading } from "../components/Status";
import { ConversationsScreen } from "../features/conversations/ConversationsScreen";
import { prefetchInbox } from "../features/conversations/useSearchConversations";
import { CombinedUnreadBadge } from "../features/inbox/CombinedUnreadBadge";
import { MERGED_INBOX, parseRowPath } from "../features/inbox/merge";
import type { ConnectionId, ConnectionSummary } from "../ipc";
import { INBOX_PATH, type EarlyRequests } from "../session/early";

// Only the first screen (the inbox) is in the start-up bundle; every other screen, and the thread of an open
// conversation, loads the first time it shows, so a start parses and compiles less.
const Thread = lazy(() => import("../features/messages/Thread").then((m) => ({ default: m.Thread })));
const ConnectionsScreen = lazy(() =>
  import("../features/connections/ConnectionsScreen").then((m) => ({ default: m.ConnectionsScreen })),
);
// UI part 2 (issue 7): people, visitors, websites, API console.
const PeopleRoute = lazy(() => import("../features/people/PeopleRoute").then((m) => ({ default: m.PeopleRoute })));
const VisitorsRoute = lazy(() => import("../features/visitors/VisitorsRoute").then((m) => ({ default: m.VisitorsRoute })));
const WebsitesRoute = lazy(() => import("../features/websites/WebsitesRoute").then((m) => ({ default: m.WebsitesRoute })));
const RawRoute = lazy(() => import("../features/raw/RawRoute").then((m) => ({ default: m.RawRoute })));
// Issue 20: every connection's conversations in one list.
const MergedInboxScreen = lazy(() => import("../features/inbox/MergedInboxScreen").then((m) => ({ default: m.MergedInboxScreen })));
// Issue 9: the monitor's settings.
const MonitorRoute = lazy(() => import("../features/monitor/MonitorRoute").then((m) => ({ default: m.MonitorRoute })));
// Issue 20: the connection's canned replies (inserted in the composer with !).
const CannedRepliesScreen = lazy(() =>
  import("../features/messages/CannedRepliesScreen").then((m) => ({ default: m.CannedRepliesScreen })),
);

/** A screen whose code loads on first use, with a loading state meanwhile. */
function later(screen: ReactNode) {
  return <Suspense fallback={<Loading />}>{screen}</Suspense>;
}

/** One screen of the app: its hash path, its nav label and what it renders. */
export interface Route {
  path: string;
  label: string;
  render: (id: string | null) => ReactNode;
  /** Shown beside the nav label (a count), given every connection. */
  badge?: (connections: ConnectionSummary[]) => ReactNode;
  /** The conversation the route's id opens and its connection, when not the selected one's (the monitor reads it). */
  opens?: (id: string | null) => { connection: ConnectionId; session: string } | null;
  /**
   * What the screen shows first, asked for before the app's first render when it opens on this screen; resolves
   * once that can show. `early`: what the page's entry already asked for, to be taken instead of asking again.
   */
  prefetch?: (client: QueryClient, connection: ConnectionSummary, early?: EarlyRequests) => Promise<void>;
}

/**
 * The nav entries in order. Add a screen by adding an entry here (features own their screens; the shell only
 * lists them).
 */
export const routes: Route[] = [
  {
    path: INBOX_PATH,
    label: "Conversations",
    render: (id) => (
      // The shell composes the two features: conversations never import messages.
      <ConversationsScreen sessionId={id} renderThread={(sessionId) => later(<Thread key={sessionId} sessionId={sessionId} />)} />
    ),
    prefetch: prefetchInbox,
  },
  {
    path: MERGED_INBOX,
    label: "All connections",
    render: (id) =>
      later(
        <MergedInboxScreen
          id={id}
          renderThread={(open) => later(<Thread key={`${open.connection}/${open.sessionId}`} sessionId={open.sessionId} />)}
        />,
      ),
    badge: (connections) => <CombinedUnreadBadge connections={connections} />,
    opens: (id) => {
      const open = parseRowPath(id);
      return open ? { connection: open.connection, session: open.sessionId } : null;
    },
  },
  // UI part 2 (issue 7):
  { path: "people", label: "People", render: (id) => later(<PeopleRoute id={id} />) },
  { path: "visitors", label: "Visitors", render: () => later(<VisitorsRoute />) },
  { path: "websites", label: "Websites", render: () => later(<WebsitesRoute />) },
  { path: "raw", label: "API console", render: () => later(<RawRoute />) },
  { path: "monitor", label: "Notifications", render: (id) => later(<MonitorRoute id={id} />) },
  { path: "canned-replies", label: "Canned replies", render: () => later(<CannedRepliesScreen />) },
  { path: "connections", label: "Connections", render: () => later(<ConnectionsScreen />) },
];

/** The route of a location's screen: the first one (the inbox) for an empty or unknown screen. */
export const routeOf = (screen: string): Route => routes.find((r) => r.path === screen) ?? routes[0];
