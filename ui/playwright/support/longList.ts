import type { Page } from "playwright-core";

/**
 * Scrolls the conversation list to its end inside the page (one scroll per animation frame, so no test
 * round trips slow it down), page after page, until the list says it has reached the end with `expected`
 * conversations (any number for `"any"`). Returns the most rows in the DOM at any frame and the frame-to-frame
 * times seen while scrolling.
 */
export async function scrollListToEnd(page: Page, expected: number | "any", timeoutMs = 150_000) {
  return page.evaluate(
    ({ expected, timeoutMs }) =>
      new Promise<{ maxRows: number; frames: number[]; elapsedMs: number }>((resolve, reject) => {
        const list = document.querySelector('[role="listbox"][aria-label="Conversations"]');
        if (!list) return reject(new Error("no conversation list"));
        const endText = expected === "any" ? /End of the list: \d+ conversations\./ : `End of the list: ${expected} conversations.`;
        const started = performance.now();
        const frames: number[] = [];
        let maxRows = 0;
        let last = started;
        const step = (now: number) => {
          frames.push(now - last);
          last = now;
          maxRows = Math.max(maxRows, list.querySelectorAll('[role="option"]').length);
          const text = document.body.textContent ?? "";
          if (typeof endText === "string" ? text.includes(endText) : endText.test(text)) {
            return resolve({ maxRows, frames, elapsedMs: now - started });
          }
          if (now - started > timeoutMs) return reject(new Error(`not at the end after ${timeoutMs} ms (${maxRows} rows max)`));
          list.scrollTop = list.scrollHeight;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    { expected, timeoutMs },
  );
}
