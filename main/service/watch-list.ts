/**
 * A list that follows the engine: sent once on subscribe, then again whenever engine events of
 * the given types say it changed, or the engine reconnects. No timer of its own: if nothing
 * happens, nothing is sent.
 *
 * Events are invalidations, not facts to apply: a burst of them is coalesced (re-read once the
 * burst settles, at most `maxWaitMs` after its first event), at most one re-read is in flight,
 * and the objects the events name are then confirmed against the engine (`confirm`, e.g. an
 * inspect). When the list read disagrees with the confirmation (dockerd 20.10 still lists a
 * container as running when its `die` event arrives; the list is right ~200 ms later), the
 * corrected value is sent at once and the list is read again a little later, with growing
 * delays, until both agree. So a lone `die` on a quiet engine shows within a second.
 *
 * A re-read can also be slow: Podman's list and inspect wait for the container's lock, which its
 * `container cleanup` process holds while it tears down the network and storage after a `die`
 * (0.2–1.5 s measured under load). While a read takes longer than `provisionalAfterMs`, what the
 * events alone say (`provisional`: a `die` makes the row exited, a `destroy` removes it) is
 * applied to the last value sent and sent at once; the read, when it comes, is still the truth.
 */
import type { EngineEvent, EngineStatus } from '../contract';
import type { ListMemo } from './list-memo';
import type { SubscriptionSink } from './types';

/** What a watch needs of the engine connection (EngineManager has it; unit tests fake it). */
export interface WatchedEngine {
  onEvent(cb: (e: EngineEvent) => void): () => void;
  onStatus(cb: (s: EngineStatus) => void): () => void;
  getStatus(): EngineStatus;
}

export interface Confirmation<T> {
  /** The list, corrected where the engine's inspect disagreed with it. */
  value: T;
  /** False when the list read disagreed with the confirmation: it is read again shortly. */
  agreed: boolean;
}

export interface WatchOptions<T> {
  /** Checks the objects named by `events` against the engine and corrects `value`. */
  confirm?: (value: T, events: EngineEvent[]) => Promise<Confirmation<T>>;
  /** Quiet time after the last event of a burst before re-reading. */
  settleMs?: number;
  /** Longest a steady stream of events may delay a re-read. */
  maxWaitMs?: number;
  /** Delays of the follow-up re-reads while the list and the confirmation disagree. */
  recheckDelaysMs?: number[];
  /**
   * What the events alone say, applied to a value read before them (null: they change nothing).
   * Sent when a re-read is slow, and applied to a read that events overtook while it ran.
   */
  provisional?: (value: T, events: EngineEvent[]) => T | null;
  /** How long a re-read may take before `provisional` is sent. */
  provisionalAfterMs?: number;
  /**
   * Shared by the watches of one list: a new watch sends the list the last one read at once when
   * nothing changed since (list-memo.ts), then reads the engine as always.
   */
  memo?: ListMemo<T>;
}

/** Events kept for confirmation per burst; past this, later ones are re-read but not confirmed one by one. */
const MAX_CONFIRM_EVENTS = 50;

