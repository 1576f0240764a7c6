/**
 * A list that follows the engine: sent once on subscribe, then again whenever an engine event
 * of the given types arrives or the engine reconnects. No timer: if nothing happens, nothing is
 * sent. Bursts of events collapse into one re-list (at most one in flight, one queued).
 */
import type { EngineEvent } from '../contract';
import type { EngineManager } from '../engine/engine-manager';
import type { SubscriptionSink } from './types';

export function watchList<T>(
  engine: EngineManager,
  types: string[],
  list: () => Promise<T>,
  sink: SubscriptionSink<T>,
  relevant: (e: EngineEvent) => boolean = () => true,
): () => void {
  let closed = false;
  let running = false;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (engine.getStatus().state !== 'connected') break;
        try {
          const value = await list();
          if (!closed) sink.emit(value);
        } catch (err) {
          if (!closed) sink.fail(err);
        }
      } while (again && !closed);
    } finally {
      running = false;
    }
  };
  const offEvent = engine.onEvent((e) => {
    if (types.includes(e.type) && relevant(e)) void refresh();
  });
  const offStatus = engine.onStatus((s) => {
    if (s.state === 'connected') void refresh();
  });
  void refresh();
  return () => {
    closed = true;
    offEvent();
    offStatus();
  };
}
