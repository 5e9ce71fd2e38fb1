/// <reference types="vitest/config" />
import { defineConfig, type HtmlTagDescriptor, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * The page asks for the app's code (`app/mount.tsx`, imported by the small entry) and everything it imports from
 * the HTML already, so those files load while the entry runs instead of after it.
 */
function preloadAppCode(): Plugin {
  return {
    name: "crisp-desk:preload-app-code",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((output) => output.type === "chunk");
        const mount = chunks.find((chunk) => chunk.facadeModuleId?.endsWith("/app/mount.tsx"));
        if (!mount) throw new Error("no app/mount.tsx chunk to preload");
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          const chunk = chunks.find((c) => c.fileName === file);
          for (const sheet of chunk?.viteMetadata?.importedCss ?? []) css.add(sheet);
          for (const imported of chunk?.imports ?? []) visit(imported);
        };
        visit(mount.fileName);
        // What the page links already (the entry, its imports, its style sheet) is left as it is.
        const linked = (file: string) => html.includes(`/${file}"`);
        const tags: HtmlTagDescriptor[] = [...files].filter((file) => !linked(file)).map((file) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` },
          injectTo: "head",
        }));
        for (const sheet of [...css].filter((file) => !linked(file))) {
          tags.push({ tag: "link", attrs: { rel: "stylesheet", crossorigin: true, href: `/${sheet}` }, injectTo: "head" });
        }
        return tags;
      },
    },
  };
}

/**
 * The UI lives in `ui/`; Tauri loads `ui/dist` (build) or port 1420 (dev). Vitest runs the unit tests that sit
 * beside the sources; the Playwright screens have their own config (`ui/playwright/vitest.config.ts`).
 */
export default defineConfig({
  root: "ui",
  plugins: [react(), preloadAppCode()],
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
