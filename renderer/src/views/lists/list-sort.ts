/**
 * Column sorting, pure: a sort is a column and a direction; each list says how to read a
 * column's value. Strings compare naturally ("web-2" before "web-10"), missing values go last
 * in both directions, and ties keep the list's own order.
 */
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  column: string;
  direction: SortDirection;
}

export type SortValue = string | number | null | undefined;
export type SortKeys<T> = Record<string, (item: T) => SortValue>;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareValues(a: SortValue, b: SortValue): number {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function sortItems<T>(items: readonly T[], sort: SortState | null, keys: SortKeys<T>): T[] {
  const key = sort ? keys[sort.column] : undefined;
  if (!sort || !key) return [...items];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return items
    .map((item, index) => ({ item, index, value: key(item) }))
    .sort((x, y) => {
      const xMissing = x.value === null || x.value === undefined || x.value === '';
      const yMissing = y.value === null || y.value === undefined || y.value === '';
      // Missing values last whatever the direction.
      if (xMissing || yMissing) return xMissing === yMissing ? x.index - y.index : xMissing ? 1 : -1;
      return sign * compareValues(x.value, y.value) || x.index - y.index;
    })
    .map((x) => x.item);
}

/** A click on a header: a new column sorts ascending, the same column flips direction. */
export function nextSort(current: SortState | null, column: string): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

/** Reads a remembered sort back, ignoring anything that is not one of this list's columns. */
export function parseSort(raw: string | null, columns: readonly string[]): SortState | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<SortState> | null;
    if (v && typeof v.column === 'string' && columns.includes(v.column) && (v.direction === 'asc' || v.direction === 'desc')) {
      return { column: v.column, direction: v.direction };
    }
  } catch {
    /* a broken value is as good as none */
  }
  return null;
}
