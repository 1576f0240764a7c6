/** Pure logic of attached runs: the bounded output buffer, streaming demux, replay to subscribers, plain error words. */
import { EventEmitter } from 'node:events';
import type Docker from 'dockerode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunOutputEvent } from '../../../main/contract';
import { AttachedRuns } from '../../../main/workflows/attached-runs';
import { Demuxer } from '../../../main/workflows/demux';
import { OutputBuffer } from '../../../main/workflows/output-buffer';
import { plainPullError, plainRunError, registryHost } from '../../../main/workflows/run-errors';
import { frame } from './engine-frame';


describe('OutputBuffer', () => {
  it('merges neighbours of one stream and keeps stdout and stderr apart', () => {
    const b = new OutputBuffer();
    b.pushAll([
      { stream: 'stdout', text: 'a' },
      { stream: 'stdout', text: 'b' },
      { stream: 'stderr', text: 'e' },
    ]);
    expect(b.chunks).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'e' },
    ]);
    expect(b.length).toBe(3);
  });
  it('drops the oldest text past its bound and counts what it dropped', () => {
    const b = new OutputBuffer(10);
    b.push({ stream: 'stdout', text: '0123456' });
    b.push({ stream: 'stderr', text: 'abcdef' });
    expect(b.length).toBe(10);
    expect(b.dropped).toBe(3);
    expect(b.chunks).toEqual([
      { stream: 'stdout', text: '3456' },
      { stream: 'stderr', text: 'abcdef' },
    ]);
    b.push({ stream: 'stdout', text: 'XXXXXXXXXXXX' });
    expect(b.chunks).toEqual([{ stream: 'stdout', text: 'XXXXXXXXXX' }]);
    expect(b.dropped).toBe(3 + 10 + 2);
  });
  it('take empties it, clear forgets the dropped count too', () => {
    const b = new OutputBuffer(4);
    b.push({ stream: 'stdout', text: 'abcdef' });
    expect(b.take()).toEqual([{ stream: 'stdout', text: 'cdef' }]);
    expect(b.length).toBe(0);
    expect(b.dropped).toBe(2);
    b.clear();
    expect(b.dropped).toBe(0);
  });
});

describe('Demuxer with a receiver', () => {
  it('hands text over as frames complete, split UTF-8 included, keeping nothing', () => {
    const got: string[] = [];
    const d = new Demuxer(0, (c) => got.push(`${c.stream}:${c.text}`));
    const all = Buffer.concat([frame(1, 'héllo'), frame(2, 'wörld')]);
    for (let i = 0; i < all.length; i += 3) d.push(all.subarray(i, i + 3));
    expect(got.filter((g) => g.startsWith('stdout:')).map((g) => g.slice(7)).join('')).toBe('héllo');
    expect(got.filter((g) => g.startsWith('stderr:')).map((g) => g.slice(7)).join('')).toBe('wörld');
    expect(d.chunks).toEqual([]);
  });
});

/** A stand-in for a created container: its attach stream and its wait are driven by the test. */
function fakeContainer() {
  const stream = Object.assign(new EventEmitter(), { destroy: vi.fn() });
  let exit: (code: number) => void = () => undefined;
  const waited = new Promise<{ StatusCode: number }>((r) => (exit = (code) => r({ StatusCode: code })));
  const order: string[] = [];
  const container = {
    wait: vi.fn(() => {
      order.push('wait');
      return waited;
    }),
    attach: vi.fn(async () => {
      order.push('attach');
      return stream;
    }),
  } as unknown as Docker.Container;
  return { container, stream, exit: (code: number) => exit(code), order };
}

const text = (events: RunOutputEvent[]) => {
  let out = '';
  for (const e of events) if (e.type === 'output') out = (e.replace ? '' : out) + e.chunks.map((c) => c.text).join('');
  return out;
};

