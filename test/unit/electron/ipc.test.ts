/** The Electron transport, with a recording `electron` mock (the binary cannot run here). */
import { beforeEach, describe, expect, it } from 'vitest';
import { IPC } from '../../../main/contract';
import { registerIpc } from '../../../main/electron/ipc';
import { Dispatcher } from '../../../main/service/dispatcher';
import type { CallHandlers, SubscriptionHandlers } from '../../../main/service/types';
import { handlers, knownWebContents } from '../../mocks/electron';

class FakeWebContents {
  id = Math.floor(Math.random() * 1e6);
  sent: unknown[][] = [];
  private listeners = new Map<string, (...a: unknown[]) => void>();
  destroyed = false;
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return this.destroyed;
  }
  once(ev: string, fn: (...a: unknown[]) => void) {
    this.listeners.set(ev, fn);
  }
  on(ev: string, fn: (...a: unknown[]) => void) {
    this.listeners.set(ev, fn);
  }
  emit(ev: string, ...a: unknown[]) {
    this.listeners.get(ev)?.(...a);
  }
}

function setup() {
  const closed: string[] = [];
  const calls = { 'containers:list': async () => [] } as unknown as CallHandlers;
  const subs = {
    'engine:status': (_a: unknown, sink: { emit(e: unknown): void }) => {
      sink.emit({ state: 'connecting', endpoint: null });
      return () => closed.push('engine:status');
    },
  } as unknown as SubscriptionHandlers;
  const dispatcher = new Dispatcher(calls, subs);
  const unregister = registerIpc(dispatcher, 'app://dockside');
  return { dispatcher, closed, unregister };
}

const trusted = (wc: FakeWebContents, url = 'app://dockside/index.html', parent: unknown = null) => ({ sender: wc, senderFrame: { url, parent } });

