/**
 * The Stats overview's row order, apart from React: the table re-orders only when this answer
 * changes (a new sample that leaves the order as it was costs no re-render of the table, only
 * of the rows whose figures changed). Pure, for unit tests.
 */
import type { StatsSampleEvent } from '../../../../main/contract';

export type StatsSortKey = 'name' | 'cpu' | 'mem' | 'memPct' | 'net' | 'block' | 'pids';

export const statsSortValue: Record<StatsSortKey, (s: StatsSampleEvent) => number | string> = {
  name: (s) => s.name,
  cpu: (s) => s.cpuPercent,
  mem: (s) => s.memoryUsed,
  memPct: (s) => s.memoryPercent,
  net: (s) => s.netRx + s.netTx,
  block: (s) => s.blockRead + s.blockWrite,
  pids: (s) => s.pids,
};

/**
 * Ids of `rows` in display order: by the key's value in each row's latest sample (a row without
 * one sorts by its name), descending or not; ties keep the given order (a stable sort).
 */
export function statsOrder(rows: readonly { id: string; name: string }[], latest: Readonly<Record<string, StatsSampleEvent>>, key: StatsSortKey, desc: boolean): string[] {
  const value = statsSortValue[key];
  return rows
    .map((r) => ({ id: r.id, v: key === 'name' ? r.name : latest[r.id] ? value(latest[r.id]!) : r.name }))
    .sort((a, b) => {
      const cmp = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return desc ? -cmp : cmp;
    })
    .map((r) => r.id);
}
