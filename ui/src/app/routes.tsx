import type { ReactNode } from "react";
import { ConnectionsScreen } from "../features/connections/ConnectionsScreen";
import { ConversationsScreen } from "../features/conversations/ConversationsScreen";

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
  { path: "conversations", label: "Conversations", render: (id) => <ConversationsScreen sessionId={id} /> },
  { path: "connections", label: "Connections", render: () => <ConnectionsScreen /> },
];
