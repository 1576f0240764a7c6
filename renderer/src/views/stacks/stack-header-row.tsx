import './stacks.css';
import { useState } from 'react';
import type { ComposeCli, ContainerSummary, StackSummary } from '../../../../main/contract';
import type { StackInfo } from '../../../../main/stacks/compose-labels';
import { composeArgs, composeCommandLine, stackCommand, type StackAction } from '../../../../main/stacks/compose-command';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CommandLine } from '../../components/command-line';
import { useCommandStore } from '../../stores/command-store';
import { BulkConfirmDialog } from '../lists/bulk-confirm-dialog';
import type { SelectionApi } from '../lists/use-selection';
import type { Outcome } from './outcome-panel';

const isUp = (c: ContainerSummary) => c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
const baseName = (f: string) => f.split(/[\\/]/).pop() ?? f;

const PAST: Record<StackAction, string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted', remove: 'Removed' };

/**
 * A Compose project's header in the containers list: fold/unfold, what it is (folder, files,
 * how many run), and actions on the whole stack. `members` are all its containers on the
 * engine (the confirmation lists every one), `shownIds` the rows visible under it.
 */
export function StackHeaderRow({
  info,
  members,
  shownIds,
  summary,
  composeCli,
  columns,
  collapsed,
  onToggle,
  selection,
  visibleIds,
  onOutcome,
  onLogs,
  onComposeDone,
}: {
  info: StackInfo;
  members: ContainerSummary[];
  shownIds: string[];
  summary: StackSummary | undefined;
  composeCli: ComposeCli | null;
  columns: number;
  collapsed: boolean;
  onToggle(): void;
  selection: SelectionApi;
  visibleIds: readonly string[];
  onOutcome(o: Outcome): void;
  onLogs(): void;
  onComposeDone(): void;
}) {
  const { project } = info;
  const [pending, setPending] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'remove' | 'down' | null>(null);
  const running = members.filter(isUp).length;
  const canCompose = Boolean(composeCli && summary?.filesOnDisk);
  const allSelected = shownIds.length > 0 && shownIds.every((id) => selection.has(id));

  const act = async (action: Exclude<StackAction, 'remove'>) => {
    setPending(action);
    const r = await call('stacks:action', { project, action });
    setPending(null);
    if (!r.ok) {
      onOutcome({ kind: 'bulk', title: `${action} stack ${project}`, result: { command: stackCommand(project, action), results: [{ ref: project, ok: false, error: r.error.message }] } });
      return;
    }
    useCommandStore.getState().show(`${PAST[action]} stack ${project}`, r.value.command);
    onOutcome({ kind: 'bulk', title: `${PAST[action]} stack ${project}`, result: r.value, equivalent: r.value.equivalent });
  };

  const compose = async (action: 'up' | 'down') => {
    setPending(action);
    const r = await call('stacks:compose', { project, action });
    setPending(null);
    setConfirm(null);
    const title = action === 'up' ? `Up ${project}` : `Down ${project}`;
    if (!r.ok) {
      onOutcome({ kind: 'compose', title, command: composeCli ? composeCommandLine(composeCli, composeArgs(info, action)) : '', exitCode: null, output: r.error.message });
      return;
    }
    if (r.value.exitCode === 0) useCommandStore.getState().show(`${action === 'up' ? 'Started' : 'Took down'} stack ${project}`, r.value.command);
    onOutcome({ kind: 'compose', title, command: r.value.command, exitCode: r.value.exitCode, output: r.value.output });
    onComposeDone();
  };

  const busy = pending !== null;
  const where = [info.workingDir, info.configFiles.map(baseName).join(', ')].filter(Boolean).join(' · ');
  return (
    <tr className="stack-row" data-testid={`stack-row-${project}`} data-collapsed={collapsed ? 'true' : 'false'}>
      <td className="select-cell">
        <input
          type="checkbox"
          aria-label={`Select the containers of stack ${project}`}
          checked={allSelected}
          disabled={shownIds.length === 0}
          onChange={() => selection.setAll(shownIds, !allSelected)}
        />
      </td>
      <td colSpan={columns - 1}>
        <div className="stack-head">
          <button type="button" className="stack-toggle" aria-expanded={!collapsed} onClick={onToggle} aria-label={`${collapsed ? 'Expand' : 'Collapse'} stack ${project}`}>
            <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> <strong>{project}</strong>
          </button>
          <span className="badge stack-badge">Compose</span>
          <span className="muted" data-testid={`stack-count-${project}`}>
            {members.length === 0 ? 'down' : `${running} of ${members.length} running`}
          </span>
          {where && (
            <span className="muted mono stack-files" title={[info.workingDir, ...info.configFiles].join('\n')}>
              {where}
            </span>
          )}
          <div className="actions stack-actions">
            {members.length > 0 && (
              <>
                <button type="button" disabled={busy || running === members.length} onClick={() => void act('start')} aria-label={`Start stack ${project}`}>
                  {pending === 'start' ? 'Starting…' : 'Start'}
                </button>
                <button type="button" disabled={busy || running === 0} onClick={() => void act('stop')} aria-label={`Stop stack ${project}`}>
                  {pending === 'stop' ? 'Stopping…' : 'Stop'}
                </button>
                <button type="button" disabled={busy} onClick={() => void act('restart')} aria-label={`Restart stack ${project}`}>
                  {pending === 'restart' ? 'Restarting…' : 'Restart'}
                </button>
                <button type="button" onClick={onLogs} aria-label={`Logs of stack ${project}`}>
                  Logs
                </button>
                <button type="button" className="danger" disabled={busy} onClick={() => setConfirm('remove')} aria-label={`Remove stack ${project}`}>
                  Remove
                </button>
              </>
            )}
            {canCompose && (
              <>
                <button type="button" disabled={busy} onClick={() => void compose('up')} aria-label={`Compose up stack ${project}`} title={`${composeCli!.name} up -d with ${info.configFiles.join(', ')}`}>
                  {pending === 'up' ? 'Up…' : 'Up -d'}
                </button>
                {members.length > 0 && (
                  <button type="button" className="danger" disabled={busy} onClick={() => setConfirm('down')} aria-label={`Compose down stack ${project}`}>
                    Down
                  </button>
                )}
              </>
            )}
          </div>
        </div>
        {confirm === 'remove' && (
          <BulkConfirmDialog
            title={`Remove stack ${project}?`}
            confirmLabel="Remove all"
            items={members.map((c) => ({ ref: c.name, label: c.name, note: isUp(c) ? `${c.state}: stopped first` : c.state }))}
            command={stackCommand(project, 'remove')}
            run={() => call('stacks:action', { project, action: 'remove' })}
            onDone={(result) => {
              setConfirm(null);
              if (result) {
                useCommandStore.getState().show(`Removed stack ${project}`, result.command);
                onOutcome({ kind: 'bulk', title: `Removed stack ${project}`, result });
              }
            }}
          >
            <p className="muted">Every container of the stack goes, running ones are stopped first. Its volumes, networks and images stay.</p>
          </BulkConfirmDialog>
        )}
        {confirm === 'down' && composeCli && (
          <ConfirmDialog title={`Take stack ${project} down?`} confirmLabel={pending === 'down' ? 'Working…' : 'Down'} danger busy={busy} onCancel={() => setConfirm(null)} onConfirm={() => void compose('down')}>
            <p>These containers go, and the networks Compose created for the project:</p>
            <ul className="bulk-confirm-list">
              {members.map((c) => (
                <li key={c.id}>
                  <span className="mono">{c.name}</span> <span className="muted">— {c.state}</span>
                </li>
              ))}
            </ul>
            <p className="muted">Named volumes stay. Its files stay on disk, so Up brings it back.</p>
            <CommandLine command={composeCommandLine(composeCli, composeArgs(info, 'down'))} />
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
