import type { Message, MessageBatch, Tier } from "../../ipc";

/**
 * Every loaded batch as one thread, oldest first: de-duplicated by fingerprint (batch boundaries may overlap)
 * and sorted by timestamp, as the contract asks (§3.7).
 */
export function mergeBatches(batches: MessageBatch[]): Message[] {
  const seen = new Map<string, Message>();
  for (const batch of batches) {
    for (const message of batch.messages) {
      // An item Crisp sent that is not an object (kept raw by the backend) merges by its JSON text.
      const key =
        typeof message !== "object" || message === null
          ? `r${JSON.stringify(message)}`
          : message.fingerprint != null
            ? `f${message.fingerprint}`
            : `t${message.timestamp}-${seen.size}`;
      if (!seen.has(key)) seen.set(key, message);
    }
  }
  return [...seen.values()].sort((a, b) => (a?.timestamp ?? 0) - (b?.timestamp ?? 0));
}

/** The `timestamp_before` for the next older batch, or undefined when Crisp said there is no more (HTTP 200). */
export function olderThan(last: MessageBatch): number | undefined {
  if (!last.more) return undefined;
  const stamps = last.messages.map((m) => m?.timestamp).filter((t): t is number => typeof t === "number");
  return stamps.length ? Math.min(...stamps) : undefined;
}

/**
 * How often an open thread asks for its newest batch: plugin tokens have 5,000 requests a day (one every ~17 s),
 * website tokens 10,000 (one every ~9 s); user tokens have no published budget, so every 5 s.
 */
export function livePollMs(tier: Tier): number {
  if (tier === "plugin") return 17_000;
  if (tier === "website") return 9_000;
  return 5_000;
}
