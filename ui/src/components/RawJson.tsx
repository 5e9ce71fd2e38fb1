import type { Json } from "./lenient";

/**
 * A value the app could not read as its expected shape, shown as its JSON text (React text only, so nothing in
 * it can become markup), labelled so the operator knows it is raw.
 */
export function RawJson({ value, label, inline = false }: { value: Json | undefined; label: string; inline?: boolean }) {
  if (value === undefined) return null;
  if (inline) {
    return (
      <code className="raw-json raw-json-inline" title={`${label}: unknown shape, shown as sent`} aria-label={`${label} (raw JSON)`}>
        {JSON.stringify(value)}
      </code>
    );
  }
  return (
    <figure className="raw-json" aria-label={`${label} (raw JSON)`}>
      <figcaption className="muted">{label}: unknown shape, shown as sent</figcaption>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </figure>
  );
}
