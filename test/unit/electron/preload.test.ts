/** The preload bridge: one namespaced API; callbacks removed on unsubscribe. */
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC, type DocksideApi } from '../../../main/contract';
import { exposed, invoked, rendererListeners, setInvokeImpl } from '../../mocks/electron';

let api: DocksideApi;

beforeAll(async () => {
  setInvokeImpl(async (channel, ...args) => {
    if (channel === IPC.subscribe) return { ok: true, value: 'sub-1' };
    if (channel === IPC.invoke) return { ok: true, value: args };
    return true;
  });
  await import('../../../preload/preload');
  api = exposed.get('dockside') as DocksideApi;
});

describe('preload', () => {
  it('exposes exactly one API object, with only invoke and subscribe', () => {
    expect([...exposed.keys()]).toEqual(['dockside']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('forwards invoke to the invoke channel', async () => {
    const r = await api.invoke('containers:list', { all: false });
    expect(r).toEqual({ ok: true, value: ['containers:list', { all: false }] });
  });

  it('delivers events to the callback and stops after unsubscribe', async () => {
    const got: unknown[] = [];
    const listener = rendererListeners.get(IPC.events)!;
    const deliver = (e: unknown, subId: string, d: unknown) => listener(e, [[subId, d]]);
    // An event that arrives before subscribe resolves is kept and delivered.
    deliver({}, 'sub-1', { type: 'event', event: 'early' });
    const unsubscribe = await api.subscribe('engine:status', {}, (e) => got.push(e));
    deliver({}, 'sub-1', { type: 'event', event: 'later' });
    expect(got).toEqual(['early', 'later']);
    // One message can carry several deliveries; they reach the callback in order.
    listener({}, [['sub-1', { type: 'event', event: 'a' }], ['sub-2', { type: 'event', event: 'other' }], ['sub-1', { type: 'event', event: 'b' }]]);
    expect(got).toEqual(['early', 'later', 'a', 'b']);
    got.length = 0;
    got.push('early', 'later');
    unsubscribe();
    deliver({}, 'sub-1', { type: 'event', event: 'after' });
    expect(got).toEqual(['early', 'later']);
    expect(invoked.at(-1)).toEqual({ channel: IPC.unsubscribe, args: ['sub-1'] });
  });
});
