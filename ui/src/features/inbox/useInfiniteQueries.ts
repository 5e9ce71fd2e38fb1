import {
  InfiniteQueryObserver,
  notifyManager,
  useQueryClient,
  type DefaultError,
  type InfiniteData,
  type InfiniteQueryObserverOptions,
  type InfiniteQueryObserverResult,
  type QueryKey,
} from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";

/** One infinite query's options, pages of `Page` numbered from 1 (as `infiniteQueryOptions` gives them). */
export type PagesOptions<Page> = InfiniteQueryObserverOptions<Page, DefaultError, InfiniteData<Page, number>, QueryKey, number>;

/** One infinite query's state, with `fetchNextPage` and `refetch`. */
export type PagesResult<Page> = InfiniteQueryObserverResult<InfiniteData<Page, number>, DefaultError>;

/**
 * Several infinite queries at once, one per item of `queries`, each observed as `useInfiniteQuery` observes one
 * (TanStack's `useQueries` takes no infinite queries). The results come in the order of `queries`; the array and
 * each result stay the same objects while nothing in them changed, so they can key a memo.
 */
export function useInfiniteQueries<Page>(queries: PagesOptions<Page>[]): PagesResult<Page>[] {
  const client = useQueryClient();
  // Results optimistic, as `useInfiniteQuery` has them: a query about to be fetched reads as fetching from the
  // first render. (The observer adds the client's defaults.)
  const options = queries.map((query): PagesOptions<Page> => ({ ...query, _optimisticResults: "optimistic" }));
  const keys = options.map((o) => client.defaultQueryOptions(o).queryHash);
  const hashes = keys.join("\n");
  // Observers by query, kept while their query is still asked for: a query added or dropped leaves the others'
  // observers as they are (subscribed again, they refetch only if stale, as on mount). `options` is new at every
  // render, so the observers follow the queries' hashes, and the effect below gives them the latest options.
  const [byHash] = useState(() => new Map<string, InfiniteQueryObserver<Page, DefaultError, InfiniteData<Page, number>, QueryKey, number>>());
  const observers = useMemo(() => {
    const next = options.map((o, i) => byHash.get(keys[i]) ?? new InfiniteQueryObserver(client, o));
    byHash.clear();
    next.forEach((observer, i) => byHash.set(keys[i], observer));
    return next;
  }, [client, hashes]);

  useEffect(() => {
    observers.forEach((observer, i) => observer.setOptions(options[i]));
  });

  const snapshot = useRef<PagesResult<Page>[]>([]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const unsubscribe = observers.map((observer) => observer.subscribe(notifyManager.batchCalls(onChange)));
      observers.forEach((observer) => observer.updateResult());
      return () => unsubscribe.forEach((off) => off());
    },
    [observers],
  );
  const read = useCallback(() => {
    const results = observers.map((observer) => observer.getCurrentResult());
    const previous = snapshot.current;
    if (results.length !== previous.length || results.some((result, i) => result !== previous[i])) snapshot.current = results;
    return snapshot.current;
  }, [observers]);
  return useSyncExternalStore(subscribe, read, read);
}
