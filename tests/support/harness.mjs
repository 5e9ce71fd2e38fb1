// Starts what one end-to-end scenario needs: a sandbox process with its own token, and the real app window
// (through its own tauri-driver, so each scenario gets a fresh config and data directory).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { remote } from "webdriverio";

const appBinary = process.env.CRISP_DESK_APP;
const cliBinary = process.env.CRISPDESK_BIN;
const scratch = process.env.E2E_ROOT ?? "/tmp";
const shots = join(process.cwd(), "artifacts", "e2e");
let shotCount = 0;

/** A free loopback TCP port. */
export async function freePort() {
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

/** Resolves once something listens on 127.0.0.1:`port`, or fails after `timeoutMs`. */
export async function waitForPort(port, timeoutMs) {
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

/** Spawns `crispdesk sandbox` with `argv` (the key on stdin when given) and resolves with its process and printed line. */
async function spawnSandbox(argv, key) {
  const child = spawn(cliBinary, ["sandbox", ...argv, ...(key === undefined ? [] : ["--key-stdin"])], {
    stdio: [key === undefined ? "ignore" : "pipe", "pipe", "inherit"],
  });
  if (key !== undefined) child.stdin.end(`${key}\n`);
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`crispdesk sandbox exited with ${code}`)));
    lines.once("line", (line) => resolve(JSON.parse(line)));
  });
  return { child, info };
}

/** Starts `crispdesk sandbox` and resolves with its printed credentials, a `stop()` and a `restart()`. */
export async function startSandbox(args = []) {
  let { child, info } = await spawnSandbox(["--listen", "127.0.0.1:0", ...args]);
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
  };
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
    stop,
    /**
     * Starts a stopped sandbox again on the same address with the same token and website, its data seeded as
     * before (what was written to the earlier one is gone, its request log too).
     */
    async restart() {
      if (child.exitCode === null && child.signalCode === null) await stop();
      const { hostname, port } = new URL(info.base_url);
      const argv = ["--listen", `${hostname}:${port}`, "--identifier", info.identifier, "--website-id", info.website_id, ...args];
      ({ child, info } = await spawnSandbox(argv, info.key));
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
    stdio: process.env.E2E_DRIVER_LOG ? "inherit" : "ignore",
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
    /** Saves what the window shows last to artifacts/e2e/, then closes the app and its driver. */
    async stop() {
      mkdirSync(shots, { recursive: true });
      // WebKit's WebDriver takes the picture at the page's next rendering update, and a settled page may have none
      // for a minute (a live app repaints nothing while Crisp is quiet): a pixel that blinks for a while makes one.
      await browser
        .execute(() => {
          const pixel = document.createElement("div");
          pixel.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;opacity:0";
          document.body.append(pixel);
          const blink = setInterval(() => (pixel.style.opacity = pixel.style.opacity === "0" ? "0.01" : "0"), 40);
          setTimeout(() => (clearInterval(blink), pixel.remove()), 3_000);
        })
        .catch(() => {});
      await browser.saveScreenshot(join(shots, `${process.pid}-${String(++shotCount).padStart(2, "0")}.png`)).catch(() => {});
      await stopDriver(driver, browser, appBinary);
    },
  };
}

/**
 * Ends the WebDriver session, then the driver, then the app if it outlived both: a session that fails to end (the
 * web process gone first) leaves the window open, and an app left running holds the test runner's output open.
 */
