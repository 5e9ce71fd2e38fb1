// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { ActionsProvider, useAction, type Action } from "./actions";
import { isTypingTarget, mayFire, shortcutLabel, shortcutOf } from "./shortcuts";

function key(init: KeyboardEventInit) {
  return new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
}

describe("the shortcut guard", () => {
  test("text fields, textareas, selects and editable content count as typing; buttons and checkboxes do not", () => {
    document.body.innerHTML = `
      <input id="text"><input id="search" type="search"><input id="box" type="checkbox"><textarea id="area"></textarea>
      <select id="pick"><option>a</option></select><div contenteditable="true"><p id="inside">x</p></div>
      <button id="button">b</button><div id="plain" tabindex="0"></div>`;
    const byId = (id: string) => document.getElementById(id);
    for (const id of ["text", "search", "area", "pick", "inside"]) expect(isTypingTarget(byId(id)), id).toBe(true);
    for (const id of ["box", "button", "plain"]) expect(isTypingTarget(byId(id)), id).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  test("a one-key shortcut never fires while typing, in a dialog, or once something handled the key", () => {
    document.body.innerHTML = `<textarea id="area"></textarea><div id="plain" tabindex="0"></div>`;
    const area = document.getElementById("area");
    const plain = document.getElementById("plain");
    const at = (target: Element | null, defaultPrevented = false) => ({ target, defaultPrevented, isComposing: false });
    expect(mayFire("e", at(plain), false)).toBe(true);
    expect(mayFire("e", at(area), false), "typing an e in the reply box").toBe(false);
    expect(mayFire("e", at(plain), true), "a dialog is open").toBe(false);
    expect(mayFire("e", at(plain, true), false), "the list already used the key").toBe(false);
    expect(mayFire("Mod+K", at(area), false), "Ctrl+K works from the reply box").toBe(true);
  });

  test("names key presses: Ctrl or ⌘ with a letter is Mod+<letter>, Alt chords and named keys are nothing", () => {
    expect(shortcutOf({ key: "e", ctrlKey: false, metaKey: false, altKey: false })).toBe("e");
    expect(shortcutOf({ key: "?", ctrlKey: false, metaKey: false, altKey: false })).toBe("?");
    expect(shortcutOf({ key: "k", ctrlKey: true, metaKey: false, altKey: false })).toBe("Mod+K");
    expect(shortcutOf({ key: "k", ctrlKey: false, metaKey: true, altKey: false })).toBe("Mod+K");
    expect(shortcutOf({ key: "e", ctrlKey: false, metaKey: false, altKey: true })).toBeNull();
    expect(shortcutOf({ key: "ArrowDown", ctrlKey: false, metaKey: false, altKey: false })).toBeNull();
    expect(shortcutLabel("Mod+K", false)).toBe("Ctrl+K");
    expect(shortcutLabel("Mod+K", true)).toBe("⌘K");
  });
});

describe("the registry's shortcuts", () => {
  afterEach(() => {
    document.body.innerHTML = "";
  });

  function Registers({ action }: { action: Action }) {
    useAction(action);
    return <textarea aria-label="Reply" />;
  }

  test("a key runs the action on screen that takes it, not while typing, and not after it unmounts", () => {
    const run = vi.fn();
    const view = render(
      <ActionsProvider>
        <Registers action={{ id: "conversation.state", title: "Resolve", shortcut: "e", run }} />
      </ActionsProvider>,
    );
    document.body.dispatchEvent(key({ key: "e" }));
    expect(run).toHaveBeenCalledTimes(1);
    view.getByLabelText("Reply").dispatchEvent(key({ key: "e" }));
    expect(run, "typing e in a textarea").toHaveBeenCalledTimes(1);
    view.rerender(<ActionsProvider>{null}</ActionsProvider>);
    document.body.dispatchEvent(key({ key: "e" }));
    expect(run, "unregistered on unmount").toHaveBeenCalledTimes(1);
  });

  test("a disabled action's key does nothing, and a fallback gives way to a screen's own action", () => {
    const screenSearch = vi.fn();
    const fallbackSearch = vi.fn();
    const disabled = vi.fn();
    render(
      <ActionsProvider>
        <Registers action={{ id: "screen.search", title: "Search", shortcut: "/", fallback: true, run: fallbackSearch }} />
        <Registers action={{ id: "screen.search", title: "Search conversations", shortcut: "/", run: screenSearch }} />
        <Registers action={{ id: "conversation.state", title: "Resolve", shortcut: "e", enabled: false, run: disabled }} />
      </ActionsProvider>,
    );
    document.body.dispatchEvent(key({ key: "/" }));
    document.body.dispatchEvent(key({ key: "e" }));
    expect(screenSearch).toHaveBeenCalledTimes(1);
    expect(fallbackSearch).not.toHaveBeenCalled();
    expect(disabled).not.toHaveBeenCalled();
  });
});
