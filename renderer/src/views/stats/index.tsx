/**
 * All running containers like `docker stats`, updated about once a second. One subscription for
 * the running containers listed: main opens one engine stream per container and sends one batch
 * a second; leaving the view closes every stream.
 */
import { useEffect, useMemo, useState } from 'react';
import type { StatsSampleEvent } from '../../../../main/contract';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { formatBytes } from '../../components/format';
import { useEngineStore } from '../../stores/engine-store';
import { useNavStore } from '../../stores/nav-store';
import { showStatsFor, useStatsStore } from '../../stores/stats-store';
import { CPU_NOTE, memoryLimitText, percent } from '../debug/stats-format';

type SortKey = 'name' | 'cpu' | 'mem' | 'memPct' | 'net' | 'block' | 'pids';

const COLUMNS: { key: SortKey; label: string; value: (s: StatsSampleEvent) => number | string }[] = [
  { key: 'name', label: 'Name', value: (s) => s.name },
  { key: 'cpu', label: 'CPU %', value: (s) => s.cpuPercent },
  { key: 'mem', label: 'Mem usage / limit', value: (s) => s.memoryUsed },
  { key: 'memPct', label: 'Mem %', value: (s) => s.memoryPercent },
  { key: 'net', label: 'Net I/O', value: (s) => s.netRx + s.netTx },
  { key: 'block', label: 'Block I/O', value: (s) => s.blockRead + s.blockWrite },
  { key: 'pids', label: 'PIDs', value: (s) => s.pids },
];

export function StatsView() {
  const containers = useEngineStore((s) => s.containers);
  const running = useMemo(() => containers.filter((c) => c.state === 'running'), [containers]);
  const ids = useMemo(() => running.map((c) => c.id).sort(), [running]);
  const addBatch = useStatsStore((s) => s.addBatch);
  const latest = useStatsStore((s) => s.latest);
  const errors = useStatsStore((s) => s.errors);
  const go = useNavStore((s) => s.go);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'cpu', desc: true });

  useSubscription('stats:watch', ids.length > 0 ? { ids } : null, addBatch, undefined, ids.join(','));
  useEffect(() => showStatsFor(Symbol('stats-view'), ids), [ids]);

  const rows = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    return running
      .map((c) => ({ c, s: latest[c.id] }))
      .sort((a, b) => {
        const va = a.s ? col.value(a.s) : a.c.name;
        const vb = b.s ? col.value(b.s) : b.c.name;
        const cmp = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
        return sort.desc ? -cmp : cmp;
      });
  }, [running, latest, sort]);

  return (
    <section className="stats-view">
      <h1>Stats</h1>
      <p className="muted">
        Live resource use of the {running.length} running container{running.length === 1 ? '' : 's'}, about once a second. {CPU_NOTE}; MEM % is of
        the limit, or of the host's memory when there is none.
      </p>
      <CommandLine command="docker stats" />
      {running.length === 0 ? (
        <p className="muted">No container is running.</p>
      ) : (
        <table className="stats-table" data-testid="stats-table">
          <thead>
            <tr>
              {COLUMNS.map((col) => (
                <th key={col.key} aria-sort={sort.key === col.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setSort((s) => ({ key: col.key, desc: s.key === col.key ? !s.desc : col.key !== 'name' }))}
                  >
                    {col.label}
                    {sort.key === col.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, s }) => (
              <tr key={c.id} data-testid="stats-row" data-name={c.name}>
                <td>
                  <button type="button" className="link" onClick={() => go('containers', { select: c.id, tab: 'stats' })} aria-label={`Open the charts of ${c.name}`}>
                    {c.name}
                  </button>
                </td>
                {s ? (
                  <>
                    <td data-col="cpu">{percent(s.cpuPercent)}</td>
                    <td>
                      {formatBytes(s.memoryUsed)} / {memoryLimitText(s.memoryLimit)}
                    </td>
                    <td>{percent(s.memoryPercent)}</td>
                    <td>
                      {formatBytes(s.netRx)} / {formatBytes(s.netTx)}
                    </td>
                    <td>
                      {formatBytes(s.blockRead)} / {formatBytes(s.blockWrite)}
                    </td>
                    <td>{s.pids}</td>
                  </>
                ) : (
                  <td colSpan={6} className="muted">
                    {errors[c.id] ?? 'Waiting for the first sample…'}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
