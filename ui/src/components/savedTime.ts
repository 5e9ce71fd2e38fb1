/** Two digits. */
const two = (n: number) => String(n).padStart(2, "0");

/**
 * The mark of a copy read from the local store: "offline, saved HH:MM" in local time, with the date in front when
 * it was stored on another day than `now`, and without a time when the store did not keep one.
 */
export function offlineLabel(storedAt: number | null, now: Date = new Date()): string {
  if (storedAt == null || !Number.isFinite(storedAt)) return "offline, saved copy";
  const at = new Date(storedAt);
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay =
    at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay
    ? `offline, saved ${time}`
    : `offline, saved ${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}
