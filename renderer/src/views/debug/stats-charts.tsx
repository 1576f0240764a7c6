/**
 * Live charts of one container: CPU %, memory against its limit, network and block I/O rates,
 * over the last 5 minutes. The 1 Hz stats stream is open only while this tab is on screen and the
 * page visible (a background tab or minimised window closes it).
 */
import { useEffect, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ContainerSummary, StatsSampleEvent } from '../../../../main/contract';
import { usePageVisible } from '../../api/use-page-visible';
import { useSubscription } from '../../api/use-subscription';
import { ErrorText } from '../../components/error-text';
import { formatBytes } from '../../components/format';
import { showStatsFor, useStatsStore } from '../../stores/stats-store';
import { CPU_NOTE, memoryLimitText, percent, rate } from './stats-format';

const WINDOW_MS = 5 * 60 * 1000;

interface Point {
  t: number;
  cpu: number;
  mem: number;
  limit: number | null;
  rx: number;
  tx: number;
  read: number;
  write: number;
}

function toPoint(s: StatsSampleEvent): Point {
  return {
    t: s.time,
    cpu: Number(s.cpuPercent.toFixed(2)),
    mem: s.memoryUsed,
    limit: s.memoryLimit,
    rx: s.netRxRate,
    tx: s.netTxRate,
    read: s.blockReadRate,
    write: s.blockWriteRate,
  };
}

const clock = (t: number) => new Date(t).toLocaleTimeString();

export default function StatsCharts({ container }: { container: ContainerSummary }) {
  const running = container.state === 'running';
  const addBatch = useStatsStore((s) => s.addBatch);
  // 1 Hz only while these charts are on screen and the page is visible.
  const visible = usePageVisible();
  useSubscription('stats:watch', running && visible ? { ids: [container.id] } : null, addBatch);
  useEffect(() => showStatsFor(Symbol('stats-tab'), [container.id]), [container.id]);
  const version = useStatsStore((s) => s.version);
  const latest = useStatsStore((s) => s.latest[container.id]);
  const error = useStatsStore((s) => s.errors[container.id]);
  const points = useMemo(() => {
    const ring = useStatsStore.getState().history.get(container.id);
    const all = ring ? ring.toArray() : [];
    const from = (all.at(-1)?.time ?? 0) - WINDOW_MS;
    return all.filter((s) => s.time >= from).map(toPoint);
    // version: the ring is mutable, re-read it on every batch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [container.id, version]);

  if (!running) return <p className="muted">The container is not running: no live stats. Start it to see its charts.</p>;
  const limit = latest?.memoryLimit ?? null;
  return (
    <div className="debug-stats" data-testid="stats-tab">
      <ErrorText error={error} />
      <p className="muted">
        {points.length === 0 ? 'Waiting for the first sample (about a second)…' : `Last ${Math.round((points.length * 1000) / 60000) || '<1'} min, one sample a second.`}{' '}
        CPU: {CPU_NOTE}
        {latest ? `; this engine has ${latest.onlineCpus} cores, so up to ${latest.onlineCpus * 100} %.` : '.'}
      </p>
      <div className="debug-charts">
        <Chart title={`CPU ${latest ? percent(latest.cpuPercent) : ''}`} testId="chart-cpu" data={points} unit={(v) => `${v} %`}>
          <Line type="monotone" dataKey="cpu" name="CPU %" stroke="var(--accent)" dot={false} isAnimationActive={false} />
        </Chart>
        <Chart
          title={`Memory ${latest ? `${formatBytes(latest.memoryUsed)} of ${memoryLimitText(limit)}` : ''}`}
          testId="chart-memory"
          data={points}
          unit={(v) => formatBytes(v)}
          domainMax={limit ?? undefined}
        >
          <Line type="monotone" dataKey="mem" name="Used" stroke="var(--accent)" dot={false} isAnimationActive={false} />
          {limit !== null && (
            <ReferenceLine y={limit} stroke="var(--bad)" strokeDasharray="6 3" label={{ value: `limit ${formatBytes(limit)}`, position: 'insideTopRight' }} />
          )}
        </Chart>
        {limit === null && <p className="muted" data-testid="memory-no-limit">Memory: no limit set (the container may use all of the host's memory).</p>}
        <Chart title="Network" testId="chart-net" data={points} unit={(v) => rate(v)}>
          <Line type="monotone" dataKey="rx" name="Receive" stroke="var(--accent)" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="tx" name="Transmit" stroke="var(--ok)" dot={false} isAnimationActive={false} />
        </Chart>
        <Chart title="Block I/O" testId="chart-blkio" data={points} unit={(v) => rate(v)}>
          <Line type="monotone" dataKey="read" name="Read" stroke="var(--accent)" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="write" name="Write" stroke="var(--warn)" dot={false} isAnimationActive={false} />
        </Chart>
      </div>
    </div>
  );
}

function Chart({
  title,
  testId,
  data,
  unit,
  domainMax,
  children,
}: {
  title: string;
  testId: string;
  data: Point[];
  unit: (v: number) => string;
  domainMax?: number | undefined;
  children: React.ReactNode;
}) {
  return (
    <figure className="debug-chart" data-testid={testId} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={clock} minTickGap={40} />
          <YAxis width={80} tickFormatter={(v: number) => unit(v)} domain={[0, domainMax !== undefined ? (max: number) => Math.max(max, domainMax) : 'auto']} />
          <Tooltip labelFormatter={(t) => clock(Number(t))} formatter={(v) => unit(Number(v))} />
          <Legend />
          {children}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
