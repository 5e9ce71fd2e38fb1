// Startup and memory benchmark of the release app under Xvfb: for each of 5 runs, the time from launching the
// binary to the Demo connection's first conversations on screen, and the resident memory (VmRSS, and PSS) of the
// app and its WebKit processes after 10 s idle. Prints a table with the medians.
// Run through scripts/bench-startup.sh, which builds the release binary and provides Xvfb and a D-Bus session.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { freshAppDirs, startApp } from "../support/harness.mjs";

const runs = Number(process.env.RUNS ?? 5);

function processTree(rootPid) {
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) {
    let children = "";
    try {
      children = execFileSync("pgrep", ["-P", String(pids[i])], { encoding: "utf8" }).trim();
    } catch {
      // pgrep exits 1 when a process has no children.
    }
    if (children) pids.push(...children.split("\n").map(Number));
  }
  return pids;
}

function memoryKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  let pss = 0;
  try {
    pss = Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {}
  return { rss, pss, name: /Name:\s+(\S+)/.exec(status)?.[1] ?? "?" };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// A returning user: one warm-up launch dismisses the first launch's welcome ("Keep exploring the Demo"), so the
// measured launches open straight onto the Demo's conversations.
const dirs = freshAppDirs();
{
  const app = await startApp(dirs);
  const demo = await app.browser.$('//button[normalize-space()="Keep exploring the Demo"]');
  await demo.waitForClickable({ timeout: 60_000 });
  await demo.click();
  await app.browser.waitUntil(
    async () => app.browser.execute(() => document.querySelectorAll('[aria-label="Conversations"] [role="option"]').length > 0),
    { timeout: 60_000, timeoutMsg: "the Demo showed no conversations" },
  );
  await app.stop();
}

const results = [];
for (let run = 1; run <= runs; run++) {
  const launched = performance.now();
  const app = await startApp(dirs);
  try {
    const windowMs = performance.now() - launched;
    await app.browser.waitUntil(
      async () => app.browser.execute(() => document.querySelectorAll('[aria-label="Conversations"] [role="option"]').length > 0),
      { timeout: 60_000, interval: 25, timeoutMsg: "no conversations on screen" },
    );
    const firstRowsMs = performance.now() - launched;
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const appPid = Number(execFileSync("pgrep", ["-f", "-n", process.env.CRISP_DESK_APP], { encoding: "utf8" }).trim());
    const tree = processTree(appPid).map(memoryKiB).filter((p) => p.rss > 0);
    const rss = tree.reduce((sum, p) => sum + p.rss, 0);
    const pss = tree.reduce((sum, p) => sum + p.pss, 0);
    results.push({ run, windowMs, firstRowsMs, rss, pss, processes: tree.map((p) => `${p.name} ${Math.round(p.rss / 1024)} MiB`).join(", ") });
  } finally {
    // A failed measurement must not leave the app or its driver running.
    await app.stop();
  }
}

// The baseline, measured in the same run: launch → the window's WebDriver session is ready (driver, app process
// and web view up, before the UI has asked Crisp anything). The ratio is what the UI and the first request add.
console.log("| run | launch → window ready (ms, baseline) | launch → first conversations (ms) | ratio | RSS after 10 s idle (MiB) | PSS (MiB) | processes |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(`| ${r.run} | ${r.windowMs.toFixed(0)} | ${r.firstRowsMs.toFixed(0)} | ${(r.firstRowsMs / r.windowMs).toFixed(2)}x | ${(r.rss / 1024).toFixed(1)} | ${(r.pss / 1024).toFixed(1)} | ${r.processes} |`);
}
const windowMedian = median(results.map((r) => r.windowMs));
const rowsMedian = median(results.map((r) => r.firstRowsMs));
console.log(
  `| median | ${windowMedian.toFixed(0)} | ${rowsMedian.toFixed(0)} | ${(rowsMedian / windowMedian).toFixed(2)}x | ${(median(results.map((r) => r.rss)) / 1024).toFixed(1)} | ${(median(results.map((r) => r.pss)) / 1024).toFixed(1)} | |`,
);
