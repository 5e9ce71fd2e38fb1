import { describe, expect, test } from "vitest";
import { reportSummary, runBulk, undoneRows } from "./bulk";
import {
  EMPTY_SELECTION,
  extendTo,
  isSelected,
  keepOnly,
  planChunks,
  requestsPerConnection,
  rowKey,
  selectAll,
  selectableCount,
  selectedRows,
  toggle,
  withinRows,
  type SelectableRow,
} from "./selection";

function rows(n: number, connection = "acme", websiteId = "w-acme"): SelectableRow[] {
  return Array.from({ length: n }, (_, i) => ({ connection, websiteId, sessionId: `session_${connection}_${i}`, title: `Visitor ${i}` }));
}
const ids = (list: SelectableRow[]) => list.map((r) => r.sessionId);

describe("selection", () => {
  test("a click selects a row and a second click unselects it", () => {
    const list = rows(5);
    const once = toggle(EMPTY_SELECTION, list, 2);
    expect(ids(selectedRows(once, list)), "the clicked row is selected").toEqual(["session_acme_2"]);
    expect(selectedRows(toggle(once, list, 2), list), "clicking again unselects it").toEqual([]);
  });

  test("Shift+click selects every row between the last clicked one and this one, in either direction", () => {
    const list = rows(10);
    const down = extendTo(toggle(EMPTY_SELECTION, list, 2), list, 5);
    expect(ids(selectedRows(down, list)), "rows 2 to 5").toEqual(["session_acme_2", "session_acme_3", "session_acme_4", "session_acme_5"]);
    const up = extendTo(toggle(EMPTY_SELECTION, list, 7), list, 6);
    expect(ids(selectedRows(up, list)), "a range upwards").toEqual(["session_acme_6", "session_acme_7"]);
    const kept = extendTo(toggle(toggle(EMPTY_SELECTION, list, 0), list, 8), list, 9);
    expect(ids(selectedRows(kept, list)), "a range adds to what was selected before").toEqual(["session_acme_0", "session_acme_8", "session_acme_9"]);
  });

  test("Shift+click from a row just unselected unselects the range", () => {
    const list = rows(6);
    const all = selectAll(list);
    const unselected = toggle(all, list, 1);
    const range = extendTo(unselected, list, 3);
    expect(ids(selectedRows(range, list)), "rows 1 to 3 follow the anchor's state").toEqual(["session_acme_0", "session_acme_4", "session_acme_5"]);
  });

  test("Shift+click with no anchor in the list selects just that row", () => {
    expect(ids(selectedRows(extendTo(EMPTY_SELECTION, rows(4), 3), rows(4)))).toEqual(["session_acme_3"]);
  });

  test("Ctrl+A selects the whole list, and the same session ID in two connections is two rows", () => {
    const list = [...rows(3, "acme"), { connection: "globex", websiteId: "w-globex", sessionId: "session_acme_0", title: "Same ID" }];
    const all = selectAll(list);
    expect(all.keys.size, "every row, told apart by connection").toBe(4);
    expect(isSelected(all, { connection: "globex", sessionId: "session_acme_0" })).toBe(true);
    expect(rowKey(list[0]), "keys differ by connection").not.toBe(rowKey(list[3]));
  });

  test("a row without a session ID (not a conversation) is never selected, by click, range or Ctrl+A", () => {
    const list = rows(4);
    list[2] = { ...list[2], sessionId: "" };
    expect(selectedRows(toggle(EMPTY_SELECTION, list, 2), list), "a click does nothing").toEqual([]);
    expect(ids(selectedRows(extendTo(toggle(EMPTY_SELECTION, list, 0), list, 3), list)), "a range skips it").toEqual([
      "session_acme_0",
      "session_acme_1",
      "session_acme_3",
    ]);
    expect(selectAll(list).keys.size, "Ctrl+A skips it").toBe(3);
    expect(selectableCount(list), "the count of selectable rows skips it").toBe(3);
  });

  test("with nothing selected the rows are not read (the list is read again with every page loaded)", () => {
    const unread = new Proxy(rows(3), {
      get() {
        throw new Error("the rows were read");
      },
    });
    expect(withinRows(EMPTY_SELECTION, unread), "the empty selection stands").toBe(EMPTY_SELECTION);
    expect(selectedRows(EMPTY_SELECTION, unread)).toEqual([]);
    const unselected = toggle(toggle(EMPTY_SELECTION, rows(3), 1), rows(3), 1);
    expect(withinRows(unselected, unread), "nor after the last selected row was unselected, which keeps its anchor").toBe(unselected);
  });

  test("after an action only the given rows stay selected, and rows that left the list drop out", () => {
    const list = rows(5);
    const all = selectAll(list);
    const kept = keepOnly(all, [list[1], list[3]]);
    expect(ids(selectedRows(kept, list))).toEqual(["session_acme_1", "session_acme_3"]);
    const shorter = list.filter((_, i) => i !== 3);
    expect(ids(selectedRows(withinRows(kept, shorter), shorter)), "a row gone from the list is no longer counted").toEqual(["session_acme_1"]);
    expect(withinRows(kept, list), "nothing changes when every selected row is still listed").toBe(kept);
  });
});

