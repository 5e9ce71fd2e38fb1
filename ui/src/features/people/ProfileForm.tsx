import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { RemoveRowButton } from "../../components/RemoveRowButton";
import { ErrorNotice } from "../../components/Status";
import { ChipsField, FieldGroup, SelectField, TextField, controlId } from "./ProfileFields";
import {
  REQUIRED_PATHS,
  changedPaths,
  fieldForError,
  fieldInMessage,
  getAt,
  setAt,
  validateField,
  validateProfile,
  type FieldErrors,
  type ProfileFormValues,
  type SocialProfileRow,
} from "./profileForm";

/** What a failed save tells the form: a message and, when known, the field that caused it. */
export interface SaveFailure {
  message: string;
  field?: string | null;
  kind?: string;
}

/** Reads `{ message, field, kind }` from whatever a save threw. */
export function saveFailure(error: unknown): SaveFailure {
  if (error && typeof error === "object") {
    const e = error as { message?: unknown; field?: unknown; kind?: unknown };
    return {
      message: typeof e.message === "string" ? e.message : String(error),
      field: typeof e.field === "string" ? e.field : null,
      kind: typeof e.kind === "string" ? e.kind : undefined,
    };
  }
  return { message: String(error) };
}

interface ProfileFormProps {
  mode: "add" | "edit";
  /** The values the form starts from (blank on add, the stored profile on edit). */
  initial: ProfileFormValues;
  /** People ID on edit: a typed field, prefilled with the profile the form was opened for. */
  peopleId?: string;
  /** Saves (to the typed People ID on edit); throws (an AppError) to keep the form open with the error at its field. */
  onSave: (values: ProfileFormValues, peopleId: string) => Promise<void>;
  onCancel: () => void;
  /** Told whenever the form goes from clean to dirty and back (the unsaved-changes guard listens). */
  onDirtyChange?: (dirty: boolean) => void;
}

const GENDERS = [
  { value: "", label: "Not set" },
  { value: "female", label: "Female" },
  { value: "male", label: "Male" },
];

const TIMEZONE_HINT = "Minutes from UTC, e.g. -60";

/** What People ID takes, said wherever it is typed. */
export const PEOPLE_ID_HINT = "The profile's UUID, or its email address";
const PEOPLE_ID_MISSING = "Enter the People ID of the profile to update.";

/**
 * The one form for a Crisp people profile, used to add and to edit. Every documented field of the
 * Add a People module, grouped by fieldset; errors appear at their field (checked on leaving a field and
 * on save); a failed save keeps everything typed.
 */
