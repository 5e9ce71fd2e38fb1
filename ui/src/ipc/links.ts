import { commands } from "../bindings";
import { call } from "./call";

/** Opens an http(s) link in the system browser through the backend; anything else is refused here first. */
export async function openExternalLink(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a link: ${url}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`Only http and https links open: ${url}`);
  }
  await call(commands.openExternalLink(parsed.toString()));
}
