/**
 * Vitest side of the IPC mock (jsdom): answers `invoke` from handlers keyed by command name and records every
 * call, through `@tauri-apps/api/mocks`, so hooks run against the real generated `commands`.
 */
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

export type Handler = (args: Record<string, unknown>) => unknown;

/** Installs the mock; a handler may throw a plain object to answer with that AppError. */
export function installIpc(handlers: Record<string, Handler>) {
  const calls: { command: string; args: Record<string, unknown> }[] = [];
  mockIPC((command, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ command, args: payload });
    const handler = handlers[command];
    if (!handler) throw { kind: "internal", message: `no mock for ${command}` };
    return handler(payload);
  });
  return { calls, clear: clearMocks };
}

/** A fresh query client (no retries) around the hook under test. */
export function queryWrapper() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
