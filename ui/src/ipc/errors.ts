import type { ErrorKind } from "../bindings";
import type { AppErrorData } from "./types";

/** The backend's error as a thrown value: screens branch on `kind` and put `message` at `field` when set. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly field: string | null;
  /** For `rate_limited`: how long until the backend retries, when it says so. */
  readonly retryAfterMs: number | null;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = "AppError";
    this.kind = data.kind;
    this.field = data.field ?? null;
    const extra = data as { retry_after_ms?: number | null; retry_after?: number | null };
    this.retryAfterMs = extra.retry_after_ms ?? (extra.retry_after != null ? extra.retry_after * 1000 : null);
  }
}

/** Any thrown value as an AppError, so screens have one shape to show. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error) return new AppError({ kind: "internal", message: error.message });
  return new AppError({ kind: "internal", message: String(error) });
}

/**
 * Kinds worth asking again for a read: rate limiting, after its delay. The client has already retried network,
 * timeout and server failures of reads, so asking again here would only hold the error back from the user,
 * who gets "Try again" instead.
 */
export function isRetryable(error: unknown): boolean {
  return asAppError(error).kind === "rate_limited";
}

/** How long before read attempt `failureCount + 1`: what Crisp asked for, else 2 s doubling up to 30 s. */
export function retryDelayMs(failureCount: number, error: unknown): number {
  const e = asAppError(error);
  if (e.retryAfterMs != null) return e.retryAfterMs;
  return Math.min(30_000, 2000 * 2 ** Math.max(0, failureCount - 1));
}

/**
 * The plain-words text a screen shows for an error. Rate limiting says when the read is tried again
 * (`failureCount` = failures so far, when a retry is coming).
 */
export function describeError(error: unknown, failureCount?: number): string {
  const e = asAppError(error);
  if (e.kind === "rate_limited") {
    const seconds = Math.max(1, Math.ceil(retryDelayMs(failureCount ?? 1, e) / 1000));
    return failureCount != null
      ? `${e.message} Crisp is rate limiting this connection; retrying in ${seconds} s.`
      : `${e.message} Crisp is rate limiting this connection; try again in ${seconds} s.`;
  }
  return e.message;
}
