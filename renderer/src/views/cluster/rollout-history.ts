/**
 * A rolling update as lanes: one lane per replica slot, each task a bar over time. The engine
 * keeps only a few old tasks and no timeline, so the view accumulates what each reading showed.
 * Pure, so it is unit-tested without a browser.
 */
import type { ClusterSnapshot, ClusterTask } from '../../../../main/contract';

export interface TaskBar {
  taskId: string;
  slot: number;
  image: string;
  /** Unix ms: when the task was created (or first seen). */
  from: number;
  /** Unix ms: when it left running for good, or null while it still runs or is on its way. */
  to: number | null;
  /** The latest state seen. */
  state: string;
  desiredState: string;
  error?: string;
  /** Unix ms when it was first seen running (null if never). */
  runningSince: number | null;
}

export interface RolloutHistory {
  bars: Map<string, TaskBar>;
  /** Images in the order they first appeared: old first, so colours stay stable. */
  images: string[];
}

export const emptyHistory = (): RolloutHistory => ({ bars: new Map(), images: [] });

const ENDED = /^(complete|failed|shutdown|rejected|orphaned|remove)$/;

function ms(iso: string, fallback: number): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t > 0 ? t : fallback;
}

/** Folds one reading into the history of one service (returns a new object when anything changed). */
export function addReading(h: RolloutHistory, snap: ClusterSnapshot, serviceId: string, keep = 60): RolloutHistory {
  const tasks: ClusterTask[] = snap.tasks.filter((t) => t.serviceId === serviceId);
  const bars = new Map(h.bars);
  const images = [...h.images];
  for (const t of tasks) {
    // Global services have no slots: their node is the lane.
    const slot = t.slot ?? 0;
    if (!images.includes(t.image)) images.push(t.image);
    const prev = bars.get(t.id);
    const ended = ENDED.test(t.state);
    const runningSince = prev?.runningSince ?? (t.state === 'running' ? ms(t.stateSince, snap.at) : null);
    bars.set(t.id, {
      taskId: t.id,
      slot,
      image: t.image,
      from: prev?.from ?? ms(t.createdAt, snap.at),
      to: ended ? prev?.to ?? ms(t.stateSince, snap.at) : null,
      state: t.state,
      desiredState: t.desiredState,
      ...(t.error ? { error: t.error } : {}),
      runningSince,
    });
  }
  // Bounded: the oldest ended bars go first.
  if (bars.size > keep) {
    const ended = [...bars.values()].filter((b) => b.to !== null).sort((a, b) => (a.to ?? 0) - (b.to ?? 0));
    for (const b of ended.slice(0, bars.size - keep)) bars.delete(b.taskId);
  }
  return { bars, images };
}

/** Slots in order, each with its bars oldest first. */
export function lanes(h: RolloutHistory): { slot: number; bars: TaskBar[] }[] {
  const bySlot = new Map<number, TaskBar[]>();
  for (const b of h.bars.values()) bySlot.set(b.slot, [...(bySlot.get(b.slot) ?? []), b]);
  return [...bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([slot, bars]) => ({ slot, bars: bars.sort((a, b) => a.from - b.from) }));
}
