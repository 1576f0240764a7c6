/**
 * The bridge: one namespaced API (`window.dockside`) and nothing else of Electron reaches the
 * page. Each subscription's callback is removed on unsubscribe, so closed views leak nothing.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiError, DocksideApi, Result } from '../main/contract';
import { IPC } from '../main/ipc-channels';

type Delivery = { type: 'event'; event: unknown } | { type: 'error'; error: ApiError };

const listeners = new Map<string, (d: Delivery) => void>();
// Events can arrive before `subscribe` resolves with the id; keep them until the callback exists.
const early = new Map<string, Delivery[]>();

// Main sends the deliveries of one of its macrotasks together, in order.
ipcRenderer.on(IPC.events, (_e: IpcRendererEvent, batch: [string, Delivery][]) => {
  for (const [subId, delivery] of batch) {
    const cb = listeners.get(subId);
    if (cb) cb(delivery);
    else {
      const queue = early.get(subId) ?? [];
      if (queue.length < 1000) queue.push(delivery);
      early.set(subId, queue);
    }
  }
});

const api: DocksideApi = {
  invoke: (name, args) => ipcRenderer.invoke(IPC.invoke, name, args),
  async subscribe(name, args, onEvent, onError) {
    const result = (await ipcRenderer.invoke(IPC.subscribe, name, args)) as Result<string>;
    if (!result.ok) throw result.error;
    const subId = result.value;
    const deliver = (d: Delivery) => (d.type === 'event' ? onEvent(d.event as never) : onError?.(d.error));
    listeners.set(subId, deliver);
    for (const d of early.get(subId) ?? []) deliver(d);
    early.delete(subId);
    return () => {
      listeners.delete(subId);
      early.delete(subId);
      void ipcRenderer.invoke(IPC.unsubscribe, subId);
    };
  },
};

contextBridge.exposeInMainWorld('dockside', api);
