import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode, RefObject } from 'react';

/** Lists longer than this render only the rows on screen (plus a few). */
export const VIRTUAL_THRESHOLD = 60;

/**
 * Table bodies for a long list: each item is its own <tbody> (so an item may span several
 * rows, e.g. an image and its history) and only the items near the viewport are in the DOM.
 * Short lists render everything, which keeps them simple to read and to test.
 */
interface BodiesProps<T> {
  items: T[];
  scrollRef: RefObject<HTMLDivElement | null>;
  columns: number;
  estimate?: number;
  render: (item: T, index: number) => ReactNode;
}

export function VirtualBodies<T>(props: BodiesProps<T>) {
  // Two components, not an `enabled` flag: crossing the threshold mounts a fresh virtualizer,
  // which measures its scroll element from the start.
  return props.items.length > VIRTUAL_THRESHOLD ? <Virtualized {...props} /> : <tbody>{props.items.map((item, i) => props.render(item, i))}</tbody>;
}

function Virtualized<T>({ items, scrollRef, columns, estimate = 44, render }: BodiesProps<T>) {
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan: 8,
    // Until the scroll box is measured, assume a typical one so the first paint has rows.
    initialRect: { width: 1000, height: 600 },
  });
  const shown = v.getVirtualItems();
  const top = shown[0]?.start ?? 0;
  const bottom = Math.max(0, v.getTotalSize() - (shown[shown.length - 1]?.end ?? 0));
  return (
    <>
      {top > 0 && (
        <tbody aria-hidden="true">
          <tr style={{ height: top }}>
            <td colSpan={columns} />
          </tr>
        </tbody>
      )}
      {shown.map((vi) => (
        <tbody key={vi.key} ref={v.measureElement} data-index={vi.index}>
          {render(items[vi.index]!, vi.index)}
        </tbody>
      ))}
      {bottom > 0 && (
        <tbody aria-hidden="true">
          <tr style={{ height: bottom }}>
            <td colSpan={columns} />
          </tr>
        </tbody>
      )}
    </>
  );
}
