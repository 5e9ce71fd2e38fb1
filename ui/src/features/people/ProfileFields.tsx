import { useId, useState, type KeyboardEvent, type ReactNode } from "react";

/** Props shared by the profile form's controls: the dotted contract path names the control. */
interface FieldBase {
  path: string;
  label: string;
  error?: string;
  required?: boolean;
  hint?: string;
  className?: string;
}

/** The id a field's control gets, so errors can focus it (`profile-person-geolocation-country`). */
export function controlId(path: string): string {
  return `profile-${path.replace(/\./g, "-")}`;
}

function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <span className="field-help" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

/**
 * The label, and the required marker beside it (outside the `<label>`, so the control's name is exactly the
 * documented field name; `required` on the control tells assistive technology).
 */
function LabelRow({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <div className="pf-label-row">
      <label htmlFor={id}>{label}</label>
      {required ? (
        <span className="pf-required" aria-hidden="true">
          *
        </span>
      ) : null}
    </div>
  );
}

/** A labelled text input with its hint and error underneath. */
export function TextField(
  props: FieldBase & {
    value: string;
    onChange: (value: string) => void;
    onBlur?: () => void;
    type?: "text" | "email" | "url" | "tel";
    inputMode?: "text" | "numeric" | "decimal" | "email" | "url" | "tel";
    placeholder?: string;
    autoComplete?: string;
    readOnly?: boolean;
    multiline?: boolean;
  },
) {
  const id = controlId(props.path);
  const common = {
    id,
    name: props.path,
    value: props.value,
    required: props.required,
    readOnly: props.readOnly,
    placeholder: props.placeholder,
    "aria-invalid": props.error ? true : undefined,
    "aria-describedby": describedBy(id, props.hint, props.error),
    onBlur: props.onBlur,
  };
  return (
    <div className={`field ${props.className ?? ""}`}>
      <LabelRow id={id} label={props.label} required={props.required} />
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? "off"}
          spellCheck={false}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
      <Described id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

/** A labelled select. */
export function SelectField<Value extends string>(
  props: FieldBase & {
    value: Value;
    onChange: (value: Value) => void;
    onBlur?: () => void;
    options: ReadonlyArray<{ value: Value; label: string }>;
  },
) {
  const id = controlId(props.path);
  return (
    <div className={`field ${props.className ?? ""}`}>
      <LabelRow id={id} label={props.label} required={props.required} />
      <select
        id={id}
        name={props.path}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(event) => {
          // The chosen option's own value, typed as the options are.
          const chosen = props.options.find((option) => option.value === event.target.value);
          if (chosen) props.onChange(chosen.value);
        }}
        onBlur={props.onBlur}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Described id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

/**
 * A list typed as chips: Enter, comma or Tab adds what is typed, Backspace in an empty box removes the
 * last chip, each chip has its own remove button. Pasting "a, b, c" adds three chips. What is still in
 * the box when the form is saved is added too (the form calls `commit` through `onPending`).
 */
export function ChipsField(
  props: FieldBase & {
    values: string[];
    onChange: (values: string[]) => void;
    onBlur?: () => void;
    onPending?: (text: string) => void;
    placeholder?: string;
  },
) {
  const id = controlId(props.path);
  const listId = useId();
  const [draft, setDraft] = useState("");

  const add = (text: string) => {
    const items = text
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter(Boolean)
      .filter((item, index, all) => all.indexOf(item) === index && !props.values.includes(item));
    if (items.length) props.onChange([...props.values, ...items]);
    setDraft("");
    props.onPending?.("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === "Enter" || event.key === ",") && draft.trim()) {
      event.preventDefault();
      add(draft);
    } else if (event.key === "Enter") {
      event.preventDefault();
    } else if (event.key === "Backspace" && !draft && props.values.length) {
      props.onChange(props.values.slice(0, -1));
    }
  };

  return (
    <div className={`field pf-chips ${props.className ?? ""}`}>
      <LabelRow id={id} label={props.label} required={props.required} />
      <div className="pf-chips-box" data-invalid={props.error ? "true" : undefined}>
        <ul className="pf-chip-list" id={listId}>
          {props.values.map((value) => (
            <li key={value} className="pf-chip">
              <span>{value}</span>
              <button
                type="button"
                className="pf-chip-remove"
                aria-label={`Remove ${value} from ${props.label}`}
                onClick={() => props.onChange(props.values.filter((item) => item !== value))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          name={props.path}
          value={draft}
          placeholder={props.placeholder ?? "Type and press Enter"}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={[listId, describedBy(id, props.hint, props.error)].filter(Boolean).join(" ")}
          onChange={(event) => {
            const text = event.target.value;
            if (text.includes(",")) add(text);
            else {
              setDraft(text);
              props.onPending?.(text);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (draft.trim()) add(draft);
            props.onBlur?.();
          }}
        />
      </div>
      <Described id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

/** A titled group of fields (`<fieldset>` with a `<legend>`), laid out in a grid. */
export function FieldGroup({ legend, children, note }: { legend: string; children: ReactNode; note?: string }) {
  return (
    <fieldset className="pf-group">
      <legend>{legend}</legend>
      {note ? <p className="pf-group-note">{note}</p> : null}
      <div className="pf-grid">{children}</div>
    </fieldset>
  );
}
