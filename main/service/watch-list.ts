/**
 * A list that follows the engine: sent once on subscribe, then again whenever an engine event
 * of the given types arrives or the engine reconnects. No timer: if nothing happens, nothing is
 * sent. Bursts of events collapse into one re-list (at most one in flight, one queued).
 *
 * One re-read per event is not enough: engine 20.10 can still list a container as running when
 * its `die` event arrives (inspect already says exited; the list catches up ~200 ms later), and
 * with no further event the row would stay "running" until something else happens. So each
 * event-driven re-list is confirmed by one more, CONFIRM_MS later (one per burst, not a poll).
 */
const CONFIRM_MS = 400;
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
  let confirm: ReturnType<typeof setTimeout> | null = null;
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
    if (!types.includes(e.type) || !relevant(e)) return;
    void refresh();
    if (confirm) clearTimeout(confirm);
    confirm = setTimeout(() => {
      confirm = null;
      void refresh();
    }, CONFIRM_MS);
  });
  const offStatus = engine.onStatus((s) => {
    if (s.state === 'connected') void refresh();
  });
  void refresh();
  return () => {
    closed = true;
    if (confirm) clearTimeout(confirm);
    offEvent();
    offStatus();
  };
}
