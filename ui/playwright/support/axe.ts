import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Runs axe-core (WCAG 2.x A/AA rules) on the page and returns the violations as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`,
  );
}
