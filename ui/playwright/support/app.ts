/**
 * The screen-test harness: launches Debian's chromium through playwright-core, opens the built UI with
 * `window.__TAURI_INTERNALS__` replaced by a mock that forwards every `invoke` to handlers written in the test
 * (Node side, so they can close over test state), and records each `(command, args)` exactly as the UI sent it.
 *
 *   const app = await openApp({ handlers: { search_conversations: () => conversations } });
 *   await app.page.getByRole("button", { name: "Send" }).click();
 *   expect(app.ipc.last("send_message")).toEqual({ connection: "demo", request: {...} });
 *
 * The backend's pushes go the way Tauri delivers them: `app.emit(event, payload)` calls the page's listeners
 * of that event, and `app.channel(args.onProgress).send(message)` feeds a `Channel` argument a command received
 * (`"__CHANNEL__:<id>"`, as Rust sees it) in order.
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
/** Feeds the `Channel` a command received (`args.onPage`, ...): its messages in order, then its end. */
export type ChannelFeed = (argument: unknown) => { send(message: unknown): Promise<void>; end(): Promise<void> };
/**
 * A test's answer to one command: its `data`, or throw `ipcError(...)` to answer with an `AppError`. `channel`
 * (always given by the harness) feeds a Channel argument, as `app.channel` does.
 */
export type Handler<N extends CommandName> = (
  args: IpcArgs,
  call: number,
  channel?: ChannelFeed,
) => Lenient<DataOf<N>> | Promise<Lenient<DataOf<N>>>;

/**
 * A `stream_*` command answered as the backend pages it: from the request's page, every page of `pageOf` through
 * the `onPage` channel, until an empty or short page (`per_page`, 20 by default) or `limit` items (the last page
 * trimmed); answers how many pages and items were sent.
 */
export function pagedStream<N extends CommandName>(pageOf: (request: IpcArgs, page: number) => unknown[]): Handler<N> {
  const stream = async (args: IpcArgs, _call: number, channel?: ChannelFeed) => {
    if (!channel) throw new Error("a stream needs the harness's channel feed");
    const { request } = args;
    const perPage: number = request.per_page ?? 20;
    const limit: number | undefined = request.limit ?? undefined;
    const onPage = channel(args.onPage);
    let pages = 0;
    let items = 0;
    for (let page: number = request.page ?? 1; limit === undefined || items < limit; page += 1) {
      const all = pageOf(request, page);
      if (all.length === 0) break;
      const sent = limit === undefined ? all : all.slice(0, limit - items);
      pages += 1;
      items += sent.length;
      await onPage.send({ index: pages, items: sent });
      if (all.length < perPage) break;
    }
    return { pages, items };
  };
  return stream as unknown as Handler<N>;
}
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
  /** The page's event listeners: event name → callback ids (from `plugin:event|listen`, minus unlistens). */
  readonly listeners = new Map<string, number[]>();
  /** Feeds a Channel argument; set by `openApp` once the page exists. */
  channel: ChannelFeed = () => {
    throw new Error("no page to send channel messages to yet");
  };
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
    if (command.startsWith("plugin:event|")) return { ok: true, value: this.listen(command, args) };
    this.calls.push({ command, args: structuredClone(args) });
    const handler = (this.handlers as Record<string, Handler<CommandName> | undefined>)[command];
    if (!handler) {
      this.unhandled.push(command);
      return { ok: false, error: { kind: "internal", message: `no mock for ${command}`, field: null } };
    }
    try {
      return { ok: true, value: (await handler(args, this.of(command as CommandName).length, this.channel)) ?? null };
    } catch (e) {
      if (e instanceof IpcFailure) return { ok: false, error: e.error };
      return { ok: false, error: { kind: "internal", message: String(e), field: null } };
    }
  }
  /** Keeps the event plugin's listen/unlisten bookkeeping; the listener's id is its callback id. */
  private listen(command: string, args: IpcArgs): number | null {
    const event = String(args.event);
    const ids = this.listeners.get(event) ?? [];
    if (command.endsWith("|listen")) {
      this.listeners.set(event, [...ids, Number(args.handler)]);
      return Number(args.handler);
    }
    if (command.endsWith("|unlisten")) this.listeners.set(event, ids.filter((id) => id !== Number(args.eventId)));
    return null;
  }
}

