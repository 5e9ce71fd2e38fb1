import type { AppError as AppErrorData, ErrorKind } from "./provisional";

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

/** The plain-words text a screen shows for an error; rate limiting says when it retries. */
export function describeError(error: unknown): string {
  const e = asAppError(error);
  if (e.kind === "rate_limited") {
    const seconds = e.retryAfterMs != null ? Math.max(1, Math.ceil(e.retryAfterMs / 1000)) : null;
    return seconds != null
      ? `${e.message} Crisp is rate limiting this connection; retrying in ${seconds} s.`
      : `${e.message} Crisp is rate limiting this connection; retrying shortly.`;
  }
  return e.message;
}
