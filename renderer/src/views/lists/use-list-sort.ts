import { useCallback, useState } from 'react';
import { nextSort, parseSort, type SortState } from './list-sort';

const storageKey = (listId: string) => `dockside.sort.${listId}`;

function readStored(listId: string, columns: readonly string[]): SortState | null {
  try {
    return parseSort(window.localStorage.getItem(storageKey(listId)), columns);
  } catch {
    return null; // storage off (private mode, policy): sorting still works, it is just not kept
  }
}

/** A list's sort, remembered per list in this browser profile (or the app's own storage in Electron). */
export function useListSort(listId: string, columns: readonly string[], fallback: SortState | null = null): [SortState | null, (column: string) => void] {
  const [sort, setSort] = useState<SortState | null>(() => readStored(listId, columns) ?? fallback);
  const onSort = useCallback(
    (column: string) => {
      setSort((current) => {
        const next = nextSort(current, column);
        try {
          window.localStorage.setItem(storageKey(listId), JSON.stringify(next));
        } catch {
          /* not kept, see above */
        }
        return next;
      });
    },
    [listId],
  );
  return [sort, onSort];
}
