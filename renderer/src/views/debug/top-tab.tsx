/** `docker top`: the container's processes, refreshed every 2 s while this tab is on screen and the page visible. */
import { useEffect, useState } from 'react';
import type { ApiError, ContainerSummary, TopResult } from '../../../../main/contract';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { takeIntent } from '../../stores/learner-intent';

const REFRESH_MS = 2000;

export function TopTab({ container }: { container: ContainerSummary }) {
  const [top, setTop] = useState<TopResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [updated, setUpdated] = useState<Date | null>(null);

  const [learnerAsked, setLearnerAsked] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Only the first call after the learner's own click is theirs (like `docker top`); the
    // periodic refresh, or a tab a lesson opened, is Dockside's background work.
    let learner = learnerAsked > 0 || takeIntent('tab:top');
    const refresh = async () => {
      timer = null;
      // A hidden page does not poll; it refreshes as soon as it is visible again.
      if (document.visibilityState === 'visible') {
        const background = !learner;
        learner = false;
        const r = await call('top:list', { id: container.id, psArgs: '-ef', background });
        if (!live) return;
        if (r.ok) {
          setTop(r.value);
          setError(null);
          setUpdated(new Date());
        } else setError(r.error);
      }
      if (live) timer = setTimeout(refresh, REFRESH_MS);
    };
    void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible' && timer) {
        clearTimeout(timer);
        void refresh();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [container.id, container.state, learnerAsked]);

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
