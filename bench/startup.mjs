// Start-up bench: Crisp Desk (Demo connection) against a bare Tauri v2 window of the same Tauri version, launched
// interleaved under the same Xvfb and environment, with and without WEBKIT_DISABLE_DMABUF_RENDERER=1. Per launch:
// time from the WebDriver session request to the first poll that sees the final screen (the Demo's conversation
// rows; the bare page's 20 table rows), when the page's navigation started, and PSS summed over the app and its
// WebKit processes 10 s after the launch. Prints medians and the ratios.
// Run through scripts/bench-startup.sh, which builds both release binaries and provides Xvfb and a D-Bus session.
import { mkdtempSync } from "node:fs";
import { basename, join } from "node:path";
import { launch, median, pssTree, timeUntil } from "./window.mjs";

const runs = Number(process.env.RUNS ?? 5);
const settleMs = 10_000;
const scratch = process.env.BENCH_ROOT ?? "/tmp";
/** Crisp Desk at `binary`, with its own config and data directories. */
function crispDesk(binary) {
  const dirs = { config: mkdtempSync(join(scratch, "config-")), data: mkdtempSync(join(scratch, "data-")) };
  return {
    binary,
    env: { CRISP_DESK_CONFIG_DIR: dirs.config, CRISP_DESK_DATA_DIR: dirs.data },
    finalScreen: () => document.querySelectorAll('[aria-label="Conversations"] [role="option"]').length > 0,
  };
}

const apps = {
  bare: {
    binary: process.env.BARE_WINDOW_APP,
    env: {},
    finalScreen: () => document.querySelectorAll("#rows tbody tr").length === 20,
  },
  crisp: crispDesk(process.env.CRISP_DESK_APP),
};
const label = { bare: "bare Tauri window", crisp: "Crisp Desk (Demo)" };
// CRISP_DESK_BEFORE=<binary>[:<binary>...] measures earlier builds in the same run, for each change's before/after;
// each is labelled by its file name.
for (const binary of (process.env.CRISP_DESK_BEFORE ?? "").split(":").filter(Boolean)) {
  const name = basename(binary);
  apps[name] = crispDesk(binary);
  label[name] = `Crisp Desk, ${name}`;
}
const names = Object.keys(apps);
const environments = [
  { name: "defaults", env: {} },
  { name: "WEBKIT_DISABLE_DMABUF_RENDERER=1", env: { WEBKIT_DISABLE_DMABUF_RENDERER: "1" } },
];
delete process.env.WEBKIT_DISABLE_DMABUF_RENDERER;

/** One launch: time to the final screen, when the page started, PSS 10 s after the launch. */
async function measure(app, environment) {
  const window = await launch(app.binary, { ...environment.env, ...app.env });
  try {
    const screenMs = await timeUntil(window.browser, window.launched, app.finalScreen);
    const pageStartMs = (await window.browser.execute(() => performance.timeOrigin)) - window.launchedEpoch;
    const left = settleMs - (performance.now() - window.launched);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    const pss = pssTree(window.appPid());
    return { screenMs, pageStartMs, pss };
  } finally {
    await window.stop();
  }
}

// A returning user: one warm-up launch dismisses the first launch's welcome ("Keep exploring the Demo"), so the
// measured launches open straight onto the Demo's conversations. The bare window gets a warm-up launch too.
for (const name of names.filter((n) => n !== "bare")) {
  const window = await launch(apps[name].binary, apps[name].env);
  try {
    const keep = await window.browser.$('//button[normalize-space()="Keep exploring the Demo"]');
    await keep.waitForClickable({ timeout: 60_000 });
    await keep.click();
    await timeUntil(window.browser, window.launched, apps[name].finalScreen);
  } finally {
    await window.stop();
  }
}
await measure(apps.bare, environments[0]);

const results = [];
for (let run = 1; run <= runs; run++) {
  for (const environment of environments) {
    // Alternate which app goes first, so neither always follows the other.
    const order = run % 2 ? names : [...names].reverse();
    for (const name of order) {
      const r = await measure(apps[name], environment);
      results.push({ run, environment: environment.name, app: name, ...r });
      console.error(
        `run ${run} ${environment.name} ${name}: screen ${r.screenMs.toFixed(0)} ms, page start ${r.pageStartMs.toFixed(0)} ms, PSS ${(r.pss.total / 1024).toFixed(1)} MiB`,
      );
    }
  }
}

const mib = (kib) => (kib / 1024).toFixed(1);
console.log(`Start-up, ${runs} interleaved launches per app and environment (medians; min–max in brackets)\n`);
console.log("| environment | app | session request → final screen (ms) | → page navigation start (ms) | PSS at 10 s (MiB) | PSS by process (MiB) |");
console.log("| --- | --- | --- | --- | --- | --- |");
const ratios = [];
for (const environment of environments) {
  const medians = {};
  for (const name of names) {
    const mine = results.filter((r) => r.environment === environment.name && r.app === name);
    const screen = mine.map((r) => r.screenMs);
    const pss = mine.map((r) => r.pss.total);
    const processes = [...new Set(mine.flatMap((r) => Object.keys(r.pss.perName)))];
    const byProcess = processes.map((n) => `${n} ${mib(median(mine.map((r) => r.pss.perName[n] ?? 0)))}`).join(", ");
    medians[name] = { screen: median(screen), pss: median(pss) };
    console.log(
      `| ${environment.name} | ${label[name]} | ${median(screen).toFixed(0)} (${Math.min(...screen).toFixed(0)}–${Math.max(...screen).toFixed(0)}) | ${median(mine.map((r) => r.pageStartMs)).toFixed(0)} | ${mib(median(pss))} (${mib(Math.min(...pss))}–${mib(Math.max(...pss))}) | ${byProcess} |`,
    );
  }
  for (const name of names.filter((n) => n !== "bare")) {
    ratios.push(
      `| ${environment.name} | ${label[name]} | ${(medians[name].screen / medians.bare.screen).toFixed(2)}x | ${(medians[name].pss / medians.bare.pss).toFixed(2)}x |`,
    );
  }
}
console.log("\n| environment | app | time ratio (app / bare) | PSS ratio (app / bare) |\n| --- | --- | --- | --- |");
for (const line of ratios) console.log(line);
