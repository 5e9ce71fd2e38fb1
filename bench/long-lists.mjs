// Long-list bench: the Demo seeded with 10,000 conversations and 10,000 people (CRISP_DESK_DEMO_CONVERSATIONS,
// CRISP_DESK_DEMO_PEOPLE), in the real release window through tauri-driver. Per list: launch (or section open) →
// first rows, scrolling to the end (every page loaded as the end comes into view) and a filter change → first rows
// of the filtered list, with the longest frame seen meanwhile (requestAnimationFrame deltas collected in the page).
// Run through `bash scripts/bench-startup.sh lists`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { descendants } from "../tests/support/harness.mjs";
import { launch, median, timeUntil } from "./window.mjs";

const size = Number(process.env.BENCH_LIST_SIZE ?? 10_000);
const runs = Number(process.env.RUNS ?? 3);
const scratch = process.env.BENCH_ROOT ?? "/tmp";

const lists = {
  conversations: {
    scroller: '[aria-label="Conversations"][role="listbox"]',
    rows: '[aria-label="Conversations"] [role="option"]',
  },
  people: {
    scroller: '[data-testid="people-scroll"]',
    rows: '[data-testid="people-scroll"] .pt-body-row',
  },
};

const msPerTick = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/**
 * CPU time (ms, user and system) used so far by the app's processes: the web page's main thread (where scripts,
 * style, layout and painting run), the web process's other threads (compositor, rasterizers) and the app's own
 * process (the IPC, the in-process Demo sandbox, the local store). Unlike frame times it does not grow when
 * other work on the machine takes the cores, so it compares builds measured under different load.
 */
function cpuTimes(appPid) {
  const times = { pageMain: 0, webOther: 0, app: 0 };
  for (const pid of descendants(appPid)) {
    try {
      const name = /Name:\s+(\S+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "";
      const web = name.startsWith("WebKitWebProces");
      if (!web && pid !== appPid) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ms = (Number(fields[11]) + Number(fields[12])) * msPerTick;
        if (!web) times.app += ms;
        else if (Number(tid) === pid) times.pageMain += ms;
        else times.webOther += ms;
      }
    } catch {
      // The process or thread exited meanwhile.
    }
  }
  return times;
}

/** The CPU time used between two `cpuTimes` readings. */
const cpuSince = (from, to) => Object.fromEntries(Object.keys(from).map((key) => [key, to[key] - from[key]]));

