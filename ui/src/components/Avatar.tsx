import { useState } from "react";

/**
 * A sender's avatar. The URL comes from visitors, so it is only ever an `<img src>` (never markup), only
 * when it is http(s), and falls back to initials when it fails to load.
 */
export function Avatar({ url, name }: { url?: string | null; name?: string | null }) {
  const [failed, setFailed] = useState(false);
  const safe = url && /^https?:\/\//i.test(url) && !failed ? url : null;
  const initials =
    (name ?? "?")
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? "")
      .join("") || "?";
  return safe ? (
    <img className="avatar" src={safe} alt="" width={32} height={32} referrerPolicy="no-referrer" onError={() => setFailed(true)} />
  ) : (
    <span className="avatar avatar-initials" aria-hidden="true">
      {initials}
    </span>
  );
}
