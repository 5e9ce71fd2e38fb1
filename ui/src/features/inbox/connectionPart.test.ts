import { describe, expect, test, vi } from "vitest";
import type { ConnectionSummary, Conversation } from "../../ipc";
import type { PagesResult } from "./useInfiniteQueries";
import { connectionPart } from "./useMergedConversations";

/** Only the ID is read; the summary is passed through to the screen. */
const demoConnection = { id: "demo", name: "Demo", website_id: "w1" } as ConnectionSummary;
const conversation = (i: number) => ({ session_id: `s${i}`, updated_at: 1_000 - i }) as Conversation;
const page = (from: number, length: number) => Array.from({ length }, (_, i) => conversation(from + i));

/** An infinite query's state as the observer reports it: loaded pages, nothing in flight, unless `state` says so. */
function result(pages: Conversation[][] | undefined, state: Partial<PagesResult<Conversation[]>> = {}): PagesResult<Conversation[]> {
  return {
    data: pages && { pages, pageParams: pages.map((_, i) => i + 1) },
    error: null,
    isError: false,
    isPending: pages === undefined,
    failureReason: null,
    isFetching: false,
    isFetchingNextPage: false,
    isFetchNextPageError: false,
    isRefetchError: false,
    hasNextPage: false,
    fetchNextPage: vi.fn(),
    refetch: vi.fn(),
    ...state,
  } as unknown as PagesResult<Conversation[]>;
}

describe("connectionPart", () => {
  test("a connection being refreshed keeps its loaded rows in the merge, and its next page waits for the refresh", () => {
    const part = connectionPart(demoConnection, result([page(0, 50), page(50, 50)], { hasNextPage: true, isFetching: true }));
    expect(part.source.conversations, "the rows loaded before stay while the refresh is asked").toHaveLength(100);
    expect(part.source.state, "more follow, so the merge waits for them").toBe("more");
    expect(part.nextReady, "the refresh decides which pages stand, so the next one waits").toBe(false);
    expect(part.pendingMore, "a refresh is not a next page on the way").toBe(false);
    const settled = connectionPart(demoConnection, result([page(0, 50), page(50, 50)], { hasNextPage: true }));
    expect(settled.nextReady, "once refreshed, the next page may be asked for").toBe(true);
  });

  test("a connection whose next page failed lists what it loaded, holds no one back, and Retry asks that page again", () => {
    const error = new Error("network");
    const results = result([page(0, 50)], { hasNextPage: true, isError: true, isFetchNextPageError: true, error });
    const part = connectionPart(demoConnection, results);
    expect(part.source, "failed: the merge goes on without it").toMatchObject({ state: "failed" });
    expect(part.source.conversations).toHaveLength(50);
    expect(part.part.error, "its notice says why").toBe(error);
    expect(part.nextReady).toBe(false);
    part.part.retry();
    expect(results.fetchNextPage, "the failed page is asked again").toHaveBeenCalledOnce();
    expect(results.refetch, "not the pages that loaded").not.toHaveBeenCalled();
  });

  test("a failed refresh keeps the loaded rows, says it could not refresh, and Retry refreshes", () => {
    const error = new Error("network");
    const results = result([page(0, 50)], { hasNextPage: true, isError: true, isRefetchError: true, error });
    const part = connectionPart(demoConnection, results);
    expect(part.source.state, "what was loaded still merges in order").toBe("more");
    expect(part.part.refreshError).toBe(error);
    expect(part.part.error, "not the notice of a connection that shows nothing more").toBeNull();
    part.part.retry();
    expect(results.refetch).toHaveBeenCalledOnce();
  });

  test("a connection waiting out a rate limit, on its first page or its next, does not hold the others back", () => {
    const limited = new Error("rate_limited");
    const first = connectionPart(demoConnection, result(undefined, { isFetching: true, failureReason: limited }));
    expect(first.part, "its notice says it waits").toMatchObject({ loading: true, retrying: limited });
    expect(first.source.state).toBe("failed");
    const next = connectionPart(demoConnection, result([page(0, 50)], { hasNextPage: true, isFetching: true, isFetchingNextPage: true, failureReason: limited }));
    expect(next.part.retrying).toBe(limited);
    expect(next.source.state).toBe("failed");
    expect(next.pendingMore, "its next page is still on the way").toBe(true);
  });

  test("a connection whose last page is short has ended", () => {
    const part = connectionPart(demoConnection, result([page(0, 50), page(50, 3)]));
    expect(part.source.state, "nothing more to wait for").toBe("end");
    expect(part.source.conversations).toHaveLength(53);
  });
});
