/**
 * Table bodies for a list that can grow to hundreds of rows (issue 16): every view's long list
 * uses this one component. Each item is its own <tbody> (so an item may span several rows, e.g.
 * an image and its history; renderer/src/shell/roving-rows.ts walks rows across bodies). Up to
 * VIRTUAL_THRESHOLD items everything is in the page; past it only the items near the viewport
 * are (@tanstack/react-virtual), with spacer rows standing for the rest. The list scrolls with
 * whatever box it is in (the nearest scrolling ancestor: the main region, or a box of its own),
 * so the layout is the same as without virtualisation.
 *
 * Rows keep their identity (`keyOf`) across the threshold and while scrolling, and two kinds of
 * rows stay in the page even when scrolled far away: the `pinned` ones (e.g. the open
 * container, so "Back" can focus its name) and the one holding the keyboard focus (so focus is
 * never dropped to the page when the user scrolls with the wheel).
 */
import { defaultRangeExtractor, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** Lists longer than this render only the rows on screen (plus a few). */
export const VIRTUAL_THRESHOLD = 60;

interface BodiesProps<T> {
  items: readonly T[];
  columns: number;
  /** Typical item height in px before it is measured. */
  estimate?: number;
  /** A stable key per item (an id): rows keep their state when the list changes or scrolls. */
  keyOf: (item: T, index: number) => string;
  /** Items kept in the page however far they are scrolled (e.g. the open one). */
  pinned?: (item: T) => boolean;
  render: (item: T, index: number) => ReactNode;
}

/**
 * An item's height without forcing a layout: the virtualizer measures each item when React
 * attaches its ref (inside the commit, before the browser has laid the new rows out) and again
 * when its ResizeObserver reports. Reading `offsetHeight` at the ref made the browser lay the
 * whole table out in the middle of React's commit (issue 16: in a trace, the largest share of the
 * long task when the first list arrived). The observer's size comes after the browser's own layout, for
 * free; until then the item keeps its last known size (or the estimate).
 */
export function measureWithoutLayout<S extends Element>(el: Element, entry: ResizeObserverEntry | undefined, v: Virtualizer<S, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = v.indexFromElement(el);
  return v.itemSizeCache.get(v.options.getItemKey(index)) ?? v.options.estimateSize(index);
}

/**
 * Set once a virtualised list has been drawn in this page. Before that, a list measures nothing
 * while React commits it (see `drawn` in VirtualBodies).
 */
let pageDrewList = false;

/** The nearest ancestor that scrolls vertically (the main region when nothing closer does). */
function scrollParent(el: HTMLElement | null): HTMLElement | null {
  for (let p = el?.parentElement ?? null; p; p = p.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(p).overflowY)) return p;
  }
  return document.scrollingElement as HTMLElement | null;
}

export function VirtualBodies<T>({ items, columns, estimate = 44, keyOf, pinned, render }: BodiesProps<T>) {
  const virtual = items.length > VIRTUAL_THRESHOLD;
  // An empty body before the items: where the list starts in its scroll box.
  const anchor = useRef<HTMLTableSectionElement>(null);
  const scroller = useRef<HTMLElement | null>(null);
  const [margin, setMargin] = useState(0);
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  // The page's first list is laid out by the browser's own frame, not inside React's commit:
  // finding the scroll box (getComputedStyle), the virtualizer's first read of its size and
  // offset, and the list's margin in it all force the page's first style and layout (with its
  // fonts), which made the commit that put the first rows in one long task, before the frame
  // that draws them (issue 16: most of a 350-590 ms task in the trace). Until that frame is
  // drawn the list assumes its box (initialRect) at the top; then it measures, as it always did.
  const [drawn, setDrawn] = useState(pageDrewList);
  useEffect(() => {
    if (drawn || !virtual) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A task queued from the next frame's callback runs once that frame is styled, laid out and painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        pageDrewList = true;
        setDrawn(true);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [drawn, virtual]);
  const keys = useMemo(() => items.map((item, i) => keyOf(item, i)), [items, keyOf]);
  const kept = useMemo(() => {
    const out: number[] = [];
    items.forEach((item, i) => {
      if (keys[i] === focusedKey || pinned?.(item)) out.push(i);
    });
    return out;
  }, [items, keys, focusedKey, pinned]);

  const v = useVirtualizer({
    count: items.length,
    // The anchor is in the page before any effect runs, so its scroll box can be found here.
    getScrollElement: () => (drawn ? (scroller.current ??= scrollParent(anchor.current)) : null),
    estimateSize: () => estimate,
    getItemKey: (i) => keys[i] ?? i,
    overscan: 8,
    scrollMargin: margin,
    rangeExtractor: useCallback(
      (range: Parameters<typeof defaultRangeExtractor>[0]) => [...new Set([...defaultRangeExtractor(range), ...kept])].sort((a, b) => a - b),
      [kept],
    ),
    // Until the scroll box is measured, assume a typical one so the first paint has rows.
    initialRect: { width: 1000, height: 800 },
    measureElement: measureWithoutLayout,
  });

  // Where the list starts inside its scroll box moves when what is above it changes (a panel
  // opens, text wraps): measured after every render and on every scroll or resize of the box.
  useLayoutEffect(() => {
    if (!virtual || !drawn) return;
    const box = (scroller.current ??= scrollParent(anchor.current));
    const measure = () => {
      const a = anchor.current;
      // Not laid out (the list is hidden behind the open details): nothing to measure.
      if (!box || !a || a.offsetParent === null) return;
      const boxTop = box === document.scrollingElement ? 0 : box.getBoundingClientRect().top + box.clientTop;
      const m = Math.max(0, Math.round(a.getBoundingClientRect().top - boxTop + box.scrollTop));
      setMargin((old) => (Math.abs(old - m) > 1 ? m : old));
    };
    measure();
    box?.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      box?.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  });

  const body = (index: number) => (
    <tbody
      key={keys[index]}
      ref={virtual ? v.measureElement : undefined}
      data-index={index}
      onFocus={() => setFocusedKey(keys[index]!)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedKey((k) => (k === keys[index] ? null : k));
      }}
    >
      {render(items[index]!, index)}
    </tbody>
  );

  // Spacer keys cannot be an item's (a NUL never is in one), and items are keyed alike in both
  // modes, so crossing the threshold keeps every row's state.
  const out: ReactNode[] = [<tbody key={'\0anchor'} ref={anchor} aria-hidden="true" className="virtual-anchor" />];
  if (!virtual) {
    items.forEach((_, i) => out.push(body(i)));
    return <>{out}</>;
  }
  // Shown items in order, with a spacer for every run of items left out (before, between the
  // visible range and a kept item, after).
  let end = margin;
  for (const vi of v.getVirtualItems()) {
    if (vi.start > end) out.push(<Spacer key={`\0gap-${vi.index}`} height={vi.start - end} columns={columns} />);
    out.push(body(vi.index));
    end = vi.end;
  }
  const rest = margin + v.getTotalSize() - end;
  if (rest > 0) out.push(<Spacer key={'\0gap-end'} height={rest} columns={columns} />);
  return <>{out}</>;
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tbody aria-hidden="true" className="virtual-spacer">
      <tr style={{ height }}>
        <td colSpan={columns} />
      </tr>
    </tbody>
  );
}
