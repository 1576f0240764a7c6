import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../main/contract';
import { packLines, skippedBefore, unpackLines } from '../../../main/debug/log-batch';
import { isGap, LogWindow, type LogItem } from '../../../main/debug/log-window';

const lines = (from: number, to: number): LogLine[] => Array.from({ length: to - from + 1 }, (_, i) => ({ stream: 1, text: String(from + i) }));
const show = (w: LogWindow) => Array.from({ length: w.length }, (_, i) => w.at(i)!).map((it: LogItem) => (isGap(it) ? `gap ${it.gap}` : it.text));

describe('LogWindow', () => {
  it('marks skipped lines in place, merges adjacent gaps, and counts what scrolled out', () => {
    const w = new LogWindow(5);
    w.pushBatch(lines(1, 2), 0);
    w.pushBatch(lines(6, 7), 3); // lines 3-5 skipped by main
    expect(show(w)).toEqual(['1', '2', 'gap 3', '6', '7']);
    w.pushBatch(lines(9, 9), 1);
    expect(show(w)).toEqual(['gap 3', '6', '7', 'gap 1', '9']);
    expect(w.olderLines).toBe(2);
    expect(w.lines).toBe(3);
    w.pushBatch(lines(20, 30), 10); // more than the window: everything before goes to older
    expect(show(w)).toEqual(['26', '27', '28', '29', '30']);
    expect(w.olderLines).toBe(25);
  });

  it('appends the lines held while paused, with what the held window lost as one gap', () => {
    const w = new LogWindow(10);
    w.pushBatch(lines(1, 3), 0);
    const held = new LogWindow(3);
    held.pushBatch(lines(4, 8), 0); // keeps 6-8; 4-5 lost
    held.pushBatch(lines(10, 10), 1);
    expect(show(held)).toEqual(['8', 'gap 1', '10']);
    w.append(held);
    expect(show(w)).toEqual(['1', '2', '3', 'gap 4', '8', 'gap 1', '10']);
  });
});

describe('LogWindow counts', () => {
  it('keeps lines held and lines accounted equal to a walk of the window after every step', () => {
    // Counted as items come and go (not walked per render): checked against a walk here.
    const w = new LogWindow(7);
    let next = 1;
    let accounted = 0;
    // Batch sizes and gaps around the capacity: small, exact, larger than it, gaps that merge.
    const steps: [number, number][] = [[3, 0], [0, 2], [0, 1], [4, 0], [7, 0], [1, 5], [12, 3], [0, 4], [2, 0], [9, 0], [0, 1], [6, 2]];
    for (const [count, dropped] of steps) {
      next += dropped;
      w.pushBatch(lines(next, next + count - 1), dropped);
      next += count;
      accounted += count + dropped;
      const items = Array.from({ length: w.length }, (_, i) => w.at(i)!);
      expect(w.lines).toBe(items.filter((it) => !isGap(it)).length);
      const held = items.reduce((n, it) => n + (isGap(it) ? it.gap : 1), 0);
      expect(w.olderLines + held).toBe(accounted);
    }
    w.clear();
    expect([w.lines, w.length, w.olderLines]).toEqual([0, 0, 0]);
  });
});

describe('LogWindow with batches larger than the window', () => {
  it('keeps the newest lines of a batch, unpacked from its tail only, and counts the rest as older', () => {
    const w = new LogWindow(4);
    w.pushBatch(lines(1, 2), 0);
    const b = packLines(lines(3, 12), { dropped: 0, total: 12 }); // 10 lines, 4 fit
    const before = b.count - 4;
    const tail = unpackLines(b, before);
    expect(tail.map((l) => l.text)).toEqual(['9', '10', '11', '12']);
    w.pushBatch(tail, b.dropped, before);
    expect(show(w)).toEqual(['9', '10', '11', '12']);
    expect(w.olderLines).toBe(8); // 1-2 held before, 3-8 never unpacked
  });

  it('a gap before a large batch scrolls out with what it preceded', () => {
    const w = new LogWindow(3);
    w.pushBatch(lines(1, 1), 0);
    w.pushBatch(unpackLines(packLines(lines(7, 11), { dropped: 5, total: 11 }), 2), 5, 2); // 2-6 dropped, 7-8 not unpacked
    expect(show(w)).toEqual(['9', '10', '11']);
    expect(w.olderLines).toBe(8);
  });

  it('unpacks stderr marks and timestamps of the tail by their index in the batch', () => {
    const all: LogLine[] = [
      { stream: 2, text: 'a', ts: 't1' },
      { stream: 1, text: 'b', ts: 't2' },
      { stream: 2, text: 'c', ts: 't3' },
      { stream: 1, text: 'd', ts: 't4' },
    ];
    const b = packLines(all, { dropped: 0, total: 4 });
    expect(unpackLines(b, 2)).toEqual(all.slice(2));
    expect(unpackLines(b, 0)).toEqual(all);
    expect(unpackLines(b, 4)).toEqual([]);
  });
});

describe('skippedBefore', () => {
  it('is what main dropped, or the lines of batches that never arrived', () => {
    const b = (count: number, dropped: number, through?: number) => ({ ...packLines(lines(1, count), { dropped, total: 0 }), ...(through !== undefined ? { through } : {}) });
    expect(skippedBefore(b(10, 3, 13), 0)).toBe(3);
    expect(skippedBefore(b(10, 0, 30), 10)).toBe(10); // lines 11-20 were in a batch lost on the way
    expect(skippedBefore(b(10, 2, 40), 10)).toBe(20);
    expect(skippedBefore(b(10, 2), 10)).toBe(2); // a timer-paced batch says nothing more
  });
});