describe('AttachedRuns', () => {
  afterEach(() => vi.useRealTimers());

  it('replays what was printed before the subscriber came, then relays live output and the exit', async () => {
    vi.useFakeTimers();
    const runs = new AttachedRuns();
    const f = fakeContainer();
    const held = await runs.attach(f.container, { tty: false, rm: false });
    expect(f.order).toEqual(['wait', 'attach']);
    f.stream.emit('data', frame(1, 'early\n'));
    const events: RunOutputEvent[] = [];
    const off = runs.subscribe(held.outputId, (e) => events.push(e))!;
    expect(events[0]).toEqual({ type: 'output', replace: true, chunks: [{ stream: 'stdout', text: 'early\n' }], dropped: 0 });
    f.stream.emit('data', frame(2, 'live\n'));
    await vi.advanceTimersByTimeAsync(30);
    expect(events[1]).toEqual({ type: 'output', replace: false, chunks: [{ stream: 'stderr', text: 'live\n' }], dropped: 0 });
    // A second subscriber (a reconnecting window) gets everything once, with no duplicate later.
    const again: RunOutputEvent[] = [];
    f.stream.emit('data', frame(1, 'pending\n'));
    const off2 = runs.subscribe(held.outputId, (e) => again.push(e))!;
    await vi.advanceTimersByTimeAsync(30);
    expect(text(again)).toBe('early\nlive\npending\n');
    expect(text(events)).toBe('early\nlive\npending\n');
    f.exit(3);
    f.stream.emit('end');
    await vi.advanceTimersByTimeAsync(10);
    expect(events.at(-1)).toEqual({ type: 'exit', exitCode: 3 });
    expect(again.at(-1)).toEqual({ type: 'exit', exitCode: 3 });
    expect(f.stream.destroy).toHaveBeenCalled();
    off();
    off2();
    // A late subscriber still learns the exit.
    const late: RunOutputEvent[] = [];
    runs.subscribe(held.outputId, (e) => late.push(e))!();
    expect(late.at(-1)).toEqual({ type: 'exit', exitCode: 3 });
  });

  it('lets a run nobody watches go after a minute, and a discarded run at once', async () => {
    vi.useFakeTimers();
    const runs = new AttachedRuns();
    const a = await runs.attach(fakeContainer().container, { tty: false, rm: false });
    const off = runs.subscribe(a.outputId, () => undefined)!;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs.size).toBe(1);
    off();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(runs.size).toBe(0);
    expect(runs.subscribe(a.outputId, () => undefined)).toBeNull();
    const f = fakeContainer();
    const b = await runs.attach(f.container, { tty: false, rm: false });
    b.discard();
    expect(runs.size).toBe(0);
    expect(f.stream.destroy).toHaveBeenCalled();
  });

  it('reads a TTY stream as raw bytes', async () => {
    vi.useFakeTimers();
    const runs = new AttachedRuns();
    const f = fakeContainer();
    const held = await runs.attach(f.container, { tty: true, rm: true });
    expect(f.container.wait).toHaveBeenCalledWith(expect.objectContaining({ condition: 'removed' }));
    f.stream.emit('data', Buffer.from('raw tty\r\n'));
    const events: RunOutputEvent[] = [];
    runs.subscribe(held.outputId, (e) => events.push(e));
    expect(text(events)).toBe('raw tty\r\n');
    runs.closeAll();
  });
});

describe('plain words for run and pull errors', () => {
  it('explains the common run failures and names the port or name', () => {
    expect(plainRunError('driver failed programming external connectivity on endpoint x: Bind for 0.0.0.0:8080 failed: port is already allocated')).toMatch(/^Host port 8080 is already taken/);
    expect(plainRunError('Conflict. The container name "/web" is already in use by container "abc". You have to remove (or rename) that container to be able to reuse that name.')).toMatch(/^A container called web already exists/);
    expect(plainRunError('failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown')).toMatch(/no program "nosuch"/);
    expect(plainRunError('network nope not found')).toMatch(/no network by that name/);
    expect(plainRunError('something nobody has seen')).toBeNull();
  });
  it('always gives a pull failure a next step, naming the registry', () => {
    expect(plainPullError('manifest for 127.0.0.1:5000/a:absent not found: manifest unknown: manifest unknown', '127.0.0.1:5000/a:absent')).toBe(
      'The registry 127.0.0.1:5000 has no image 127.0.0.1:5000/a:absent. Check the name and the tag, then Run again.',
    );
    expect(plainPullError('Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host', 'nginx:latest')).toMatch(/could not reach the registry Docker Hub/);
    expect(plainPullError('unauthorized: authentication required', 'localhost:5000/x:1')).toMatch(/Log in/);
    expect(plainPullError('weird', 'x:1')).toMatch(/then Run again/);
    expect(registryHost('localhost/x')).toBe('localhost');
    expect(registryHost('library/nginx')).toBe('Docker Hub (docker.io)');
  });
});
