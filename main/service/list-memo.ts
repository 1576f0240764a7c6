/**
 * The last list a watch sent, kept for the next subscriber while nothing can have changed it: the
 * engine's shared event stream (always open while connected) has said nothing relevant and the
 * connection has not changed since the read began. A new page (a reload, another tab) then shows
 * the list at once instead of waiting for the engine to list again (dockerd 20.10 takes about
 * 200 ms for 250 containers); the watch reads the engine right after anyway and sends what it
 * says, so the only thing the kept list can have wrong for that moment is relative time text
 * ("Up 5 minutes"). Issue 16's first paint.
 */
import type { EngineEvent } from '../contract';
import type { WatchedEngine } from './watch-list';

export class ListMemo<T> {
  /** Bumped by every relevant event and every status change: a list read before a bump is old. */
  private version = 0;
  private kept: { value: T; version: number } | null = null;

  constructor(engine: WatchedEngine, types: readonly string[], relevant: (e: EngineEvent) => boolean) {
    engine.onEvent((e) => {
      if (types.includes(e.type) && relevant(e)) this.invalidate();
    });
    // Connected, lost, reconnected, switched to another engine: whatever was kept may be wrong.
    engine.onStatus(() => this.invalidate());
  }

  /** Taken before a read: `keep` accepts the read's value only if nothing changed since. */
  mark(): number {
    return this.version;
  }

  /** Keeps `value`, read after `mark()` returned `since`, unless an event or status change came since. */
  keep(value: T, since: number): void {
    if (since === this.version) this.kept = { value, version: since };
  }

  /** The kept list, if nothing changed since it was read. */
  latest(): { value: T } | null {
    return this.kept && this.kept.version === this.version ? { value: this.kept.value } : null;
  }

  invalidate(): void {
    this.version++;
    this.kept = null;
  }
}
