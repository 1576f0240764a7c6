/**
 * Which rows of a fixed-row-height list are on screen, for the Logs tab: every row is exactly
 * `rowHeight` pixels, so the range is arithmetic and nothing is measured. While it sticks to the
 * end (following a log) the range is the last rows and the scroll position is only written
 * (never read back), so a frame that brings new lines costs one render and one layout.
 * Measured on a 200,000-line flood: @tanstack/react-virtual's scrollToIndex on every frame read
 * scrollHeight after each render (a forced layout) and re-rendered again in flushSync from the
 * scroll event it caused: the largest share of the page's own script time while following.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface FixedRows {
  /** First and last index (inclusive) to render; last < first when there is nothing. */
  first: number;
  last: number;
  totalHeight: number;
  /** Scrolls so that row `index` is in the middle of the view. */
  scrollToIndex(index: number): void;
  /** For the scroll element's onScroll. */
  onScroll(): void;
}

export function useFixedRows(opts: {
  count: number;
  rowHeight: number;
  overscan: number;
  scrollRef: RefObject<HTMLElement | null>;
  /** Follow the end: show the last rows and keep the element scrolled to the bottom. */
  stickToEnd: boolean;
  /** Changes whenever the rows changed (a render of new lines), so the bottom is kept in view. */
  version: number;
}): FixedRows {
  const { count, rowHeight, overscan, scrollRef, stickToEnd, version } = opts;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(420);
  const pending = useRef<number | null>(null);

  // The element's height: read when it changes size, never per frame.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setViewHeight(el.clientHeight || 420);
    const ro = new ResizeObserver(() => setViewHeight(el.clientHeight || 420));
    ro.observe(el);
    return () => ro.disconnect();
  }, [scrollRef]);
  useEffect(() => () => void (pending.current !== null && cancelAnimationFrame(pending.current)), []);

  const totalHeight = count * rowHeight;
  const visible = Math.ceil(viewHeight / rowHeight) + 1;
  let first: number;
  let last: number;
  if (stickToEnd) {
    last = count - 1;
    first = Math.max(0, count - visible - overscan);
  } else {
    const top = Math.min(scrollTop, Math.max(0, totalHeight - viewHeight));
    first = Math.max(0, Math.floor(top / rowHeight) - overscan);
    last = Math.min(count - 1, Math.floor(top / rowHeight) + visible + overscan);
  }

  // Following: pin the bottom after each render that brought lines (a write only; the browser
  // clamps it to the real bottom at its next layout).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (stickToEnd && el && count > 0) el.scrollTop = totalHeight;
  }, [stickToEnd, totalHeight, count, version, scrollRef]);

  const onScroll = useCallback(() => {
    // While following, the range does not depend on the position: nothing to do per scroll.
    if (stickToEnd || pending.current !== null) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = null;
      const el = scrollRef.current;
      if (el) setScrollTop(el.scrollTop);
    });
  }, [stickToEnd, scrollRef]);

  // Leaving follow mode: start from where the element is now.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!stickToEnd && el) setScrollTop(el.scrollTop);
  }, [stickToEnd, scrollRef]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      const top = Math.max(0, index * rowHeight - (viewHeight - rowHeight) / 2);
      if (el) el.scrollTop = top;
      setScrollTop(top);
    },
    [rowHeight, viewHeight, scrollRef],
  );

  return { first, last, totalHeight, scrollToIndex, onScroll };
}
