/**
 * All running containers like `docker stats`, sampled every 1, 2 or 5 s (the user's setting).
 * One `stats:sample` subscription per running container: main asks the engine for one one-shot
 * sample per interval (no 1 Hz stream held open), and a container starting or stopping opens or
 * closes only its own subscription. A hidden page and leaving the view close them all.
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { ContainerSummary, StatsIntervalMs, SubscriptionArgs } from '../../../../main/contract';
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
import { statsOrder, type StatsSortKey } from './stats-order';

// The contract's statsIntervals, repeated so the renderer imports the contract's types only.
const INTERVALS: readonly StatsIntervalMs[] = [1000, 2000, 5000];

const COLUMNS: { key: StatsSortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'cpu', label: 'CPU %' },
  { key: 'mem', label: 'Mem usage / limit' },
  { key: 'memPct', label: 'Mem %' },
  { key: 'net', label: 'Net I/O' },
  { key: 'block', label: 'Block I/O' },
  { key: 'pids', label: 'PIDs' },
];

const statsRowKey = (c: ContainerSummary) => c.id;
const renderRow = (c: ContainerSummary) => <StatsRow key={c.id} c={c} />;

/**
 * One row, reading its own container's latest sample from the store: a tick re-renders the rows
 * whose figures came in, not the table (issue 16: the page's CPU per sample).
 */
const StatsRow = memo(function StatsRow({ c }: { c: ContainerSummary }) {
  const s = useStatsStore((st) => st.latest[c.id]);
  const error = useStatsStore((st) => st.errors[c.id]);
  const go = useNavStore((st) => st.go);
  return (
    <tr data-testid="stats-row" data-name={c.name}>
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
          {error ?? 'Waiting for the first sample…'}
        </td>
      )}
    </tr>
  );
});

export function StatsView() {
  const containers = useEngineStore((s) => s.containers);
  const running = useMemo(() => containers.filter((c) => c.state === 'running'), [containers]);
  const ids = useMemo(() => running.map((c) => c.id).sort(), [running]);
  const queueBatch = useStatsStore((s) => s.queueBatch);
  const [sort, setSort] = useState<{ key: StatsSortKey; desc: boolean }>({ key: 'cpu', desc: true });

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

  // The order as one string: the table re-renders when it changes, not on every sample.
  const orderSelector = useCallback(
    (st: { latest: Parameters<typeof statsOrder>[1] }) => statsOrder(running, st.latest, sort.key, sort.desc).join('\n'),
    [running, sort],
  );
  const order = useStatsStore(orderSelector);
  const rows = useMemo(() => {
    const byId = new Map(running.map((c) => [c.id, c]));
    return order ? order.split('\n').flatMap((id) => byId.get(id) ?? []) : [];
  }, [order, running]);

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
            render={renderRow}
          />
        </table>
      )}
    </section>
  );
}
