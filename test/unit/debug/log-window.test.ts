import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../main/contract';
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
