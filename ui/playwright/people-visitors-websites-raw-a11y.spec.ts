import { afterAll, describe, expect, test } from "vitest";
import { axeViolations } from "./support/axe";
import { closeBrowser, openApp } from "./support/app";
import { PART_TWO_SCREENS } from "./fixtures/people-screens";

afterAll(closeBrowser);

describe.each(["light", "dark"] as const)("axe-core, %s scheme", (colorScheme) => {
  test.each(PART_TWO_SCREENS.map((screen) => [screen.name, screen] as const))(
    "%s has no WCAG A/AA violations",
    async (_name, screen) => {
      const app = await openApp({ route: screen.route, handlers: screen.handlers, colorScheme });
      try {
        await screen.prepare(app.page);
        expect(await axeViolations(app.page), `${screen.name} (${colorScheme}) is accessible`).toEqual([]);
      } finally {
        await app.close();
      }
    },
  );
});
