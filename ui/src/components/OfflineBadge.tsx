import "./localStore.css";
import { offlineLabel } from "./savedTime";

/**
 * Shown beside a copy read from the local store because Crisp could not be reached: "offline, saved HH:MM".
 * Nothing while `storedAt` is undefined (the screen shows Crisp's own answer).
 */
export function OfflineBadge({ storedAt }: { storedAt: number | null | undefined }) {
  if (storedAt === undefined) return null;
  return (
    <span className="badge badge-offline" role="status">
      {offlineLabel(storedAt)}
    </span>
  );
}
