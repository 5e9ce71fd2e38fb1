import type { CSSProperties } from "react";
import type { ConnectionId } from "../../ipc";

/** Hues a workspace mark can take: 30° apart, so two workspaces rarely look alike. */
const HUES = 12;

/**
 * A connection's colour as a hue (0–330, a multiple of 30), derived from its id (FNV-1a), so it stays the same
 * across launches and on every screen without being stored.
 */
export function workspaceHue(connection: ConnectionId): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < connection.length; i += 1) {
    hash ^= connection.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % HUES) * (360 / HUES);
}

/** The inline style a workspace mark reads its colour from (`--workspace-hue`; the stylesheet picks contrast). */
export function workspaceStyle(connection: ConnectionId): CSSProperties {
  return { "--workspace-hue": workspaceHue(connection) } as CSSProperties;
}
