import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";

export interface VirtualRowsOptions {
  /** Rows loaded so far. */
  count: number;
  /** Every row's height in pixels. */
  rowHeight: number;
  /** Rows kept in the DOM beyond each edge of the view. */
  overscan: number;
  /** More rows follow the loaded ones. */
  hasMore: boolean;
  /** The next rows are on the way. */
  loadingMore: boolean;
  /** Asks for the next rows. */
  onLoadMore: () => void;
}

/**
 * A long list of fixed-height rows of which only those in view (plus `overscan`) are rendered, asking for the next
 * rows once the last ten loaded come into view. Attach `scrollRef` to the scrolling element and render `items`.
 */
export function useVirtualRows({ count, rowHeight, overscan, hasMore, loadingMore, onLoadMore }: VirtualRowsOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= count - 10) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, count, onLoadMore]);

  return { scrollRef, virtualizer, items };
}