export function ProfileForm({ mode, initial, peopleId, onSave, onCancel, onDirtyChange }: ProfileFormProps) {
  const [values, setValues] = useState(initial);
  const [typedPeopleId, setTypedPeopleId] = useState(peopleId ?? "");
  const [peopleIdError, setPeopleIdError] = useState<string | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const pendingChips = useRef<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);

  const requireds: readonly string[] = useMemo(
    () =>
      mode === "add"
        ? REQUIRED_PATHS
        : REQUIRED_PATHS.filter((path) => String(getAt(initial, path) ?? "").trim() !== ""),
    [mode, initial],
  );
  const changed = useMemo(() => changedPaths(initial, values), [initial, values]);
  const dirty = changed.length > 0;

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  // A form that goes away leaves nothing unsaved behind.
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

  const set = (path: string, value: unknown) => {
    setValues((current) => setAt(current, path, value));
    setFormError(null);
    if (errors[path]) {
      const message = typeof value === "string" ? validateField(path, value, requireds.includes(path)) : undefined;
      setErrors((current) => {
        const next = { ...current };
        if (message) next[path] = message;
        else delete next[path];
        return next;
      });
    }
  };

  const check = (path: string) => {
    const value = getAt(values, path);
    if (typeof value !== "string") return;
    const message = validateField(path, value, requireds.includes(path));
    setErrors((current) => {
      const next = { ...current };
      if (message) next[path] = message;
      else delete next[path];
      return next;
    });
  };

  const focusField = (path: string) => {
    const element = formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(controlId(path))}`);
    element?.focus();
  };

  const text = (path: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      key={path}
      path={path}
      label={label}
      value={String(getAt(values, path) ?? "")}
      onChange={(value) => set(path, value)}
      onBlur={() => check(path)}
      error={errors[path]}
      required={requireds.includes(path)}
      {...extra}
    />
  );

  const chips = (path: string, label: string, extra: { hint?: string; placeholder?: string } = {}) => (
    <ChipsField
      key={path}
      path={path}
      label={label}
      values={getAt(values, path) as string[]}
      onChange={(list) => set(path, list)}
      onPending={(pending) => {
        pendingChips.current[path] = pending;
      }}
      error={errors[path]}
      {...extra}
    />
  );

  const geo = (side: "person" | "company") => [
    text(`${side}.geolocation.country`, "Country Code", { hint: "2 letters, e.g. PT" }),
    text(`${side}.geolocation.region`, "Region Code"),
    text(`${side}.geolocation.city`, "City Name"),
    text(`${side}.geolocation.coordinates.latitude`, "Latitude", { inputMode: "decimal", hint: "-90 to 90" }),
    text(`${side}.geolocation.coordinates.longitude`, "Longitude", { inputMode: "decimal", hint: "-180 to 180" }),
  ];

  const rows = values.person.profiles;
  const setRows = (next: SocialProfileRow[]) => set("person.profiles", next);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Text still in a chips box counts as typed.
    let toSave = values;
    for (const [path, pending] of Object.entries(pendingChips.current)) {
      const items = pending
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
      if (items.length) {
        const list = getAt(toSave, path) as string[];
        toSave = setAt(toSave, path, [...list, ...items.filter((item) => !list.includes(item))]);
      }
    }
    pendingChips.current = {};
    if (toSave !== values) setValues(toSave);
    const missingPeopleId = mode === "edit" && !typedPeopleId.trim();
    const found: FieldErrors = {
      ...(missingPeopleId ? { people_id: PEOPLE_ID_MISSING } : {}),
      ...validateProfile(toSave, requireds),
    };
    setPeopleIdError(missingPeopleId ? PEOPLE_ID_MISSING : undefined);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      setFormError(`Check ${Object.keys(found).length === 1 ? "the marked field" : "the marked fields"} before saving.`);
      focusField(first);
      return;
    }
    if (mode === "edit" && changedPaths(initial, toSave).length === 0) {
      setFormError("Nothing changed: there is nothing to save.");
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      await onSave(toSave, typedPeopleId.trim());
    } catch (error) {
      const failure = saveFailure(error);
      if (failure.field === "people_id") {
        setPeopleIdError(failure.message);
        setFormError("Check the People ID.");
        focusField("people_id");
        return;
      }
      const path = fieldForError(failure.field, toSave) ?? fieldInMessage(failure.message, toSave);
      if (path) {
        setErrors((current) => ({ ...current, [path]: failure.message }));
        setFormError("Crisp refused the profile: see the marked field.");
        focusField(path);
      } else {
        setFormError(failure.message);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formRef} className="pf-form" noValidate onSubmit={submit} aria-labelledby="profile-form-title">
      <p className="pf-required-note">
        Fields marked <span aria-hidden="true">*</span>
        <span className="sr-only">with an asterisk</span> are required.
      </p>

      {mode === "edit" ? (
        <FieldGroup legend="Profile">
          <TextField
            path="people_id"
            label="People ID"
            value={typedPeopleId}
            onChange={(value) => {
              setTypedPeopleId(value);
              setFormError(null);
              if (value.trim()) setPeopleIdError(undefined);
            }}
            onBlur={() => setPeopleIdError(typedPeopleId.trim() ? undefined : PEOPLE_ID_MISSING)}
            required
            hint={PEOPLE_ID_HINT}
            error={peopleIdError}
          />
        </FieldGroup>
      ) : null}

      <FieldGroup legend="Contact">
        {text("email", "Email", { type: "email", autoComplete: "off", placeholder: "name@example.com" })}
      </FieldGroup>

      <FieldGroup legend="Person">
        {text("person.nickname", "Full Name")}
        {text("person.avatar", "Avatar URL", { type: "url", placeholder: "https://" })}
        <SelectField
          path="person.gender"
          label="Gender"
          value={values.person.gender}
          onChange={(value) => set("person.gender", value)}
          options={
            GENDERS.some((option) => option.value === values.person.gender)
              ? GENDERS
              : [...GENDERS, { value: values.person.gender, label: values.person.gender }]
          }
          error={errors["person.gender"]}
        />
        {text("person.phone", "Phone Number", { type: "tel" })}
        {text("person.address", "User Address")}
        {text("person.website", "User Website", { type: "url", placeholder: "https://" })}
        {text("person.timezone", "Timezone", { inputMode: "numeric", hint: TIMEZONE_HINT })}
      </FieldGroup>

      <fieldset className="pf-group">
        <legend>Profiles</legend>
        <p className="pf-group-note">
          The person's accounts elsewhere (social networks and the like): a type, a handle and a URL each.
          {rows.length === 0 ? " None yet." : ""}
        </p>
        <ol className="pf-rows">
          {rows.map((_row, index) => (
            // Rows have no identity of their own; the index is their path in the body.
            <li key={index}>
              <fieldset className="pf-row">
                <legend>Profile {index + 1}</legend>
                <div className="pf-grid">
                  {text(`person.profiles.${index}.type`, "Profile Type", { placeholder: "linkedin" })}
                  {text(`person.profiles.${index}.handle`, "Handle")}
                  {text(`person.profiles.${index}.url`, "Profile URL", { type: "url", placeholder: "https://" })}
                  <RemoveRowButton row="profile" index={index} onRemove={() => setRows(rows.filter((_, at) => at !== index))} />
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setRows([...rows, { type: "", handle: "", url: "" }]);
            requestAnimationFrame(() => focusField(`person.profiles.${rows.length}.type`));
          }}
        >
          Add to Profiles
        </button>
      </fieldset>

      <FieldGroup legend="Employment">
        {text("person.employment.name", "Company Name")}
        {text("person.employment.domain", "Company Domain Name", { placeholder: "acme.com" })}
        {text("person.employment.title", "User Title")}
        {text("person.employment.role", "User Role")}
        {text("person.employment.seniority", "User Seniority")}
      </FieldGroup>

      <FieldGroup legend="Location">{geo("person")}</FieldGroup>

      <FieldGroup legend="Locales">
        {chips("person.locales", "Locales", { hint: "2-letter language codes, e.g. en, pt" })}
      </FieldGroup>

      <FieldGroup legend="Company">
        {text("company.name", "Company Name")}
        {text("company.legal_name", "Company Legal Name")}
        {text("company.domain", "Company Domain Name", { placeholder: "acme.com" })}
        {text("company.url", "Company Website URL", { type: "url", placeholder: "https://" })}
        {text("company.description", "Company Description", { multiline: true, className: "pf-wide" })}
        {text("company.timezone", "Company Timezone Offset", { inputMode: "numeric", hint: TIMEZONE_HINT })}
        {chips("company.phones", "Company Phones")}
        {chips("company.emails", "Company Emails")}
      </FieldGroup>

      <FieldGroup legend="Company location">{geo("company")}</FieldGroup>

      <FieldGroup legend="Company metrics">
        {text("company.metrics.employees", "Number of Employees", { inputMode: "numeric" })}
        {text("company.metrics.market_cap", "Market Capitalization", { inputMode: "numeric" })}
        {text("company.metrics.raised", "Money Raised", { inputMode: "numeric" })}
        {text("company.metrics.arr", "Annual Recurring Revenue", { inputMode: "numeric" })}
      </FieldGroup>

      <FieldGroup legend="Tags" note="The company's tags.">
        {chips("company.tags", "Tags")}
      </FieldGroup>

      <FieldGroup legend="Segments">{chips("segments", "Segments", { hint: "e.g. customer, vip" })}</FieldGroup>

      <FieldGroup legend="Private Notepad">
        {text("notepad", "Private Notepad", { multiline: true, className: "pf-wide", hint: "Seen by operators only" })}
      </FieldGroup>

      <div className="pf-actions">
        {formError ? <ErrorNotice message={formError} /> : null}
        {mode === "edit" ? (
          <p className="pf-changed" aria-live="polite">
            {dirty ? `${changed.length} changed ${changed.length === 1 ? "field" : "fields"} will be saved.` : "No changes."}
          </p>
        ) : null}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? "Saving…" : mode === "add" ? "Add profile" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
