import type { ReactNode } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { shortId, timeAgo } from '../../components/format';
import { Icon, type IconName } from '../../components/icons';
import { PortLinks } from '../lists/port-links';
import type { ContainerAction } from './container-actions';

export interface RowActions {
  onAction(action: ContainerAction): void;
  isPending(action: ContainerAction): boolean;
  onRemove(): void;
}

/**
 * Start / Stop / Kill / Restart / Remove for one container, as icon buttons with a word; when the
 * list is narrow (lesson pane open, details beside it) only the icon shows, and the name
 * ("Stop web1") is also the tooltip. Used in the row and in the details header.
 */
export function ContainerActionButtons({ c, onAction, isPending, onRemove }: { c: ContainerSummary } & RowActions) {
  const running = c.state === 'running' || c.state === 'restarting';
  const button = (action: ContainerAction, icon: IconName, word: string, busyWord: string, hint?: string) => {
    const busy = isPending(action);
    return (
      <button
        type="button"
        className="icon-button"
        onClick={() => onAction(action)}
        disabled={busy}
        aria-busy={busy || undefined}
        aria-label={`${word} ${c.name}`}
        title={`${word} ${c.name}${hint ? ` (${hint})` : ''}`}
      >
        <Icon name={icon} />
        <span className="btn-text">{busy ? busyWord : word}</span>
      </button>
    );
  };
  return (
    <div className="actions">
      {!running && button('start', 'start', 'Start', 'Starting…')}
      {running && button('stop', 'stop', 'Stop', 'Stopping…', 'SIGTERM, then SIGKILL after 10 s')}
      {running && button('kill', 'kill', 'Kill', 'Killing…', 'SIGKILL at once')}
      {button('restart', 'restart', 'Restart', 'Restarting…')}
      <button type="button" className="icon-button danger" onClick={onRemove} aria-label={`Remove ${c.name}`} title={`Remove ${c.name}`}>
        <Icon name="remove" />
        <span className="btn-text">Remove</span>
      </button>
    </div>
  );
}

/**
 * One compact row (about 40 px): the bulk-selection checkbox, name and short id, image, state,
 * status, ports (published TCP ports as links), age, actions.
 */
export function ContainerRow({
  c,
  selected,
  inStack,
  selectCell,
  onOpen,
  ...actions
}: { c: ContainerSummary; selected: boolean; inStack: boolean; selectCell: ReactNode; onOpen(): void } & RowActions) {
  return (
    <tr data-testid={`container-row-${c.name}`} data-state={c.state} className={`${selected ? 'selected' : ''}${inStack ? ' stack-member' : ''}`}>
      {selectCell}
      <td className="col-name">
        <button type="button" className="link" data-row-entry onClick={onOpen} aria-label={`Details of ${c.name}`} title={c.name} aria-current={selected || undefined}>
          {c.name}
        </button>
        <div className="muted mono small-text">{shortId(c.id)}</div>
      </td>
      <td className="mono col-image">{c.image}</td>
      <td className="col-state">
        <StateBadge c={c} />
      </td>
      <td className="col-status">{c.status}</td>
      <td className="mono col-ports">
        <PortLinks container={c} />
      </td>
      <td className="col-created">{timeAgo(c.created)}</td>
      <td className="col-actions">
        <ContainerActionButtons c={c} {...actions} />
      </td>
    </tr>
  );
}

export function StateBadge({ c }: { c: ContainerSummary }) {
  return (
    <span className={`badge state-${c.state}`} title={c.status}>
      {c.state}
    </span>
  );
}
