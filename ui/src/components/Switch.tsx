import { useId, type ReactNode } from "react";

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
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
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
    </div>
  );
}
