/**
 * Swarm mode on the suite's engine: start a one-node cluster, run a 3-replica service of a local
 * image with host-mode ports, watch rolling updates (start-first keeps answering, stop-first
 * leaves a gap), a failing version triggers its failure action, scale, roll back, remove, leave,
 * and nothing Dockside created remains. Skipped (with the reason) when the engine is already in a
 * swarm that is not the suite's: the tests never touch a cluster they did not start.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterProbeSample, ClusterSnapshot } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { buildClusterImages, engineInSwarm, type ClusterImages } from '../support/cluster-images';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testLabels, testName } from '../support/labels';

let service: Service;
let dataDir: string;
let images: ClusterImages;
const busy = await engineInSwarm(testDocker());
if (busy) console.log(`cluster tests skipped: the engine is already part of a swarm (state ${busy}); the suite never changes a cluster it did not start.`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** The newest snapshot from a cluster:watch subscription. */
function watch(): { latest: () => ClusterSnapshot | null; close: () => void; ready: Promise<void> } {
  let latest: ClusterSnapshot | null = null;
  let subId = '';
  const ready = service.dispatcher
    .subscribe('cluster-test', 'cluster:watch', {}, (_id, e) => (latest = e as ClusterSnapshot), () => undefined)
    .then((r) => {
      if (!r.ok) throw new Error(r.error.message);
      subId = r.value;
    });
  return { latest: () => latest, close: () => service.dispatcher.unsubscribe('cluster-test', subId), ready };
}

function probe(name: string): { samples: ClusterProbeSample[]; close: () => void; ready: Promise<void> } {
  const samples: ClusterProbeSample[] = [];
  let subId = '';
  const ready = service.dispatcher
    .subscribe('cluster-test', 'cluster:probe', { service: name, perSecond: 10 }, (_id, e) => samples.push(e as ClusterProbeSample), () => undefined)
    .then((r) => {
      if (!r.ok) throw new Error(r.error.message);
      subId = r.value;
    });
  return { samples, close: () => service.dispatcher.unsubscribe('cluster-test', subId), ready };
}

const versionsIn = (samples: ClusterProbeSample[]) => new Set(samples.flatMap((s) => s.answers.filter((a) => a.ok).map((a) => a.body ?? '')));

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-cluster-'));
  service = await createService({ dataDir });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
  if (!busy) images = await buildClusterImages(testDocker());
}, 120_000);

