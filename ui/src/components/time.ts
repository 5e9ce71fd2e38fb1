/** The short local date and time format, made once: building one per call cost about 1 ms (per list row). */
let shortDateTime: Intl.DateTimeFormat | undefined;

/** A millisecond timestamp as a short local date and time ("" when absent). */
export function formatTime(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "";
  shortDateTime ??= new Intl.DateTimeFormat(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  return shortDateTime.format(ms);
}

/** A millisecond timestamp as an ISO string for `<time dateTime>`. */
export function isoTime(ms: number | null | undefined): string | undefined {
  return ms == null || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString();
}
