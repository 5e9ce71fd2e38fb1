import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { axeViolations } from "./support/axe";
import { MONITOR_CSV_SCREENS } from "./fixtures/monitor-csv-screens";

afterAll(closeBrowser);

/** Every switch, button and field of the page has an accessible name (axe checks labels; this names the gaps). */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main input, main select, main button, header input, header button, footer button"))
      .filter((el) => {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute("aria-label") || el.textContent?.trim();
        return !labelled;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  describe(`axe-core on the monitor and people CSV screens, ${colorScheme} theme`, () => {
    for (const screen of MONITOR_CSV_SCREENS) {
      test(`${screen.name} has no violations`, async () => {
        const app = await openApp({ colorScheme, route: screen.route, handlers: screen.handlers });
        try {
          await screen.open(app);
          expect(await axeViolations(app.page), `axe violations on "${screen.name}" (${colorScheme})`).toEqual([]);
          expect(await unnamedControls(app.page), "controls without a name").toEqual([]);
        } finally {
          await app.close();
        }
      });
    }
  });
}
