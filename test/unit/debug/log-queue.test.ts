import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../main/contract';
import { LogQueue } from '../../../main/debug/log-queue';

const lines = (from: number, to: number): LogLine[] => Array.from({ length: to - from + 1 }, (_, i) => ({ stream: 1, text: String(from + i) }));
const texts = (ls: LogLine[]) => ls.map((l) => l.text);

describe('LogQueue', () => {
  it('hands lines out oldest first, in batches of at most N lines', () => {
    const q = new LogQueue({ lines: 100, chars: 1000 });
    q.push(lines(1, 3));
    q.push(lines(4, 7));
    expect(q.length).toBe(7);
    expect(texts(q.take(5, 1000).lines)).toEqual(['1', '2', '3', '4', '5']);
    expect(texts(q.take(5, 1000).lines)).toEqual(['6', '7']);
    expect(q.take(5, 1000)).toEqual({ lines: [], dropped: 0 });
    expect(q.length).toBe(0);
    expect(q.chars).toBe(0);
  });

  it('drops the oldest waiting lines past its bound and reports them with the next batch only', () => {
    const q = new LogQueue({ lines: 5, chars: 1000 });
    q.push(lines(1, 2));
    expect(texts(q.take(1, 1000).lines)).toEqual(['1']); // 1 sent; 2 waits
    q.push(lines(3, 9)); // 8 waiting > 5: 2, 3, 4 dropped
    expect(q.length).toBe(5);
    expect(q.dropped).toBe(3);
    const b = q.take(2, 1000);
    // Lines 2-4 are missing between the last line sent (1) and this batch (5, 6).
    expect(b).toEqual({ lines: lines(5, 6), dropped: 3 });
    expect(q.take(10, 1000)).toEqual({ lines: lines(7, 9), dropped: 0 });
  });

  it('bounds characters too, but always keeps and sends a single oversized line', () => {
    const q = new LogQueue({ lines: 100, chars: 10 });
    q.push([{ stream: 1, text: 'aaaa' }, { stream: 2, text: 'bbbb' }, { stream: 1, text: 'cccc' }]); // 12 chars > 10
    expect(q.dropped).toBe(1);
    expect(q.chars).toBe(8);
    q.push([{ stream: 1, text: 'x'.repeat(50) }]);
    expect(q.length).toBe(1); // everything older went, the long line stays
    expect(q.dropped).toBe(3);
    const b = q.take(10, 5); // larger than a batch's characters: still sent, alone
    expect(b.lines.map((l) => l.text.length)).toEqual([50]);
    expect(b.dropped).toBe(3);
  });

  it('splits by characters per batch', () => {
    const q = new LogQueue({ lines: 100, chars: 1000 });
    q.push(lines(10, 19)); // 2 chars each
    expect(texts(q.take(100, 7).lines)).toEqual(['10', '11', '12']);
  });

  it('accounts for every line: sent + dropped = pushed', () => {
    const q = new LogQueue({ lines: 1000, chars: 1 << 20 });
    let sent = 0;
    let dropped = 0;
    let expected = 1;
    for (let n = 1; n <= 50_000; n += 700) {
      q.push(lines(n, n + 699));
      if ((n - 1) % 2100 === 0) {
        const b = q.take(300, 1 << 20);
        dropped += b.dropped;
        expected += b.dropped;
        // Contiguous within the batch and right after the gap.
        if (b.lines.length) expect(Number(b.lines[0]!.text)).toBe(expected);
        expected += b.lines.length;
        sent += b.lines.length;
      }
    }
    const rest = q.take(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    sent += rest.lines.length;
    dropped += rest.dropped;
    expect(sent + dropped).toBe(50_400);
    expect(Number(rest.lines.at(-1)!.text)).toBe(50_400);
  });
});
