import type { AppErrorData } from "./types";
import { AppError } from "./errors";

/** The one place that unwraps tauri-specta's result: a value, or a thrown `AppError` with `kind` and `field`. */
export async function call<T>(pending: Promise<{ status: "ok"; data: T } | { status: "error"; error: AppErrorData }>): Promise<T> {
  const result = await pending;
  if (result.status === "error") throw new AppError(result.error);
  return result.data;
}
