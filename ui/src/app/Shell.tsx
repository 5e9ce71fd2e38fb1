import { useState } from "react";
import { ErrorNotice, Loading } from "../components/Status";
import { FirstRunScreen } from "../features/connections/FirstRunScreen";
import { useListConnections, useSelectConnection } from "../features/connections/useConnections";
import { describeError } from "../ipc";
import { ConnectionContext } from "./connection";
import { QuotaMeter } from "./QuotaMeter";
import { navigate, useLocation } from "./router";
import { routes } from "./routes";

const FIRST_RUN_DONE = "crisp-desk.first-run-done";

/** The app shell: the first-run screen until a connection is chosen, then nav, switcher and the current screen. */
export function Shell() {
  const location = useLocation();
  const list = useListConnections();
  const select = useSelectConnection();
  const [firstRunDone, setFirstRunDone] = useState(() => window.localStorage.getItem(FIRST_RUN_DONE) === "1");

  if (list.isPending) return <Loading>Loading connections…</Loading>;
  if (list.isError) return <ErrorNotice message={describeError(list.error)} onRetry={() => list.refetch()} />;

  const connections = list.data;
  const selected = connections.find((c) => c.selected) ?? null;
  if (!firstRunDone && !connections.some((c) => !c.demo)) {
    return (
      <FirstRunScreen
        onDone={() => {
          window.localStorage.setItem(FIRST_RUN_DONE, "1");
          setFirstRunDone(true);
          navigate("conversations");
        }}
      />
    );
  }

  const route = routes.find((r) => r.path === location.screen) ?? routes[0];
  const needsConnection = route.path !== "connections";
  return (
    <div className="shell">
      <header className="shell-header">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <span className="app-name">Crisp Desk</span>
        <div className="switcher">
          <label htmlFor="connection-switcher">Connection</label>
          <select
            id="connection-switcher"
            value={selected?.id ?? ""}
            disabled={select.isPending}
            onChange={(e) => select.mutate(e.target.value)}
          >
            {selected ? null : <option value="">Choose a connection</option>}
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.demo ? `${c.name} (demo)` : c.name}
              </option>
            ))}
          </select>
          {selected?.demo ? <span className="badge badge-demo">Demo</span> : null}
          {selected ? <QuotaMeter key={selected.id} connection={selected} /> : null}
        </div>
        <nav aria-label="Sections" className="shell-nav">
          <ul>
            {routes.map((r) => (
              <li key={r.path}>
                <a
                  href={`#/${r.path}`}
                  aria-current={r === route ? "page" : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(r.path);
                  }}
                >
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        {select.isError ? <ErrorNotice message={describeError(select.error)} /> : null}
        {needsConnection && !selected ? (
          <ErrorNotice message="No connection is selected. Choose one in the switcher above, or add one under Connections." />
        ) : (
          <ConnectionContext.Provider value={selected}>
            {/* keyed by connection, so no screen keeps another workspace's state */}
            <div key={selected?.id ?? "none"} className="screen-host">
              {route.render(location.id)}
            </div>
          </ConnectionContext.Provider>
        )}
      </main>
    </div>
  );
}