/** The in-page half: a `__TAURI_INTERNALS__` whose invoke goes to the Node-side MockIpc. */
function installTauriMock() {
  const w = window as unknown as Record<string, unknown> & {
    __crispIpc: (command: string, args: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
  };
  let next = 1;
  // A Channel argument travels as Tauri sends it to Rust: the string `__CHANNEL__:<callback id>`.
  const wire = (args: unknown) =>
    args && typeof args === "object"
      ? Object.fromEntries(
          Object.entries(args).map(([key, value]) => {
            const json = value && typeof value === "object" && "toJSON" in value ? (value as { toJSON(): unknown }).toJSON() : null;
            return [key, typeof json === "string" && json.startsWith("__CHANNEL__:") ? json : value];
          }),
        )
      : {};
  w.__TAURI_INTERNALS__ = {
    invoke: async (command: string, args: unknown) => {
      const answer = await w.__crispIpc(command, wire(args));
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
  /** IANA timezone the page runs in (default: the machine's), e.g. `Asia/Tokyo`. */
  timezoneId?: string;
  /** Skip the first-run screen (default true: most tests start in the app). */
  firstRunDone?: boolean;
  /** Run in the page before any of the app's own code (after the IPC mock): a function, or a script's text. */
  initScript?: (() => void) | string;
  /** Set up the browser context before the page opens (to hold or change what the page loads, say). */
  beforeOpen?: (context: BrowserContext) => Promise<unknown>;
}

export interface App {
  page: Page;
  context: BrowserContext;
  ipc: MockIpc;
  /** Console errors and page errors seen so far (a test can assert there are none). */
  errors: string[];
  /** Emits a backend event to the page's listeners, waiting (up to 5 s) until the page listens to it. */
  emit(event: string, payload: unknown): Promise<void>;
  /** The Channel a command received (`args.onProgress`, ...): send it messages in order, or end it. */
  channel: ChannelFeed;
  close(): Promise<void>;
}

/** Opens the built UI with the mocked IPC. Default handlers list the Demo connection and no operators. */
export async function openApp(options: OpenOptions = {}): Promise<App> {
  const b = await launchBrowser();
  const context = await b.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    reducedMotion: "reduce",
    timezoneId: options.timezoneId,
  });
  const ipc = new MockIpc({
    list_connections: () => [demoConnection],
    select_connection: (args) => ({ ...demoConnection, id: String(args.connection), selected: true }),
    list_operators: () => [],
    quota: () => ({}),
    // Not watched, with the backend's default settings, unless a test says otherwise.
    monitor_status: () => null,
    monitor_settings: () => DEFAULT_MONITOR_SETTINGS,
    set_window_focused: () => null,
    monitor_preferences: () => ({ watch_all_connections: false, do_not_disturb: false }),
    ...options.handlers,
  });
  await context.exposeFunction("__crispIpc", (command: string, args: IpcArgs) => ipc.answer(command, args));
  await context.addInitScript(installTauriMock);
  if (options.firstRunDone !== false) {
    await context.addInitScript(() => window.localStorage.setItem("crisp-desk.first-run-done", "1"));
  }
  if (options.initScript) await context.addInitScript(options.initScript);
  await options.beforeOpen?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${inject("baseUrl")}#/${options.route ?? ""}`);

  const emit = async (event: string, payload: unknown) => {
    const deadline = Date.now() + 5_000;
    while (!ipc.listeners.get(event)?.length) {
      if (Date.now() > deadline) throw new Error(`nothing in the page listens to ${event}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await page.evaluate(
      ({ event, ids, payload }) => {
        const w = window as unknown as Record<string, ((message: unknown) => void) | undefined>;
        for (const id of ids) w[`_${id}`]?.({ event, id, payload });
      },
      { event, ids: ipc.listeners.get(event) ?? [], payload },
    );
  };
  const sent = new Map<number, number>();
  const channel = (argument: unknown) => {
    const match = /^__CHANNEL__:(\d+)$/.exec(String(argument));
    if (!match) throw new Error(`not a channel argument: ${JSON.stringify(argument)}`);
    const id = Number(match[1]);
    const deliver = (message: Record<string, unknown>) =>
      page.evaluate(
        ({ id, message }) => (window as unknown as Record<string, (m: unknown) => void>)[`_${id}`]?.(message),
        { id, message },
      );
    return {
      send: async (message: unknown) => {
        const index = sent.get(id) ?? 0;
        sent.set(id, index + 1);
        await deliver({ index, message });
      },
      end: () => deliver({ index: sent.get(id) ?? 0, end: true }),
    };
  };
  ipc.channel = channel;
  return { page, context, ipc, errors, emit, channel, close: () => context.close() };
}

/** What `monitor_settings` answers for a connection never configured (the backend's defaults). */
export const DEFAULT_MONITOR_SETTINGS = {
  enabled: true,
  events: {
    conversation_created: true,
    visitor_message_received: true,
    conversation_state_changed: true,
    people_profile_changed: false,
    visitors_count_changed: false,
  },
  notifications: true,
  do_not_disturb: false,
  focused: true,
};

/** From the first launch's welcome above the Demo, opens the set-up form ("Add your Crisp connection"). */
export async function openWelcomeForm(page: Page) {
  await page.getByRole("button", { name: "Add your Crisp connection" }).click();
  await page.getByRole("heading", { name: "Welcome to Crisp Desk" }).waitFor();
  await page.getByLabel("Name", { exact: true }).waitFor();
}
