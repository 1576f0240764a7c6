/** The load-balancer lab on the real engine, through the service, with the locally built Caddy image. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabAnswer, LabState } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { CADDY_TEST_IMAGE } from '../setup/prepare-networks';
import { cleanupRun, testDocker, waitFor } from '../support/engine';
import { testLabels } from '../support/labels';

let service: Service;
let dataDir: string;

/** A port the OS considers free right now (the lab checks again). */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '0.0.0.0', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function ok<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-lab-'));
  service = await createService({ dataDir });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
});

afterAll(async () => {
  service?.close();
  await cleanupRun();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('load-balancer lab', () => {
  it('refuses a host port in use, next to the field', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)));
    try {
      const res = await service.dispatcher.invoke('lab:start', { hostPort: port, image: CADDY_TEST_IMAGE, labels: testLabels() });
      expect(res).toMatchObject({ ok: false, error: { field: 'hostPort', message: `Port ${port} is in use; pick another host port.` } });
    } finally {
      blocker.close();
    }
    const noImage = await service.dispatcher.invoke('lab:start', { hostPort: await freePort(), image: 'dockside-test/no-such-caddy:latest', labels: testLabels() });
    expect(noImage).toMatchObject({ ok: false, error: { field: 'image' } });
  });

  it('round-robins 1,2,1,2; a policy change and a stopped backend show in the answers; teardown leaves nothing', async () => {
    const hostPort = await freePort();
    const started = await ok<{ lab: LabState; commands: string[] }>(
      service.dispatcher.invoke('lab:start', { hostPort, image: CADDY_TEST_IMAGE, labels: testLabels() }),
    );
    const lab = started.lab;
    expect(lab.containers.map((c) => c.role)).toEqual(['lb', 'app1', 'app2']);
    expect(lab.containers.every((c) => c.state === 'running')).toBe(true);
    expect(lab.caddyfile).toMatch(/reverse_proxy \S+-app1:80 \S+-app2:80 \{\n\t\tlb_policy round_robin/);
    expect(started.commands[0]).toBe(`docker network create ${lab.network}`);
    // The app servers publish nothing; only the load balancer is on the host.
    for (const c of lab.containers) {
      const info = await testDocker().getContainer(c.id).inspect();
      const bindings = Object.values(info.HostConfig.PortBindings ?? {}).flat();
      expect(bindings.length).toBe(c.role === 'lb' ? 1 : 0);
    }

    const sent = await ok<{ answers: LabAnswer[]; counts: Record<string, number> }>(service.dispatcher.invoke('lab:send', { labId: lab.labId, count: 4 }));
    const order = sent.answers.map((a) => a.backend);
    expect([['app1', 'app2', 'app1', 'app2'], ['app2', 'app1', 'app2', 'app1']]).toContainEqual(order);
    expect(sent.counts).toEqual({ app1: 2, app2: 2 });

    // A second lab run does not collide with the first.
    const second = await ok<{ lab: LabState }>(service.dispatcher.invoke('lab:start', { hostPort: await freePort(), image: CADDY_TEST_IMAGE, labels: testLabels() }));
    expect(second.lab.labId).not.toBe(lab.labId);
    expect(second.lab.network).not.toBe(lab.network);

    // Policy "first" (edited Caddyfile + caddy reload): every answer comes from app1.
    const edited = lab.caddyfile.replace('lb_policy round_robin', 'lb_policy first');
    const reloaded = await ok<{ command: string }>(service.dispatcher.invoke('lab:reload', { labId: lab.labId, caddyfile: edited }));
    expect(reloaded.command).toContain('caddy reload --config /etc/caddy/Caddyfile --adapter caddyfile');
    const firstOnly = await ok<{ counts: Record<string, number> }>(service.dispatcher.invoke('lab:send', { labId: lab.labId, count: 4 }));
    expect(firstOnly.counts).toEqual({ app1: 4 });
    // A broken Caddyfile is refused by Caddy, reported on the field, and the old one stays.
    const broken = await service.dispatcher.invoke('lab:reload', { labId: lab.labId, caddyfile: ':80 {\n\treverse_proxy {\n' });
    expect(broken).toMatchObject({ ok: false, error: { field: 'caddyfile' } });
    const listed = await ok<LabState[]>(service.dispatcher.invoke('lab:list', {}));
    expect(listed.find((l) => l.labId === lab.labId)!.caddyfile).toBe(edited);
    await ok(service.dispatcher.invoke('lab:reload', { labId: lab.labId, caddyfile: lab.caddyfile }));

    // Continuous traffic: stop app1, and every later answer comes from app2.
    const events: { answer: LabAnswer; counts: Record<string, number> }[] = [];
    const sub = await service.dispatcher.subscribe('lab-test', 'lab:traffic', { labId: lab.labId, perSecond: 10 }, (_id, e) => events.push(e as (typeof events)[number]), () => undefined);
    expect(sub.ok).toBe(true);
    await waitFor(() => events.length >= 4, 'four answers through the load balancer');
    expect(new Set(events.slice(0, 4).map((e) => e.answer.backend))).toEqual(new Set(['app1', 'app2']));
    const app1 = lab.containers.find((c) => c.role === 'app1')!;
    await ok(service.dispatcher.invoke('containers:stop', { id: app1.id, timeoutSeconds: 1 }));
    const mark = events.length;
    await waitFor(() => events.length >= mark + 8, 'eight answers after stopping app1', 20_000);
    const after = events.slice(mark);
    expect(after.every((e) => e.answer.backend === 'app2' && e.answer.status === 200), JSON.stringify(after.map((e) => e.answer))).toBe(true);
    service.dispatcher.disposeOwner('lab-test');
    const frozen = events.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(events.length).toBeLessThanOrEqual(frozen + 1);

    // Teardown: exactly this lab's objects go; the second lab stays.
    const down = await ok<{ removed: string[] }>(service.dispatcher.invoke('lab:teardown', { labId: lab.labId }));
    expect(down.removed.sort()).toEqual([...lab.containers.map((c) => c.name), lab.network].sort());
    const left = await testDocker().listContainers({ all: true, filters: { label: [`dockside.lab=${lab.labId}`] } });
    const leftNets = await testDocker().listNetworks({ filters: { label: [`dockside.lab=${lab.labId}`] } });
    expect(left.length + leftNets.length).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'labs', lab.labId))).toBe(false);
    const others = await ok<LabState[]>(service.dispatcher.invoke('lab:list', {}));
    expect(others.find((l) => l.labId === second.lab.labId)?.containers.length).toBe(3);
    await ok(service.dispatcher.invoke('lab:teardown', { labId: second.lab.labId }));
  });
});
