import type { AppError as AppErrorData, Result } from "./provisional";
import { AppError } from "./errors";

/** The one place that unwraps tauri-specta's result: a value, or a thrown `AppError` with `kind` and `field`. */
export async function call<T>(pending: Promise<Result<T, AppErrorData>>): Promise<T> {
  const result = await pending;
  if (result.status === "error") throw new AppError(result.error);
  return result.data;
}
