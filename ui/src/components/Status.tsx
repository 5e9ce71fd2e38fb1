import type { ReactNode } from "react";

/** A loading line announced politely to screen readers; `retrying` says why it takes longer (e.g. a rate limit). */
export function Loading({ children = "Loading…", retrying }: { children?: ReactNode; retrying?: string | null }) {
  return (
    <div className="status status-loading" role="status">
      <p>{children}</p>
      {retrying ? <p className="status-retrying">{retrying}</p> : null}
    </div>
  );
}

/** An empty state: says what is missing and, optionally, what to do. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="status status-empty">{children}</p>;
}

/** An error in plain words, with an optional retry button. */
export function ErrorNotice({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="status status-error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
