import { useSyncExternalStore } from "react";
import { asAppError } from "./errors";

/** Whether a read failed because Crisp could not be reached: the network is down, the host unreachable or silent. */
export function isOffline(error: unknown): boolean {
  const kind = asAppError(error).kind;
  return kind === "network" || kind === "timeout";
}

/** A copy the local store kept, and when (ms; null when the store did not keep the time). */
export interface StoredAnswer<T> {
  value: T;
  storedAt: number | null;
}

/** The keys whose screen shows a stored copy, with when that copy was stored. */
const shown = new Map<string, number | null>();
const listeners = new Set<() => void>();

function mark(key: string, storedAt: number | null | undefined) {
  if (storedAt === undefined ? !shown.has(key) : shown.get(key) === storedAt) return;
  if (storedAt === undefined) shown.delete(key);
  else shown.set(key, storedAt);
  listeners.forEach((listener) => listener());
}

/** The key under which a screen's offline copy is marked: what it is, the connection, and its ID. */
export function offlineKey(kind: "conversation" | "thread" | "people_profile", connection: string, id: string): string {
  return `${kind}\u0000${connection}\u0000${id}`;
}

/**
 * Reads from Crisp; when Crisp cannot be reached (`network` or `timeout`), answers the local store's copy
 * instead and marks `key` with when it was stored. Any other failure, or no stored copy, is the read's own
 * error. A read Crisp answered clears the mark.
 */
export async function readOrStored<T>(
  key: string,
  remote: () => Promise<T>,
  stored: () => Promise<StoredAnswer<T> | null>,
): Promise<T> {
  try {
    const value = await remote();
    mark(key, undefined);
    return value;
  } catch (error) {
    if (!isOffline(error)) throw error;
    const copy = await stored().catch(() => null);
    if (!copy) throw error;
    mark(key, copy.storedAt);
    return copy.value;
  }
}

/**
 * When the copy shown under `key` was stored, while the screen shows the local store's copy (null: time not
 * kept); undefined while it shows Crisp's answer.
 */
export function useOfflineStoredAt(key: string): number | null | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (shown.has(key) ? shown.get(key) : undefined),
  );
}
