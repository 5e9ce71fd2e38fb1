/**
 * The Remove button of a repeated row (a filter condition, a social profile), named for screen readers by what
 * the row is and its number: "Remove condition 2".
 */
export function RemoveRowButton({ row, index, onRemove }: { row: string; index: number; onRemove: () => void }) {
  return (
    <div className="pf-row-actions">
      <button type="button" className="secondary" aria-label={`Remove ${row} ${index + 1}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
