import type { ReactNode } from 'react';
import './lists.css';

/**
 * The filter box every list has: matches as you type, Escape clears it, and "n of m" says how
 * much of the list is shown. Extra controls (the running/all switch...) go in `children`.
 */
export function ListToolbar({
  noun,
  query,
  onQuery,
  shown,
  total,
  children,
}: {
  /** Plural, lower case: "containers". */
  noun: string;
  query: string;
  onQuery(q: string): void;
  shown: number;
  total: number;
  children?: ReactNode;
}) {
  return (
    <div className="list-toolbar" role="search" aria-label={`Find ${noun}`}>
      <input
        type="search"
        className="list-filter"
        aria-label={`Filter ${noun}`}
        placeholder="Filter by name, image, id, label, port…"
        value={query}
        spellCheck={false}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            onQuery('');
          }
        }}
      />
      <span className="list-count muted" data-testid="list-count" aria-live="polite">
        {shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`}
      </span>
      {children}
    </div>
  );
}
