import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Screen tests: Vitest is the runner, playwright-core drives Debian's chromium against the built UI
 * (served by the global setup) with the Tauri IPC mocked per test. One file at a time: the machine has 2 cores.
 * `PLAYWRIGHT_INCLUDE` selects other files (screenshots, benchmarks) with the same setup.
 */
export default defineConfig({
  root: repoRoot,
  test: {
    include: process.env.PLAYWRIGHT_INCLUDE ? [process.env.PLAYWRIGHT_INCLUDE] : ["ui/playwright/**/*.spec.ts"],
    environment: "node",
    globalSetup: ["ui/playwright/support/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: "forks",
  },
});
