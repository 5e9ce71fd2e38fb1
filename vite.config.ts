/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

/**
 * The UI lives in `ui/`; Tauri loads `ui/dist` (build) or port 1420 (dev). Vitest runs the unit tests that sit
 * beside the sources; the Playwright screens have their own config (`ui/playwright/vitest.config.ts`).
 */
export default defineConfig({
  root: "ui",
  plugins: [react()],
  clearScreen: false,
  // Tauri's devUrl is http://localhost:1420; Vite's default host answers there.
  server: { port: 1420, strictPort: true },
  preview: { port: 1421, strictPort: false, host: "127.0.0.1" },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false, chunkSizeWarningLimit: 2000 },
  test: {
    root: ".",
    include: ["ui/src/**/*.test.{ts,tsx}"],
    environment: "node",
    restoreMocks: true,
  },
});
