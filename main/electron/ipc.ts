/**
 * Electron transport: IPC registered once, every message's sender checked (one of our windows,
 * its top frame, showing exactly our renderer's origin), every argument validated by the
 * dispatcher, errors returned as data. Each webContents gets one client session with its own
 * limits; its subscriptions close when it goes away or commits a navigation to another document.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC, type ApiError, type Result } from '../contract';
import { ClientSession, CLIENT_LIMITS, type ClientLimits } from '../service/client-session';
import type { Dispatcher } from '../service/dispatcher';
import { originOf } from './renderer-source';

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
/** What the preload hands to a subscription's callbacks. */
type Delivery = { type: 'event'; event: unknown } | { type: 'error'; error: ApiError };

/** True when the message comes from the top frame of one of our windows, showing our renderer. */
export function isTrustedSender(event: SenderEvent, allowedOrigin: string): boolean {
  if (!BrowserWindow.fromWebContents(event.sender)) return false;
  const frame = event.senderFrame;
  // senderFrame is null once the frame navigated away or was destroyed.
  if (!frame || frame.parent !== null) return false;
  return originOf(frame.url) === allowedOrigin;
}

const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'IPC from an unknown sender was refused.' } };
const unavailable: Result<never> = { ok: false, error: { code: 'internal', message: 'The Dockside service did not start.' } };

/**
 * Registers the three channels. `dispatcher` may still be starting (the window opens before the
 * engine service is up): calls wait for it, so the renderer shows "connecting" meanwhile.
 */
export function registerIpc(dispatcher: Dispatcher | Promise<Dispatcher>, allowedOrigin: string, limits: ClientLimits = CLIENT_LIMITS): () => void {
  const ready = Promise.resolve(dispatcher);
  // A failed start is reported by the caller (error dialog); here it only must not go unhandled.
  ready.catch(() => undefined);
  const clients = new WeakMap<WebContents, ClientSession>();
  const clientOf = (d: Dispatcher, wc: WebContents): ClientSession => {
    let client = clients.get(wc);
    if (!client) {
      const created = new ClientSession(d, `wc:${wc.id}`, limits);
      client = created;
      clients.set(wc, created);
      wc.once('destroyed', () => created.dispose());
      // did-navigate fires only when a main-frame navigation to another document has committed;
      // did-start-navigation also fires for navigations that are then cancelled (will-navigate
      // refuses every one), which must not close the page's live views.
      wc.on('did-navigate', () => created.dispose());
    }
    return client;
  };
  // Deliveries of one macrotask go to a window as one message (the Stats overview's rows answer
  // one tick together: one message and one render in the page instead of one per row, as in
  // browser mode). A reply flushes its window's queue first, so events sent before it arrive
  // before it.
  const queued = new Map<WebContents, [string, Delivery][]>();
  const flush = (wc: WebContents) => {
    const batch = queued.get(wc);
    if (!batch) return;
    queued.delete(wc);
    if (!wc.isDestroyed()) wc.send(IPC.events, batch);
  };
  const deliver = (wc: WebContents, subId: string, delivery: Delivery) => {
    if (wc.isDestroyed()) return;
    const batch = queued.get(wc);
    if (batch) batch.push([subId, delivery]);
    else {
      queued.set(wc, [[subId, delivery]]);
      setImmediate(() => flush(wc));
    }
  };
  // Whatever arrives, the renderer gets a Result: never a thrown error, never silence.
  const answer = async (event: SenderEvent, work: (client: ClientSession) => Promise<Result<unknown>> | Result<unknown>): Promise<Result<unknown>> => {
    try {
      return await answerNow(event, work);
    } finally {
      flush(event.sender);
    }
  };
  const answerNow = async (event: SenderEvent, work: (client: ClientSession) => Promise<Result<unknown>> | Result<unknown>): Promise<Result<unknown>> => {
    try {
      if (!isTrustedSender(event, allowedOrigin)) return forbidden;
      let d: Dispatcher;
      try {
        d = await ready;
      } catch {
        return unavailable;
      }
      return await work(clientOf(d, event.sender));
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `Internal error: ${(err as Error)?.message ?? String(err)}` } };
    }
  };

  ipcMain.handle(IPC.invoke, (event, name: unknown, args: unknown) =>
    answer(event, (client) => {
      const tooBig = client.sizeProblem(args);
      return tooBig ? { ok: false, error: tooBig } : client.invoke(name, args);
    }),
  );
  ipcMain.handle(IPC.subscribe, (event, name: unknown, args: unknown) =>
    answer(event, (client) => {
      const wc = event.sender;
      const tooBig = client.sizeProblem(args);
      if (tooBig) return { ok: false, error: tooBig };
      return client.subscribe(
        name,
        args,
        (subId, payload) => deliver(wc, subId, { type: 'event', event: payload }),
        (subId, error) => deliver(wc, subId, { type: 'error', error }),
      );
    }),
  );
  ipcMain.handle(IPC.unsubscribe, async (event, subId: unknown) => {
    const r = await answer(event, (client) => ({ ok: true, value: client.unsubscribe(subId) }));
    return r.ok ? r.value : false;
  });
  return () => {
    ipcMain.removeHandler(IPC.invoke);
    ipcMain.removeHandler(IPC.subscribe);
    ipcMain.removeHandler(IPC.unsubscribe);
  };
}
