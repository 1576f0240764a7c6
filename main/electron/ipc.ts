/**
 * Electron transport: IPC registered once, every message's sender checked against the windows we
 * created, every argument validated by the dispatcher, errors returned as data. Subscriptions are
 * owned by the sending webContents and closed when it goes away.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC, type Result } from '../contract';
import { ClientSession, CLIENT_LIMITS, type ClientLimits } from '../service/client-session';
import type { Dispatcher } from '../service/dispatcher';

/** True when the message comes from one of our windows, showing our own renderer. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, allowedOrigins: string[]): boolean {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) return false;
  const url = event.senderFrame?.url ?? '';
  return allowedOrigins.some((o) => url.startsWith(o));
}

const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'IPC from an unknown sender was refused.' } };

export function registerIpc(dispatcher: Dispatcher, allowedOrigins: string[], limits: ClientLimits = CLIENT_LIMITS): () => void {
  // One session (with its own limits) per webContents, closed when it goes away or navigates.
  const clients = new WeakMap<WebContents, ClientSession>();
  const clientOf = (wc: WebContents): ClientSession => {
    let client = clients.get(wc);
    if (!client) {
      const created = new ClientSession(dispatcher, `wc:${wc.id}`, limits);
      client = created;
      clients.set(wc, created);
      wc.once('destroyed', () => created.dispose());
      wc.on('did-start-navigation', (_e, _url, _inPlace, isMainFrame) => {
        if (isMainFrame) created.dispose();
      });
    }
    return client;
  };
  // Whatever arrives, the renderer gets a Result: never a thrown error, never silence.
  const answer = async (work: () => Promise<Result<unknown>> | Result<unknown>): Promise<Result<unknown>> => {
    try {
      return await work();
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `Internal error: ${(err as Error)?.message ?? String(err)}` } };
    }
  };

  ipcMain.handle(IPC.invoke, (event, name: unknown, args: unknown) =>
    answer(() => {
      if (!isTrustedSender(event, allowedOrigins)) return forbidden;
      const client = clientOf(event.sender);
      const tooBig = client.sizeProblem(args);
      return tooBig ? { ok: false, error: tooBig } : client.invoke(name, args);
    }),
  );
  ipcMain.handle(IPC.subscribe, (event, name: unknown, args: unknown) =>
    answer(() => {
      if (!isTrustedSender(event, allowedOrigins)) return forbidden;
      const wc = event.sender;
      const client = clientOf(wc);
      const tooBig = client.sizeProblem(args);
      if (tooBig) return { ok: false, error: tooBig };
      return client.subscribe(
        name,
        args,
        (subId, payload) => {
          if (!wc.isDestroyed()) wc.send(IPC.event, subId, { type: 'event', event: payload });
        },
        (subId, error) => {
          if (!wc.isDestroyed()) wc.send(IPC.event, subId, { type: 'error', error });
        },
      );
    }),
  );
  ipcMain.handle(IPC.unsubscribe, (event, subId: unknown) => {
    try {
      if (!isTrustedSender(event, allowedOrigins)) return false;
      return clientOf(event.sender).unsubscribe(subId);
    } catch {
      return false;
    }
  });
  return () => {
    ipcMain.removeHandler(IPC.invoke);
    ipcMain.removeHandler(IPC.subscribe);
    ipcMain.removeHandler(IPC.unsubscribe);
  };
}
