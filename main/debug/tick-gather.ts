/**
 * Holds the answers of one sampling tick until every request of that tick has answered, then
 * releases them together, in one synchronous loop: the browser-mode server sends the events of
 * one macrotask as one WebSocket message (main/browser/server.ts), so the page gets one message
 * and renders once per tick instead of once per container (issue 16). A request that hangs does
 * not hold the others for long: `maxWaitMs` after the first answer, whatever arrived is released,
 * and late answers are released on their own. Pure: no engine, timers injected for tests.
 * (Released one timer turn after the last answer, so a request of the same tick whose timer
 * fired a moment later still joins it.)
 */
export interface TickGatherTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

interface Tick {
  open: number;
  ready: (() => void)[];
  /** The longest wait, from the first answer. */
  timer: unknown;
  /** The check once every request that entered has answered. */
  settle: unknown;
}

export class TickGather {
  private readonly ticks = new Map<string, Tick>();

  constructor(
    private readonly maxWaitMs: number,
    private readonly timers: TickGatherTimers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) },
  ) {}

  /** A request of tick `key` starts. */
  enter(key: string): void {
    const t = this.ticks.get(key);
    if (t) t.open++;
    else this.ticks.set(key, { open: 1, ready: [], timer: null, settle: null });
  }

  /** A request of tick `key` answered (or failed, or was closed): `release` runs with the tick's others (null: nothing to release). */
  leave(key: string, release: (() => void) | null): void {
    const t = this.ticks.get(key);
    if (!t) {
      release?.();
      return;
    }
    t.open--;
    if (release) t.ready.push(release);
    t.timer ??= this.timers.set(() => this.flush(key), this.maxWaitMs);
    // Not at once: a request of the same tick whose timer fires a moment later still joins.
    if (t.open <= 0) t.settle ??= this.timers.set(() => this.settle(key), 0);
  }

  /** Ticks with requests still open (for tests). */
  pending(): number {
    return this.ticks.size;
  }

  private settle(key: string): void {
    const t = this.ticks.get(key);
    if (!t) return;
    t.settle = null;
    if (t.open <= 0) this.flush(key);
  }

  private flush(key: string): void {
    const t = this.ticks.get(key);
    if (!t) return;
    this.ticks.delete(key);
    if (t.timer !== null) this.timers.clear(t.timer);
    if (t.settle !== null) this.timers.clear(t.settle);
    for (const r of t.ready) r();
  }
}
