import { useMemo, useState } from 'react';
import { filterItems } from './list-filter';
import { sortItems, type SortKeys, type SortState } from './list-sort';
import { useListSort } from './use-list-sort';
import { useSelection, type SelectionApi } from './use-selection';

export interface ListView<T> {
  query: string;
  setQuery(q: string): void;
  /** Filtered, then sorted: what the table shows. */
  shown: T[];
  shownIds: string[];
  sort: SortState | null;
  onSort(column: string): void;
  selection: SelectionApi;
  /** Selected items in list order (including those the filter hides). */
  selectedItems: T[];
  hiddenSelected: number;
}

/** Filter, sort (remembered per list) and selection for one list: the same behaviour on every view. */
export function useListView<T>(
  listId: string,
  items: readonly T[],
  opts: { textsOf(item: T): string[]; sortKeys: SortKeys<T>; idOf(item: T): string; defaultSort?: SortState },
): ListView<T> {
  const [query, setQuery] = useState('');
  const [sort, onSort] = useListSort(listId, Object.keys(opts.sortKeys), opts.defaultSort ?? null);
  const ids = useMemo(() => items.map(opts.idOf), [items, opts.idOf]);
  const selection = useSelection(ids);
  const shown = useMemo(() => sortItems(filterItems(items, query, opts.textsOf), sort, opts.sortKeys), [items, query, sort, opts.textsOf, opts.sortKeys]);
  const shownIds = useMemo(() => shown.map(opts.idOf), [shown, opts.idOf]);
  const shownSet = useMemo(() => new Set(shownIds), [shownIds]);
  // In the order on screen (so `docker stop a b c` reads like the list), then those the filter hides.
  const selectedItems = useMemo(
    () => [...shown.filter((i) => selection.has(opts.idOf(i))), ...items.filter((i) => selection.has(opts.idOf(i)) && !shownSet.has(opts.idOf(i)))],
    [items, shown, shownSet, selection, opts.idOf],
  );
  const hiddenSelected = selectedItems.filter((i) => !shownSet.has(opts.idOf(i))).length;
  return { query, setQuery, shown, shownIds, sort, onSort, selection, selectedItems, hiddenSelected };
}
