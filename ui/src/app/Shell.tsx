import { useLocation, navigate } from "./router";
import { routes } from "./routes";

/** The app shell: nav, connection switcher, and the current screen. */
export function Shell() {
  const location = useLocation();
  const route = routes.find((r) => r.path === location.screen) ?? routes[0];
  return (
    <div className="shell">
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
      <main className="shell-main">{route.render(location.id)}</main>
    </div>
  );
}
