/**
 * Table bodies for a list that can grow to hundreds of rows (issue 16): every view's long list
 * uses this one component. Each item is its own <tbody> (so an item may span several rows, e.g.
 * an image and its history; renderer/src/shell/roving-rows.ts walks rows across bodies). Up to
 * VIRTUAL_THRESHOLD items everything is in the page; past it only the items near the viewport of
 * `scrollRef` are (@tanstack/react-virtual), with spacer rows standing for the rest.
 *
 * Rows keep their identity (`keyOf`) across the threshold and while scrolling, and two kinds of
 * rows stay in the page even when scrolled far away: the `pinned` ones (e.g. the open
 * container, so "Back" can focus its name) and the one holding the keyboard focus (so focus is
 * never dropped to the page when the user scrolls with the wheel).
 */
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useState, type ReactNode, type RefObject } from 'react';

/** Lists longer than this render only the rows on screen (plus a few). */
export const VIRTUAL_THRESHOLD = 60;

interface BodiesProps<T> {
  items: readonly T[];
  /** The scrolling box around the table (its header sticks: see .list-scroll in styles.css). */
  scrollRef: RefObject<HTMLElement | null>;
  columns: number;
  /** Typical item height in px before it is measured. */
  estimate?: number;
  /** A stable key per item (an id): rows keep their state when the list changes or scrolls. */
  keyOf: (item: T, index: number) => string;
  /** Items kept in the page however far they are scrolled (e.g. the open one). */
  pinned?: (item: T) => boolean;
  render: (item: T, index: number) => ReactNode;
}

export function VirtualBodies<T>({ items, scrollRef, columns, estimate = 44, keyOf, pinned, render }: BodiesProps<T>) {
  const virtual = items.length > VIRTUAL_THRESHOLD;
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
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
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    getItemKey: (i) => keys[i] ?? i,
    overscan: 8,
    rangeExtractor: useCallback(
      (range: Parameters<typeof defaultRangeExtractor>[0]) => [...new Set([...defaultRangeExtractor(range), ...kept])].sort((a, b) => a - b),
      [kept],
    ),
    // Until the scroll box is measured, assume a typical one so the first paint has rows.
    initialRect: { width: 1000, height: 600 },
  });

  const body = (index: number) => (
    <tbody
      key={keys[index]}
      ref={v.measureElement}
      data-index={index}
      onFocus={() => setFocusedKey(keys[index]!)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedKey((k) => (k === keys[index] ? null : k));
      }}
    >
      {render(items[index]!, index)}
    </tbody>
  );

  if (!virtual) return <>{items.map((_, i) => body(i))}</>;
  // Shown items in order, with a spacer for every run of items left out (before, between the
  // visible range and a pinned item, after).
  const out: ReactNode[] = [];
  let end = 0;
  for (const vi of v.getVirtualItems()) {
    // Spacer keys cannot be an item's (a NUL never is in one), and items are keyed alike in both
    // modes, so crossing the threshold keeps every row's state.
    if (vi.start > end) out.push(<Spacer key={`\0gap-${vi.index}`} height={vi.start - end} columns={columns} />);
    out.push(body(vi.index));
    end = vi.end;
  }
  const rest = v.getTotalSize() - end;
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
