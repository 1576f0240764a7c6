import { describe, expect, it } from 'vitest';
import { LogDemuxer } from '../../../main/debug/log-demux';

const enc = new TextEncoder();
function frame(stream: number, text: string | Uint8Array): Uint8Array {
  const payload = typeof text === 'string' ? enc.encode(text) : text;
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.length, false);
  out.set(payload, 8);
  return out;
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
function feed(d: LogDemuxer, bytes: Uint8Array, cuts: number[]) {
  const lines = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    lines.push(...d.push(bytes.subarray(from, c)));
    from = c;
  }
  return [...lines, ...d.flush()];
}

describe('LogDemuxer (multiplexed)', () => {
  const bytes = concat(frame(1, 'hello\n'), frame(2, 'oops: bad\n'), frame(1, 'two\nlines\n'));
  const expected = [
    { stream: 1, text: 'hello' },
    { stream: 2, text: 'oops: bad' },
    { stream: 1, text: 'two' },
    { stream: 1, text: 'lines' },
  ];

  it('tells stdout from stderr in whole frames', () => {
    expect(feed(new LogDemuxer(false), bytes, [])).toEqual(expected);
  });

  it('gives the same lines whatever the chunk boundaries (inside headers and payloads)', () => {
    for (let a = 1; a < bytes.length; a++) {
      for (const b of [a + 1, a + 3, a + 9]) {
        const cuts = b < bytes.length ? [a, b] : [a];
        expect(feed(new LogDemuxer(false), bytes, cuts)).toEqual(expected);
      }
    }
  });

  it('feeds one byte at a time', () => {
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(feed(new LogDemuxer(false), bytes, cuts)).toEqual(expected);
  });

  it('joins a line that spans frames and keeps a multi-byte character split across chunks', () => {
    const e = enc.encode('caf\u00e9 \u2603 done\n');
    const split = 4; // inside the two bytes of é
    const b = concat(frame(1, e.subarray(0, split)), frame(1, e.subarray(split)));
    expect(feed(new LogDemuxer(false), b, [8 + split - 1, 8 + split + 3])).toEqual([{ stream: 1, text: 'caf\u00e9 \u2603 done' }]);
  });

  it('reads a payload length above 16 MiB (all four length bytes)', () => {
    const d = new LogDemuxer(false);
    const header = new Uint8Array([2, 0, 0, 0, 0x01, 0x00, 0x00, 0x02]);
    expect(d.push(concat(header, enc.encode('ab')))).toEqual([]);
    // The frame is not over: 16 MiB + 2 bytes were announced, so the next bytes are still stderr.
    expect(d.push(enc.encode('c\n'))).toEqual([{ stream: 2, text: 'abc' }]);
  });

  it('emits a last line without a newline on flush and strips CR', () => {
    const d = new LogDemuxer(false);
    expect(d.push(frame(1, 'win\r\nlast'))).toEqual([{ stream: 1, text: 'win' }]);
    expect(d.flush()).toEqual([{ stream: 1, text: 'last' }]);
  });

  it('splits engine timestamps from the text when asked', () => {
    const d = new LogDemuxer(false, true);
    const lines = feed(d, frame(2, '2026-11-28T12:00:00.123456789Z error here\n'), [10]);
    expect(lines).toEqual([{ stream: 2, ts: '2026-11-28T12:00:00.123456789Z', text: 'error here' }]);
  });
});

describe('LogDemuxer (TTY: raw bytes, no headers)', () => {
  it('treats every byte as stdout text, including bytes that look like a header', () => {
    const raw = concat(new Uint8Array([1, 0, 0, 0]), enc.encode('x\n\u001b[31mred\u001b[0m\nlast'));
    const d = new LogDemuxer(true);
    expect(feed(d, raw, [2, 7])).toEqual([
      { stream: 1, text: '\u0001\u0000\u0000\u0000x' },
      { stream: 1, text: '\u001b[31mred\u001b[0m' },
      { stream: 1, text: 'last' },
    ]);
  });
});

describe('packLines / unpackLines (the LogBatch wire shape)', () => {
  it('round-trips streams, timestamps and empty lines', async () => {
    const { packLines, unpackLines } = await import('../../../main/debug/log-batch');
    const lines = [
      { stream: 1 as const, text: 'a' },
      { stream: 2 as const, text: '' },
      { stream: 2 as const, text: 'err' },
      { stream: 1 as const, text: '\u001b[32mgreen\u001b[0m' },
    ];
    const b = packLines(lines, { dropped: 3, total: 7 });
    expect(b).toMatchObject({ count: 4, stderr: [1, 2], dropped: 3, total: 7 });
    expect(b.ts).toBeUndefined();
    expect(unpackLines(b)).toEqual(lines);
    const withTs = [{ stream: 1 as const, text: 'x', ts: '2026-11-28T12:00:00Z' }];
    expect(unpackLines(packLines(withTs, { dropped: 0, total: 1 }))).toEqual(withTs);
    expect(unpackLines(packLines([], { dropped: 0, total: 0, ended: true }))).toEqual([]);
  });
});
