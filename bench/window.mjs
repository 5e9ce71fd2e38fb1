// One measured launch of a Tauri app's real window through its own tauri-driver: the driver is up before the clock
// starts, so a launch's time is session request → app process → web view → page, the same for every app measured.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { remote } from "webdriverio";
import { descendants, exe, freePort, stopDriver, waitForPort } from "../tests/support/harness.mjs";

/**
 * Starts tauri-driver with `env` added to this process's environment, then (clock started) a WebDriver session
 * on `binary`. Resolves with the browser, the launch instant (performance.now() and epoch ms), the app's pid and
 * `stop()`.
 */
export async function launch(binary, env = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: process.env.BENCH_DRIVER_LOG ? "inherit" : "ignore",
    env: { ...process.env, ...env },
  });
  await waitForPort(port, 10_000);
  const launched = performance.now();
  const launchedEpoch = Date.now();
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "warn",
    connectionRetryTimeout: 60_000,
    capabilities: { "tauri:options": { application: binary } },
  });
  const sessionMs = performance.now() - launched;
  return {
    browser,
    launched,
    launchedEpoch,
    sessionMs,
    /** The app's pid: the newest process running `binary` under this driver. */
    appPid() {
      const pids = descendants(driver.pid);
      const app = pids.find((pid) => exe(pid) === binary);
      if (!app) throw new Error(`no ${binary} process under tauri-driver ${driver.pid}`);
      return app;
    },
    async stop() {
      await stopDriver(driver, browser, binary);
    },
  };
}

/** PSS (KiB, from /proc/<pid>/smaps_rollup) of `pid` and every process below it, total and per process name. */
export function pssTree(pid) {
  const perName = {};
  let total = 0;
  for (const p of descendants(pid)) {
    try {
      const name = /Name:\s+(\S+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? "?";
      const pss = Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${p}/smaps_rollup`, "utf8"))?.[1] ?? 0);
      perName[name] = (perName[name] ?? 0) + pss;
      total += pss;
    } catch {
      // The process exited meanwhile.
    }
  }
  return { total, perName };
}

/**
 * Polls the page every `interval` ms until `predicate` (run in the page) is truthy; answers the ms since
 * `launched` at which it was first seen.
 */
export async function timeUntil(browser, launched, predicate, timeout = 60_000, interval = 20) {
  await browser.waitUntil(async () => Boolean(await browser.execute(predicate).catch(() => false)), {
    timeout,
    interval,
    timeoutMsg: "the awaited screen did not show",
  });
  return performance.now() - launched;
}

/** The middle value (the upper one of the two middle values for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
