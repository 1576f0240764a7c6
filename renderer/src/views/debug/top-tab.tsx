/**
 * `docker top`: the container's processes, every 2 s while this tab is on screen and the page
 * visible. Main asks the engine (`top:watch`), and re-opens the subscription by itself when the
 * engine comes back after going away.
 */
import { useEffect, useState } from 'react';
import type { ApiError, ContainerSummary, TopResult } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { takeIntent } from '../../stores/learner-intent';

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(document.visibilityState === 'visible');
  useEffect(() => {
    const on = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);
  return visible;
}

export function TopTab({ container }: { container: ContainerSummary }) {
  const [top, setTop] = useState<TopResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [updated, setUpdated] = useState<Date | null>(null);
  // A hidden page does not ask; it subscribes again as soon as it is visible. The periodic
  // refresh in main is Dockside's own background work and never ticks a lesson.
  const visible = usePageVisible();
  useSubscription(
    'top:watch',
    visible ? { id: container.id, psArgs: '-ef' } : null,
    (r) => {
      setTop(r);
      setError(null);
      setUpdated(new Date());
    },
    setError,
    `${container.id}:${container.state}:${visible}`,
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
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [container.id, learnerAsked]);

  return (
    <div className="debug-top" data-testid="top-tab">
      <ErrorText error={error} />
      {top && <CommandLine command={top.command} />}
      {top && !top.running ? (
        <p className="muted" data-testid="top-stopped">
          The container is not running, so it has no processes.
        </p>
      ) : top ? (
        <>
          <p className="muted">
            {top.processes.length} process{top.processes.length === 1 ? '' : 'es'}, as the host's <code>ps -ef</code> sees them (host PIDs), refreshed every 2 s
            {updated ? ` (last ${updated.toLocaleTimeString()})` : ''}.{' '}
            <button type="button" className="small" onClick={() => setLearnerAsked((n) => n + 1)}>
              Run docker top now
            </button>
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
            <tbody>
              {top.processes.map((p, i) => (
                <tr key={`${p[1] ?? i}`} data-testid="top-row">
                  {p.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">Loading processes…</p>
      )}
    </div>
  );
}
