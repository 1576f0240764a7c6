/** The contract's validation as the dispatcher applies it: pure logic, no engine needed. */
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../main/service/dispatcher';
import type { CallHandlers, SubscriptionHandlers } from '../../../main/service/types';

function makeDispatcher() {
  const seen: unknown[] = [];
  const closed: string[] = [];
  const calls = new Proxy({} as CallHandlers, {
    get: (_t, name) => async (args: unknown) => {
      seen.push({ name, args });
      if (name === 'containers:start') throw Object.assign(new Error('x'), { statusCode: 500, json: { message: 'port is already allocated' } });
      return { command: 'docker something' };
    },
  });
  const subs = new Proxy({} as SubscriptionHandlers, {
    get: (_t, name) => (_args: unknown, sink: { emit(e: unknown): void }) => {
      sink.emit(`first ${String(name)}`);
      return () => closed.push(String(name));
    },
  });
  return { d: new Dispatcher(calls, subs), seen, closed };
}

describe('Dispatcher validates every argument against the contract', () => {
  it('rejects unknown calls', async () => {
    const { d } = makeDispatcher();
    expect(await d.invoke('containers:explode', {})).toEqual({ ok: false, error: { code: 'invalid-argument', message: 'Unknown call "containers:explode".' } });
    expect(await d.invoke(42, {})).toMatchObject({ ok: false });
  });

  it('names the field that is wrong', async () => {
    const { d, seen } = makeDispatcher();
    const r = await d.invoke('containers:stop', { id: 'web', timeoutSeconds: -1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'timeoutSeconds' } });
    expect(!r.ok && r.error.message).toMatch(/containers:stop: "timeoutSeconds"/);
    const r2 = await d.invoke('containers:start', { id: '' });
    expect(r2).toMatchObject({ ok: false, error: { field: 'id' } });
    expect(!r2.ok && r2.error.message).toMatch(/must not be empty/);
    const r3 = await d.invoke('containers:start', { id: 'web; rm -rf /' });
    expect(r3).toMatchObject({ ok: false, error: { field: 'id', message: expect.stringMatching(/not a container id or name/) } });
    // Path tricks the engine would answer with a redirect: refused before any handler runs.
    for (const id of ['web//1', '../..', 'web/1', '/web', '%2e%2e', 'a?b', 'a#b']) {
      expect(await d.invoke('containers:inspect', { id }), id).toMatchObject({ ok: false, error: { field: 'id' } });
    }
    expect(await d.invoke('images:remove', { id: 'a//b' })).toMatchObject({ ok: false, error: { field: 'id' } });
    expect(await d.invoke('images:remove', { id: 'x/../y:1' })).toMatchObject({ ok: false, error: { field: 'id' } });
    expect(seen).toEqual([]);
  });

  it('refuses extra fields (strict schemas) and wrong types', async () => {
    const { d } = makeDispatcher();
    expect(await d.invoke('containers:remove', { id: 'web', force: 'yes' })).toMatchObject({ ok: false, error: { field: 'force' } });
    expect(await d.invoke('containers:list', { all: true, sneaky: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await d.invoke('containers:list', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('fills defaults and passes parsed arguments through', async () => {
    const { d, seen } = makeDispatcher();
    expect(await d.invoke('containers:remove', { id: 'web' })).toEqual({ ok: true, value: { command: 'docker something' } });
    expect(seen).toEqual([{ name: 'containers:remove', args: { id: 'web', force: false, removeVolumes: false } }]);
  });

  it('returns engine errors as data with the engine message', async () => {
    const { d } = makeDispatcher();
    expect(await d.invoke('containers:start', { id: 'web' })).toEqual({ ok: false, error: { code: 'engine', statusCode: 500, message: 'port is already allocated' } });
  });

  it('tracks subscriptions by owner and closes them on unsubscribe or owner disposal', async () => {
    const { d, closed } = makeDispatcher();
    const events: unknown[] = [];
    const a = await d.subscribe('win1', 'containers:watch', {}, (_id, e) => events.push(e), () => undefined);
    const b = await d.subscribe('win1', 'engine:status', {}, () => undefined, () => undefined);
    const c = await d.subscribe('win2', 'engine:status', {}, () => undefined, () => undefined);
    expect(a.ok && b.ok && c.ok).toBe(true);
    expect(events).toEqual(['first containers:watch']);
    expect(d.activeSubscriptions()).toEqual({ 'containers:watch': 1, 'engine:status': 2 });
    // Another owner cannot close win1's subscription.
    expect(d.unsubscribe('win2', a.ok ? a.value : '')).toBe(false);
    expect(d.unsubscribe('win1', a.ok ? a.value : '')).toBe(true);
    expect(closed).toEqual(['containers:watch']);
    expect(d.disposeOwner('win1')).toBe(1);
    expect(d.activeSubscriptions()).toEqual({ 'engine:status': 1 });
    d.disposeAll();
    expect(d.activeSubscriptions()).toEqual({});
  });

  it('rejects unknown subscriptions and bad subscription arguments', async () => {
    const { d } = makeDispatcher();
    expect(await d.subscribe('w', 'nope:watch', {}, () => undefined, () => undefined)).toMatchObject({ ok: false });
    expect(await d.subscribe('w', 'engine:events', { types: ['banana'] }, () => undefined, () => undefined)).toMatchObject({
      ok: false,
      error: { field: 'types.0' },
    });
  });
});
