// Live bench in the real window: the app watches a `crispdesk sandbox` process over Crisp's real-time socket (RTM),
// then (the socket refused and dropped through the sandbox's faults) by polling, in the same run. Per mode, for each
// of BENCH_MESSAGES (50) visitor conversations injected through the control API at random intervals: the time from
// just before the injection request to its row in the conversation list (a MutationObserver in the page stamps
// Date.now() when the row's text appears; both clocks are this machine's). Then the `/v1` requests the sandbox logs
// from the app in BENCH_IDLE_S (60) idle seconds per mode. Prints a markdown table.
// Run through `bash scripts/bench-live.sh` (Xvfb, a D-Bus session with an unlocked keyring for the saved key).
import { connectTo, openSection, startApp, startSandbox, freshAppDirs } from "../tests/support/harness.mjs";

const messages = Number(process.env.BENCH_MESSAGES ?? 50);
const idleSeconds = Number(process.env.BENCH_IDLE_S ?? 60);
const build = process.env.BENCH_BUILD ?? "release";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pseudo-random gaps (xorshift32), the same in every run. */
function gaps(seed) {
  let x = seed;
  return (min, max) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return min + ((x >>> 0) % (max - min + 1));
  };
}

/** The footer's transport line ("Live", "Polling (...)"), or all of the footer's text when it has none. */
const footer = (browser) =>
  browser.execute(() => {
    const bar = document.querySelector('footer[aria-label="Monitor"]');
    return (bar?.querySelector(".monitor-transport") ?? bar)?.textContent?.trim() ?? "";
  });

async function waitForFooter(browser, pattern, timeout) {
  await browser.waitUntil(async () => pattern.test(await footer(browser)), {
    timeout,
    interval: 250,
    timeoutMsg: `the footer never matched ${pattern}: "${await footer(browser)}"`,
  });
}

/** Watches the conversation list for `markers` (page side): window.__seen[marker] = Date.now() when it shows. */
async function watchList(browser, markers) {
  await browser.execute((wanted) => {
    window.__seen = {};
    const pending = new Set(wanted);
    const check = () => {
      const list = document.querySelector('[aria-label="Conversations"][role="listbox"]');
      if (!list || pending.size === 0) return;
      // The list is virtual (only the rows in view are in the page) and ordered by update time, newest first:
      // once a marker's row shows, every marker injected before it is in the loaded list too, below it.
      const text = list.textContent ?? "";
      const newest = wanted.findLastIndex((marker) => pending.has(marker) && text.includes(marker));
      if (newest < 0) return;
      const now = Date.now();
      for (const marker of wanted.slice(0, newest + 1)) {
        if (pending.delete(marker)) window.__seen[marker] = now;
      }
    };
    window.__listObserver?.disconnect();
    window.__listObserver = new MutationObserver(check);
    window.__listObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  }, markers);
}

/** Injects `messages` new conversations, each with its own marker, and times each to its row. */
async function rowLatencies(browser, sandbox, mode, gapMin, gapMax) {
  const markers = Array.from({ length: messages }, (_, i) => `bench-${mode}-${i}-${Date.now().toString(36)}`);
  await watchList(browser, markers);
  const gap = gaps(2463534242);
  const sent = {};
  for (const marker of markers) {
    await sleep(gap(gapMin, gapMax));
    sent[marker] = Date.now();
    const answer = await sandbox.request("POST", "/_sandbox/inject/conversation", {
      content: `Question ${marker}`,
      nickname: marker,
    });
    if (answer.status !== 200) throw new Error(`the injection failed: ${JSON.stringify(answer.json)}`);
  }
  const deadline = Date.now() + 90_000;
  let seen = {};
  while (Date.now() < deadline) {
    seen = await browser.execute(() => window.__seen);
    if (Object.keys(seen).length === markers.length) break;
    await sleep(500);
  }
  const missing = markers.filter((m) => seen[m] === undefined);
  if (missing.length > 0) {
    const shown = await browser.execute(() => document.querySelector('[aria-label="Conversations"][role="listbox"]')?.textContent?.slice(0, 300));
    console.error(`${mode}: ${missing.length} rows never showed (first: ${missing[0]}); the list shows: ${shown}`);
  }
  return markers.filter((m) => seen[m] !== undefined).map((m) => seen[m] - sent[m]);
}

/** `/v1` requests the sandbox logs in `seconds` of idleness. */
async function idleRequests(sandbox, seconds) {
  await sandbox.request("DELETE", "/_sandbox/requests");
  await sleep(seconds * 1000);
  const log = await sandbox.request("GET", "/_sandbox/requests");
  return log.json.length;
}

function percentile(values, percent) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((sorted.length * percent) / 100) - 1)];
}

const sandbox = await startSandbox(["--conversations", "200", "--people", "50"]);
const app = await startApp(freshAppDirs());
const rows = [];
try {
  const { browser } = app;
  await connectTo(browser, sandbox.info);
  await openSection(browser, "Conversations");
  await browser.$('[aria-label="Conversations"] [role="option"]').waitForExist({ timeout: 60_000 });

  await waitForFooter(browser, /^Live$/, 60_000);
  const live = await rowLatencies(browser, sandbox, "rtm", 200, 600);
  const liveIdle = await idleRequests(sandbox, idleSeconds);
  rows.push({ mode: "RTM (footer: Live)", latencies: live, idle: liveIdle });

  await sandbox.request("POST", "/_sandbox/rtm/faults", { refuse: true });
  await sandbox.request("POST", "/_sandbox/rtm/drop");
  await waitForFooter(browser, /Polling/, 60_000);
  const pollingFooter = await footer(browser);
  // The poll cycle is seconds long: spread the injections over it.
  const polling = await rowLatencies(browser, sandbox, "poll", 500, 1500);
  const pollingIdle = await idleRequests(sandbox, idleSeconds);
  rows.push({ mode: `polling (baseline; footer: ${pollingFooter.replace(/\|/g, "/")})`, latencies: polling, idle: pollingIdle });
} finally {
  await app.stop();
  await sandbox.stop();
}

console.log(`\nInjection (control API) → row in the conversation list, real window (${build} app), ${messages} new conversations per mode:\n`);
console.log(`| mode | p50 | p95 | max | shown | /v1 requests in ${idleSeconds} idle s |`);
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) {
  const f = (v) => (Number.isNaN(v) ? "–" : `${v.toFixed(0)} ms`);
  console.log(
    `| ${row.mode} | ${f(percentile(row.latencies, 50))} | ${f(percentile(row.latencies, 95))} | ${f(percentile(row.latencies, 100))} | ${row.latencies.length}/${messages} | ${row.idle} |`,
  );
}