describe('registerIpc', () => {
  beforeEach(() => {
    handlers.clear();
    knownWebContents.clear();
  });

  it('registers the three channels and removes them again', () => {
    const { unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual([IPC.invoke, IPC.subscribe, IPC.unsubscribe].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('refuses messages from a webContents that is not one of our windows', async () => {
    setup();
    const stranger = new FakeWebContents();
    const r = await handlers.get(IPC.invoke)!(trusted(stranger), 'containers:list', { all: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses messages from a frame showing another origin', async () => {
    setup();
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    const r = await handlers.get(IPC.invoke)!(trusted(wc, 'https://evil.example/'), 'containers:list', { all: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('compares the exact parsed origin: look-alikes, file:// and other schemes are refused', async () => {
    setup();
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    for (const url of ['app://dockside.evil/index.html', 'app://docksidex/', 'app://dockside@evil/', 'file:///app/out/renderer/index.html', 'https://dockside/', 'app://dockside:99/', 'not a url']) {
      expect(await handlers.get(IPC.invoke)!(trusted(wc, url), 'containers:list', { all: true }), url).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await handlers.get(IPC.invoke)!({ sender: wc, senderFrame: null }, 'containers:list', { all: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses messages from a subframe, even one showing our origin', async () => {
    setup();
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    const r = await handlers.get(IPC.invoke)!(trusted(wc, 'app://dockside/index.html', { url: 'app://dockside/' }), 'containers:list', { all: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('waits for a dispatcher that is still starting, and answers with an error if it never does', async () => {
    const calls = { 'containers:list': async () => ['late'] } as unknown as CallHandlers;
    let resolve!: (d: Dispatcher) => void;
    registerIpc(new Promise<Dispatcher>((r) => (resolve = r)), 'app://dockside');
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    const pending = handlers.get(IPC.invoke)!(trusted(wc), 'containers:list', { all: true });
    resolve(new Dispatcher(calls, {} as SubscriptionHandlers));
    expect(await pending).toEqual({ ok: true, value: ['late'] });
    handlers.clear();
    registerIpc(Promise.reject(new Error('lessons are invalid')), 'app://dockside');
    expect(await handlers.get(IPC.invoke)!(trusted(wc), 'containers:list', { all: true })).toMatchObject({ ok: false, error: { message: 'The Dockside service did not start.' } });
  });

  it('validates arguments for trusted senders', async () => {
    setup();
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    expect(await handlers.get(IPC.invoke)!(trusted(wc), 'containers:list', { all: true })).toEqual({ ok: true, value: [] });
    expect(await handlers.get(IPC.invoke)!(trusted(wc), 'containers:list', { all: 'yes' })).toMatchObject({ ok: false, error: { field: 'all' } });
  });

  it('sends subscription events to the subscribing window and closes them when it is destroyed', async () => {
    const { dispatcher, closed } = setup();
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    const r = (await handlers.get(IPC.subscribe)!(trusted(wc), 'engine:status', {})) as { ok: true; value: string };
    expect(r.ok).toBe(true);
    expect(wc.sent[0]).toEqual([IPC.events, [[r.value, { type: 'event', event: { state: 'connecting', endpoint: null } }]]]);
    expect(dispatcher.activeSubscriptions()).toEqual({ 'engine:status': 1 });
    wc.emit('destroyed');
    expect(closed).toEqual(['engine:status']);
    expect(dispatcher.activeSubscriptions()).toEqual({});
  });

  it('sends the deliveries of one macrotask as one message, in order, and events queued before a reply ahead of it', async () => {
    let sink: { emit(e: unknown): void; fail(e: unknown): void } | null = null;
    const calls = { 'containers:list': async () => [] } as unknown as CallHandlers;
    const subs = {
      'engine:status': (_a: unknown, s: { emit(e: unknown): void; fail(e: unknown): void }) => {
        sink = s;
        return () => undefined;
      },
    } as unknown as SubscriptionHandlers;
    registerIpc(new Dispatcher(calls, subs), 'app://dockside');
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    const r = (await handlers.get(IPC.subscribe)!(trusted(wc), 'engine:status', {})) as { ok: true; value: string };
    expect(wc.sent).toEqual([]);
    sink!.emit('one');
    sink!.emit('two');
    sink!.fail(new Error('gone'));
    expect(wc.sent).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(wc.sent).toEqual([
      [
        IPC.events,
        [
          [r.value, { type: 'event', event: 'one' }],
          [r.value, { type: 'event', event: 'two' }],
          [r.value, { type: 'error', error: expect.objectContaining({ message: expect.stringContaining('gone') }) }],
        ],
      ],
    ]);
    // An event emitted while a call is answered goes out before the answer does.
    sink!.emit('three');
    await handlers.get(IPC.invoke)!(trusted(wc), 'containers:list', { all: true });
    expect(wc.sent.at(-1)).toEqual([IPC.events, [[r.value, { type: 'event', event: 'three' }]]]);
  });

  it('keeps subscriptions through a cancelled navigation and closes them on a committed one', async () => {
    const { dispatcher, closed } = setup();
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    await handlers.get(IPC.subscribe)!(trusted(wc), 'engine:status', {});
    // will-navigate refuses every navigation: did-start-navigation fires, nothing commits.
    wc.emit('did-start-navigation', {}, 'https://example.com/', false, true);
    expect(dispatcher.activeSubscriptions()).toEqual({ 'engine:status': 1 });
    wc.emit('did-navigate', {}, 'app://dockside/index.html');
    expect(closed).toEqual(['engine:status']);
    expect(dispatcher.activeSubscriptions()).toEqual({});
  });

  it('unsubscribe closes the stream', async () => {
    const { dispatcher, closed } = setup();
    const wc = new FakeWebContents();
    knownWebContents.add(wc);
    const r = (await handlers.get(IPC.subscribe)!(trusted(wc), 'engine:status', {})) as { ok: true; value: string };
    expect(await handlers.get(IPC.unsubscribe)!(trusted(wc), r.value)).toBe(true);
    expect(closed).toEqual(['engine:status']);
    expect(dispatcher.activeSubscriptions()).toEqual({});
  });
});
