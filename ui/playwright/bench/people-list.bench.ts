/**
 * People list benchmark (`npm run bench:ui`): 10,000 mocked people, time to the first rows, then a scroll to
 * the end with frame times sampled by requestAnimationFrame. Numbers go to artifacts/bench/people-list.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "../support/app";
import { TOTAL_PEOPLE, scrollToEnd, tenThousandPeople } from "../fixtures/people-virtual";

afterAll(closeBrowser);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

test("people list: first rows and scrolling through 10,000 profiles", async () => {
  const app = await openApp({ route: "people", handlers: tenThousandPeople });
  try {
    const { page } = app;
    const firstRowsMs = await page.evaluate(async () => {
      const start = performance.timeOrigin;
      while (!document.querySelector(".pt-body-row")) await new Promise((r) => requestAnimationFrame(r));
      return performance.timeOrigin + performance.now() - start;
    });
    const scrollStarted = Date.now();
    const run = await scrollToEnd(page, 170_000);
    const scrollMs = Date.now() - scrollStarted;
    const frames = run.frameTimesMs;
    const result = {
      people: TOTAL_PEOPLE,
      firstRowsMsSinceNavigation: Math.round(firstRowsMs),
      scrollToEndMs: scrollMs,
      pagesLoaded: app.ipc.of("list_people_profiles").length,
      maxRowsInDom: run.maxRowsInDom,
      frames: frames.length,
      frameMs: {
        p50: Number(percentile(frames, 50).toFixed(1)),
        p95: Number(percentile(frames, 95).toFixed(1)),
        p99: Number(percentile(frames, 99).toFixed(1)),
        max: Number(Math.max(...frames).toFixed(1)),
      },
      framesOver50Ms: frames.filter((f) => f > 50).length,
    };
    const dir = join(process.cwd(), "artifacts", "bench");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "people-list.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`people-list bench: ${JSON.stringify(result)}`);
    expect(run.finalStatus, "the scroll reached the end").toBe(`${TOTAL_PEOPLE} profiles`);
    expect(run.maxRowsInDom, "virtualized").toBeLessThan(100);
  } finally {
    await app.close();
  }
}, 200_000);
