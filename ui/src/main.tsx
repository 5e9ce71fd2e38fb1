import { sendEarlyRequests } from "./session/early";
import "./app/theme.css";

// The page's entry is small: it asks for the connections and the first screen's rows at once, while the app's code
// (a chunk of its own) loads and is parsed, then mounts the app with those answers on the way (`app/mount.tsx`).
const early = sendEarlyRequests(window.location.hash);
// A failure is the first screen's to show (it is asked again there), not an unhandled rejection.
early.connections.catch(() => undefined);
void import("./app/mount").then(({ mount }) => mount(early));
