import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode, RefObject } from 'react';

/** Lists longer than this render only the rows on screen (plus a few). */
export const VIRTUAL_THRESHOLD = 60;

/**
 * Table bodies for a long list: each item is its own <tbody> (so an item may span several
 * rows, e.g. an image and its history) and only the items near the viewport are in the DOM.
 * Short lists render everything, which keeps them simple to read and to test.
 */
export function VirtualBodies<T>({
  items,
  scrollRef,
  columns,
  estimate = 44,
  render,
}: {
  items: T[];
  scrollRef: RefObject<HTMLDivElement | null>;
  columns: number;
  estimate?: number;
  render: (item: T, index: number) => ReactNode;
}) {
  const enabled = items.length > VIRTUAL_THRESHOLD;
  const v = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => estimate, overscan: 8, enabled });
  if (!enabled) return <tbody>{items.map((item, i) => render(item, i))}</tbody>;
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
