/**
 * What this window stores per connection lives in `localStorage` under `crisp-desk:<what>:<connection id>` (the API
 * console's history is `crisp-desk:raw-history:<id>`). Deleting a connection forgets every such entry, so nothing
 * of a deleted connection stays behind, whichever feature wrote it.
 */
export function forgetConnectionStorage(connection: string, storage: Storage | undefined = globalThis.localStorage) {
  if (!storage) return;
  const suffix = `:${connection}`;
  const doomed: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const name = storage.key(i);
    if (name && name.startsWith("crisp-desk:") && name.endsWith(suffix)) doomed.push(name);
  }
  for (const name of doomed) storage.removeItem(name);
}
