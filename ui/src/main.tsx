import { call, commands } from "./ipc";
import "./app/theme.css";

// The page's entry is small: it asks for the connections at once, while the app's code (a chunk of its own) loads
// and is parsed, then mounts the app with that answer on the way (`app/mount.tsx`).
const connections = call(commands.listConnections());
// A failure is the first screen's to show (the connections are asked again there), not an unhandled rejection.
connections.catch(() => undefined);
void import("./app/mount").then(({ mount }) => mount(connections));
