/** An active filter shown as a chip; its button removes it. */
export function Chip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <li className="chip">
      <span>{label}</span>
      <button type="button" className="chip-remove" aria-label={`Remove filter ${label}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
