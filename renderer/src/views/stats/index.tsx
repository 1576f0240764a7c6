/**
 * All running containers like `docker stats`, sampled every 1, 2 or 5 s (the user's setting).
 * One `stats:sample` subscription per running container: main asks the engine for one one-shot
 * sample per interval (no 1 Hz stream held open), and a container starting or stopping opens or
 * closes only its own subscription. A hidden page and leaving the view close them all.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ContainerSummary, StatsIntervalMs, StatsSampleEvent, SubscriptionArgs } from '../../../../main/contract';
import { call } from '../../api/client';
import { useKeyedSubscriptions } from '../../api/use-keyed-subscriptions';
import { usePageVisible } from '../../api/use-page-visible';
import { CommandLine } from '../../components/command-line';
import { VirtualBodies } from '../../components/virtual-rows';
import { formatBytes } from '../../components/format';
import { useEngineStore } from '../../stores/engine-store';
import { useNavStore } from '../../stores/nav-store';
import { showStatsFor, useStatsStore } from '../../stores/stats-store';
import { useSettingsStore } from '../settings/settings-store';
import { CPU_NOTE, memoryLimitText, percent } from '../debug/stats-format';

// The contract's statsIntervals, repeated so the renderer imports the contract's types only.
const INTERVALS: readonly StatsIntervalMs[] = [1000, 2000, 5000];

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

const statsRowKey = (r: { c: ContainerSummary }) => r.c.id;

export function StatsView() {
  const containers = useEngineStore((s) => s.containers);
  const running = useMemo(() => containers.filter((c) => c.state === 'running'), [containers]);
  const ids = useMemo(() => running.map((c) => c.id).sort(), [running]);
  const queueBatch = useStatsStore((s) => s.queueBatch);
  const latest = useStatsStore((s) => s.latest);
  const errors = useStatsStore((s) => s.errors);
  const go = useNavStore((s) => s.go);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'cpu', desc: true });

  const intervalMs: StatsIntervalMs = useSettingsStore((s) => s.settings?.statsIntervalMs) ?? 2000;
  const visible = usePageVisible();
  // Keyed by container and interval: a new interval re-opens all (the user asked), a container
  // starting or stopping opens or closes one.
  const entries = useMemo(
    () => new Map<string, SubscriptionArgs<'stats:sample'>>(visible ? ids.map((id) => [`${id}:${intervalMs}`, { id, intervalMs }]) : []),
    [ids, intervalMs, visible],
  );
  useKeyedSubscriptions('stats:sample', entries, queueBatch, (e, key) =>
    queueBatch({ samples: [], ended: [], errors: [{ id: key.slice(0, key.lastIndexOf(':')), message: e.message }] }),
  );
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
        Live resource use of the {running.length} running container{running.length === 1 ? '' : 's'}, one sample every {intervalMs / 1000} s. CPU % is over the time between two samples ({CPU_NOTE}); MEM % is of the limit, or of the host's memory when there is none.
        Sampling less often costs the engine less: each sample is one short request, not a stream kept open.
      </p>
      <div className="stats-options">
        <label>
          Sample every{' '}
          <select
            value={intervalMs}
            aria-label="Sample every"
            onChange={(e) => {
              const next = Number(e.target.value) as StatsIntervalMs;
              void call('settings:update', { statsIntervalMs: next }).then((r) => r.ok && useSettingsStore.getState().set(r.value));
            }}
          >
            {INTERVALS.map((ms) => (
              <option key={ms} value={ms}>
                {ms / 1000} s
              </option>
            ))}
          </select>
        </label>
      </div>
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
          <VirtualBodies
            items={rows}
            columns={COLUMNS.length}
            estimate={36}
            keyOf={statsRowKey}
            render={({ c, s }) => (
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
            )}
          />
        </table>
      )}
    </section>
  );
}
