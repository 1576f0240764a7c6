import { useCallback, useEffect, useMemo, useState } from 'react';
import { clickSelect, emptySelection, pruneSelection, selectionCoverage, setAll, type Selection } from './selection';

export interface SelectionApi {
  selected: ReadonlySet<string>;
  count: number;
  has(id: string): boolean;
  /** A checkbox click; `shift` extends from the last clicked item over `visibleIds`. */
  click(id: string, shift: boolean, visibleIds: readonly string[]): void;
  setAll(visibleIds: readonly string[], on: boolean): void;
  coverage(visibleIds: readonly string[]): 'all' | 'some' | 'none';
  clear(): void;
}

/** Checkbox selection over a live list: items that leave the engine leave the selection. */
export function useSelection(existingIds: readonly string[]): SelectionApi {
  const [state, setState] = useState<Selection>(emptySelection);
  const existingKey = existingIds.join('\n');
  useEffect(() => {
    setState((s) => pruneSelection(s, new Set(existingIds)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existingKey]);
  const click = useCallback((id: string, shift: boolean, visibleIds: readonly string[]) => setState((s) => clickSelect(s, id, visibleIds, shift)), []);
  const all = useCallback((visibleIds: readonly string[], on: boolean) => setState((s) => setAll(s, visibleIds, on)), []);
  const clear = useCallback(() => setState(emptySelection), []);
  return useMemo(
    () => ({
      selected: state.selected,
      count: state.selected.size,
      has: (id: string) => state.selected.has(id),
      click,
      setAll: all,
      coverage: (visibleIds: readonly string[]) => selectionCoverage(state, visibleIds),
      clear,
    }),
    [state, click, all, clear],
  );
}
