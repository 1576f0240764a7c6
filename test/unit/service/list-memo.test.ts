/** ListMemo with a fake engine: a new watch gets the last list at once only while nothing changed. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, EngineStatus } from '../../../main/contract';
import { ListMemo } from '../../../main/service/list-memo';
import { watchList, type WatchedEngine } from '../../../main/service/watch-list';

function fakeEngine() {
  const events = new Set<(e: EngineEvent) => void>();
  const statuses = new Set<(s: EngineStatus) => void>();
  let status: EngineStatus = { state: 'connected' } as EngineStatus;
  const engine: WatchedEngine = {
    onEvent: (cb) => (events.add(cb), () => events.delete(cb)),
    onStatus: (cb) => (statuses.add(cb), () => statuses.delete(cb)),
    getStatus: () => status,
  };
  const fire = (action: string, type = 'container') => events.forEach((cb) => cb({ type, action, id: 'a', attributes: {}, timeNano: 0 }));
  const setStatus = (s: EngineStatus) => {
    status = s;
    statuses.forEach((cb) => cb(s));
  };
  return { engine, fire, setStatus };
}

const relevant = (e: EngineEvent) => e.action !== 'exec_start';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('ListMemo', () => {
  it('keeps a value only if nothing relevant happened since the read began', () => {
    const { engine, fire, setStatus } = fakeEngine();
    const memo = new ListMemo<string>(engine, ['container'], relevant);
    expect(memo.latest()).toBeNull();
    memo.keep('first', memo.mark());
    expect(memo.latest()).toEqual({ value: 'first' });
    // Events of other types, or that do not change the list, leave it.
    fire('create', 'image');
    fire('exec_start');
    expect(memo.latest()).toEqual({ value: 'first' });
    fire('die');
    expect(memo.latest()).toBeNull();
    // A read that an event overtook is not kept.
    const since = memo.mark();
    fire('start');
    memo.keep('stale', since);
    expect(memo.latest()).toBeNull();
    memo.keep('fresh', memo.mark());
    setStatus({ state: 'connecting', endpoint: null });
    expect(memo.latest()).toBeNull();
  });
});

describe('watchList with a memo', () => {
  it('a second watch sends the first one’s list at once, then the engine’s', async () => {
    const { engine, fire } = fakeEngine();
    const memo = new ListMemo<string>(engine, ['container'], relevant);
    let reads = 0;
    const list = async () => `read ${++reads}`;
    const first: string[] = [];
    const closeFirst = watchList(engine, ['container'], list, { emit: (v) => first.push(v), fail: () => undefined }, relevant, { memo });
    await vi.runAllTimersAsync();
    expect(first).toEqual(['read 1']);
    closeFirst();

    const second: string[] = [];
    const closeSecond = watchList(engine, ['container'], list, { emit: (v) => second.push(v), fail: () => undefined }, relevant, { memo });
    // Sent during subscribe, before any read has answered.
    expect(second).toEqual(['read 1']);
    await vi.runAllTimersAsync();
    expect(second).toEqual(['read 1', 'read 2']);
    closeSecond();

    // After a change nobody has read yet, a new watch waits for the engine.
    fire('destroy');
    const third: string[] = [];
    watchList(engine, ['container'], list, { emit: (v) => third.push(v), fail: () => undefined }, relevant, { memo });
    expect(third).toEqual([]);
    await vi.runAllTimersAsync();
    expect(third).toEqual(['read 3']);
  });

  it('keeps nothing while the engine is not connected', async () => {
    const { engine, setStatus } = fakeEngine();
    const memo = new ListMemo<string>(engine, ['container'], relevant);
    memo.keep('old', memo.mark());
    setStatus({ state: 'unreachable' } as EngineStatus);
    const got: string[] = [];
    watchList(engine, ['container'], async () => 'read', { emit: (v) => got.push(v), fail: () => undefined }, relevant, { memo });
    await vi.runAllTimersAsync();
    expect(got).toEqual([]);
  });
});
