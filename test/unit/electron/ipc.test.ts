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
  const unregister = registerIpc(dispatcher, ['file://']);
  return { dispatcher, closed, unregister };
}

const trusted = (wc: FakeWebContents, url = 'file:///app/out/renderer/index.html') => ({ sender: wc, senderFrame: { url } });

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
    expect(wc.sent[0]).toEqual([IPC.event, expect.any(String), { type: 'event', event: { state: 'connecting', endpoint: null } }]);
    expect(dispatcher.activeSubscriptions()).toEqual({ 'engine:status': 1 });
    wc.emit('destroyed');
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