export async function stopDriver(driver, browser, binary) {
  const apps = descendants(driver.pid).filter((pid) => exe(pid) === binary);
  await browser.deleteSession().catch(() => {});
  driver.kill("SIGTERM");
  await new Promise((resolve) => (driver.exitCode !== null ? resolve() : driver.once("exit", resolve)));
  for (const signal of ["SIGTERM", "SIGKILL"]) {
    const left = apps.filter(alive);
    for (const pid of left) {
      try {
        process.kill(pid, signal);
      } catch {
        // It exited meanwhile.
      }
    }
    const deadline = Date.now() + 5_000;
    while (left.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether `pid` is a running process (not a zombie). */
function alive(pid) {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** The executable `pid` was started as ("" once it is gone). */
export function exe(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
  } catch {
    return "";
  }
}

/** `pid` and every process below it. */
export function descendants(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    let children = "";
    try {
      children = execFileSync("pgrep", ["-P", String(pids[i])], { encoding: "utf8" }).trim();
    } catch {
      // pgrep exits 1 when a process has no children.
    }
    if (children) pids.push(...children.split("\n").map(Number));
  }
  return pids;
}

/**
 * The form control whose label (or aria-label) reads `text`, optionally inside the fieldset with `legend`, waited
 * for up to 15 s (screens other than the inbox load their code on first use).
 */
export async function control(browser, text, legend) {
  let element = null;
  await browser
    .waitUntil(async () => (element = await findControl(browser, text, legend)) !== null, { timeout: 15_000, interval: 100 })
    .catch(() => {});
  if (!element) throw new Error(`no control labelled "${text}"${legend ? ` in "${legend}"` : ""}`);
  return browser.$(element);
}

/** The control `control` waits for, or null while the page has none. */
async function findControl(browser, text, legend) {
  return browser.execute(
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

/** Opens a section of the app through the shell's navigation. */
export async function openSection(browser, label) {
  const link = await browser.$(`//nav[@aria-label="Sections"]//a[normalize-space()="${label}"]`);
  await link.waitForClickable({ timeout: 20_000 });
  await link.click();
}

/**
 * Types into a control, replacing what it held. WebDriver's clear empties the element without React hearing it,
 * so a render between the clear and the typing puts the old text back and the typing lands after it: the field is
 * read back and typed again until it holds exactly `value`.
 */
export async function retype(input, value) {
  await input.waitForEnabled({ timeout: 10_000 });
  for (let attempt = 1; attempt <= 3; attempt++) {
    await input.clearValue();
    await input.setValue(value);
    if ((await input.getValue()) === value) return input;
  }
  throw new Error(`the field holds ${JSON.stringify(await input.getValue())}, not the ${JSON.stringify(value)} typed`);
}

/** Types into the labelled control, replacing what it held. */
export async function fill(browser, label, value, legend) {
  return retype(await control(browser, label, legend), value);
}

/** The error text shown at the labelled control (through its aria-describedby), or "" when there is none. */
export async function fieldError(browser, label, legend) {
  const input = await control(browser, label, legend);
  return browser.execute((el) => {
    const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    return ids
      .map((id) => document.getElementById(id))
      .filter((node) => node && node.classList.contains("field-error"))
      .map((node) => node.textContent.trim())
      .join(" ");
  }, input);
}

/** Every regular file below `dir` whose bytes contain `needle`. */
export function filesContaining(dir, needle) {
  const found = [];
  const walk = (path) => {
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && readFileSync(full).includes(needle)) found.push(full);
    }
  };
  walk(dir);
  return found;
}

/** Opens Connections → Add connection and types a connection's fields (tier user, API host under Advanced). */
export async function typeConnection(browser, { name, identifier, key, websiteId, apiBase }) {
  // A first launch shows the set-up form itself; later launches reach it through Connections.
  const form = await browser.$("form.connection-form");
  await browser.waitUntil(async () => (await form.isExisting()) || (await browser.$('//nav[@aria-label="Sections"]').isExisting()), {
    timeout: 20_000, timeoutMsg: "neither the first-run form nor the shell appeared",
  });
  if (!(await form.isExisting())) {
    await openSection(browser, "Connections");
    await (await button(browser, "Add connection")).click();
  }
  await fill(browser, "Name", name);
  await fill(browser, "Identifier", identifier);
  await fill(browser, "Key", key);
  await fill(browser, "Website ID", websiteId);
  await (await control(browser, "Tier")).selectByAttribute("value", "user");
  await (await browser.$("//details[contains(@class,'advanced')]/summary")).click();
  await fill(browser, "API host", apiBase);
}

/** Clicks Save connection and waits until the switcher shows the saved connection as the chosen one. */
export async function saveAndSelect(browser, name) {
  await (await button(browser, "Save connection")).click();
  await browser.waitUntil(async () => {
    const chosen = await browser.execute(
      () => document.getElementById("connection-switcher")?.selectedOptions[0]?.textContent ?? "");
    if (chosen.includes(name)) return true;
    const choose = await browser.$(`//button[@aria-label="Select ${name}"]`);
    if ((await choose.isExisting()) && (await choose.isEnabled())) await choose.click();
    return false;
  }, { timeout: 20_000, interval: 300, timeoutMsg: `"${name}" was not saved and selected` });
}

/** Adds, saves and selects a connection to `info` (a sandbox's printed credentials) through the UI. */
export async function connectTo(browser, info, name = "Sandbox") {
  await typeConnection(browser, {
    name, identifier: info.identifier, key: info.key, websiteId: info.website_id, apiBase: info.base_url,
  });
  await saveAndSelect(browser, name);
}

/** Waits until the inbox's list shows conversation rows. */
export async function waitForConversationRows(browser) {
  const count = () => browser.execute(() => document.querySelectorAll('[role="listbox"][aria-label="Conversations"] [role="option"]').length);
  await browser.waitUntil(async () => (await count()) > 0, { timeout: 20_000, timeoutMsg: "no conversation rows" });
}

/** Connects the app to the sandbox, opens Conversations and waits for its rows. */
export async function openInbox(browser, info) {
  await connectTo(browser, info);
  await openSection(browser, "Conversations");
  await waitForConversationRows(browser);
}
