import { expect, test } from "vitest";
import { workspaceHue } from "./workspace";

test("a connection keeps the same colour every time, one of twelve hues", () => {
  for (const id of ["demo", "c1", "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13"]) {
    expect(workspaceHue(id), "derived from the id alone").toBe(workspaceHue(id));
    expect(workspaceHue(id) % 30, "a multiple of 30°").toBe(0);
    expect(workspaceHue(id)).toBeLessThan(360);
  }
});

test("different connections spread over the hues", () => {
  const hues = new Set(Array.from({ length: 60 }, (_, i) => workspaceHue(`connection-${i}`)));
  expect(hues.size, "sixty ids use most of the twelve hues").toBeGreaterThanOrEqual(10);
});
