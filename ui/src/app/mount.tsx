import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { currentLocation } from "../session/router";
import { App, makeQueryClient } from "./App";
import type { EarlyRequests } from "../session/early";
import { prepareFirstScreen } from "./start";

/**
 * Renders the app into `#root` once the first screen's data is in (`prepareFirstScreen`), so the shell and the
 * screen draw together. `early`: what the page's entry already asked for.
 */
export async function mount(early: EarlyRequests) {
  const root = document.getElementById("root");
  if (!root) return;
  const client = makeQueryClient();
  await prepareFirstScreen(client, currentLocation(), early);
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
