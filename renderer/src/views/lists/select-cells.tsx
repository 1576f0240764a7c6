import { useEffect, useRef } from 'react';
import type { SelectionApi } from './use-selection';

/** The header checkbox: selects or clears every shown item; half-checked when some are. */
export function SelectAllHeader({ selection, visibleIds, noun }: { selection: SelectionApi; visibleIds: readonly string[]; noun: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const coverage = selection.coverage(visibleIds);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = coverage === 'some';
  }, [coverage]);
  return (
    <th scope="col" className="select-cell">
      <input
        ref={ref}
        type="checkbox"
        aria-label={`Select all shown ${noun}`}
        checked={coverage === 'all' && visibleIds.length > 0}
        disabled={visibleIds.length === 0}
        onChange={() => selection.setAll(visibleIds, coverage !== 'all')}
      />
    </th>
  );
}

/** One row's checkbox; shift-click selects the range from the last clicked row. */
export function SelectCell({ selection, id, label, visibleIds }: { selection: SelectionApi; id: string; label: string; visibleIds: readonly string[] }) {
  return (
    <td className="select-cell">
      <input
        type="checkbox"
        aria-label={`Select ${label}`}
        checked={selection.has(id)}
        onClick={(e) => selection.click(id, e.shiftKey, visibleIds)}
        // The click handler does the work (it sees the shift key); this only keeps React's controlled input quiet.
        onChange={() => undefined}
      />
    </td>
  );
}
