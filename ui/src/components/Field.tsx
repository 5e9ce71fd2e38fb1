import { useId, type ReactElement, type ReactNode, cloneElement } from "react";

export interface FieldProps {
  /** The documented field name (crisp-modules.txt), shown as the control's `<label>`. */
  label: string;
  /** The documented help text, shown beside the control and linked with aria-describedby. */
  help?: ReactNode;
  /** A problem to show at this field (from validation or the backend's `field`). */
  error?: string | null;
  /** One input, select or textarea; it gets the id, aria-describedby and aria-invalid. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
}

/** A labelled control with its help line and its error, wired for assistive technology. */
export function Field({ label, help, error, children, className }: FieldProps) {
  const id = useId();
  const { describedBy } = fieldNoteIds(id, help, error);
  const checkbox = (children.props as { type?: string }).type === "checkbox";
  const control = cloneElement(children, {
    id,
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
  });
  return (
    <div className={`field${checkbox ? " field-checkbox" : ""}${className ? ` ${className}` : ""}`}>
      {checkbox ? (
        <div className="field-row">
          {control}
          <label htmlFor={id}>{label}</label>
        </div>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {control}
        </>
      )}
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

/** The ids a control's help and error lines get from the control's `id`, and its aria-describedby. */
export function fieldNoteIds(id: string, help: ReactNode, error: string | null | undefined) {
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return { helpId, errorId, describedBy };
}

/** A control's help line and error line, with the ids `fieldNoteIds` gives. */
export function FieldNotes({ id, help, error }: { id: string; help?: ReactNode; error?: string | null }) {
  const { helpId, errorId } = fieldNoteIds(id, help, error);
  return (
    <>
      {help ? (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