/** Starts collecting requestAnimationFrame timestamps in the page (window.__frames). */
async function recordFrames(browser) {
  await browser.execute(() => {
    if (window.__frames) return;
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The longest gap between two frames after page time `since`, and how many gaps were over 50 ms. */
async function framesSince(browser, since) {
  return browser.execute((from) => {
    const t = window.__frames.filter((x) => x >= from);
    let longest = 0;
    let over = 0;
    for (let i = 1; i < t.length; i++) {
      const gap = t[i] - t[i - 1];
      longest = Math.max(longest, gap);
      if (gap > 50) over++;
    }
    return { longest, over, frames: t.length };
  }, since);
}

const pageNow = (browser) => browser.execute(() => performance.now());

/** Scrolls `list` to its very end, a screenful per frame, until every page is loaded; answers time and frames. */
async function scrollToEnd(browser, list) {
  const from = await pageNow(browser);
  // The scroll runs in the page; the bench polls for its result (no WebDriver request stays open for minutes).
  // The end and the count are read inline (no eval: the app's CSP forbids it).
  await browser.execute(
    (scrollerSelector, people) => {
      const scroller = document.querySelector(scrollerSelector);
      const ended = people
        ? () => /^\d+ profiles$/.test(document.querySelector(".pt-status")?.textContent?.trim() ?? "")
        : () => /End of the list/.test(document.querySelector(".conversation-list-wrap")?.textContent ?? "");
      const loaded = people
        ? () => Number(scroller.getAttribute("aria-rowcount") ?? 1) - 1
        : () => Number(scroller.querySelector('[role="option"]')?.getAttribute("aria-setsize") ?? 0);
      const start = performance.now();
      window.__scrolled = null;
      const step = () => {
        scroller.scrollTop = scroller.scrollHeight;
        const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
        if (ended() && atBottom) {
          window.__scrolled = { ms: performance.now() - start, rows: loaded() };
        } else if (performance.now() - start > 280_000) {
          window.__scrolled = { ms: NaN, rows: loaded() };
        } else {
          requestAnimationFrame(step);
        }
      };
      requestAnimationFrame(step);
    },
    list.scroller,
    list === lists.people,
  );
  let result;
  await browser.waitUntil(async () => (result = await browser.execute(() => window.__scrolled)), {
    timeout: 300_000,
    interval: 500,
    timeoutMsg: "the list did not reach its end",
  });
  return { ...result, ...(await framesSince(browser, from)) };
}

/** Clicks the button named `text`. */
async function click(browser, text) {
  const element = await browser.$(`//button[normalize-space()="${text}"]`);
  await element.waitForClickable({ timeout: 20_000 });
  await element.click();
}

/** Types `value` into the control labelled `label` inside `form`. */
async function type(browser, formLabel, label, value) {
  const input = await browser.$(
    `//form[@aria-label="${formLabel}"]//label[contains(normalize-space(), "${label}")]//input | //form[@aria-label="${formLabel}"]//input[@id=//label[contains(normalize-space(), "${label}")]/@for]`,
  );
  await input.waitForExist({ timeout: 10_000 });
  await input.setValue(value);
}

/** Applies a text search in the list's filter form; answers time to the filtered list's first rows and frames. */
async function filterChange(browser, list, formLabel, openButton) {
  if (openButton) await click(browser, openButton);
  await type(browser, formLabel, list === lists.people ? "Search Text" : "Search Query", "e");
  const from = await pageNow(browser);
  const before = await browser.execute((s) => document.querySelector(s)?.textContent ?? "", list.rows);
  await browser.$(`//form[@aria-label="${formLabel}"]//button[normalize-space()="Apply filters"]`).click();
  await browser.waitUntil(
    async () => browser.execute(
      (s, old) => {
        const first = document.querySelector(s);
        return Boolean(first) && first.textContent !== old;
      },
      list.rows,
      before,
    ),
    { timeout: 60_000, interval: 20, timeoutMsg: "the filtered list showed no rows" },
  );
  const ms = (await pageNow(browser)) - from;
  return { ms, ...(await framesSince(browser, from)) };
}

// CRISP_DESK_BEFORE=<binary>[:<binary>...] measures earlier builds in the same run, interleaved with this one, for a
// change's before/after; each is labelled by its file name.
const builds = [
  { name: "Crisp Desk (Demo)", binary: process.env.CRISP_DESK_APP },
  ...(process.env.CRISP_DESK_BEFORE ?? "").split(":").filter(Boolean).map((binary) => ({ name: basename(binary), binary })),
];

const results = [];
for (let run = 1; run <= runs; run++) {
  for (const build of builds) results.push(...(await measure(run, build)));
}

/** One launch of `build`: each list's first rows, scroll to the end and filter change. */
async function measure(run, build) {
  const measured = [];
  const dirs = { config: mkdtempSync(join(scratch, "config-")), data: mkdtempSync(join(scratch, "data-")) };
  const window = await launch(build.binary, {
    CRISP_DESK_CONFIG_DIR: dirs.config,
    CRISP_DESK_DATA_DIR: dirs.data,
    CRISP_DESK_DEMO_CONVERSATIONS: String(size),
    CRISP_DESK_DEMO_PEOPLE: String(size),
  });
  const { browser } = window;
  try {
    const firstRows = await timeUntil(browser, window.launched, () =>
      document.querySelectorAll('[aria-label="Conversations"] [role="option"]').length > 0, 120_000);
    await recordFrames(browser);
    const appPid = window.appPid();
    let cpu = cpuTimes(appPid);
    const convScroll = await scrollToEnd(browser, lists.conversations);
    convScroll.cpu = cpuSince(cpu, (cpu = cpuTimes(appPid)));
    const convFilter = await filterChange(browser, lists.conversations, "Filters", "Filters");
    measured.push({ run, build: build.name, list: "conversations", firstRows, scroll: convScroll, filter: convFilter });

    const openedAt = performance.now();
    const link = await browser.$('//nav[@aria-label="Sections"]//a[normalize-space()="People"]');
    await link.click();
    const peopleRows = await timeUntil(browser, openedAt, () =>
      document.querySelectorAll('[data-testid="people-scroll"] .pt-body-row').length > 0, 120_000);
    cpu = cpuTimes(appPid);
    const peopleScroll = await scrollToEnd(browser, lists.people);
    peopleScroll.cpu = cpuSince(cpu, cpuTimes(appPid));
    const peopleFilter = await filterChange(browser, lists.people, "List people", null);
    measured.push({ run, build: build.name, list: "people", firstRows: peopleRows, scroll: peopleScroll, filter: peopleFilter });
    for (const r of measured) console.error(`run ${run} ${build.name} ${r.list}: ${JSON.stringify(r)}`);
  } finally {
    await window.stop();
  }
  return measured;
}

const f = (n) => (Number.isFinite(n) ? n.toFixed(0) : "—");
console.log(`Long lists: ${size.toLocaleString("en")} conversations and ${size.toLocaleString("en")} people in the Demo, ${runs} launches per build, interleaved (medians; worst in brackets)\n`);
console.log("| build | list | first rows (ms) | scroll to the end (ms) | rows loaded at the end | longest frame while scrolling (ms) | frames over 50 ms while scrolling | filter change → first rows (ms) | longest frame during the filter change (ms) |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const { name: build } of builds) for (const name of ["conversations", "people"]) {
  const mine = results.filter((r) => r.build === build && r.list === name);
  const m = (pick) => median(mine.map(pick));
  const worst = (pick) => Math.max(...mine.map(pick));
  console.log(
    `| ${build} | ${name} | ${f(m((r) => r.firstRows))} | ${f(m((r) => r.scroll.ms))} | ${f(m((r) => r.scroll.rows))} | ${f(m((r) => r.scroll.longest))} (${f(worst((r) => r.scroll.longest))}) | ${f(m((r) => r.scroll.over))} (${f(worst((r) => r.scroll.over))}) | ${f(m((r) => r.filter.ms))} | ${f(m((r) => r.filter.longest))} (${f(worst((r) => r.filter.longest))}) |`,
  );
}

console.log("\nCPU time while scrolling to the end (ms; medians): what the work costs whatever else the machine runs\n");
console.log("| build | list | web page main thread | web process, other threads | app process (IPC, Demo sandbox, store) |");
console.log("| --- | --- | --- | --- | --- |");
for (const { name: build } of builds) for (const name of ["conversations", "people"]) {
  const mine = results.filter((r) => r.build === build && r.list === name);
  const m = (key) => f(median(mine.map((r) => r.scroll.cpu[key])));
  console.log(`| ${build} | ${name} | ${m("pageMain")} | ${m("webOther")} | ${m("app")} |`);
}
