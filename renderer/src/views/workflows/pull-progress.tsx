import { useState } from 'react';
import type { ApiError, PullEvent } from '../../../../main/contract';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { formatBytes } from '../../components/format';
import { useCommandStore } from '../../stores/command-store';

/**
 * A pull on screen: per-layer bars, an overall bar and Cancel. The pull is a subscription, so
 * Cancel (or leaving the screen) unsubscribes, which destroys the engine stream and stops it.
 */
export function PullProgress({
  reference,
  onDone,
  onCancel,
  onError,
  hint,
}: {
  reference: string;
  onDone?: (ref: string) => void;
  onCancel: () => void;
  /** Told when the pull failed (the panel stays, showing why). */
  onError?: (e: ApiError) => void;
  /** Shown under a failure: what to do next. */
  hint?: (e: ApiError) => string;
}) {
  const [event, setEvent] = useState<PullEvent | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const finished = event?.done === true || error !== null;
  useSubscription(
    'images:pull',
    finished ? null : { reference },
    (e) => {
      setEvent(e);
      if (e.done) {
        useCommandStore.getState().show(`Pulled ${e.reference}`, e.command);
        onDone?.(e.reference);
      }
    },
    (e) => {
      setError(e);
      onError?.(e);
    },
    reference,
  );
  const overall = event?.progress.overall;
  return (
    <section className="wf-pull" aria-label={`Pull of ${reference}`} data-testid="pull-progress">
      <div className="wf-pull-head">
        <strong>{event?.done ? 'Pulled' : error ? 'Pull failed' : 'Pulling'} {event?.reference ?? reference}</strong>
        {!finished && (
          <button type="button" onClick={onCancel} aria-label={`Cancel pull of ${reference}`}>
            Cancel
          </button>
        )}
        {finished && (
          <button type="button" className="small" onClick={onCancel} aria-label="Close pull progress">
            Close
          </button>
        )}
      </div>
      {event && <CommandLine command={event.command} />}
      <label className="wf-progress-label">
        Overall {overall === null || overall === undefined ? '' : `${Math.round(overall * 100)} %`}
        <progress aria-label="Overall pull progress" max={1} value={overall ?? undefined} data-testid="pull-overall" />
      </label>
      {event && event.progress.layers.length > 0 && (
        <table className="table wf-layers" aria-label="Layers">
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {event.progress.layers.map((l) => (
              <tr key={l.id} data-testid="pull-layer">
                <td className="mono">{l.id}</td>
                <td>{l.status}</td>
                <td>
                  <progress aria-label={`Layer ${l.id}`} max={l.total || 1} value={l.done ? l.total || 1 : l.current} />{' '}
                  {l.total > 0 && <span className="muted">{formatBytes(l.current)} / {formatBytes(l.total)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {event?.progress.message && <p className="muted">{event.progress.message}</p>}
      <ErrorText error={error ?? event?.progress.error} />
      {error && hint && <p className="wf-hint-line">{hint(error)}</p>}
    </section>
  );
}
