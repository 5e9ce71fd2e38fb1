/**
 * The screen-test harness: launches Debian's chromium through playwright-core, opens the built UI with
 * `window.__TAURI_INTERNALS__` replaced by a mock that forwards every `invoke` to handlers written in the test
 * (Node side, so they can close over test state), and records each `(command, args)` exactly as the UI sent it.
 *
 *   const app = await openApp({ handlers: { search_conversations: () => conversations } });
 *   await app.page.getByRole("button", { name: "Send" }).click();
 *   expect(app.ipc.last("send_message")).toEqual({ connection: "demo", request: {...} });
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import type { AppErrorData as AppError, commands, ConnectionSummary } from "../../src/ipc";

type Commands = typeof commands;
type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? H extends Lowercase<H>
    ? `${H}${Snake<T>}`
    : `_${Lowercase<H>}${Snake<T>}`
  : S;
/** The name `invoke` receives for each generated command (`sendMessage` → `send_message`). */
export type CommandName = { [K in keyof Commands & string]: Snake<K> }[keyof Commands & string];
type CamelOf<N extends CommandName> = { [K in keyof Commands & string]: Snake<K> extends N ? K : never }[keyof Commands &
  string];
type DataOf<N extends CommandName> = Awaited<ReturnType<Commands[CamelOf<N>]>> extends infer R
  ? R extends { status: "ok"; data: infer D }
    ? D
    : never
  : never;

/**
 * What a handler may answer: the command's output type with every field optional (the UI must cope with
 * absent fields anyway, since Crisp's models are lenient), or null for commands without data.
 */
export type Lenient<T> = T extends (infer U)[]
  ? Lenient<U>[]
  : T extends Record<string, never>
    ? T | null
    : T extends object
      ? { [K in keyof T]?: Lenient<T[K]> | null }
      : T;

/** What a mocked command receives: the exact argument object the UI passed to `invoke`. */
export type IpcArgs = Record<string, any>;
/** A test's answer to one command: its `data`, or throw `ipcError(...)` to answer with an `AppError`. */
export type Handler<N extends CommandName> = (
  args: IpcArgs,
  call: number,
) => Lenient<DataOf<N>> | Promise<Lenient<DataOf<N>>>;
export type Handlers = { [N in CommandName]?: Handler<N> };

/** Thrown by a handler to make the command fail with this AppError (tauri-specta's `{status: "error"}`). */
export class IpcFailure {
  constructor(readonly error: AppError) {}
}
export function ipcError(kind: AppError["kind"], message: string, field?: string): IpcFailure {
  return new IpcFailure(field ? { kind, message, field } : { kind, message });
}

/** One recorded call. */
export interface IpcCall {
  command: string;
  args: IpcArgs;
}

/** The recorded calls and the live handler table (tests may swap handlers mid-test). */
export class MockIpc {
  readonly calls: IpcCall[] = [];
  readonly unhandled: string[] = [];
  constructor(public handlers: Handlers) {}
  /** Every call of one command, in order. */
  of(command: CommandName): IpcArgs[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.args);
  }
  /** The last call of one command (throws when there was none, naming what was called instead). */
  last(command: CommandName): IpcArgs {
    const all = this.of(command);
    if (all.length === 0) {
      throw new Error(`${command} was never called; calls: ${this.calls.map((c) => c.command).join(", ") || "none"}`);
    }
    return all[all.length - 1];
  }
  /** Replaces or adds handlers. */
  on(handlers: Handlers) {
    Object.assign(this.handlers, handlers);
  }
  async answer(command: string, args: IpcArgs): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
    if (command.startsWith("plugin:event|")) return { ok: true, value: command.endsWith("|listen") ? 1 : null };
    this.calls.push({ command, args: structuredClone(args) });
    const handler = (this.handlers as Record<string, Handler<CommandName> | undefined>)[command];
    if (!handler) {
      this.unhandled.push(command);
      return { ok: false, error: { kind: "internal", message: `no mock for ${command}`, field: null } };
    }
    try {
      return { ok: true, value: (await handler(args, this.of(command as CommandName).length)) ?? null };
    } catch (e) {
      if (e instanceof IpcFailure) return { ok: false, error: e.error };
      return { ok: false, error: { kind: "internal", message: String(e), field: null } };
    }
  }
}

/** The in-page half: a `__TAURI_INTERNALS__` whose invoke goes to the Node-side MockIpc. */
function installTauriMock() {
  const w = window as unknown as Record<string, unknown> & {
    __crispIpc: (command: string, args: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
  };
  let next = 1;
  w.__TAURI_INTERNALS__ = {
    invoke: async (command: string, args: unknown) => {
      const answer = await w.__crispIpc(command, args ?? {});
      if (answer.ok) return answer.value;
      throw answer.error;
    },
    transformCallback: (callback: (value: unknown) => void) => {
      const id = next++;
      w[`_${id}`] = callback;
      return id;
    },
    unregisterCallback: (id: number) => delete w[`_${id}`],
    convertFileSrc: (path: string) => path,
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
  };
  w.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => undefined };
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let browser: Browser | undefined;
/** One chromium per test file, started on first use. */
export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return browser;
}
/** Call from `afterAll`. */
export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

/** The Demo connection as the backend lists it. */
export const demoConnection: ConnectionSummary = {
  id: "demo",
  name: "Demo",
  identifier: "demo-identifier",
  website_id: "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13",
  tier: "user" as const,
  api_base: "http://127.0.0.1:9/",
  has_key: true,
  demo: true,
  selected: true,
};

export interface OpenOptions {
  handlers?: Handlers;
  /** Hash route to open, e.g. `conversations` or `conversations/session_x`. */
  route?: string;
  colorScheme?: "light" | "dark";
  viewport?: { width: number; height: number };
  /** Skip the first-run screen (default true: most tests start in the app). */
  firstRunDone?: boolean;
}

export interface App {
  page: Page;
  context: BrowserContext;
  ipc: MockIpc;
  /** Console errors and page errors seen so far (a test can assert there are none). */
  errors: string[];
  close(): Promise<void>;
}

/** Opens the built UI with the mocked IPC. Default handlers list the Demo connection and no operators. */
export async function openApp(options: OpenOptions = {}): Promise<App> {
  const b = await launchBrowser();
  const context = await b.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    reducedMotion: "reduce",
  });
  const ipc = new MockIpc({
    list_connections: () => [demoConnection],
    select_connection: (args) => ({ ...demoConnection, id: String(args.connection), selected: true }),
    list_operators: () => [],
    quota: () => ({}),
    ...options.handlers,
  });
  await context.exposeFunction("__crispIpc", (command: string, args: IpcArgs) => ipc.answer(command, args));
  await context.addInitScript(installTauriMock);
  if (options.firstRunDone !== false) {
    await context.addInitScript(() => window.localStorage.setItem("crisp-desk.first-run-done", "1"));
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${inject("baseUrl")}#/${options.route ?? ""}`);
  return { page, context, ipc, errors, close: () => context.close() };
}
