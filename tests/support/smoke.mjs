// `start.sh --smoke`: launches the built app (CRISP_DESK_APP) in fresh config and data folders through
// tauri-driver, waits until the window shows the Demo's conversation rows, writes a screenshot of the screen to
// SMOKE_SHOT, then closes the app and its driver. Exits 0 when rows showed, 1 with the reason otherwise.
import { spawnSync } from "node:child_process";
import { freshAppDirs, startApp } from "./harness.mjs";

const rowsSelector = '[aria-label="Conversations"] [role="option"]';
const timeoutMs = Number(process.env.SMOKE_TIMEOUT_MS ?? 120_000);
const shot = process.env.SMOKE_SHOT;

let app;
let failure = null;
try {
  app = await startApp(freshAppDirs());
  await app.browser.waitUntil(
    async () => app.browser.execute((selector) => document.querySelectorAll(selector).length, rowsSelector).then((n) => n > 0),
    { timeout: timeoutMs, interval: 250, timeoutMsg: `no conversation rows within ${timeoutMs / 1000} s` },
  );
  const rows = await app.browser.execute((selector) => document.querySelectorAll(selector).length, rowsSelector);
  process.stdout.write(`the window shows ${rows} Demo conversation rows\n`);
  if (shot) {
    const grab = spawnSync("import", ["-window", "root", shot], { stdio: "inherit" });
    // A window whose rows are in the page but not painted on the screen grabs as a blank image.
    const colours = Number(spawnSync("identify", ["-format", "%k", shot], { encoding: "utf8" }).stdout);
    if (grab.status !== 0) failure = `the screenshot could not be written to ${shot}`;
    else if (!(colours >= 16)) failure = `the window is blank on screen (${colours} colours in ${shot})`;
    else process.stdout.write(`screenshot of the app window: ${shot}\n`);
  }
} catch (error) {
  failure = `the app window never showed the Demo's conversation rows: ${error.message ?? error}`;
} finally {
  await app?.stop().catch(() => {});
}
if (failure) {
  process.stderr.write(`smoke: ${failure}\n`);
  process.exit(1);
}
