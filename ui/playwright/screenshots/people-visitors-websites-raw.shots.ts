/**
 * Screenshots of UI part 2 (people list, add, detail, edit, remove, visitors, websites, API console), light and
 * dark, into artifacts/screenshots/ (`npm run screenshots`).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "../support/app";
import { PART_TWO_SCREENS } from "../fixtures/people-screens";

afterAll(closeBrowser);

const out = join(process.cwd(), "artifacts", "screenshots");
mkdirSync(out, { recursive: true });

for (const colorScheme of ["light", "dark"] as const) {
  for (const screen of PART_TWO_SCREENS) {
    test(`screenshot of ${screen.name} (${colorScheme})`, async () => {
      const app = await openApp({
        route: screen.route,
        handlers: screen.handlers,
        colorScheme,
        viewport: { width: 1280, height: screen.height },
      });
      try {
        await screen.prepare(app.page);
        await app.page.waitForTimeout(150);
        const path = join(out, `${screen.name}-${colorScheme}.png`);
        await app.page.screenshot({ path, fullPage: true });
        expect(app.errors, `${screen.name} renders without page errors`).toEqual([]);
      } finally {
        await app.close();
      }
    });
  }
}
