/** Stats, logs, top, limits and OOM against the real engine, through the dispatcher. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, LogBatch, StatsBatch } from '../../main/contract';
import { unpackLines } from '../../main/debug/log-batch';
import { createService, type Service } from '../../main/service/create-service';
import { runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { leftOutOfLeanPodman, skipOnPodman } from '../support/engine-kind';

let service: Service;
let dataDir: string;
const created: string[] = [];

async function run(name: string, cmd?: string[], extra: { memory?: number; tty?: boolean } = {}) {
  const c = await runContainer({ name: testName(name), image: WEB_IMAGE, ...(cmd ? { cmd } : {}), ...extra });
  created.push(c.id);
  return c;
}

function subscribe<E>(name: 'stats:watch' | 'logs:follow' | 'engine:events', args: unknown) {
  const events: E[] = [];
  const errors: unknown[] = [];
  const opened = service.dispatcher.subscribe(
    'test',
    name,
    args,
    (_id, e) => events.push(e as E),
    (_id, err) => errors.push(err),
  );
  return { events, errors, opened };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-debug-'));
  service = await createService({ dataDir });
});

afterAll(async () => {
  service.close();
  await Promise.all(created.map((id) => testDocker().getContainer(id).remove({ force: true }).catch(() => undefined)));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('stats:watch', () => {
  it('yields batched samples with computed values for several containers and closes its streams', async () => {
    const busy = await run('stats-busy', ['sh', '-c', 'yes > /dev/null'], { memory: 64 * 1024 * 1024 });
    const idle = await run('stats-idle');
    const sub = subscribe<StatsBatch>('stats:watch', { ids: [busy.id, idle.id] });
    const r = await sub.opened;
    expect(r.ok).toBe(true);
    // Three CPU samples of the busy container, so one jittery reading cannot decide the check.
    const busySamples = await waitFor(
      () => {
        const found = sub.events.flatMap((b) => b.samples).filter((s) => s.id === busy.id && s.cpuPercent > 20);
        return found.length >= 3 ? found : undefined;
      },
      'three CPU samples of the busy container',
      20_000,
    );
    const busySample = busySamples[0]!;
    expect(busySample.memoryLimit).toBe(64 * 1024 * 1024);
    expect(busySample.onlineCpus).toBeGreaterThan(0);
    // 100 % is one core: a single `yes` cannot use more than one. The mistakes this guards against
    // show 200 % or so on every sample on two cores: the CLI's formula multiplied by the cores again,
    // or applied to Podman 4.3's system counter, which counts one CPU's time where Docker's counts
    // every CPU's (this test read 176 % in CI and 190 % here on Podman before stats-formulas knew).
    // The median of three keeps one jittery reading (Podman reads its counters at different
    // instants) from deciding it.
    const median = busySamples.slice(0, 3).map((s) => s.cpuPercent).sort((a, b) => a - b)[1];
    expect(median).toBeLessThan(150);
    const idleSample = await waitFor(() => sub.events.flatMap((b) => b.samples).find((s) => s.id === idle.id), 'an idle sample');
    expect(idleSample.memoryLimit).toBeNull();
    expect(idleSample.memoryUsed).toBeGreaterThan(0);
    // Both containers arrive in the same batches: one message a second, not one per container.
    expect(sub.events.some((b) => b.samples.length === 2)).toBe(true);
    if (r.ok) service.dispatcher.unsubscribe('test', r.value);
    expect(service.dispatcher.activeSubscriptions()['stats:watch'] ?? 0).toBe(0);
  });

  it('reports an unknown id as an error in the batch, without failing the others', async () => {
    const sub = subscribe<StatsBatch>('stats:watch', { ids: ['dockside-no-such-container'] });
    const r = await sub.opened;
    const err = await waitFor(() => sub.events.flatMap((b) => b.errors)[0], 'an error entry');
    expect(err.message).toMatch(/no such container/i);
    if (r.ok) service.dispatcher.unsubscribe('test', r.value);
  });

  it('names the field of bad arguments', async () => {
    const r = await service.dispatcher.subscribe('test', 'stats:watch', { ids: [''] }, () => {}, () => {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('ids.0');
  });
});

describe('logs:follow', () => {
  it('delivers lines written after subscribing, stdout and stderr apart', async () => {
    const c = await run('logs', ['sh', '-c', 'echo ready; while true; do sleep 0.2; if [ -f /tmp/go ]; then echo "out-line-$(cat /tmp/go)"; echo "err-line" >&2; rm /tmp/go; fi; done']);
    const sub = subscribe<LogBatch>('logs:follow', { id: c.id, tail: 10 });
    const r = await sub.opened;
    expect(r.ok).toBe(true);
    await waitFor(() => sub.events.flatMap((b) => unpackLines(b)).find((l) => l.text === 'ready'), 'the first line');
    const exec = await c.exec({ Cmd: ['sh', '-c', 'echo 42 > /tmp/go'] });
    // Detached: Podman refuses an exec start that attaches no stream.
    await exec.start({ Detach: true });
    const out = await waitFor(() => sub.events.flatMap((b) => unpackLines(b)).find((l) => l.text === 'out-line-42'), 'the new stdout line');
    expect(out.stream).toBe(1);
    const err = await waitFor(() => sub.events.flatMap((b) => unpackLines(b)).find((l) => l.text === 'err-line'), 'the stderr line');
    expect(err.stream).toBe(2);
    if (r.ok) service.dispatcher.unsubscribe('test', r.value);
  });

  it('reads a TTY container (no frame headers) and returns timestamps when asked', async () => {
    const c = await run('logs-tty', ['sh', '-c', 'echo tty-hello; sleep 300'], { tty: true });
    const sub = subscribe<LogBatch>('logs:follow', { id: c.id, tail: 'all', timestamps: true });
    const r = await sub.opened;
    const line = await waitFor(() => sub.events.flatMap((b) => unpackLines(b)).find((l) => l.text === 'tty-hello'), 'the TTY line');
    expect(line.ts).toMatch(/^\d{4}-\d\d-\d\dT/);
    if (r.ok) service.dispatcher.unsubscribe('test', r.value);
  });

  it.skipIf(leftOutOfLeanPodman('bounding a flood of log lines is batching inside Dockside; the Podman log stream itself is read by the two logs tests before'))('bounds each batch for a container printing 200,000 lines and counts what it dropped', async () => {
    const c = await run('logs-flood', ['sh', '-c', 'seq 1 200000; sleep 300']);
    const sub = subscribe<LogBatch>('logs:follow', { id: c.id, tail: 'all' });
    const r = await sub.opened;
    await waitFor(() => sub.events.at(-1)?.total === 200000, 'all 200,000 lines read', 30_000);
    await waitFor(() => sub.events.flatMap((b) => unpackLines(b)).some((l) => l.text === '200000'), 'the last line delivered');
    expect(Math.max(...sub.events.map((b) => unpackLines(b).length))).toBeLessThanOrEqual(5000);
    const delivered = sub.events.reduce((n, b) => n + unpackLines(b).length, 0);
    const dropped = sub.events.reduce((n, b) => n + b.dropped, 0);
    expect(delivered + dropped).toBe(200000);
    if (r.ok) service.dispatcher.unsubscribe('test', r.value);
  });

  it.skipIf(leftOutOfLeanPodman('saving writes the same log read to a file; the Podman log stream itself is read by the logs tests'))('saves the whole log to a new file in the data folder when there is no dialog or browser', async () => {
    const c = await run('logs-save', ['sh', '-c', 'seq 1 50000; echo oops >&2; sleep 300']);
    // Both streams: Podman applies the tail before the stream filter, so the last line ("oops",
    // stderr) leaves a stdout-only tail of 1 empty.
    await waitFor(async () => (await c.logs({ stdout: true, stderr: true, tail: 1 })).length > 0, 'output');
    const r = await waitFor(async () => {
      const r = await service.dispatcher.invoke('logs:save', { id: c.id });
      return r.ok && (r.value as { lines: number }).lines === 50001 ? r : null;
    }, 'a saved file of 50,001 lines');
    expect(r.ok).toBe(true);
    if (r.ok) {
      const v = r.value as { kind: string; path: string; lines: number; command: string };
      expect(v.kind).toBe('saved');
      expect(v.path.startsWith(path.join(dataDir, 'logs') + path.sep)).toBe(true);
      const text = fs.readFileSync(v.path, 'utf8').split('\n');
      // The engine orders stdout and stderr by the time it read them; stdout keeps its own order.
      const out = text.filter((l) => /^\d+$/.test(l));
      expect(out.length).toBe(50000);
      expect(out[0]).toBe('1');
      expect(out[49999]).toBe('50000');
      expect(text).toContain('oops');
      expect(v.command).toMatch(/^docker logs \S+ > /);
    }
    // The renderer cannot name a path any more.
    const bad = await service.dispatcher.invoke('logs:save', { id: c.id, path: '/tmp/x.log' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('top:list', () => {
  it('lists the container process and says a stopped container has none', async () => {
    const c = await run('top');
    const r = await service.dispatcher.invoke('top:list', { id: c.id });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { running: boolean; titles: string[]; processes: string[][]; command: string };
    expect(v.running).toBe(true);
    expect(v.titles).toContain('PID');
    const cmdCol = v.titles.indexOf('CMD') >= 0 ? v.titles.indexOf('CMD') : v.titles.length - 1;
    expect(v.processes.some((p) => /httpd/.test(p[cmdCol] ?? ''))).toBe(true);
    expect(v.command).toMatch(/^docker top /);
    await c.stop({ t: 0 });
    const after = await service.dispatcher.invoke('top:list', { id: c.id });
    expect(after.ok && (after.value as { running: boolean }).running).toBe(false);
  });
});

describe('limits', () => {
  it.skipIf(skipOnPodman('Podman 4.3 has no container update endpoint (POST /containers/{id}/update answers 404); Limits says so'))('updates memory and CPUs: inspect shows 64m as 67108864 and so does the next stats sample', async () => {
    const c = await run('limits', ['sh', '-c', 'sleep 300'], { memory: 128 * 1024 * 1024 });
    const sub = subscribe<StatsBatch>('stats:watch', { ids: [c.id] });
    const s = await sub.opened;
    await waitFor(() => sub.events.flatMap((b) => b.samples).find((x) => x.memoryLimit === 128 * 1024 * 1024), 'the 128m limit in stats');
    const r = await service.dispatcher.invoke('limits:update', { id: c.id, memory: '64m', cpus: 0.5 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const v = r.value as { memory: number; memorySwap: number; nanoCpus: number; command: string };
      expect(v.command).toMatch(/^docker update --memory 64m --memory-swap 128m --cpus 0.5 /);
    }
    const info = await c.inspect();
    expect(info.HostConfig.Memory).toBe(67108864);
    expect(info.HostConfig.MemorySwap).toBe(134217728);
    expect(info.HostConfig.NanoCpus).toBe(500_000_000);
    await waitFor(() => sub.events.flatMap((b) => b.samples).find((x) => x.memoryLimit === 67108864), 'the 64m limit in the next stats sample');
    if (s.ok) service.dispatcher.unsubscribe('test', s.value);
  });

  it('refuses bad values naming the field', async () => {
    const c = await run('limits-bad', ['sh', '-c', 'sleep 300']);
    const tooSmall = await service.dispatcher.invoke('limits:update', { id: c.id, memory: '1m' });
    expect(!tooSmall.ok && tooSmall.error.field).toBe('memory');
    const notSize = await service.dispatcher.invoke('limits:update', { id: c.id, memory: 'lots' });
    expect(!notSize.ok && notSize.error.field).toBe('memory');
    const cpus = await service.dispatcher.invoke('limits:update', { id: c.id, cpus: 0 });
    expect(!cpus.ok && cpus.error.field).toBe('cpus');
    const swap = await service.dispatcher.invoke('limits:update', { id: c.id, memory: '64m', memorySwap: '32m' });
    expect(!swap.ok && swap.error.field).toBe('memorySwap');
  });

  it.skipIf(skipOnPodman('Podman 4.3 (conmon, cgroup v1) neither sets State.OOMKilled nor sends an oom event: a container killed at its memory limit just exits 137'))('reports an OOM kill: inspect OOMKilled and the engine oom event', async () => {
    const events = subscribe<EngineEvent>('engine:events', { types: ['container'] });
    await events.opened;
    const c = await run('oom', ['sh', '-c', 'tail /dev/zero'], { memory: 8 * 1024 * 1024 });
    await waitFor(async () => {
      const r = await service.dispatcher.invoke('limits:get', { id: c.id });
      return r.ok && (r.value as { oomKilled: boolean }).oomKilled;
    }, 'OOMKilled in limits:get', 30_000);
    await waitFor(() => events.events.find((e) => e.id === c.id && e.action === 'oom'), 'the oom engine event');
    const r = await service.dispatcher.invoke('limits:get', { id: c.id });
    if (r.ok) expect((r.value as { running: boolean; exitCode: number }).exitCode).toBe(137);
  });
});
