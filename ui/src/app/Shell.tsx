import { lazy, Suspense, useState, type ReactNode } from "react";
import { ErrorNotice, Loading } from "../components/Status";
import { useListConnections, useSelectConnection } from "../features/connections/useConnections";
import { DoNotDisturb } from "../features/monitor/DoNotDisturb";
import { MonitorProvider, useMonitor } from "../features/monitor/monitor";
import { MonitorBar } from "../features/monitor/MonitorBar";
import { UnreadList } from "../features/monitor/UnreadList";
import { useStoredDrafts } from "../features/local/useStoredDrafts";
import { PaletteHost } from "../features/palette/PaletteHost";
import { describeError, type ConnectionSummary } from "../ipc";
import { ConnectionContext, ConnectionListContext, connectionLabel } from "../session/connection";
import { navigate, useLocation } from "../session/router";
import { QuotaMeter } from "./QuotaMeter";
import { routeOf, routes, type Route } from "./routes";

// The set-up form (and its validation library) loads only when a first launch asks for it.
const FirstRunScreen = lazy(() =>
  import("../features/connections/FirstRunScreen").then((m) => ({ default: m.FirstRunScreen })),
);

const FIRST_RUN_DONE = "crisp-desk.first-run-done";

/** The app shell: the first-run screen until a connection is chosen, then nav, switcher and the current screen. */
export function Shell() {
  const location = useLocation();
  const list = useListConnections();
  const select = useSelectConnection();
  const [firstRunDone, setFirstRunDone] = useState(() => window.localStorage.getItem(FIRST_RUN_DONE) === "1");
  const [addingFirst, setAddingFirst] = useState(false);
  useStoredDrafts(list.data?.find((c) => c.selected)?.id ?? null);

  if (list.isPending) return <Loading>Loading connections…</Loading>;
  if (list.isError) return <ErrorNotice message={describeError(list.error)} onRetry={() => list.refetch()} />;

  const connections = list.data;
  const selected = connections.find((c) => c.selected) ?? null;
  const finishFirstRun = () => {
    window.localStorage.setItem(FIRST_RUN_DONE, "1");
    setFirstRunDone(true);
  };
  // A first launch opens on the Demo (what the backend selects) with a welcome; the set-up form is one click away.
  const welcoming = !firstRunDone && !connections.some((c) => !c.demo);
  if (welcoming && addingFirst) {
    return (
      <Suspense fallback={<Loading>Loading the set-up form…</Loading>}>
        <FirstRunScreen
          onDone={() => {
            finishFirstRun();
            navigate("conversations");
          }}
        />
      </Suspense>
    );
  }

  const route = routeOf(location.screen);
  const openSession = selected && route.path === "conversations" ? location.id : null;
  const opened = route.opens?.(location.id) ?? null;
  return (
    <MonitorProvider openConnection={opened?.connection ?? selected?.id ?? null} openSession={opened?.session ?? openSession}>
      <ShellLayout route={route} id={location.id} connections={connections} selected={selected} select={select}>
        {welcoming ? <WelcomeBanner onAdd={() => setAddingFirst(true)} onDismiss={finishFirstRun} /> : null}
      </ShellLayout>
    </MonitorProvider>
  );
}

/**
 * The shell inside the monitor provider: the header (switcher with unread counts, budget, unread list, do not
 * disturb), the current screen, and the monitor footer.
 */
function ShellLayout({
  route,
  id,
  connections,
  selected,
  select,
  children,
}: {
  route: Route;
  id: string | null;
  connections: ConnectionSummary[];
  selected: ConnectionSummary | null;
  select: ReturnType<typeof useSelectConnection>;
  /** Shown above the current screen (the first launch's welcome). */
  children?: ReactNode;
}) {
  const { unreadCount } = useMonitor();
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
            {connections.map((c) => {
              const unread = unreadCount(c.id);
              return (
                <option key={c.id} value={c.id}>
                  {`${connectionLabel(c)}${unread ? ` — ${unread} unread` : ""}`}
                </option>
              );
            })}
          </select>
          {selected?.demo ? <span className="badge badge-demo">Demo</span> : null}
          {selected ? <QuotaMeter key={selected.id} connection={selected} /> : null}
        </div>
        <div className="shell-tools">
          <UnreadList
            connections={connections}
            selected={selected}
            onSelect={(connection, then) => select.mutate(connection, { onSuccess: then })}
          />
          <DoNotDisturb />
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
                  {r.badge?.(connections)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <PaletteHost sections={routes} />
      {children}
      <main id="main" className="shell-main" tabIndex={-1}>
        {select.isError ? <ErrorNotice message={describeError(select.error)} /> : null}
        {needsConnection && !selected ? (
          <ErrorNotice message="No connection is selected. Choose one in the switcher above, or add one under Connections." />
        ) : (
          <ConnectionListContext.Provider value={connections}>
            <ConnectionContext.Provider value={selected}>
              {/* keyed by connection, so no screen keeps another workspace's state */}
              <div key={selected?.id ?? "none"} className="screen-host">
                {route.render(id)}
              </div>
            </ConnectionContext.Provider>
          </ConnectionListContext.Provider>
        )}
      </main>
      {selected ? <MonitorBar key={selected.id} connection={selected} /> : null}
    </div>
  );
}

/** The first launch's welcome above the Demo inbox: what the Demo is, and the way to a real connection. */
function WelcomeBanner({ onAdd, onDismiss }: { onAdd: () => void; onDismiss: () => void }) {
  return (
    <section className="welcome-banner" aria-labelledby="welcome-title">
      <div>
        <h1 id="welcome-title">Welcome to Crisp Desk</h1>
        <p>
          You are looking at the Demo connection: a local Crisp with sample conversations, people and visitors. Nothing
          leaves this computer. Connect your own workspace when you are ready.
        </p>
      </div>
      <div className="header-actions">
        <button type="button" className="primary" onClick={onAdd}>
          Add your Crisp connection
        </button>
        <button type="button" onClick={onDismiss}>
          Keep exploring the Demo
        </button>
      </div>
    </section>
  );
}
