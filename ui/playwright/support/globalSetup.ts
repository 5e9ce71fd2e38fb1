import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

let server: Server | undefined;
let ownBuild: string | undefined;

/**
 * Serves a build of the UI on a free loopback port and hands the URL to the tests. The build is private to
 * this run (`PLAYWRIGHT_DIST` from test-ui.mjs, else a fresh one in a temp folder), so runs started at the
 * same time by other people in the same tree never serve each other's half-written files.
 */
export async function setup(project: TestProject) {
  const root = project.config.root;
  let dist = process.env.PLAYWRIGHT_DIST;
  if (!dist || !existsSync(join(dist, "index.html"))) {
    ownBuild = mkdtempSync(join(tmpdir(), "crisp-desk-ui-"));
    dist = ownBuild;
    execFileSync("npx", ["--no-install", "vite", "build", "--logLevel", "warn", "--outDir", dist, "--emptyOutDir"], {
      cwd: root,
      stdio: "inherit",
    });
  }
  const served = dist;
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, "");
    let file = join(served, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    } catch {
      file = join(served, "index.html");
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("baseUrl", `http://127.0.0.1:${port}/`);
}

export async function teardown() {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (ownBuild) rmSync(ownBuild, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
