/**
 * Streams survive the engine going away: a private dockerd (test/support/private-dockerd.ts) is
 * stopped and started again while stats, logs and top are subscribed through the service; each
 * stream comes back without anyone re-subscribing, and the log continues exactly where it
 * stopped (compared line by line, with timestamps, against what the engine itself holds).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, LogBatch, LogLine, StatsBatch, TopResult } from '../../main/contract';
import { unpackLines } from '../../main/debug/log-batch';
import { LogDemuxer } from '../../main/debug/log-demux';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { createService, type Service } from '../../main/service/create-service';
import { testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testLabels } from '../support/labels';
import { hostHasDocker0, privateDockerdUnavailable, startPrivateDockerd, type PrivateDockerd } from '../support/private-dockerd';

const unavailable = privateDockerdUnavailable();
if (unavailable) console.log(`livestate-restart: skipped, ${unavailable}`);

const docker0Before = hostHasDocker0();
let engine: PrivateDockerd;
let service: Service;
let dataDir: string;

beforeAll(async () => {
  if (unavailable) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-it-restart-'));
  engine = await startPrivateDockerd();
  await engine.loadImage(testDocker(), WEB_IMAGE);
  service = await createService({ dataDir, endpointEnv: { ...processEndpointEnv(), env: { DOCKER_HOST: engine.host } }, retryDelaysMs: [300] });
  expect(service.engine.getStatus().state).toBe('connected');
});

afterAll(async () => {
  service?.close();
  await engine?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  // The private engine must not have touched the default engine's bridge.
  if (!unavailable) expect(hostHasDocker0()).toBe(docker0Before);
});

describe.skipIf(unavailable)('streams survive an engine restart', () => {
  it('stats, logs and top resume by themselves; the log has no duplicate and no missing line', async () => {
    // Numbered lines; the counter lives in the container's filesystem, so it carries on after
    // the engine restarts the container (restart policy "always").
    const c = await engine.docker.createContainer({
      Image: WEB_IMAGE,
      Labels: testLabels(),
      Cmd: ['sh', '-c', 'i=$(cat /n 2>/dev/null || echo 0); while true; do i=$((i+1)); echo "line $i"; echo $i > /n; sleep 0.2; done'],
      HostConfig: { RestartPolicy: { Name: 'always' } },
    });
    await c.start();

    const stats: { at: number; b: StatsBatch }[] = [];
    const logs: LogLine[] = [];
    const tops: { at: number; r: TopResult }[] = [];
    const errors: ApiError[] = [];
    const sub = async (name: string, args: object, onEvent: (e: unknown) => void) => {
      const r = await service.dispatcher.subscribe('it-restart', name, args, (_id, e) => onEvent(e), (_id, e) => errors.push(e));
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value;
    };
    await sub('stats:watch', { ids: [c.id] }, (b) => stats.push({ at: Date.now(), b: b as StatsBatch }));
    await sub('logs:follow', { id: c.id, tail: 'all', timestamps: true }, (b) => logs.push(...unpackLines(b as LogBatch)));
    await sub('top:watch', { id: c.id, psArgs: '-ef', intervalMs: 500 }, (r) => tops.push({ at: Date.now(), r: r as TopResult }));
    await waitFor(() => stats.some((s) => s.b.samples.length > 0) && logs.length >= 3 && tops.some((t) => t.r.running), 'all three streams before the restart', 20_000);

    await engine.kill();
    await waitFor(() => service.engine.getStatus().state === 'unreachable', 'the service to notice the engine is gone', 15_000);
    const linesBefore = logs.length;
    await engine.start();
    await waitFor(() => service.engine.getStatus().state === 'connected', 'the service to reconnect', 30_000);
    const back = Date.now();

    // Nobody re-subscribed: the same three subscriptions deliver again.
    await waitFor(() => stats.some((s) => s.at > back && s.b.samples.some((x) => x.id === c.id && x.pids > 0)), 'stats samples after the restart', 20_000);
    await waitFor(() => tops.some((t) => t.at > back && t.r.running && t.r.processes.length > 0), 'top after the restart', 20_000);
    await waitFor(() => logs.length >= linesBefore + 5, 'new log lines after the restart', 20_000);
    expect(service.dispatcher.activeSubscriptions()).toMatchObject({ 'stats:watch': 1, 'logs:follow': 1, 'top:watch': 1 });

    // The engine's own log, from the first line we received: ours must be exactly its start.
    const raw = (await c.logs({ stdout: true, stderr: true, timestamps: true, follow: false })) as unknown as Buffer;
    const demux = new LogDemuxer(false, true);
    const held = [...demux.push(raw), ...demux.flush()].map((l) => `${l.ts} ${l.text}`);
    const got = logs.map((l) => `${l.ts} ${l.text}`);
    const from = held.indexOf(got[0]!);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(got).toEqual(held.slice(from, from + got.length));
    expect(new Set(got).size).toBe(got.length);
    expect(errors.filter((e) => e.code !== 'not-connected')).toEqual([]);
  });

  it('after a switch to another engine, an open log says its container no longer exists there; switching back resumes it', async () => {
    const c = await engine.docker.createContainer({ Image: WEB_IMAGE, Labels: testLabels(), Cmd: ['sh', '-c', 'while true; do echo x; sleep 0.5; done'] });
    await c.start();
    const errors: ApiError[] = [];
    let lines = 0;
    const r = await service.dispatcher.subscribe('it-restart', 'logs:follow', { id: c.id, tail: 10 }, (_id, b) => (lines += (b as LogBatch).count), (_id, e) => errors.push(e));
    expect(r.ok).toBe(true);
    await waitFor(() => lines > 0, 'log lines');
    // The default engine does not have this container.
    const other = await service.call('engine:switch', { url: `unix://${(testDocker().modem as unknown as { socketPath: string }).socketPath}` });
    expect(other).toMatchObject({ ok: true, value: { state: 'connected' } });
    const gone = await waitFor(() => errors.find((e) => e.code === 'not-found'), 'a not-found error on the subscription', 15_000);
    expect(gone.message).toMatch(/no longer exists on this engine/);
    const back = await service.call('engine:switch', { configured: true });
    expect(back).toMatchObject({ ok: true, value: { state: 'connected', endpoint: { url: engine.host } } });
    const before = lines;
    await waitFor(() => lines > before, 'the log to resume on the private engine', 15_000);
  });
});
