/**
 * The UI's only door to Rust: commands (tauri-specta accessors), their types, `call()` that unwraps results,
 * `AppError`, `queryKeys` and `openExternalLink`. Features import from here, never from `bindings.ts` or
 * `@tauri-apps/*`.
 */
export * from "./provisional";
export { call } from "./call";
export type { AppError as AppErrorData } from "./provisional";
export { AppError, asAppError, describeError, isRetryable, retryDelayMs } from "./errors";
export { queryKeys } from "./queryKeys";
export { openExternalLink } from "./links";
