// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { expect, test } from "vitest";
import { useInfiniteQueries, type PagesOptions } from "./useInfiniteQueries";

/** Page `n` of list `name` is `[name:n]`; every read is recorded in `reads`. */
function lists(reads: string[]) {
  return (name: string): PagesOptions<string[]> => ({
    queryKey: ["list", name],
    initialPageParam: 1,
    queryFn: async ({ pageParam }) => {
      reads.push(`${name}:${pageParam}`);
      return [`${name}:${pageParam}`];
    },
    getNextPageParam: (_last, _pages, lastPage) => lastPage + 1,
  });
}

function wrapper() {
  // Never stale: anything read twice was asked for twice, not refreshed.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const pagesOf = (results: ReturnType<typeof useInfiniteQueries<string[]>>) => results.map((r) => r.data?.pages.flat() ?? null);

test("each infinite query pages on its own and the results come in the order the queries were given", async () => {
  const reads: string[] = [];
  const list = lists(reads);
  const { result } = renderHook(() => useInfiniteQueries([list("a"), list("b")]), { wrapper: wrapper() });
  expect(result.current.map((r) => r.isPending), "both first pages read as on the way from the first render").toEqual([true, true]);
  await waitFor(() => expect(pagesOf(result.current)).toEqual([["a:1"], ["b:1"]]));
  await act(() => result.current[1].fetchNextPage());
  await waitFor(() => expect(pagesOf(result.current), "only b has its second page").toEqual([["a:1"], ["b:1", "b:2"]]));
  expect(result.current[1].hasNextPage).toBe(true);
  expect(reads.sort()).toEqual(["a:1", "b:1", "b:2"]);
});

test("a query added later leaves the others' pages as loaded, and an unchanged render gives the same results", async () => {
  const reads: string[] = [];
  const list = lists(reads);
  const { result, rerender } = renderHook(({ names }: { names: string[] }) => useInfiniteQueries(names.map(list)), {
    wrapper: wrapper(),
    initialProps: { names: ["a"] },
  });
  await waitFor(() => expect(pagesOf(result.current)).toEqual([["a:1"]]));
  await act(() => result.current[0].fetchNextPage());
  await waitFor(() => expect(pagesOf(result.current)).toEqual([["a:1", "a:2"]]));
  const before = result.current;
  rerender({ names: ["a"] });
  expect(result.current, "nothing changed: the same array, so a memo keyed on it holds").toBe(before);

  rerender({ names: ["c", "a"] });
  await waitFor(() => expect(pagesOf(result.current)).toEqual([["c:1"], ["a:1", "a:2"]]));
  expect(reads, "a is not read again; c is read once").toEqual(["a:1", "a:2", "c:1"]);
});
