import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
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

/** Serves `ui/dist` (building it first when missing) on a free loopback port and hands the URL to the tests. */
export async function setup(project: TestProject) {
  const root = project.config.root;
  const dist = join(root, "ui", "dist");
  // Always a fresh build unless the caller just made one (test-ui.mjs sets PLAYWRIGHT_BUILD=0).
  if (!existsSync(join(dist, "index.html")) || process.env.PLAYWRIGHT_BUILD !== "0") {
    execFileSync("npx", ["--no-install", "vite", "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  }
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, "");
    let file = join(dist, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    } catch {
      file = join(dist, "index.html");
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
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
