import { useEffect, useState, type ReactNode } from "react";
import { ConfirmDialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { ErrorNotice, Loading } from "../../components/Status";
import { known, unknownOf, type Json } from "../../components/lenient";
import { RawJson } from "../../components/RawJson";
import { OfflineBadge } from "../../components/OfflineBadge";
import { AppError, offlineKey, useOfflineStoredAt } from "../../ipc";
import { PEOPLE_ID_HINT, ProfileForm } from "./ProfileForm";
import {
  emptyProfileValues,
  fieldRule,
  getAt,
  profileToValues,
  toPatchBody,
  toWriteBody,
  type ProfileFormValues,
} from "./profileForm";
import { usePersonConversations } from "./usePersonConversations";
import { useAddPeopleProfile } from "./useAddPeopleProfile";
import { useGetPeopleProfile } from "./useGetPeopleProfile";
import { useRemovePeopleProfile } from "./useRemovePeopleProfile";
import { useUpdatePeopleProfile } from "./useUpdatePeopleProfile";

interface Common {
  connection: string;
  websiteId: string;
  onDirtyChange?: (dirty: boolean) => void;
}

/** "Add a people profile": the blank form; a saved profile opens its detail view. */
export function AddPersonScreen({ connection, websiteId, onDirtyChange, onSaved, onCancel }: Common & {
  onSaved: (peopleId: string) => void;
  onCancel: () => void;
}) {
  const add = useAddPeopleProfile(connection);
  const [initial] = useState(emptyProfileValues);
  return (
    <section className="people-screen" aria-labelledby="profile-form-title">
      <header className="screen-header">
        <h1 id="profile-form-title">Add a people profile</h1>
      </header>
      <ProfileForm
        mode="add"
        initial={initial}
        onDirtyChange={onDirtyChange}
        onCancel={onCancel}
        onSave={async (values: ProfileFormValues) => {
          const body = toWriteBody(values);
          // The form checks the required email before it saves; this keeps the form open if it ever did not.
          if (!body) throw new AppError({ kind: "invalid_input", message: "Enter the email.", field: "email" });
          const created = await add.mutateAsync({ website_id: websiteId, body });
          onDirtyChange?.(false);
          onSaved(created.people_id ?? "");
        }}
      />
    </section>
  );
}

/** "Update a people profile": the same form filled from get_people_profile; only changed fields are sent. */
export function EditPersonScreen({ connection, websiteId, peopleId, onDirtyChange, onSaved, onCancel }: Common & {
  peopleId: string;
  /** Told the People ID the changes were saved to (the typed one). */
  onSaved: (peopleId: string) => void;
  onCancel: () => void;
}) {
  const profile = useGetPeopleProfile(connection, websiteId, peopleId);
  const update = useUpdatePeopleProfile(connection);
  // The form's starting point is fixed once loaded, so a background refetch cannot reset typing.
  const [initial, setInitial] = useState<ProfileFormValues | null>(null);
  if (profile.data && !initial) setInitial(profileToValues(profile.data));

  return (
    <section className="people-screen" aria-labelledby="profile-form-title">
      <header className="screen-header">
        <h1 id="profile-form-title">Edit {known(profile.data?.person)?.nickname || profile.data?.email || "profile"}</h1>
      </header>
      {profile.error ? <ErrorNote>{profile.error.message}</ErrorNote> : null}
      {!initial ? (
        profile.error ? null : <Loading>Loading the profile…</Loading>
      ) : (
        <ProfileForm
          mode="edit"
          initial={initial}
          peopleId={peopleId}
          onDirtyChange={onDirtyChange}
          onCancel={onCancel}
          onSave={async (values, typedPeopleId) => {
            const body = toPatchBody(initial, values);
            await update.mutateAsync({ website_id: websiteId, people_id: typedPeopleId, body });
            onDirtyChange?.(false);
            onSaved(typedPeopleId);
          }}
        />
      )}
    </section>
  );
}

function ErrorNote({ children }: { children: string }) {
  return <ErrorNotice message={children} />;
}

const PERSON_PATHS = ["nickname", "avatar", "gender", "phone", "address", "website", "timezone", "locales"].map(
  (key) => `person.${key}`,
);
const EMPLOYMENT_PATHS = ["name", "domain", "title", "role", "seniority"].map((key) => `person.employment.${key}`);
const COMPANY_PATHS = ["name", "legal_name", "domain", "url", "description", "timezone", "phones", "emails"].map(
  (key) => `company.${key}`,
);
const METRICS_PATHS = ["employees", "market_cap", "raised", "arr"].map((key) => `company.metrics.${key}`);
const placePaths = (side: "person" | "company") =>
  ["country", "region", "city", "coordinates.latitude", "coordinates.longitude"].map((key) => `${side}.geolocation.${key}`);

/** The profile's fields at `paths`, labelled as the people field rules label them. */
function FieldItems({ profile, paths }: { profile: Profile; paths: readonly string[] }) {
  return (
    <>
      {paths.map((path) => (
        <Item key={path} label={fieldRule(path)?.label ?? path} value={getAt(profile, path)} />
      ))}
    </>
  );
}

/** Where a People ID is typed (to open, or to confirm a removal). */
function PeopleIdField({ value, error, onChange }: { value: string; error?: string | null; onChange: (value: string) => void }) {
  return (
    <Field label="People ID" help={PEOPLE_ID_HINT} error={error ?? undefined}>
      <input
        type="text"
        className="pf-mono"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

function Item({ label, value }: { label: string; value: unknown }) {
  const text =
    value === null || value === undefined || value === ""
      ? null
      : Array.isArray(value)
        ? value.length
          ? value.join(", ")
          : null
        : String(value);
  if (text === null) return null;
  return (
    <div className="pd-item">
      <dt>{label}</dt>
      <dd>{text}</dd>
    </div>
  );
}

type Profile = ReturnType<typeof profileToValues>;

/** The profile fields this screen reads (contract §3.10); anything else Crisp sends is shown raw. */
const MODELLED_PROFILE_FIELDS = new Set([
  "people_id",
  "email",
  "person",
  "company",
  "segments",
  "notepad",
  "active",
  "score",
  "created_at",
  "updated_at",
]);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="pd-section" aria-label={title}>
      <h2>{title}</h2>
      <dl>{children}</dl>
    </section>
  );
}

/**
 * People ID typed, for the operations that take one: Get (submit), and optionally Edit and Remove. Opened from a
 * row, it starts with that row's People ID.
 */
export function PeopleIdForm({ initial, onGet, onEdit, onRemove }: {
  initial: string;
  onGet: (peopleId: string) => void;
  onEdit?: (peopleId: string) => void;
  onRemove?: (peopleId: string) => void;
}) {
  const [typed, setTyped] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const go = (action: (peopleId: string) => void) => {
    const peopleId = typed.trim();
    if (!peopleId) {
      setError("Enter a People ID.");
      return;
    }
    setError(null);
    action(peopleId);
  };
  return (
    <form
      className="people-id-form"
      aria-label="Get a person"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        go(onGet);
      }}
    >
      <PeopleIdField value={typed} error={error} onChange={setTyped} />
      <div className="pf-actions">
        <button type="submit" className="secondary">
          Get profile
        </button>
        {onEdit ? (
          <button type="button" className="secondary" onClick={() => go(onEdit)}>
            Update profile
          </button>
        ) : null}
        {onRemove ? (
          <button type="button" className="danger" onClick={() => go(onRemove)}>
            Remove profile
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** "Remove a people profile": confirms, with People ID typed (prefilled with the profile it was opened for). */
export function RemovePersonDialog({ connection, websiteId, open, peopleId, who, onCancel, onRemoved }: {
  connection: string;
  websiteId: string;
  open: boolean;
  peopleId: string;
  /** How the profile is named in the question. */
  who: string;
  onCancel: () => void;
  onRemoved: (peopleId: string) => void;
}) {
  const remove = useRemovePeopleProfile(connection);
  const [typed, setTyped] = useState(peopleId);
  const [error, setError] = useState<string | null>(null);
  // Each opening starts from the profile it was opened for.
  useEffect(() => {
    if (open) {
      setTyped(peopleId);
      setError(null);
    }
  }, [open, peopleId]);
  // The safe choice gets the focus: the dialog's first control is the People ID, which the browser would
  // otherwise focus when the modal opens.
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>("dialog[open] .dialog-actions button")?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, [open]);
  const fieldError = error ?? (remove.error && asField(remove.error) === "people_id" ? remove.error.message : null);
  return (
    <ConfirmDialog
      title="Remove this profile?"
      open={open}
      confirmLabel={remove.isPending ? "Removing…" : "Remove profile"}
      busy={remove.isPending}
      error={remove.error && !fieldError ? remove.error.message : null}
      onCancel={() => {
        remove.reset();
        onCancel();
      }}
      onConfirm={() => {
        const target = typed.trim();
        if (!target) {
          setError("Enter the People ID of the profile to remove.");
          return;
        }
        remove.mutate({ website_id: websiteId, people_id: target }, { onSuccess: () => onRemoved(target) });
      }}
    >
      <p>The profile of {who} is deleted from Crisp. This cannot be undone.</p>
      <PeopleIdField
        value={typed}
        error={fieldError}
        onChange={(value) => {
          setTyped(value);
          setError(null);
        }}
      />
    </ConfirmDialog>
  );
}

function asField(error: unknown): string | null {
  const field = (error as { field?: unknown } | null)?.field;
  return typeof field === "string" ? field : null;
}

/** A profile's detail view: People ID typed (Get), every stored field as text, Edit, Remove (confirmed), and its conversations. */
export function PersonScreen({ connection, websiteId, peopleId, onGet, onEdit, onRemoved, conversationHref }: Common & {
  peopleId: string;
  /** Opens the profile of a typed People ID. */
  onGet: (peopleId: string) => void;
  onEdit: () => void;
  onRemoved: () => void;
  /** Where one conversation opens (the app's route). */
  conversationHref: (sessionId: string) => string;
}) {
  const profile = useGetPeopleProfile(connection, websiteId, peopleId);
  const storedAt = useOfflineStoredAt(offlineKey("people_profile", connection, peopleId));
  const [confirming, setConfirming] = useState(false);
  const [showConversations, setShowConversations] = useState(false);
  const getForm = (
    <PeopleIdForm
      initial={peopleId}
      onGet={(typed) => (typed === peopleId ? void profile.refetch() : onGet(typed))}
    />
  );
  if (profile.isPending) {
    return (
      <>
        {getForm}
        <Loading>Loading the profile…</Loading>
      </>
    );
  }
  if (profile.error) {
    return (
      <>
        {getForm}
        <ErrorNote>{profile.error.message}</ErrorNote>
      </>
    );
  }
  const data = profile.data;
  const p: Profile = profileToValues(data);
  const active = known(data.active ?? undefined);
  // Fields Crisp sent in a shape this app does not read: shown as sent beside the fields that did read.
  const odd = {
    person: unknownOf(data.person, "object"),
    company: unknownOf(data.company, "object"),
    active: typeof data.active === "number" ? undefined : unknownOf(data.active, "object"),
    segments: unknownOf(data.segments, "strings"),
  };
  const date = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toLocaleString() : undefined);
  // Fields Crisp added that this app does not model: shown as sent, never dropped (an edit sends only what it
  // changes, so they stay as they are on Crisp).
  const others = Object.fromEntries(Object.entries(data).filter(([key]) => !MODELLED_PROFILE_FIELDS.has(key)));

  return (
    <section className="people-screen person-detail" aria-labelledby="person-title">
      <header className="screen-header">
        <h1 id="person-title">{p.person.nickname || p.email || "Profile"}</h1>
        <OfflineBadge storedAt={storedAt} />
        <div className="pd-actions">
          <button type="button" className="secondary" aria-expanded={showConversations} onClick={() => setShowConversations((s) => !s)}>
            Conversations
          </button>
          <button type="button" className="primary" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Remove
          </button>
        </div>
      </header>

      {getForm}

      <RemovePersonDialog
        connection={connection}
        websiteId={websiteId}
        open={confirming}
        peopleId={peopleId}
        who={p.person.nickname || p.email || "this person"}
        onCancel={() => setConfirming(false)}
        onRemoved={() => onRemoved()}
      />

      {showConversations ? (
        <PersonConversations connection={connection} websiteId={websiteId} email={p.email} href={conversationHref} />
      ) : null}

      <div className="pd-grid">
        <Section title="Contact">
          <Item label="Email" value={p.email} />
          <Item label="People ID" value={peopleId} />
          <Item label="Created" value={date(data.created_at)} />
          <Item label="Updated" value={date(data.updated_at)} />
          <Item label="Last active" value={active?.now ? "Now" : date(active?.last)} />
          <RawJson value={odd.active} label="Last active" />
        </Section>
        <Section title="Person">
          <RawJson value={odd.person} label="Person" />
          <FieldItems profile={p} paths={PERSON_PATHS} />
          {p.person.profiles.map((row, index) => (
            <Item key={index} label={`Profile ${index + 1}`} value={[row.type, row.handle, row.url].filter(Boolean).join(" · ")} />
          ))}
        </Section>
        <Section title="Employment">
          <FieldItems profile={p} paths={EMPLOYMENT_PATHS} />
        </Section>
        <Section title="Location">
          <FieldItems profile={p} paths={placePaths("person")} />
        </Section>
        <Section title="Company">
          <RawJson value={odd.company} label="Company" />
          <FieldItems profile={p} paths={COMPANY_PATHS} />
          <FieldItems profile={p} paths={placePaths("company")} />
          <FieldItems profile={p} paths={METRICS_PATHS} />
          <Item label="Tags" value={p.company.tags} />
        </Section>
        <Section title="Segments and notes">
          <Item label="Segments" value={p.segments} />
          <RawJson value={odd.segments} label="Segments" />
          <Item label="Private Notepad" value={p.notepad} />
        </Section>
        {Object.keys(others).length > 0 && (
          <section className="pd-section" aria-label="Other fields">
            <h2>Other fields</h2>
            <p className="muted">Sent by Crisp, not known to this app: shown as they are.</p>
            <RawJson value={others as Json} label="Other fields" />
          </section>
        )}
      </div>
    </section>
  );
}

/** The conversations of a person, found by the profile's email (Crisp's text search matches it). */
function PersonConversations({ connection, websiteId, email, href }: {
  connection: string;
  websiteId: string;
  email: string;
  href: (sessionId: string) => string;
}) {
  const conversations = usePersonConversations(connection, websiteId, email);
  return (
    <section className="pd-section pd-conversations" aria-labelledby="pd-conversations-title">
      <h2 id="pd-conversations-title">Conversations</h2>
      {!email ? (
        <p>This profile has no email, so its conversations cannot be looked up.</p>
      ) : conversations.isPending ? (
        <Loading>Looking up conversations…</Loading>
      ) : conversations.error ? (
        <ErrorNote>{conversations.error.message}</ErrorNote>
      ) : conversations.data.length === 0 ? (
        <p>No conversations with {email}.</p>
      ) : (
        <ul className="pd-conversation-list">
          {conversations.data.map((conversation) => (
            <li key={conversation.session_id ?? ""}>
              <a href={href(conversation.session_id ?? "")}>
                {conversation.last_message || known(conversation.meta)?.nickname || conversation.session_id}
              </a>
              <span className="field-help">
                {" "}
                {conversation.state ?? ""}
                {conversation.updated_at ? ` · ${new Date(conversation.updated_at).toLocaleString()}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
