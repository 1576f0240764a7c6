/**
 * Holds the answers of one sampling tick until every request of that tick has answered, then
 * releases them together, in one synchronous loop: the browser-mode server sends the events of
 * one macrotask as one WebSocket message (main/browser/server.ts), so the page gets one message
 * and renders once per tick instead of once per container (issue 16). Pure: no engine, timers
 * injected for tests.
 *
 * How long to wait is measured from the tick's start (its first request), not from its first
 * answer. Engine 20.10 answers a one-shot request at its stats collector's next round: the
 * collector sleeps 1 s, then collects and answers the waiting containers one by one (about 5 ms
 * each). Recorded with 20 containers, requests sent together: one answer after 10 ms and the
 * other 19 after 1012 to 1093 ms; another tick, all 20 between 103 and 205 ms. A wait counted
 * from the first answer (300 ms) released the early one alone and then the 19 others one by one,
 * each its own message and its own render in the page.
 *
 * A request that hangs holds the others `maxWaitMs` from the tick's start at most; what arrived is
 * released then, and the tick's later answers are gathered again (released together once the
 * last one answered, or after another wait). (Released one timer turn after the last answer, so a
 * request of the same tick whose timer fired a moment later still joins it.)
 */
export interface TickGatherTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

interface Tick {
  open: number;
  ready: (() => void)[];
  /** The longest wait, from the tick's start (re-armed for answers after a release). */
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
    else this.ticks.set(key, { open: 1, ready: [], timer: this.timers.set(() => this.timeUp(key), this.maxWaitMs), settle: null });
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
    // Answers after a release wait again (a fresh wait), not alone.
    t.timer ??= this.timers.set(() => this.timeUp(key), this.maxWaitMs);
    // Not at once: a request of the same tick whose timer fires a moment later still joins.
    if (t.open <= 0) t.settle ??= this.timers.set(() => this.settle(key), 0);
  }

  /** Ticks with requests still open or answers held (for tests). */
  pending(): number {
    return this.ticks.size;
  }

  private settle(key: string): void {
    const t = this.ticks.get(key);
    if (!t) return;
    t.settle = null;
    if (t.open <= 0) this.release(key, t, true);
  }

  /** The wait is over: what arrived goes now; the tick stays for its requests still open. */
  private timeUp(key: string): void {
    const t = this.ticks.get(key);
    if (!t) return;
    t.timer = null;
    this.release(key, t, t.open <= 0);
  }

  private release(key: string, t: Tick, done: boolean): void {
    if (done) {
      this.ticks.delete(key);
      if (t.timer !== null) this.timers.clear(t.timer);
      if (t.settle !== null) this.timers.clear(t.settle);
    }
    const ready = t.ready;
    t.ready = [];
    for (const r of ready) r();
  }
}
