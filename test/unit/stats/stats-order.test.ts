/** The Stats overview's row order (renderer/src/views/stats/stats-order.ts). */
import { describe, expect, it } from 'vitest';
import type { StatsSampleEvent } from '../../../main/contract';
import { statsOrder } from '../../../renderer/src/views/stats/stats-order';

const sample = (id: string, over: Partial<StatsSampleEvent>): StatsSampleEvent => ({
  id,
  name: id,
  time: 0,
  cpuPercent: 0,
  onlineCpus: 2,
  memoryUsed: 0,
  memoryLimit: null,
  memoryLimitReported: 1,
  memoryPercent: 0,
  netRx: 0,
  netTx: 0,
  blockRead: 0,
  blockWrite: 0,
  netRxRate: 0,
  netTxRate: 0,
  blockReadRate: 0,
  blockWriteRate: 0,
  pids: 0,
  ...over,
});

const rows = [
  { id: 'a', name: 'web' },
  { id: 'b', name: 'db' },
  { id: 'c', name: 'cache' },
];

describe('statsOrder', () => {
  it('sorts by the chosen figure of each latest sample, busiest first when descending', () => {
    const latest = { a: sample('a', { cpuPercent: 5 }), b: sample('b', { cpuPercent: 50 }), c: sample('c', { cpuPercent: 0.5 }) };
    expect(statsOrder(rows, latest, 'cpu', true)).toEqual(['b', 'a', 'c']);
    expect(statsOrder(rows, latest, 'cpu', false)).toEqual(['c', 'a', 'b']);
  });

  it('sums the two directions of net and block I/O', () => {
    const latest = { a: sample('a', { netRx: 10, netTx: 1 }), b: sample('b', { netRx: 1, netTx: 20 }), c: sample('c', { netRx: 5 }) };
    expect(statsOrder(rows, latest, 'net', true)).toEqual(['b', 'a', 'c']);
  });

  it('by name ignores the samples: a new sample never changes that order', () => {
    expect(statsOrder(rows, {}, 'name', false)).toEqual(['c', 'b', 'a']);
    expect(statsOrder(rows, { a: sample('a', { cpuPercent: 99 }) }, 'name', false)).toEqual(['c', 'b', 'a']);
  });

  it('equal figures keep the given order (the same answer tick after tick while nothing changes)', () => {
    const latest = { a: sample('a', {}), b: sample('b', {}), c: sample('c', {}) };
    expect(statsOrder(rows, latest, 'cpu', true)).toEqual(['a', 'b', 'c']);
  });
});
