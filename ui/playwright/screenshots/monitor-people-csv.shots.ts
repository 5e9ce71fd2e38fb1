/**
 * Screenshots of the monitor and people CSV screens, light and dark: `npm run screenshots` writes them to
 * artifacts/screenshots/monitor-<screen>-<theme>.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, test } from "vitest";
import { closeBrowser, openApp } from "../support/app";
import { MONITOR_CSV_SCREENS } from "../fixtures/monitor-csv-screens";

afterAll(closeBrowser);

const dir = join(process.cwd(), "artifacts", "screenshots");
mkdirSync(dir, { recursive: true });

for (const colorScheme of ["light", "dark"] as const) {
  describe(`screenshots, ${colorScheme}`, () => {
    for (const screen of MONITOR_CSV_SCREENS) {
      test(screen.name, async () => {
        const app = await openApp({ colorScheme, route: screen.route, handlers: screen.handlers });
        try {
          await screen.open(app);
          const file = `monitor-${screen.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${colorScheme}.png`;
          await app.page.screenshot({ path: join(dir, file) });
        } finally {
          await app.close();
        }
      });
    }
  });
}
