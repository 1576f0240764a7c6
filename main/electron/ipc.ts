/**
 * Electron transport: IPC registered once, every message's sender checked (one of our windows,
 * its top frame, showing exactly our renderer's origin), every argument validated by the
 * dispatcher, errors returned as data. Subscriptions are owned by the sending webContents and
 * closed when it goes away or commits a navigation to another document.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC, type Result } from '../contract';
import type { Dispatcher } from '../service/dispatcher';
import { originOf } from './renderer-source';

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** True when the message comes from the top frame of one of our windows, showing our renderer. */
export function isTrustedSender(event: SenderEvent, allowedOrigin: string): boolean {
  if (!BrowserWindow.fromWebContents(event.sender)) return false;
  const frame = event.senderFrame;
  // senderFrame is null once the frame navigated away or was destroyed.
  if (!frame || frame.parent !== null) return false;
  return originOf(frame.url) === allowedOrigin;
}

const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'IPC from an unknown sender was refused.' } };

/**
 * Registers the three channels. `dispatcher` may still be starting (the window opens before the
 * engine service is up): calls wait for it, so the renderer shows "connecting" meanwhile.
 */
export function registerIpc(dispatcher: Dispatcher | Promise<Dispatcher>, allowedOrigin: string): () => void {
  const ready = Promise.resolve(dispatcher);
  // A failed start is reported by the caller (error dialog); here it only must not go unhandled.
  ready.catch(() => undefined);
  const unavailable: Result<never> = { ok: false, error: { code: 'internal', message: 'The Dockside service did not start.' } };
  const watched = new WeakSet<WebContents>();
  const ownerOf = (d: Dispatcher, wc: WebContents) => {
    const owner = `wc:${wc.id}`;
    if (!watched.has(wc)) {
      watched.add(wc);
      wc.once('destroyed', () => d.disposeOwner(owner));
      // did-navigate fires only when a main-frame navigation to another document has committed;
      // did-start-navigation also fires for navigations that are then cancelled (will-navigate
      // refuses every one), which must not close the page's live views.
      wc.on('did-navigate', () => d.disposeOwner(owner));
    }
    return owner;
  };
  const withDispatcher = async <T>(fn: (d: Dispatcher) => T | Promise<T>, fallback: T): Promise<T> => {
    let d: Dispatcher;
    try {
      d = await ready;
    } catch {
      return fallback;
    }
    return fn(d);
  };

  ipcMain.handle(IPC.invoke, (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event, allowedOrigin)) return forbidden;
    return withDispatcher((d) => d.invoke(name, args), unavailable);
  });
  ipcMain.handle(IPC.subscribe, (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event, allowedOrigin)) return forbidden;
    const wc = event.sender;
    return withDispatcher(
      (d) =>
        d.subscribe(
          ownerOf(d, wc),
          name,
          args,
          (subId, payload) => {
            if (!wc.isDestroyed()) wc.send(IPC.event, subId, { type: 'event', event: payload });
          },
          (subId, error) => {
            if (!wc.isDestroyed()) wc.send(IPC.event, subId, { type: 'error', error });
          },
        ),
      unavailable,
    );
  });
  ipcMain.handle(IPC.unsubscribe, (event, subId: unknown) => {
    if (!isTrustedSender(event, allowedOrigin)) return false;
    return withDispatcher((d) => d.unsubscribe(ownerOf(d, event.sender), subId), false);
  });
  return () => {
    ipcMain.removeHandler(IPC.invoke);
    ipcMain.removeHandler(IPC.subscribe);
    ipcMain.removeHandler(IPC.unsubscribe);
  };
}
