// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, expect, test } from "vitest";
import { ExternalLink, LinkifiedText, LinkOpenerContext } from "./ExternalLink";

afterEach(cleanup);

function withOpener(opened: string[], ui: ReactNode) {
  const open = (url: string) => {
    opened.push(url);
    return Promise.resolve();
  };
  return render(<LinkOpenerContext.Provider value={open}>{ui}</LinkOpenerContext.Provider>);
}

test("a web link opens through the opener the shell provides, never in the app's window", async () => {
  const opened: string[] = [];
  withOpener(opened, <ExternalLink url="https://crisp.chat/docs">Docs</ExternalLink>);
  const link = screen.getByRole("link", { name: "Docs" });
  const click = new MouseEvent("click", { bubbles: true, cancelable: true });
  await act(async () => {
    link.dispatchEvent(click);
  });
  expect(click.defaultPrevented, "the app's own window does not navigate").toBe(true);
  expect(opened).toEqual(["https://crisp.chat/docs"]);
});

test("anything but http(s) is plain text with nothing to open", () => {
  const opened: string[] = [];
  withOpener(opened, <ExternalLink url="javascript:alert(1)">Bad</ExternalLink>);
  expect(screen.queryByRole("link")).toBeNull();
  fireEvent.click(screen.getByText("Bad"));
  expect(opened).toEqual([]);
});

test("URLs inside text become links that open through the opener; the rest stays text", () => {
  const opened: string[] = [];
  withOpener(opened, <LinkifiedText text="See https://example.com/a now" />);
  fireEvent.click(screen.getByRole("link", { name: "https://example.com/a" }));
  expect(opened).toEqual(["https://example.com/a"]);
});

test("without an opener a click opens nothing and still does not navigate", () => {
  render(<ExternalLink url="https://crisp.chat/">Crisp</ExternalLink>);
  const click = new MouseEvent("click", { bubbles: true, cancelable: true });
  screen.getByRole("link", { name: "Crisp" }).dispatchEvent(click);
  expect(click.defaultPrevented).toBe(true);
});
