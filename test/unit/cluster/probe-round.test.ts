/**
 * The probe's deadline counts the time Dockside was running, not the wall clock: a stalled event
 * loop (a busy machine, a long GC) must not turn a server's timely answer into "down".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeRound, responsiveDeadline } from '../../../main/cluster/probe';

afterEach(() => {
  vi.useRealTimers();
});

describe('responsiveDeadline', () => {
  it('fires after the given running time, and a stall counts as one step', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    responsiveDeadline(800, fired);
    // A 2 s stall: the one late tick counts 100 ms.
    vi.setSystemTime(Date.now() + 2000);
    vi.advanceTimersByTime(100);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(fired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('does not fire once stopped', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const stop = responsiveDeadline(300, fired);
    vi.advanceTimersByTime(200);
    stop();
    vi.advanceTimersByTime(1000);
    expect(fired).not.toHaveBeenCalled();
  });
});

describe('probeRound', () => {
  async function server(handler: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
    const srv = http.createServer(handler);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    return { port: (srv.address() as AddressInfo).port, close: () => new Promise((r) => srv.close(() => r())) };
  }

  it('an answer that came while the process was stalled still counts', async () => {
    const s = await server((_req, res) => res.end('version 1\n'));
    const round = probeRound('127.0.0.1', [{ port: s.port }], '/', 300);
    // Block this thread for longer than the deadline, right after the request went out.
    const until = Date.now() + 900;
    while (Date.now() < until) {
      /* stalled */
    }
    const sample = await round;
    await s.close();
    expect(sample.up).toBe(true);
    expect(sample.answers[0]).toMatchObject({ ok: true, body: 'version 1' });
  });

  it('a server that never answers is down after the deadline, and says so', async () => {
    const s = await server(() => undefined);
    const started = Date.now();
    const sample = await probeRound('127.0.0.1', [{ port: s.port }], '/', 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sample).toMatchObject({ up: false, answers: [{ ok: false, error: 'no answer within 300 ms' }] });
    await s.close();
  });

  it('a closed port is down at once with the error code', async () => {
    const s = await server(() => undefined);
    const port = s.port;
    await s.close();
    const sample = await probeRound('127.0.0.1', [{ port }], '/', 300);
    expect(sample).toMatchObject({ up: false, answers: [{ ok: false, error: 'ECONNREFUSED' }] });
  });
});