export function watchList<T>(
  engine: WatchedEngine,
  types: string[],
  list: () => Promise<T>,
  sink: SubscriptionSink<T>,
  relevant: (e: EngineEvent) => boolean = () => true,
  opts: WatchOptions<T> = {},
): () => void {
  const settleMs = opts.settleMs ?? 30;
  const maxWaitMs = opts.maxWaitMs ?? 150;
  const recheckDelays = opts.recheckDelaysMs ?? [100, 200, 400, 800, 1600];
  const provisionalAfterMs = opts.provisionalAfterMs ?? 150;
  let closed = false;
  let running = false;
  let again = false;
  // Events of the burst being collected, and of bursts whose confirmation is still open.
  let collecting: EngineEvent[] = [];
  let unconfirmed: EngineEvent[] = [];
  let burstTimer: NodeJS.Timeout | null = null;
  let burstStart = 0;
  let recheckTimer: NodeJS.Timeout | null = null;
  let recheckIndex = 0;
  let provisionalTimer: NodeJS.Timeout | null = null;
  // The last value sent, which `provisional` corrects while a read is slow.
  let sent: { value: T } | null = null;
  const send = (value: T): void => {
    sent = { value };
    sink.emit(value);
  };

  const remember = (into: EngineEvent[], events: EngineEvent[]): EngineEvent[] => {
    const out = into.concat(events);
    return out.length > MAX_CONFIRM_EVENTS ? out.slice(-MAX_CONFIRM_EVENTS) : out;
  };

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
        const events = unconfirmed;
        const since = opts.memo?.mark() ?? 0;
        try {
          armProvisional();
          let value: T = await list();
          let agreed = true;
          if (opts.confirm && events.length > 0) {
            ({ value, agreed } = await opts.confirm(value, events));
          }
          if (closed) return;
          // Events that arrived while this read ran are newer than it: they correct it now (the
          // loop reads again for them), so a slow read never undoes what was shown meanwhile.
          const newer = unconfirmed.filter((e) => !events.includes(e));
          if (opts.provisional && newer.length > 0) value = opts.provisional(value, newer) ?? value;
          send(value);
          // Only a value the engine and the events agree on is worth showing to the next page.
          if (agreed && newer.length === 0) opts.memo?.keep(value, since);
          if (agreed) {
            // Only what was confirmed is forgotten: events that came during the read stay.
            unconfirmed = unconfirmed.filter((e) => !events.includes(e));
            recheckIndex = 0;
          } else scheduleRecheck();
        } catch (err) {
          if (!closed) sink.fail(err);
        }
      } while (again && !closed);
    } finally {
      running = false;
    }
  };

  /** Once a read has run for provisionalAfterMs, sends what the events not yet confirmed say. */
  const armProvisional = (): void => {
    if (!opts.provisional || provisionalTimer || closed) return;
    provisionalTimer = setTimeout(() => {
      provisionalTimer = null;
      if (closed || !running || !sent || unconfirmed.length === 0) return;
      const value = opts.provisional!(sent.value, unconfirmed);
      if (value !== null) send(value);
    }, provisionalAfterMs);
  };

  const scheduleRecheck = (): void => {
    if (recheckTimer || closed) return;
    const delay = recheckDelays[recheckIndex];
    if (delay === undefined) {
      // The engine kept disagreeing with itself: stop insisting; the next event re-reads.
      unconfirmed = [];
      recheckIndex = 0;
      return;
    }
    recheckIndex++;
    recheckTimer = setTimeout(() => {
      recheckTimer = null;
      void refresh();
    }, delay);
  };

  const flushBurst = (): void => {
    burstTimer = null;
    burstStart = 0;
    unconfirmed = remember(unconfirmed, collecting);
    collecting = [];
    recheckIndex = 0;
    // A read already in flight (slow) may not see these events: arm the provisional send for them.
    if (running) armProvisional();
    void refresh();
  };

  const offEvent = engine.onEvent((e) => {
    if (closed || !types.includes(e.type) || !relevant(e)) return;
    collecting = remember(collecting, [e]);
    const now = Date.now();
    if (!burstStart) burstStart = now;
    if (burstTimer) clearTimeout(burstTimer);
    burstTimer = setTimeout(flushBurst, Math.max(0, Math.min(settleMs, burstStart + maxWaitMs - now)));
  });
  const offStatus = engine.onStatus((s) => {
    if (s.state === 'connected') void refresh();
  });
  const kept = engine.getStatus().state === 'connected' ? opts.memo?.latest() : null;
  if (kept) send(kept.value);
  void refresh();
  return () => {
    closed = true;
    if (burstTimer) clearTimeout(burstTimer);
    if (recheckTimer) clearTimeout(recheckTimer);
    if (provisionalTimer) clearTimeout(provisionalTimer);
    offEvent();
    offStatus();
  };
}
