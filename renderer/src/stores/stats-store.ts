/**
 * Rolling stats history per container, in fixed-size rings: memory stays flat however long the
 * app runs, and ids no longer on screen are pruned. Holds data only; the subscription lives in
 * the views (useSubscription), which feed `addBatch`.
 */
import { create } from 'zustand';
import type { StatsBatch, StatsSampleEvent } from '../../../main/contract';
import { RingBuffer } from '../../../main/debug/ring-buffer';

/** 10 minutes at one sample a second; charts show the last 5. */
export const HISTORY_POINTS = 600;

interface StatsState {
  history: Map<string, RingBuffer<StatsSampleEvent>>;
  latest: Record<string, StatsSampleEvent>;
  errors: Record<string, string>;
  /** Bumped on every batch so views re-read the (mutable) rings. */
  version: number;
  addBatch(b: StatsBatch): void;
  /**
   * Like addBatch, but merges the batches of many per-container subscriptions arriving together
   * (they sample on the same clock tick) into one store update, so the overview renders once per
   * tick rather than once per container.
   */
  queueBatch(b: StatsBatch): void;
  /** Drops history of containers that are no longer shown anywhere. */
  prune(keep: Iterable<string>): void;
}

let pending: StatsBatch = { samples: [], ended: [], errors: [] };
let flushTimer: ReturnType<typeof setTimeout> | null = null;

export const useStatsStore = create<StatsState>((set, get) => ({
  history: new Map(),
  latest: {},
  errors: {},
  version: 0,
  addBatch: (b) => {
    const { history } = get();
    const latest = { ...get().latest };
    const errors = { ...get().errors };
    for (const s of b.samples) {
      let ring = history.get(s.id);
      if (!ring) history.set(s.id, (ring = new RingBuffer(HISTORY_POINTS)));
      // A new subscription re-sends from "now": skip a sample older than the last one held.
      if ((ring.last()?.time ?? 0) < s.time) ring.push(s);
      latest[s.id] = s;
      delete errors[s.id];
    }
    for (const e of b.errors) errors[e.id] = e.message;
    set((st) => ({ latest, errors, version: st.version + 1 }));
  },
  queueBatch: (b) => {
    pending.samples.push(...b.samples);
    pending.ended.push(...b.ended);
    pending.errors.push(...b.errors);
    flushTimer ??= setTimeout(() => {
      flushTimer = null;
      const batch = pending;
      pending = { samples: [], ended: [], errors: [] };
      get().addBatch(batch);
    }, 50);
  },
  prune: (keep) => {
    const k = new Set(keep);
    const { history } = get();
    for (const id of [...history.keys()]) if (!k.has(id)) history.delete(id);
    const latest = Object.fromEntries(Object.entries(get().latest).filter(([id]) => k.has(id)));
    const errors = Object.fromEntries(Object.entries(get().errors).filter(([id]) => k.has(id)));
    set((st) => ({ latest, errors, version: st.version + 1 }));
  },
}));

/** Ids currently shown by each mounted stats view, so pruning keeps what another view still shows. */
const shownBy = new Map<symbol, string[]>();

export function showStatsFor(owner: symbol, ids: string[]): () => void {
  shownBy.set(owner, ids);
  return () => {
    shownBy.delete(owner);
    // Deferred: when a view re-registers with a new id list (cleanup then effect), pruning at
    // once would wipe the history it is about to show again.
    setTimeout(() => useStatsStore.getState().prune([...shownBy.values()].flat()), 0);
  };
}
