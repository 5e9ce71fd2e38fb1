import { Dialog } from "../../components/Dialog";
import { useRegisteredActions } from "../../session/actions";
import { SHORTCUTS, shortcutLabel } from "../../session/shortcuts";

/**
 * The `?` overlay: every documented shortcut, then any other shortcut an action on screen takes, each saying
 * whether it works on this screen now.
 */
export function ShortcutsOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const actions = useRegisteredActions();
  const live = (id: string) => actions.some((a) => a.id === id && a.enabled !== false && a.shortcut);
  const documented = new Set(SHORTCUTS.map((s) => s.action).filter(Boolean));
  const extra = actions.filter((a) => a.shortcut && !documented.has(a.id));
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">What it does</th>
            <th scope="col">On this screen</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.shortcut}>
              <td>
                <kbd>{shortcutLabel(s.shortcut)}</kbd>
              </td>
              <td>{s.title}</td>
              <td>{!s.action || live(s.action) ? "Available" : <span className="muted">Not here</span>}</td>
            </tr>
          ))}
          {extra.map((a) => (
            <tr key={a.id}>
              <td>
                <kbd>{shortcutLabel(a.shortcut ?? "")}</kbd>
              </td>
              <td>{a.title}</td>
              <td>{a.enabled === false ? <span className="muted">Not now</span> : "Available"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-help">One-key shortcuts do nothing while you type in a field.</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
