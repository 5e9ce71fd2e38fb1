import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";

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
  /**
   * A name for this list's last measured size, kept in `localStorage` (e.g. `conversations`), so that the next start
   * renders the rows that will be in view at once.
   */
  remember?: string;
}

/** The `localStorage` key of a list's last measured size. */
export const sizeKey = (remember: string) => `crisp-desk:list-size:${remember}`;

/** The size a list had when last measured, if any. */
function rememberedSize(remember: string | undefined): { width: number; height: number } | undefined {
  if (!remember) return undefined;
  try {
    const size: unknown = JSON.parse(globalThis.localStorage?.getItem(sizeKey(remember)) ?? "null");
    if (typeof size !== "object" || size === null) return undefined;
    const { width, height } = size as Record<string, unknown>;
    return typeof width === "number" && typeof height === "number" && width >= 0 && height >= 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A long list of fixed-height rows of which only those in view (plus `overscan`) are rendered, asking for the next
 * rows once the last ten loaded come into view. Attach `scrollRef` to the scrolling element and render `items`.
 *
 * Its first render knows no size until the list is measured (after the DOM is in), which costs a second render and
 * layout before the first paint. With `remember`, the first render takes the size the list had last time instead:
 * when it is still right, the rows render once, and the measurement changes nothing.
 */
export function useVirtualRows({ count, rowHeight, overscan, hasMore, loadingMore, onLoadMore, remember }: VirtualRowsOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [initialRect] = useState(() => rememberedSize(remember));
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    initialRect,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= count - 10) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, count, onLoadMore]);

  // The size measured first is kept: the next start's first layout is this one's (the same window, the same
  // screen), not the one after later changes (a notice that came and went, a resized window).
  // (Until the list is measured, the virtualizer's size is the remembered one itself.)
  const measured = virtualizer.scrollRect !== initialRect ? virtualizer.scrollRect : null;
  const width = measured?.width;
  const height = measured?.height;
  const kept = useRef(false);
  useEffect(() => {
    if (!remember || kept.current || width == null || height == null || (width === 0 && height === 0)) return;
    kept.current = true;
    try {
      globalThis.localStorage?.setItem(sizeKey(remember), JSON.stringify({ width, height }));
    } catch {
      // Storage full or refused: the next start measures first, as without `remember`.
    }
  }, [remember, width, height]);

  return { scrollRef, virtualizer, items };
}
