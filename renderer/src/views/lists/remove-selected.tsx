import { useState } from 'react';
import { bulkRemoveCommand, type BulkKind } from '../../../../main/bulk/bulk-actions';
import { call } from '../../api/client';
import { useCommandStore } from '../../stores/command-store';
import { BulkActionBar } from './bulk-action-bar';
import { BulkConfirmDialog, type BulkItem } from './bulk-confirm-dialog';

export interface RemovableItem extends BulkItem {
  /** In use by containers: the engine refuses unless forced (images), or always (volumes, networks). */
  inUse?: boolean;
  /** Cannot be removed at all (predefined networks): left out of the removal, and said so. */
  locked?: string;
}

/**
 * The bulk bar for images, volumes and networks: one Remove for the whole selection, one
 * confirmation listing every item, per-item results. Items that failed stay selected.
 */
export function RemoveSelected({
  noun,
  kind,
  items,
  hidden,
  onClear,
}: {
  noun: string;
  kind: BulkKind;
  items: RemovableItem[];
  hidden: number;
  onClear(): void;
}) {
  // The confirmation lists what was selected when it opened, even if the live list changes under it.
  const [asked, setAsked] = useState<RemovableItem[] | null>(null);
  const [force, setForce] = useState(false);
  const open = asked !== null;
  const removable = (asked ?? []).filter((i) => !i.locked);
  const locked = (asked ?? []).filter((i) => i.locked);
  const inUse = removable.filter((i) => i.inUse);
  const refs = removable.map((i) => i.ref);
  const forced = force && kind === 'image';
  return (
    <>
      <BulkActionBar
        noun={noun}
        count={items.length}
        hidden={hidden}
        actions={[{ id: 'remove', label: 'Remove', danger: true }]}
        onAction={() => {
          setForce(false);
          setAsked(items);
        }}
        onClear={onClear}
      />
      {open && (
        <BulkConfirmDialog
          title={`Remove ${removable.length} ${removable.length === 1 ? noun.replace(/s$/, '') : noun}?`}
          confirmLabel={forced ? 'Force remove' : 'Remove'}
          items={removable}
          command={bulkRemoveCommand(kind, refs, forced)}
          blocked={removable.length === 0}
          run={() => call('bulk:remove', { kind, refs, force: forced })}
          onDone={(result) => {
            setAsked(null);
            if (result) {
              const ok = result.results.filter((r) => r.ok).length;
              useCommandStore.getState().show(`Removed ${ok} of ${result.results.length} ${noun}`, result.command);
            }
          }}
        >
          {locked.length > 0 && (
            <p className="muted">
              Left out: {locked.map((i) => `${i.label} (${i.locked})`).join(', ')}.
            </p>
          )}
          {inUse.length > 0 && kind === 'image' && (
            <>
              <p className="error-text">
                {inUse.map((i) => i.label).join(', ')} {inUse.length === 1 ? 'is' : 'are'} used by containers: the engine refuses to remove
                {inUse.length === 1 ? ' it' : ' them'} unless forced (the image loses its tags; containers keep their layers).
              </p>
              <label className="check">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force the removal (<code>--force</code>)
              </label>
            </>
          )}
          {inUse.length > 0 && kind !== 'image' && (
            <p className="error-text">
              {inUse.map((i) => i.label).join(', ')} {inUse.length === 1 ? 'is' : 'are'} in use: the engine will refuse {inUse.length === 1 ? 'it' : 'those'} and
              the others still go.
            </p>
          )}
          {kind === 'volume' && <p>Every file in these volumes is deleted for good.</p>}
        </BulkConfirmDialog>
      )}
    </>
  );
}
