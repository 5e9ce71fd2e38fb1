#!/usr/bin/env node
/**
 * The UI test command (`npm run test:ui`): builds the UI, runs the Vitest unit tests, then the Playwright screen
 * tests (built UI served on a free loopback port, Debian's chromium, IPC mocked), and ends with one line
 * "N passed, M failed". Exits non-zero when anything failed.
 *
 *   --playwright-only   skip the unit tests
 *   --screenshots       write light and dark screenshots of every screen to artifacts/screenshots/
 *   --bench             run the list benchmark and print its numbers (artifacts/bench/conversation-list.json)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = new Set(process.argv.slice(2));
const reports = join(root, "artifacts", "ui-test-reports");
mkdirSync(reports, { recursive: true });

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function vitest(name, extra, env = {}) {
  const output = join(reports, `${name}.json`);
  const status = run("npx", ["--no-install", "vitest", "run", ...extra, "--reporter=default", "--reporter=json", `--outputFile=${output}`], { PLAYWRIGHT_DIST: dist, ...env });
  let passed = 0;
  let failed = 0;
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, "utf8"));
    passed = report.numPassedTests ?? 0;
    failed = report.numFailedTests ?? 0;
    if (status !== 0 && failed === 0) failed = 1; // a suite that failed to load counts as a failure
  } else if (status !== 0) {
    failed = 1;
  }
  return { passed, failed };
}

if (!existsSync("/usr/bin/chromium") && !process.env.CHROMIUM_PATH) {
  console.error("chromium is missing: run scripts/install-system-deps.sh (Debian package chromium)");
  process.exit(1);
}

// A private build per run: other runs in the same tree (and `npm run build`'s ui/dist) are left alone.
const dist = mkdtempSync(join(tmpdir(), "crisp-desk-ui-"));
process.on("exit", () => rmSync(dist, { recursive: true, force: true }));
console.log("building the UI (vite build)");
if (run("npx", ["--no-install", "vite", "build", "--logLevel", "warn", "--outDir", dist, "--emptyOutDir"]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const playwrightConfig = ["--config", "ui/playwright/vitest.config.ts"];
let total = { passed: 0, failed: 0 };
const add = (r) => (total = { passed: total.passed + r.passed, failed: total.failed + r.failed });

if (args.has("--screenshots")) {
  mkdirSync(join(root, "artifacts", "screenshots"), { recursive: true });
  add(vitest("screenshots", playwrightConfig, { PLAYWRIGHT_INCLUDE: "ui/playwright/screenshots/*.shots.ts" }));
  console.log(`screenshots in artifacts/screenshots/`);
} else if (args.has("--bench")) {
  add(vitest("bench", playwrightConfig, { PLAYWRIGHT_INCLUDE: "ui/playwright/bench/*.bench.ts" }));
} else {
  if (!args.has("--playwright-only")) add(vitest("unit", []));
  add(vitest("playwright", playwrightConfig));
}

console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
