import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, makeQueryClient } from "./app/App";
import { prepareFirstScreen } from "./app/start";
import { currentLocation } from "./session/router";
import "./app/theme.css";

const root = document.getElementById("root");
if (root) {
  // The first screen's data is asked for before the first render, so the shell and the screen draw together.
  const client = makeQueryClient();
  void prepareFirstScreen(client, currentLocation()).then(() =>
    createRoot(root).render(
      <StrictMode>
        <App client={client} />
      </StrictMode>,
    ),
  );
}
