/**
 * Dockside's own background work on the engine, so it never ticks a lesson task: the Top tab's
 * refreshes (on the container's events, or every 10 s when asked) emit a `top` event each time, exactly like the learner's `docker top`. Code
 * that talks to the engine on its own (not because the learner just asked) notes it here first;
 * the lesson tracker drops the matching events, live or replayed from history later. Bounded:
 * back-to-back notes for the same target (an auto-refresh) merge into one time span.
 */
import { perEngine } from './per-engine';
import type { SnapshotEvent } from './snapshot';

interface Note {
  action: string;
  /** Container id, id prefix or name, as the caller named it. */
  target: string;
  from: number;
  until: number;
}

/** How long after the call its event may still arrive (the engine sends it as the call completes). */
const GRACE_MS = 3000;
const MAX_NOTES = 500;
/** As long as the tracker's history window: older events are never read again. */
const KEEP_MS = 24 * 3600 * 1000;

export class OwnActivity {
  private notes: Note[] = [];
  /** Moments the learner asked themself; they win over a background span that overlaps them. */
  private asks: { action: string; target: string; at: number }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Notes that Dockside itself is about to cause `action` on `target`. */
  note(action: string, target: string): void {
    const t = this.now();
    this.notes = this.notes.filter((n) => n.until > t - KEEP_MS);
    const last = this.notes.findLast((n) => n.action === action && n.target === target);
    if (last && last.until >= t - 500) last.until = t + GRACE_MS;
    else this.notes.push({ action, target, from: t - 500, until: t + GRACE_MS });
    if (this.notes.length > MAX_NOTES) this.notes.splice(0, this.notes.length - MAX_NOTES);
  }

  /** The learner asked for `action` on `target` themself: end the background span so it counts. */
  learner(action: string, target: string): void {
    const t = this.now();
    this.asks = [...this.asks.filter((a) => a.at > t - KEEP_MS).slice(-(MAX_NOTES - 1)), { action, target, at: t }];
    const last = this.notes.findLast((n) => n.action === action && n.target === target);
    if (last && last.until > t) last.until = t - 1;
  }

  /** Whether an engine event is Dockside's own doing (and so never the learner's). */
  covers(e: SnapshotEvent): boolean {
    if (e.type !== 'container') return false;
    const ms = e.timeNano / 1e6;
    const same = (target: string) => e.id === target || (target.length >= 4 && e.id.startsWith(target)) || e.attributes.name === target;
    // A background refresh may start right next to the learner's own ask (a tab opening both): the ask counts.
    if (this.asks.some((a) => a.action === e.action && Math.abs(ms - a.at) <= GRACE_MS && same(a.target))) return false;
    return this.notes.some((n) => n.action === e.action && ms >= n.from && ms <= n.until && same(n.target));
  }
}

/** One register per engine connection (keyed by the EngineManager), shared by handlers and the tracker. */
export const ownActivity = perEngine(() => new OwnActivity());