afterAll(async () => {
  // Whatever happened, leave the engine as it was: services, the swarm, and the bridge init added.
  if (!busy) {
    await cleanupRun();
    const info = await service.call('cluster:info', {});
    if (info.ok && info.value.state !== 'inactive') await service.call('cluster:leave', { confirmServices: true });
  }
  service?.close();
  await cleanupRun();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe.skipIf(Boolean(busy))('cluster (Swarm mode) on the real engine', () => {
  it('refuses service actions before a cluster exists, and bad input before the engine sees it', async () => {
    const notYet = await service.call('cluster:create-service', { spec: { name: testName('svc'), image: images.v1, replicas: 1 } });
    expect(notYet).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!notYet.ok && notYet.error.message).toMatch(/not part of a cluster/);
    const negative = await service.call('cluster:create-service', { spec: { name: 'web', image: images.v1, replicas: -1 } });
    expect(negative).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'spec.replicas' } });
    const badName = await service.call('cluster:create-service', { spec: { name: '-web', image: images.v1, replicas: 1 } });
    expect(badName).toMatchObject({ ok: false, error: { field: 'spec.name' } });
    const leave = await service.call('cluster:leave', {});
    expect(leave).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const badAddr = await service.call('cluster:init', { advertiseAddr: 'not an address' });
    expect(badAddr).toMatchObject({ ok: false, error: { field: 'advertiseAddr' } });
  });

  it('starts a one-node cluster, runs and rolls a 3-replica service, and leaves nothing behind', async () => {
    const docker = testDocker();
    const hadGwbridge = (await docker.listNetworks({ filters: { name: ['docker_gwbridge'] } })).some((n) => n.Name === 'docker_gwbridge');
    const init = await service.call('cluster:init', { advertiseAddr: '127.0.0.1' });
    if (!init.ok) throw new Error(init.error.message);
    expect(init.value).toMatchObject({ state: 'active', isManager: true, nodes: 1, createdByDockside: true });
    expect(init.value.command).toBe('docker swarm init --advertise-addr=127.0.0.1 --listen-addr=127.0.0.1:2377');

    const w = watch();
    await w.ready;
    await waitFor(() => w.latest()?.info.state === 'active' && w.latest()!.nodes.length === 1, 'the watch to show the one node');
    expect(w.latest()!.nodes[0]).toMatchObject({ role: 'manager', state: 'ready', self: true, leader: true });

    // Errors by field: missing image, a port already taken, a fixed host port for 3 replicas on 1 node.
    const name = testName('svc');
    const missing = await service.call('cluster:create-service', { spec: { name, image: `${images.repo}:9.9.9`, replicas: 1 } });
    expect(missing).toMatchObject({ ok: false, error: { field: 'spec.image' } });
    const taken = await freePort();
    await runContainer({ name: testName('holder'), image: WEB_IMAGE, ports: { '80/tcp': String(taken) } });
    const clash = await service.call('cluster:create-service', { spec: { name, image: images.v1, replicas: 1, ports: [{ targetPort: 80, publishedPort: taken, mode: 'host' }] } });
    expect(clash).toMatchObject({ ok: false, error: { field: 'spec.ports.0.publishedPort' } });
    expect(!clash.ok && clash.error.message).toMatch(new RegExp(`Port ${taken} is already in use`));
    const fixed = await freePort();
    const tooMany = await service.call('cluster:create-service', { spec: { name, image: images.v1, replicas: 3, ports: [{ targetPort: 80, publishedPort: fixed, mode: 'host' }] } });
    expect(tooMany).toMatchObject({ ok: false, error: { field: 'spec.ports.0.publishedPort' } });

    // 3 replicas, each task on its own host port.
    const created = await service.call('cluster:create-service', {
      spec: { name, image: images.v1, replicas: 3, ports: [{ targetPort: 80, mode: 'host' }], update: { parallelism: 1, delaySeconds: 0, order: 'start-first', failureAction: 'pause' }, labels: testLabels() },
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.command).toContain(`docker service create --name=${name} --replicas=3 --publish=mode=host,target=80 --update-order=start-first`);
    const svcOf = () => w.latest()?.services.find((s) => s.name === name);
    await waitFor(() => svcOf()?.running === 3, '3 running replicas in the watch', 60_000);
    // A task can be reported running a moment before its host port is: the watch converges. (Engine
    // 20.10 may give a task's IPv4 and IPv6 bindings two different host ports: both are listed.)
    const runningTasks = () => w.latest()!.tasks.filter((t) => t.serviceId === created.value.id && t.state === 'running');
    await waitFor(() => runningTasks().length === 3 && runningTasks().every((t) => t.ports.length >= 1), 'each task with its own host port', 30_000);
    expect(runningTasks().map((t) => t.slot).sort()).toEqual([1, 2, 3]);
    expect(runningTasks().every((t) => t.image === images.v1)).toBe(true);
    expect(new Set(runningTasks().flatMap((t) => t.ports.map((p) => p.publishedPort))).size).toBeGreaterThanOrEqual(3);

    // start-first: the new task answers before the old one stops, so every round is served.
    const p1 = probe(name);
    await p1.ready;
    await waitFor(() => p1.samples.filter((s) => s.up).length >= 3, 'answers from version 1');
    const up1 = await service.call('cluster:update-image', { id: name, image: images.v2 });
    if (!up1.ok) throw new Error(up1.error.message);
    expect(up1.value.command).toBe(`docker service update --image=${images.v2} ${name}`);
    await waitFor(() => svcOf()?.update?.state === 'completed' && svcOf()?.image === images.v2, 'the start-first update to complete', 90_000);
    await waitFor(() => p1.samples.at(-1)?.answers.every((a) => a.body === 'cluster test version 2'), 'only version 2 answering', 15_000);
    p1.close();
    const during1 = p1.samples.slice(p1.samples.findIndex((s) => s.up));
    expect(versionsIn(during1)).toEqual(new Set(['cluster test version 1', 'cluster test version 2']));
    // A round with no answer names what each port said (refused, silent, a status).
    const down1 = during1.filter((s) => !s.up).map((s) => ({ at: new Date(s.at).toISOString(), answers: s.answers.map((a) => `${a.port} ${a.image ?? ''}: ${a.error ?? a.status}`) }));
    expect(down1, 'rounds nobody answered during the start-first update').toEqual([]);

    // Scale to 1, then stop-first: the only task stops before its successor starts: a gap.
    const scaled = await service.call('cluster:scale', { id: name, replicas: 1 });
    if (!scaled.ok) throw new Error(scaled.error.message);
    expect(scaled.value.command).toBe(`docker service scale ${name}=1`);
    await waitFor(() => svcOf()?.running === 1 && w.latest()!.tasks.filter((t) => t.serviceId === created.value.id && t.state === 'running').length === 1, 'one replica left', 60_000);
    const p2 = probe(name);
    await p2.ready;
    await waitFor(() => p2.samples.filter((s) => s.up).length >= 3, 'answers before the stop-first update');
    const up2 = await service.call('cluster:update-image', { id: name, image: images.v1, update: { parallelism: 1, delaySeconds: 0, order: 'stop-first', failureAction: 'pause' } });
    if (!up2.ok) throw new Error(up2.error.message);
    expect(up2.value.command).toBe(`docker service update --update-order=stop-first --image=${images.v1} ${name}`);
    await waitFor(() => svcOf()?.update?.state === 'completed' && svcOf()?.image === images.v1, 'the stop-first update to complete', 90_000);
    await waitFor(() => p2.samples.at(-1)?.up && p2.samples.at(-1)!.answers.every((a) => a.body === 'cluster test version 1'), 'version 1 answering again', 15_000);
    p2.close();
    const during2 = p2.samples.slice(p2.samples.findIndex((s) => s.up));
    expect(versionsIn(during2)).toEqual(new Set(['cluster test version 1', 'cluster test version 2']));
    expect(during2.some((s) => !s.up)).toBe(true);

    // Roll back: to the spec before the last update (version 2).
    const rb = await service.call('cluster:rollback', { id: name });
    if (!rb.ok) throw new Error(rb.error.message);
    expect(rb.value.command).toBe(`docker service rollback ${name}`);
    await waitFor(() => svcOf()?.update?.state === 'rollback_completed' && svcOf()?.image === images.v2, 'the rollback to complete', 90_000);

    // A version that exits at once: the failure action (pause) stops the update, and says why.
    const bad = await service.call('cluster:update-image', { id: name, image: images.broken, update: { parallelism: 1, delaySeconds: 0, order: 'start-first', failureAction: 'pause' } });
    if (!bad.ok) throw new Error(bad.error.message);
    await waitFor(() => svcOf()?.update?.state === 'paused', 'the failing update to pause', 90_000);
    expect(svcOf()!.update!.message).toMatch(/paused/);
    // start-first kept the old task serving while the new one failed.
    expect(w.latest()!.tasks.some((t) => t.serviceId === created.value.id && t.state === 'running' && t.image === images.v2)).toBe(true);
    expect(w.latest()!.tasks.some((t) => t.serviceId === created.value.id && t.image === images.broken && /failed|rejected|shutdown|complete/.test(t.state))).toBe(true);

    // Leaving with a service asks first; confirmed, the service, its containers and docker_gwbridge go.
    const ask = await service.call('cluster:leave', {});
    expect(ask).toMatchObject({ ok: false, error: { code: 'conflict', field: 'confirmServices' } });
    expect(!ask.ok && ask.error.message).toContain(name);
    const removed = await service.call('cluster:remove-service', { id: name });
    if (!removed.ok) throw new Error(removed.error.message);
    expect(removed.value.command).toBe(`docker service rm ${name}`);
    await waitFor(async () => (await docker.listContainers({ all: true, filters: { label: [`com.docker.swarm.service.name=${name}`] } })).length === 0, 'the task containers gone', 60_000);
    const left = await service.call('cluster:leave', {});
    if (!left.ok) throw new Error(left.error.message);
    w.close();
    expect((await service.call('cluster:info', {})).ok && (await engineInSwarm(docker))).toBe(null);
    const gw = (await docker.listNetworks({ filters: { name: ['docker_gwbridge'] } })).some((n) => n.Name === 'docker_gwbridge');
    expect(gw).toBe(hadGwbridge);
    expect(left.value.removed).toEqual(hadGwbridge ? [] : ['network docker_gwbridge']);
    expect((await docker.listNetworks()).map((n) => n.Name)).not.toContain('ingress');
  }, 600_000);
});
