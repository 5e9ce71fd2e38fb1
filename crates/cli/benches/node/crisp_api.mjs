// Crisp's official Node client (crisp-api) against the same sandbox as the throughput bench: GET one
// conversation with 1 and 32 callers, each looping for the window. Spawned by crates/cli/benches/throughput.rs.
//
// Usage: node crisp_api.mjs <base_url> <identifier> <key> <tier> <website_id> <session_id> <window_ms> <callers...>
// Prints one JSON line per caller count: {"callers":N,"rate":req_per_s,"failed":n}; or {"missing":"why"} and
// exits 0 when crisp-api cannot be loaded, so the bench says so instead of failing.

const [baseUrl, identifier, key, tier, websiteId, sessionId, windowMs, ...callers] = process.argv.slice(2);

let module;
try {
  module = await import("crisp-api");
} catch (error) {
  console.log(JSON.stringify({ missing: `crisp-api cannot be loaded (${error.code ?? error.message})` }));
  process.exit(0);
}
const Crisp = module.default?.default ?? module.default ?? module;

const crisp = new Crisp();
// The official client joins this host with its "/v1/" base path.
crisp.setRestHost(baseUrl);
crisp.authenticateTier(tier, identifier, key);

async function rate(count, windowMillis) {
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + windowMillis;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        await crisp.website.getConversation(websiteId, sessionId);
        done += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: count }, worker));
  return { rate: done / ((performance.now() - started) / 1000), failed };
}

const window = Number(windowMs);
for (const count of callers.map(Number)) {
  // Warm the connection pool as the bench does for the Rust clients.
  await rate(count, window / 5);
  const { rate: measured, failed } = await rate(count, window);
  console.log(JSON.stringify({ callers: count, rate: measured, failed }));
}
