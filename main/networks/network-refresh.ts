/**
 * Podman sends no network events, so a networks view fed by events alone never sees a network
 * created or removed, even from Dockside. Two remedies, both only where they are needed:
 * network calls made through Dockside nudge the open views to re-list, and while a networks
 * view is open on an engine that sends no network events it re-lists on a slow interval.
 */
import type { EngineStatus } from '../contract';

/** How often an open networks view re-lists on an engine without network events. */
export const SILENT_ENGINE_REFRESH_MS = 10_000;

const nudges = new WeakMap<object, Set<() => void>>();

/** Tells the open networks views of this engine that Dockside just changed its networks. */
export function networksChanged(engine: object): void {
  for (const cb of nudges.get(engine) ?? []) cb();
}

export function onNetworksChanged(engine: object, cb: () => void): () => void {
  let set = nudges.get(engine);
  if (!set) nudges.set(engine, (set = new Set()));
  set.add(cb);
  return () => set.delete(cb);
}

/** Podman (4.x) reports no network events on its Docker-compatible event stream. */
export function sendsNetworkEvents(status: EngineStatus): boolean {
  return !(status.state === 'connected' && status.info.name === 'Podman');
}

/**
 * While subscribed: re-lists on nudges, and on a slow interval while the engine is one without
 * network events (re-evaluated when the engine changes). Returns the function that stops it.
 */
export function followSilentNetworks(
  engine: { getStatus(): EngineStatus; onStatus(cb: (s: EngineStatus) => void): () => void },
  relist: () => void,
  intervalMs = SILENT_ENGINE_REFRESH_MS,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  const apply = (s: EngineStatus) => {
    const want = !sendsNetworkEvents(s);
    if (want && !timer) timer = setInterval(relist, intervalMs);
    if (!want && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
  apply(engine.getStatus());
  const offStatus = engine.onStatus(apply);
  const offNudge = onNetworksChanged(engine, relist);
  return () => {
    if (timer) clearInterval(timer);
    offStatus();
    offNudge();
  };
}
