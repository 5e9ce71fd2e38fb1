import { useState } from "react";
import { navigate } from "../../session/router";
import { ConfirmDialog } from "../../components/Dialog";
import { ErrorNotice, Loading } from "../../components/Status";
import { describeError, type ConnectionSummary } from "../../ipc";
import { ConnectionForm, TokenSteps } from "./ConnectionForm";
import { useDeleteConnection, useDeleteNotice, useListConnections, useSelectConnection } from "./useConnections";

/** The open form; `key` stays the same when a new connection is saved, so the form keeps its state. */
type Editing = ({ mode: "new" } | { mode: "edit"; connection: ConnectionSummary }) & { key: string };
let formCount = 0;

/** Settings: every connection with select, edit (rename), test and delete, and the add form. */
export function ConnectionsScreen() {
  const list = useListConnections();
  const select = useSelectConnection();
  const remove = useDeleteConnection();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ConnectionSummary | null>(null);
  // Set when a connection was deleted but the keychain could not remove its key yet (a notice, not a failure).
  const { notice, dismiss } = useDeleteNotice();

  if (list.isPending) return <Loading>Loading connections…</Loading>;
  if (list.isError) return <ErrorNotice message={describeError(list.error)} onRetry={() => list.refetch()} />;

  return (
    <div className="screen connections-screen">
      <header className="screen-header">
        <h1>Connections</h1>
        <button type="button" className="primary" onClick={() => setEditing({ mode: "new", key: `form-${++formCount}` })}>
          Add connection
        </button>
      </header>
      <ul className="connection-list" aria-label="Connections">
        {list.data.map((c) => (
          <li key={c.id} className="connection-item" aria-current={c.selected ? "true" : undefined}>
            <div className="connection-summary">
              <strong>{c.name}</strong>
              {c.demo ? <span className="badge badge-demo">Demo</span> : null}
              {c.selected ? <span className="badge badge-selected">Selected</span> : null}
              <span className="muted">
                {c.tier} · {c.website_id}
                {c.demo ? " · a local Crisp with sample data" : c.has_key ? " · key stored" : " · no key stored"}
              </span>
            </div>
            <div className="connection-actions">
              <button
                type="button"
                disabled={c.selected || select.isPending}
                onClick={() => select.mutate(c.id)}
                aria-label={`Select ${c.name}`}
              >
                Select
              </button>
              <button type="button" onClick={() => navigate("monitor", c.id)} aria-label={`Notifications for ${c.name}`}>
                Notifications
              </button>
              {!c.demo ? (
                <>
                  <button type="button" onClick={() => setEditing({ mode: "edit", connection: c, key: `form-${++formCount}` })} aria-label={`Edit ${c.name}`}>
                    Edit
                  </button>
                  <button type="button" className="danger" onClick={() => setDeleting(c)} aria-label={`Delete ${c.name}`}>
                    Delete
                  </button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {select.isError ? <ErrorNotice message={describeError(select.error)} /> : null}
      {notice ? (
        <div className="status status-notice" role="status">
          <p>{notice}</p>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
      {editing ? (
        <section className="panel" aria-labelledby="connection-form-title">
          <h2 id="connection-form-title">{editing.mode === "new" ? "Add connection" : `Edit ${editing.connection.name}`}</h2>
          <div className="form-with-steps">
            <ConnectionForm
              key={editing.key}
              connection={editing.mode === "edit" ? editing.connection : null}
              onSaved={(saved) => setEditing({ mode: "edit", connection: saved, key: editing.key })}
              onCancel={() => setEditing(null)}
            />
            <TokenSteps />
          </div>
        </section>
      ) : null}
      <ConfirmDialog
        title={`Delete ${deleting?.name ?? "connection"}?`}
        open={deleting != null}
        confirmLabel="Delete connection"
        busy={remove.isPending}
        error={remove.isError ? describeError(remove.error) : null}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              if (editing?.mode === "edit" && editing.connection.id === deleting.id) setEditing(null);
              setDeleting(null);
            },
          })
        }
      >
        <p>The connection and its stored key are removed from this computer. Nothing changes on Crisp.</p>
      </ConfirmDialog>
    </div>
  );
}
