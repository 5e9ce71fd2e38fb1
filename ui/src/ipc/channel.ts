import { Channel } from "@tauri-apps/api/core";
import type { Page, StreamEnd } from "../bindings";

/**
 * A typed channel for a command that streams to the UI (progress, pages): pass it as the command's channel
 * argument; `onMessage` gets each message in the order Rust sent it.
 */
export function openChannel<T>(onMessage: (message: T) => void): Channel<T> {
  return new Channel<T>(onMessage);
}

/**
 * Up to `limit` items of a paged listing through its `stream_*` command: the client pages (from the request's
 * page) until it has `limit` or the list ends, and trims the last page, as the CLI's `limit` does. `stream`
 * starts the command with the channel; this resolves once every page the command sent has arrived (channel
 * messages may trail the command's answer).
 */
export async function streamPages<T>(stream: (onPage: Channel<Page<T>>) => Promise<StreamEnd>, limit: number): Promise<T[]> {
  const pages: T[][] = [];
  let received = 0;
  let expected: number | undefined;
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  const channel = openChannel<Page<T>>((page) => {
    pages[page.index - 1] = page.items;
    received += 1;
    if (expected !== undefined && received >= expected) allArrived();
  });
  const end = await stream(channel);
  expected = end.pages;
  if (received >= expected) allArrived();
  await arrived;
  return pages.flat().slice(0, limit);
}
