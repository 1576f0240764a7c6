/** watchList's logic with a fake engine: bursts coalesce, disagreements are corrected then re-read. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, EngineStatus } from '../../../main/contract';
import { watchList, type WatchedEngine } from '../../../main/service/watch-list';

function fakeEngine() {
  const events = new Set<(e: EngineEvent) => void>();
  const statuses = new Set<(s: EngineStatus) => void>();
  const engine: WatchedEngine = {
    onEvent: (cb) => (events.add(cb), () => events.delete(cb)),
    onStatus: (cb) => (statuses.add(cb), () => statuses.delete(cb)),
    getStatus: () => ({ state: 'connected' }) as EngineStatus,
  };
  const fire = (id: string, action = 'die') => events.forEach((cb) => cb({ type: 'container', action, id, attributes: {}, timeNano: 0 }));
  return { engine, fire, listeners: () => events.size + statuses.size };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('watchList', () => {
  it('reads once on subscribe, once per burst of events, and stops on close', async () => {
    const { engine, fire, listeners } = fakeEngine();
    let reads = 0;
    const emitted: number[] = [];
    const close = watchList(engine, ['container'], async () => ++reads, { emit: (v) => emitted.push(v), fail: () => undefined });
    await vi.runAllTimersAsync();
    expect(emitted).toEqual([1]);
    for (let i = 0; i < 50; i++) fire('a', 'start');
    await vi.runAllTimersAsync();
    expect(reads).toBe(2);
    close();
    fire('a');
    await vi.runAllTimersAsync();
    expect(reads).toBe(2);
    expect(listeners()).toBe(0);
  });

  it('sends the corrected value at once and re-reads until the list agrees with the confirmation', async () => {
    const { engine, fire } = fakeEngine();
    // The list lags: it says running for the first two reads after the event.
    const truth = { state: 'running' };
    let listed = 'running';
    let readsAfterEvent = 0;
    const emitted: string[] = [];
    watchList(
      engine,
      ['container'],
      async () => {
        if (truth.state === 'exited' && ++readsAfterEvent > 2) listed = 'exited';
        return listed;
      },
      { emit: (v) => emitted.push(v), fail: () => undefined },
      () => true,
      { confirm: async (v, events) => ({ value: events.length ? truth.state : v, agreed: v === truth.state }) },
    );
    await vi.runAllTimersAsync();
    truth.state = 'exited';
    fire('a');
    await vi.runAllTimersAsync();
    // First the correction, then follow-up reads until the list itself says exited.
    expect(emitted).toEqual(['running', 'exited', 'exited', 'exited']);
    expect(readsAfterEvent).toBe(3);
  });
});

describe('watchList while a re-read is slow', () => {
  it('sends what the events say once the read has taken provisionalAfterMs, then the read', async () => {
    const { engine, fire } = fakeEngine();
    let release: (v: string) => void = () => undefined;
    let reads = 0;
    const emitted: string[] = [];
    watchList(
      engine,
      ['container'],
      // The first read answers at once; the one after the event waits (Podman's container lock).
      () => (++reads === 1 ? Promise.resolve('running') : new Promise<string>((r) => (release = r))),
      { emit: (v) => emitted.push(v), fail: () => undefined },
      () => true,
      { provisional: (v, events) => (events.some((e) => e.action === 'die') && v !== 'exited' ? 'exited' : null), provisionalAfterMs: 150 },
    );
    await vi.runAllTimersAsync();
    fire('a', 'die');
    await vi.advanceTimersByTimeAsync(100);
    expect(emitted).toEqual(['running']);
    await vi.advanceTimersByTimeAsync(100);
    expect(emitted).toEqual(['running', 'exited']);
    release('exited');
    await vi.runAllTimersAsync();
    expect(emitted).toEqual(['running', 'exited', 'exited']);
  });

  it('a read that events overtook is corrected by them, then read again', async () => {
    const { engine, fire } = fakeEngine();
    const pending: ((v: string) => void)[] = [];
    const emitted: string[] = [];
    watchList(
      engine,
      ['container'],
      () => new Promise<string>((r) => pending.push(r)),
      { emit: (v) => emitted.push(v), fail: () => undefined },
      () => true,
      { provisional: (v, events) => (events.some((e) => e.action === 'die') && v !== 'exited' ? 'exited' : null), provisionalAfterMs: 10_000 },
    );
    // The die comes while the first read is still out; that read says running.
    fire('a', 'die');
    await vi.advanceTimersByTimeAsync(50);
    pending.shift()!('running');
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted).toEqual(['exited']);
    pending.shift()!('exited');
    await vi.runAllTimersAsync();
    expect(emitted).toEqual(['exited', 'exited']);
  });
});
