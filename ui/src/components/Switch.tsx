import { useId, type ReactNode } from "react";
import { FieldNotes, fieldNoteIds } from "./Field";

export interface SwitchProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** What the switch does, linked with aria-describedby. */
  help?: ReactNode;
  /** Why the last change failed, shown at the switch. */
  error?: string | null;
  className?: string;
}

/** An on/off setting that applies at once: a checkbox with the switch role, its label, help and error. */
export function Switch({ label, checked, onChange, disabled, help, error, className }: SwitchProps) {
  const id = useId();
  const { describedBy } = fieldNoteIds(id, help, error);
  return (
    <div className={`field field-checkbox switch${className ? ` ${className}` : ""}`}>
      <div className="field-row">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}
