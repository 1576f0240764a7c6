/** The Stats overview's answers of one tick are released together (one message to the page). */
import { describe, expect, it } from 'vitest';
import { TickGather, type TickGatherTimers } from '../../../main/debug/tick-gather';

/** Timers run by hand: `fire(upTo)` plays those set with a delay up to `upTo` ms (no clock involved). */
function manualTimers(): TickGatherTimers & { fire(upTo?: number): void; count(): number } {
  const set = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    set: (fn, ms) => {
      set.set(next, { fn, ms });
      return next++;
    },
    clear: (h) => void set.delete(h as number),
    fire: (upTo = Infinity) => {
      for (const [h, t] of [...set]) {
        if (t.ms > upTo || !set.has(h)) continue;
        set.delete(h);
        t.fn();
      }
    },
    count: () => set.size,
  };
}

/** A gatherer with a 300 ms wait on hand-run timers, and the releases it made in order. */
function gatherer() {
  const timers = manualTimers();
  return { timers, g: new TickGather(300, timers), out: [] as string[] };
}

describe('TickGather', () => {
  it('holds the answers of a tick until its last request answered, then releases them in order', () => {
    const { timers, g, out } = gatherer();
    for (let i = 0; i < 3; i++) g.enter('2000:10');
    g.leave('2000:10', () => out.push('b'));
    g.leave('2000:10', () => out.push('a'));
    expect(out).toEqual([]);
    g.leave('2000:10', () => out.push('c'));
    expect(out).toEqual([]);
    // One timer turn later (not at once: a request of the same tick may still join).
    g.enter('2000:10');
    timers.fire(0);
    expect(out).toEqual([]);
    g.leave('2000:10', () => out.push('d'));
    timers.fire(0);
    expect(out).toEqual(['b', 'a', 'c', 'd']);
    expect(g.pending()).toBe(0);
    expect(timers.count()).toBe(0);
  });

  it('a request that never answers holds the others only until the wait ends; late answers are gathered again', () => {
    const { timers, g, out } = gatherer();
    g.enter('t');
    g.enter('t');
    g.enter('t');
    g.leave('t', () => out.push('fast'));
    timers.fire(0);
    expect(out).toEqual([]);
    timers.fire(300);
    expect(out).toEqual(['fast']);
    // The two late ones go out together once both answered, not one by one.
    g.leave('t', () => out.push('late1'));
    timers.fire(0);
    expect(out).toEqual(['fast']);
    g.leave('t', () => out.push('late2'));
    timers.fire(0);
    expect(out).toEqual(['fast', 'late1', 'late2']);
    expect(g.pending()).toBe(0);
    expect(timers.count()).toBe(0);
  });

  it('the wait runs from the tick\'s start: an early answer waits for the others that come a second later (engine 20.10)', () => {
    const { timers, g, out } = gatherer();
    // Recorded: one of 20 answered after 10 ms, the 19 others after about 1 s. Here the wait
    // (300 ms on these timers) is the tick's whole budget; the first answer does not restart it.
    for (let i = 0; i < 3; i++) g.enter('2000:4');
    g.leave('2000:4', () => out.push('early'));
    timers.fire(0);
    expect(out).toEqual([]);
    g.leave('2000:4', () => out.push('second'));
    g.leave('2000:4', () => out.push('third'));
    timers.fire(0);
    expect(out).toEqual(['early', 'second', 'third']);
    expect(g.pending()).toBe(0);
    expect(timers.count()).toBe(0);
  });

  it('ticks are apart, and a closed request (nothing to release) does not hold its tick', () => {
    const { timers, g, out } = gatherer();
    g.enter('1000:1');
    g.enter('1000:2');
    g.enter('1000:1');
    g.leave('1000:1', null);
    g.leave('1000:2', () => out.push('2'));
    timers.fire(0);
    expect(out).toEqual(['2']);
    g.leave('1000:1', () => out.push('1'));
    timers.fire(0);
    expect(out).toEqual(['2', '1']);
    expect(g.pending()).toBe(0);
  });
});
