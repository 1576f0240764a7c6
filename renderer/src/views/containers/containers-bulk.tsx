import { useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { bulkContainersCommand, type BulkContainerAction } from '../../../../main/bulk/bulk-actions';
import { call } from '../../api/client';
import { useCommandStore } from '../../stores/command-store';
import { BulkActionBar } from '../lists/bulk-action-bar';
import { BulkConfirmDialog } from '../lists/bulk-confirm-dialog';
import type { Outcome } from '../stacks/outcome-panel';

const isUp = (c: ContainerSummary) => c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
const PAST: Record<BulkContainerAction, string> = { start: 'Started', stop: 'Stopped', kill: 'Killed', remove: 'Removed' };

/**
 * Start, stop, kill or remove every selected container. Start and stop run at once; kill and
 * remove ask first, listing every container (remove needs --force ticked for running ones).
 */
export function ContainersBulk({ items, hidden, onClear, onOutcome }: { items: ContainerSummary[]; hidden: number; onClear(): void; onOutcome(o: Outcome): void }) {
  const [pending, setPending] = useState<BulkContainerAction | null>(null);
  // What the confirmation lists is fixed when it opens: the live list may change under it.
  const [confirm, setConfirm] = useState<{ action: 'kill' | 'remove'; items: ContainerSummary[] } | null>(null);
  const [force, setForce] = useState(false);
  const refs = items.map((c) => c.name || c.id);
  const asked = confirm?.items ?? [];
  const askedRefs = asked.map((c) => c.name || c.id);
  const running = asked.filter(isUp);

  const report = (action: BulkContainerAction, result: Parameters<typeof onOutcome>[0] & { kind: 'bulk' }) => {
    const ok = result.result.results.filter((r) => r.ok).length;
    useCommandStore.getState().show(`${PAST[action]} ${ok} of ${result.result.results.length} containers`, result.result.command);
    onOutcome(result);
  };
  const run = async (action: 'start' | 'stop') => {
    setPending(action);
    const r = await call('bulk:containers', { action, ids: refs });
    setPending(null);
    if (r.ok) report(action, { kind: 'bulk', title: `${PAST[action]} containers`, result: r.value });
    else onOutcome({ kind: 'bulk', title: `${action} containers`, result: { command: bulkContainersCommand(action, refs, false), results: [{ ref: refs.join(' '), ok: false, error: r.error.message }] } });
  };

  return (
    <>
      <BulkActionBar
        noun="containers"
        count={items.length}
        hidden={hidden}
        busy={pending !== null}
        actions={[
          { id: 'start', label: pending === 'start' ? 'Starting…' : 'Start' },
          { id: 'stop', label: pending === 'stop' ? 'Stopping…' : 'Stop', title: 'SIGTERM, then SIGKILL after the grace period' },
          { id: 'kill', label: 'Kill', danger: true, title: 'SIGKILL at once' },
          { id: 'remove', label: 'Remove', danger: true },
        ]}
        onAction={(a) => {
          if (a === 'start' || a === 'stop') void run(a);
          else {
            setForce(false);
            setConfirm({ action: a, items });
          }
        }}
        onClear={onClear}
      />
      {confirm && (
        <BulkConfirmDialog
          title={confirm.action === 'kill' ? `Kill ${asked.length} containers?` : `Remove ${asked.length} containers?`}
          confirmLabel={confirm.action === 'kill' ? 'Kill' : force ? 'Stop and remove' : 'Remove'}
          items={asked.map((c) => ({ ref: c.name || c.id, label: c.name, note: `${c.state}, ${c.image}` }))}
          command={bulkContainersCommand(confirm.action, askedRefs, confirm.action === 'remove' && force)}
          blocked={confirm.action === 'remove' && running.length > 0 && !force}
          run={() => call('bulk:containers', { action: confirm.action, ids: askedRefs, force: confirm.action === 'remove' && force })}
          onDone={(result) => {
            const action = confirm.action;
            setConfirm(null);
            if (result) report(action, { kind: 'bulk', title: `${PAST[action]} containers`, result });
          }}
        >
          {confirm.action === 'kill' && <p className="muted">Each gets SIGKILL at once: no time to finish what it was doing.</p>}
          {confirm.action === 'remove' && (
            <>
              <p className="muted">Each container and the changes made inside its filesystem go. Images and named volumes stay.</p>
              {running.length > 0 && (
                <label className="check">
                  <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
                  {running.length} {running.length === 1 ? 'is' : 'are'} running ({running.map((c) => c.name).join(', ')}): kill first (<code>--force</code>)
                </label>
              )}
            </>
          )}
        </BulkConfirmDialog>
      )}
    </>
  );
}
