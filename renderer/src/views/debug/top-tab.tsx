/**
 * `docker top`: the container's processes, asked when this tab opens, again when the engine
 * reports an event of the container that can change them (start, exec, die...), when the
 * learner asks, and every 10 s only if they turn auto-refresh on; nothing while the page is
 * hidden. Main asks the engine (`top:watch`), and re-opens the subscription by itself when the
 * engine comes back after going away. No polling by default: each `docker top` is also an event
 * in the engine's event stream.
 */
import { useEffect, useState } from 'react';
import type { ApiError, ContainerSummary, TopResult } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { VirtualBodies } from '../../components/virtual-rows';
import { takeIntent } from '../../stores/learner-intent';
import { usePageVisible } from '../../api/use-page-visible';

/** The optional slow auto-refresh (off by default). */
const AUTO_REFRESH_MS = 10_000;

export function TopTab({ container }: { container: ContainerSummary }) {
  const [top, setTop] = useState<TopResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [updated, setUpdated] = useState<Date | null>(null);
  /** Answers received so far (each one a `docker top` main asked): what tests count. */
  const [answers, setAnswers] = useState(0);
  // A hidden page does not ask; it subscribes again as soon as it is visible. The refreshes in
  // main are Dockside's own background work and never tick a lesson.
  const visible = usePageVisible();
  const [auto, setAuto] = useState(false);
  useSubscription(
    'top:watch',
    visible ? { id: container.id, psArgs: '-ef', ...(auto ? { intervalMs: AUTO_REFRESH_MS } : {}) } : null,
    (r) => {
      setTop(r);
      setError(null);
      setUpdated(new Date());
      setAnswers((n) => n + 1);
    },
    setError,
    `${container.id}:${container.state}:${visible}:${auto}`,
  );

  // Only a call the learner asked for is theirs (like typing `docker top`): the click that opened
  // this tab, or the "Run docker top now" button.
  const [learnerAsked, setLearnerAsked] = useState(0);
  useEffect(() => {
    if (learnerAsked === 0 && !takeIntent('tab:top')) return;
    let live = true;
    void call('top:list', { id: container.id, psArgs: '-ef', background: false }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setTop(r.value);
        setError(null);
        setUpdated(new Date());
        setAnswers((n) => n + 1);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [container.id, learnerAsked]);

  return (
    <div className="debug-top" data-testid="top-tab" data-answers={answers}>
      <ErrorText error={error} />
      {top && <CommandLine command={top.command} />}
      {top && !top.running ? (
        <p className="muted" data-testid="top-stopped">
          The container is not running, so it has no processes.
        </p>
      ) : top ? (
        <>
          <p className="muted">
            {top.processes.length} process{top.processes.length === 1 ? '' : 'es'}, as the host's <code>ps -ef</code> sees them (host PIDs), refreshed
            when the container starts, stops or runs an exec{auto ? ', and every 10 s' : ''}
            {updated ? <span data-testid="top-updated"> (last {updated.toLocaleTimeString()})</span> : ''}.{' '}
            <button type="button" className="small" onClick={() => setLearnerAsked((n) => n + 1)}>
              Run docker top now
            </button>{' '}
            <label className="check">
              <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Auto-refresh every 10 s
            </label>
          </p>
          <table className="table top-table" aria-label={`Processes of ${container.name}`}>
            <thead>
              <tr>
                {top.titles.map((t) => (
                  <th key={t} scope="col">
                    {t}
                  </th>
                ))}
              </tr>
            </thead>
            <VirtualBodies
              items={top.processes}
              columns={top.titles.length}
              estimate={34}
              // The row's place and PID: ps may print the same PID twice with custom options.
              keyOf={(p, i) => `${i}:${p[1] ?? ''}`}
              render={(p) => (
                <tr data-testid="top-row">
                  {p.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              )}
            />
          </table>
        </>
      ) : (
        <p className="muted">Loading processes…</p>
      )}
    </div>
  );
}
