/**
 * Electron transport: IPC registered once, every message's sender checked against the windows we
 * created, every argument validated by the dispatcher, errors returned as data. Subscriptions are
 * owned by the sending webContents and closed when it goes away.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC, type Result } from '../contract';
import type { Dispatcher } from '../service/dispatcher';

/** True when the message comes from one of our windows, showing our own renderer. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, allowedOrigins: string[]): boolean {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) return false;
  const url = event.senderFrame?.url ?? '';
  return allowedOrigins.some((o) => url.startsWith(o));
}

const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'IPC from an unknown sender was refused.' } };

export function registerIpc(dispatcher: Dispatcher, allowedOrigins: string[]): () => void {
  const watched = new WeakSet<WebContents>();
  const ownerOf = (wc: WebContents) => {
    const owner = `wc:${wc.id}`;
    if (!watched.has(wc)) {
      watched.add(wc);
      wc.once('destroyed', () => dispatcher.disposeOwner(owner));
      wc.on('did-start-navigation', (_e, _url, _inPlace, isMainFrame) => {
        if (isMainFrame) dispatcher.disposeOwner(owner);
      });
    }
    return owner;
  };

  ipcMain.handle(IPC.invoke, (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event, allowedOrigins)) return forbidden;
    return dispatcher.invoke(name, args);
  });
  ipcMain.handle(IPC.subscribe, (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event, allowedOrigins)) return forbidden;
    const wc = event.sender;
    return dispatcher.subscribe(
      ownerOf(wc),
      name,
      args,
      (subId, payload) => {
        if (!wc.isDestroyed()) wc.send(IPC.event, subId, { type: 'event', event: payload });
      },
      (subId, error) => {
        if (!wc.isDestroyed()) wc.send(IPC.event, subId, { type: 'error', error });
      },
    );
  });
  ipcMain.handle(IPC.unsubscribe, (event, subId: unknown) => {
    if (!isTrustedSender(event, allowedOrigins)) return false;
    return dispatcher.unsubscribe(ownerOf(event.sender), subId);
  });
  return () => {
    ipcMain.removeHandler(IPC.invoke);
    ipcMain.removeHandler(IPC.subscribe);
    ipcMain.removeHandler(IPC.unsubscribe);
  };
}
