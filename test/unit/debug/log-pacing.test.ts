/**
 * followLogs paced by the view's acknowledgements, on a fake engine (a stream of multiplexed log
 * frames): only IN_FLIGHT batches go out unacknowledged, each ack lets the next one go, what
 * overflows the queue comes back as a counted gap, and `through` accounts for every line.
 */
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogBatch } from '../../../main/contract';
import { unpackLines } from '../../../main/debug/log-batch';
import { ackLogFlow, followLogs, IN_FLIGHT, PACED_QUEUE, STALL_MS } from '../../../main/debug/log-stream';

function frames(from: number, to: number): Buffer {
  const parts: Buffer[] = [];
  for (let n = from; n <= to; n++) {
    const payload = Buffer.from(`${n}\n`);
    const head = Buffer.alloc(8);
    head[0] = 1;
    head.writeUInt32BE(payload.length, 4);
    parts.push(head, payload);
  }
  return Buffer.concat(parts);
}

function fakeEngine(stream: PassThrough): Docker {
  return {
    getContainer: () => ({ inspect: async () => ({ Id: 'c1', Config: { Tty: false } }) }),
    modem: { dial: (_opts: object, cb: (err: unknown, data: unknown) => void) => cb(null, stream) },
  } as unknown as Docker;
}

describe('followLogs paced by acknowledgements', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends at most IN_FLIGHT batches until the view acknowledges, then the rest', async () => {
    const stream = new PassThrough();
    const got: LogBatch[] = [];
    const close = await followLogs(fakeEngine(stream), { id: 'c1', tail: 'all', timestamps: false, follow: true, paced: true }, (b) => got.push(b), () => undefined);
    for (let k = 0; k < 5; k++) {
      stream.write(frames(k * 100 + 1, k * 100 + 100));
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(got.length).toBe(IN_FLIGHT);
    const first = got[0]!;
    expect(first.flow).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.map((b) => b.seq)).toEqual([1, 2]);
    // Acknowledging the second releases everything waiting, in one batch.
    expect(ackLogFlow(first.flow!, 2)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(got.length).toBe(3);
    const lines = got.flatMap((b) => unpackLines(b).map((l) => Number(l.text)));
    expect(lines).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(got.at(-1)!.through).toBe(500);
    close();
    expect(ackLogFlow(first.flow!, 3)).toBe(false); // closed: the flow is gone
  });

  it('a re-opened stream with no new lines still marks the lines the previous one received and never sent', async () => {
    const stream = new PassThrough();
    const got: LogBatch[] = [];
    // The previous stream received 500 lines and sent 470 before the engine went away.
    const cursor = { key: '2026-11-29T05:00:00.000000000Z', atKey: 1, total: 500, through: 470 };
    const close = await followLogs(fakeEngine(stream), { id: 'c1', tail: 'all', timestamps: false, follow: true, paced: true, cursor }, (b) => got.push(b), () => undefined);
    await vi.advanceTimersByTimeAsync(STALL_MS / 4);
    expect(got.map((b) => [b.count, b.dropped, b.through])).toEqual([[0, 30, 500]]);
    close();
  });

  it('a silent view still gets a batch every STALL_MS, and overflow is a counted gap', async () => {
    const stream = new PassThrough();
    const got: LogBatch[] = [];
    const close = await followLogs(fakeEngine(stream), { id: 'c1', tail: 'all', timestamps: false, follow: true, paced: true }, (b) => got.push(b), () => undefined);
    stream.write(frames(1, 10));
    await vi.advanceTimersByTimeAsync(1);
    stream.write(frames(11, 20));
    await vi.advanceTimersByTimeAsync(1);
    expect(got.length).toBe(2);
    // More than the queue holds while nobody acknowledges.
    const flood = PACED_QUEUE.lines + 5000;
    for (let n = 21; n <= 20 + flood; n += 10_000) {
      stream.write(frames(n, Math.min(n + 9_999, 20 + flood)));
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(got.length).toBe(2);
    await vi.advanceTimersByTimeAsync(STALL_MS + STALL_MS / 4); // checked every STALL_MS / 4
    expect(got.length).toBe(3);
    const third = got[2]!;
    expect(third.dropped).toBe(flood - PACED_QUEUE.lines);
    // The first line after the gap is the one right after the dropped ones.
    expect(Number(unpackLines(third)[0]!.text)).toBe(21 + third.dropped);
    expect(third.through).toBe(20 + third.dropped + third.count);
    close();
  });
});