describe("chunks", () => {
  test("25 conversations of one connection make two requests: 20 then 5, in list order", () => {
    const chunks = planChunks(rows(25), 20);
    expect(chunks.map((c) => c.rows.length)).toEqual([20, 5]);
    expect(chunks.flatMap((c) => ids(c.rows)), "every session once, in order").toEqual(ids(rows(25)));
    expect(chunks.every((c) => c.connection === "acme" && c.websiteId === "w-acme"), "each chunk names its connection and website").toBe(true);
  });

  test("rows of two connections never share a request, and each connection's cost is counted apart", () => {
    const mixed = [...rows(3, "acme"), ...rows(21, "globex", "w-globex"), ...rows(2, "acme").map((r) => ({ ...r, sessionId: `${r.sessionId}b` }))];
    const chunks = planChunks(mixed, 20);
    expect(chunks.map((c) => [c.connection, c.rows.length])).toEqual([
      ["acme", 5],
      ["globex", 20],
      ["globex", 1],
    ]);
    expect(Object.fromEntries(requestsPerConnection(chunks))).toEqual({ acme: 1, globex: 2 });
  });

  test("a chunk size below one is refused rather than looping", () => {
    expect(() => planChunks(rows(2), 0)).toThrow(RangeError);
  });
});

describe("running a bulk action", () => {
  const describeError = (e: unknown) => (e instanceof Error ? e.message : String(e));

  test("a failed chunk reports each of its conversations with the reason and the next chunk still goes", async () => {
    const chunks = planChunks(rows(45), 20);
    const sent: number[] = [];
    const report = await runBulk({ kind: "resolve" }, chunks, {
      send: async (chunk) => {
        sent.push(chunk.rows.length);
        if (sent.length === 2) throw new Error("This conversation does not exist (Crisp: not_found).");
      },
      describe: describeError,
      cancelled: () => false,
    });
    expect(sent, "all three requests are sent").toEqual([20, 20, 5]);
    expect(report.done.length).toBe(25);
    expect(report.failed.map((f) => f.row.sessionId), "the second chunk's conversations failed").toEqual(ids(rows(45).slice(20, 40)));
    expect(report.failed[0].reason).toBe("This conversation does not exist (Crisp: not_found).");
    expect(reportSummary(report)).toBe("Resolved 25 of 45 conversations; 20 failed.");
    expect(undoneRows(report).length, "what failed stays selected").toBe(20);
  });

  test("cancel stops before the next chunk; what was sent stays done and the rest is reported as not sent", async () => {
    const chunks = planChunks(rows(60), 20);
    let cancel = false;
    const progress: string[] = [];
    const report = await runBulk({ kind: "remove" }, chunks, {
      send: async () => {
        cancel = true;
      },
      describe: describeError,
      cancelled: () => cancel,
      onProgress: (sent, total) => progress.push(`${sent}/${total}`),
    });
    expect(progress, "only the first request went").toEqual(["1/3"]);
    expect(report.cancelled).toBe(true);
    expect(report.done.length).toBe(20);
    expect(report.notSent.length).toBe(40);
    expect(reportSummary(report)).toBe("Removed 20 of 60 conversations; cancelled after 1 of 3 requests: 40 not sent, still selected.");
  });

  test("one conversation reads in the singular", async () => {
    const report = await runBulk({ kind: "assign", userId: null }, planChunks(rows(1), 20), {
      send: async () => undefined,
      describe: describeError,
      cancelled: () => true,
    });
    expect(report.cancelled, "a cancel before the first request does not stop it: the user asked for it").toBe(false);
    expect(reportSummary(report)).toBe("Assigned 1 of 1 conversation.");
  });
});
