import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { ConnectionSummary } from "../ipc";
import { currentLocation } from "../session/router";
import { App, makeQueryClient } from "./App";
import { prepareFirstScreen } from "./start";

/**
 * Renders the app into `#root` once the first screen's data is in (`prepareFirstScreen`), so the shell and the
 * screen draw together. `connections`: the connections, already asked for by the page's entry.
 */
export async function mount(connections: Promise<ConnectionSummary[]>) {
  const root = document.getElementById("root");
  if (!root) return;
  const client = makeQueryClient();
  await prepareFirstScreen(client, currentLocation(), connections);
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
