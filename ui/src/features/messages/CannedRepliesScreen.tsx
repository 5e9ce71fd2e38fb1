import { useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Empty, ErrorNotice, Loading } from "../../components/Status";
import { asAppError, describeError, type CannedReply, type ConnectionSummary } from "../../ipc";
import { connectionLabel, useConnection } from "../../session/connection";
import { PLACEHOLDERS, unknownPlaceholders } from "./cannedReplies";
import { useDeleteCannedReply, useListCannedReplies, useSaveCannedReply } from "./useCannedReplies";
import "./cannedReplies.css";

/** The open form: a new reply, or an edit of one. */
type Editing = { mode: "new" } | { mode: "edit"; reply: CannedReply };

const PLACEHOLDER_HELP = `${PLACEHOLDERS.map((p) => `{${p}}`).join(" and ")} are filled from the conversation when the reply is inserted.`;

/**
 * Settings › Canned replies: the selected connection's saved replies, with add, edit and delete. The composer
 * inserts one when `!` and a few letters of its title are typed.
 */
export function CannedRepliesScreen() {
  const connection = useConnection();
  const list = useListCannedReplies(connection.id);
  const remove = useDeleteCannedReply(connection.id);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const closeForm = () => {
    setEditing(null);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <div className="screen canned-replies-screen">
      <header className="screen-header">
        <div>
          <h1>Canned replies</h1>
          <p className="muted">For {connectionLabel(connection)}</p>
        </div>
        <button ref={addButton} type="button" className="primary" onClick={() => setEditing({ mode: "new" })}>
          Add canned reply
        </button>
      </header>
      <p>
        Saved replies for this connection. In a conversation&apos;s reply box, type <kbd>!</kbd> and a few letters of a
        title, choose with the arrow keys and press Enter to insert it. {PLACEHOLDER_HELP}
      </p>
      {editing ? (
        <CannedReplyForm
          key={editing.mode === "edit" ? editing.reply.id : "new"}
          connection={connection}
          reply={editing.mode === "edit" ? editing.reply : null}
          onDone={closeForm}
        />
      ) : null}
      {list.isPending ? (
        <Loading>Loading canned replies…</Loading>
      ) : list.isError ? (
        <ErrorNotice message={describeError(list.error)} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>No canned replies yet. Add one to answer common questions in a few keystrokes.</Empty>
      ) : (
        <ul className="canned-reply-list" aria-label="Canned replies">
          {list.data.map((reply) => (
            <li key={reply.id} className="canned-reply-item">
              <div className="canned-reply-summary">
                <strong>{reply.title}</strong>
                <span className="canned-reply-text">{reply.text}</span>
              </div>
              <div className="connection-actions">
                <button type="button" onClick={() => setEditing({ mode: "edit", reply })} aria-label={`Edit ${reply.title}`}>
                  Edit
                </button>
                <button type="button" className="danger" onClick={() => setDeleting(reply)} aria-label={`Delete ${reply.title}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        title={deleting ? `Delete “${deleting.title}”?` : "Delete?"}
        open={deleting != null}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.isError ? describeError(remove.error) : null}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              if (editing?.mode === "edit" && editing.reply.id === deleting.id) setEditing(null);
              setDeleting(null);
            },
          });
        }}
      >
        <p>The reply is removed from this connection&apos;s canned replies. Messages already sent stay as they are.</p>
      </ConfirmDialog>
    </div>
  );
}

/** Problems found before saving, at their fields. */
function check(title: string, text: string): { title?: string; text?: string } {
  return {
    ...(title.trim() ? {} : { title: "Give the canned reply a title." }),
    ...(text.trim() ? {} : { text: "Write the text to insert." }),
  };
}

/** Adds or edits one canned reply. On a refusal the form keeps what was typed and shows why at the field. */
function CannedReplyForm({ connection, reply, onDone }: { connection: ConnectionSummary; reply: CannedReply | null; onDone: () => void }) {
  const save = useSaveCannedReply(connection.id);
  const [title, setTitle] = useState(reply?.title ?? "");
  const [text, setText] = useState(reply?.text ?? "");
  const [errors, setErrors] = useState<{ title?: string; text?: string; form?: string }>({});
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);
  const unknown = unknownPlaceholders(text);
  const heading = reply ? `Edit “${reply.title}”` : "New canned reply";

  return (
    <form
      className="panel canned-reply-form"
      aria-label={heading}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const problems = check(title, text);
        setErrors(problems);
        if (problems.title || problems.text) return;
        save.mutate(
          { ...(reply ? { id: reply.id } : {}), title, text },
          {
            onSuccess: onDone,
            onError: (error) => {
              const e = asAppError(error);
              setErrors(e.field === "title" || e.field === "text" ? { [e.field]: e.message } : { form: describeError(e) });
            },
          },
        );
      }}
    >
      <h2>{heading}</h2>
      <Field label="Title" help="What you type after ! to find it." error={errors.title}>
        <input
          ref={titleInput}
          type="text"
          autoComplete="off"
          value={title}
          onChange={(event) => {
            setTitle(event.target.value);
            setErrors((e) => ({ ...e, title: undefined }));
          }}
        />
      </Field>
      <Field label="Text" help={PLACEHOLDER_HELP} error={errors.text}>
        <textarea
          rows={5}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setErrors((e) => ({ ...e, text: undefined }));
          }}
        />
      </Field>
      {unknown.length ? (
        <p className="canned-warning" role="status">
          {`Not a placeholder: ${unknown.map((n) => `{${n}}`).join(", ")} will be inserted as typed. Only ${PLACEHOLDERS.map((p) => `{${p}}`).join(" and ")} are filled.`}
        </p>
      ) : null}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save canned reply"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
