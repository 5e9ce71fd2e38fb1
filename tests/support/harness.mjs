// Starts what one end-to-end scenario needs: a sandbox process with its own token, and the real app window
// (through its own tauri-driver, so each scenario gets a fresh config and data directory).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { remote } from "webdriverio";

const appBinary = process.env.CRISP_DESK_APP;
const cliBinary = process.env.CRISPDESK_BIN;
const scratch = process.env.E2E_ROOT ?? "/tmp";

/** A free loopback TCP port. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => { socket.destroy(); resolve(true); });
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1");
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** Starts `crispdesk sandbox` and resolves with its printed credentials and a `stop()`. */
export async function startSandbox(args = []) {
  const child = spawn(cliBinary, ["sandbox", "--listen", "127.0.0.1:0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`crispdesk sandbox exited with ${code}`)));
    lines.once("line", (line) => resolve(JSON.parse(line)));
  });
  return {
    info,
    /** Calls the sandbox's control API or the Crisp API with the sandbox's own token. */
    async request(method, path, body) {
      const headers = { "content-type": "application/json" };
      if (path.startsWith("/v1/")) {
        headers.authorization = `Basic ${Buffer.from(`${info.identifier}:${info.key}`).toString("base64")}`;
        headers["x-crisp-tier"] = info.tier;
      }
      const response = await fetch(`${info.base_url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
    },
  };
}

/** A fresh pair of app config and data directories for one scenario. */
export function freshAppDirs() {
  const base = mkdtempSync(join(scratch, "app-"));
  const dirs = { config: join(base, "config"), data: join(base, "data") };
  mkdirSync(dirs.config, { recursive: true });
  mkdirSync(dirs.data, { recursive: true });
  return dirs;
}

/** Launches the real app window with the given directories; resolves with the WebDriver browser and `stop()`. */
export async function startApp(dirs) {
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: "ignore",
    env: { ...process.env, CRISP_DESK_CONFIG_DIR: dirs.config, CRISP_DESK_DATA_DIR: dirs.data },
  });
  await waitForPort(port, 10_000);
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "warn",
    capabilities: { "tauri:options": { application: appBinary } },
  });
  return {
    browser,
    async stop() {
      await browser.deleteSession().catch(() => {});
      driver.kill("SIGTERM");
      await new Promise((resolve) => (driver.exitCode !== null ? resolve() : driver.once("exit", resolve)));
    },
  };
}

/** The form control whose label (or aria-label) reads `text`, optionally inside the fieldset with `legend`. */
export async function control(browser, text, legend) {
  const element = await browser.execute(
    (labelText, legendText) => {
      const scope = legendText
        ? [...document.querySelectorAll("fieldset")].find(
            (f) => f.querySelector("legend")?.textContent?.trim() === legendText,
          )
        : document;
      if (!scope) return null;
      const label = [...scope.querySelectorAll("label")].find((l) => {
        const own = [...l.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
        return l.textContent?.trim() === labelText || own === labelText || l.textContent?.trim().startsWith(labelText + " ");
      });
      if (label) {
        if (label.htmlFor) return document.getElementById(label.htmlFor);
        const inner = label.querySelector("input, select, textarea");
        if (inner) return inner;
      }
      return scope.querySelector(`[aria-label="${labelText}"]`);
    },
    text,
    legend ?? null,
  );
  if (!element) throw new Error(`no control labelled "${text}"${legend ? ` in "${legend}"` : ""}`);
  return browser.$(element);
}

/** The button whose visible text or accessible name is `text`. */
export async function button(browser, text) {
  const element = await browser.$(`//button[normalize-space()="${text}" or @aria-label="${text}"]`);
  await element.waitForExist({ timeout: 10_000 });
  return element;
}

/** Waits until `predicate` (run in the page) returns a truthy value, and returns it. */
export async function waitInPage(browser, predicate, timeout = 15_000, ...args) {
  let value;
  await browser.waitUntil(async () => {
    value = await browser.execute(predicate, ...args);
    return Boolean(value);
  }, { timeout, interval: 200 });
  return value;
}
