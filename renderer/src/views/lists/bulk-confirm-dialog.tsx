import { useState, type ReactNode } from 'react';
import type { ApiError, BulkResult, Result } from '../../../../main/contract';
import { CommandLine } from '../../components/command-line';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { BulkResults } from './bulk-results';

export interface BulkItem {
  ref: string;
  label: string;
  /** Why this one may be refused or what else happens to it ("running", "used by web"...). */
  note?: string;
}

/**
 * One confirmation for a whole selection: it lists every item that will go and the docker
 * command, runs the action once confirmed, and then shows each item's result in place.
 */
export function BulkConfirmDialog({
  title,
  confirmLabel,
  items,
  command,
  children,
  blocked,
  run,
  onDone,
}: {
  title: string;
  confirmLabel: string;
  items: BulkItem[];
  /** The command that will run, shown before confirming. */
  command: string;
  /** Options (e.g. --force) and explanations. */
  children?: ReactNode;
  /** Keeps the confirm button off (e.g. until --force is ticked for running containers). */
  blocked?: boolean;
  run(): Promise<Result<BulkResult>>;
  onDone(result: BulkResult | null): void;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const labelOf = (ref: string) => items.find((i) => i.ref === ref)?.label ?? ref;
  if (result) {
    return (
      <ConfirmDialog title={title} confirmLabel="Close" onConfirm={() => onDone(result)} onCancel={() => onDone(result)}>
        <BulkResults title="Result" result={result} labelOf={labelOf} />
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={busy ? 'Working…' : confirmLabel}
      danger
      busy={busy || blocked}
      onCancel={() => onDone(null)}
      onConfirm={async () => {
        setBusy(true);
        setError(null);
        const r = await run();
        setBusy(false);
        if (r.ok) setResult(r.value);
        else setError(r.error);
      }}
    >
      <p>
        {items.length === 1 ? 'This goes:' : `These ${items.length} go:`}
      </p>
      <ul className="bulk-confirm-list" aria-label="Will be removed">
        {items.map((i) => (
          <li key={i.ref}>
            <span className="mono">{i.label}</span>
            {i.note && <span className="muted"> — {i.note}</span>}
          </li>
        ))}
      </ul>
      {children}
      <CommandLine command={command} />
      <ErrorText error={error} />
    </ConfirmDialog>
  );
}
