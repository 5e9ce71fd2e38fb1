import { Channel } from "@tauri-apps/api/core";

/**
 * A typed channel for a command that streams to the UI (progress, pages): pass it as the command's channel
 * argument; `onMessage` gets each message in the order Rust sent it.
 */
export function openChannel<T>(onMessage: (message: T) => void): Channel<T> {
  return new Channel<T>(onMessage);
}
