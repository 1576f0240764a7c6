import type { SortState } from './list-sort';

/** A column header that sorts its list; screen readers hear the direction through aria-sort. */
export function SortHeader({
  label,
  column,
  sort,
  onSort,
  className,
}: {
  label: string;
  column: string;
  sort: SortState | null;
  onSort(column: string): void;
  /** Lets a view hide or size the column by its class (the containers view folds columns when narrow). */
  className?: string;
}) {
  const active = sort?.column === column;
  const direction = active ? sort.direction : null;
  return (
    <th scope="col" className={className} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="sort-header" onClick={() => onSort(column)} title={`Sort by ${label.toLowerCase()}`}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
