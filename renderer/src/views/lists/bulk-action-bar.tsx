export interface BulkActionDef<A extends string> {
  id: A;
  label: string;
  danger?: boolean;
  title?: string;
}

/** Shown while items are selected: what is selected (and how much the filter hides) and what can be done to all of it. */
export function BulkActionBar<A extends string>({
  noun,
  count,
  hidden,
  actions,
  busy,
  onAction,
  onClear,
}: {
  noun: string;
  count: number;
  /** Selected items the filter hides right now: they are acted on too, and the confirmation lists them. */
  hidden: number;
  actions: BulkActionDef<A>[];
  busy?: boolean;
  onAction(action: A): void;
  onClear(): void;
}) {
  if (count === 0) return null;
  return (
    <div className="bulk-bar" role="toolbar" aria-label={`Selected ${noun}`}>
      <strong data-testid="bulk-count">
        {count} selected
      </strong>
      {hidden > 0 && <span className="muted">({hidden} hidden by the filter)</span>}
      {actions.map((a) => (
        <button key={a.id} type="button" className={a.danger ? 'danger' : undefined} disabled={busy} title={a.title} onClick={() => onAction(a.id)}>
          {a.label} {count}
        </button>
      ))}
      <button type="button" className="link" onClick={onClear} disabled={busy}>
        Clear selection
      </button>
    </div>
  );
}
