/** Networks on the real engine: create/connect/remove through the service, name resolution, --network none. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { freeSubnet } from '../support/free-subnet';
import { testLabels, testName } from '../support/labels';
import { skipOnPodman, TEST_ENGINE } from '../support/engine-kind';
import { SILENT_ENGINE_REFRESH_MS } from '../../main/networks/network-refresh';

let service: Service;
let dataDir: string;

async function execOut(id: string, cmd: string[]): Promise<{ code: number; out: string }> {
  const exec = await testDocker().getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', () => resolve());
    stream.on('error', () => resolve());
  });
  const info = await exec.inspect();
  return { code: info.ExitCode ?? -1, out: Buffer.concat(chunks).toString() };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-networks-'));
  service = await createService({ dataDir });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
});

afterAll(async () => {
  service?.close();
  await cleanupRun();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('networks on the real engine', () => {
  it('creates a bridge network, attaches containers with an alias; they reach each other by name', async () => {
    const netName = testName('net');
    const subnet = await freeSubnet();
    const prefix = subnet.replace(/\.0\/24$/, '');
    const created = await service.dispatcher.invoke('networks:create', { name: netName, subnet, labels: testLabels() });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const value = (created as { ok: true; value: { command: string } }).value;
    expect(value.command).toBe(`docker network create --driver bridge --subnet=${subnet} --label dockside.test=${testLabels()['dockside.test']} ${netName}`);

    const a = await runContainer({ name: testName('a'), image: WEB_IMAGE, networkMode: netName });
    const bName = testName('b');
    const b = await runContainer({ name: bName, image: WEB_IMAGE });
    const conn = await service.dispatcher.invoke('networks:connect', { network: netName, container: bName, alias: 'backend' });
    expect((conn as { ok: true; value: { command: string } }).value.command).toBe(`docker network connect --alias=backend ${netName} ${bName}`);

    // By container name and by alias, from a to b.
    const byName = await execOut(a.id, ['timeout', '5', 'wget', '-q', '-O', '-', `http://${bName}/`]);
    expect(byName.out).toContain('Hello from the Dockside test web server');
    const byAlias = await execOut(a.id, ['timeout', '5', 'wget', '-q', '-O', '-', 'http://backend/']);
    expect(byAlias.code).toBe(0);

    const list = await service.dispatcher.invoke('networks:list', {});
    expect(list.ok).toBe(true);
    const net = (list as { ok: true; value: NetworkSummary[] }).value.find((n) => n.name === netName)!;
    expect(net.subnets[0]?.subnet).toBe(subnet);
    expect(net.driver).toBe('bridge');
    const bEp = net.containers.find((c) => c.containerName === bName)!;
    expect(bEp.aliases).toEqual(['backend']);
    expect(bEp.ipv4.startsWith(`${prefix}.`) && bEp.ipv4.endsWith('/24')).toBe(true);

    // Removal is refused while containers are attached, naming them.
    const refused = await service.dispatcher.invoke('networks:remove', { id: netName });
    expect(refused.ok).toBe(false);
    expect((refused as { ok: false; error: { message: string } }).error.message).toContain(bName);

    // Bad input: name in use, overlapping subnet, invalid CIDR, each tied to its field.
    const dup = await service.dispatcher.invoke('networks:create', { name: netName, labels: testLabels() });
    expect(dup).toMatchObject({ ok: false, error: { field: 'name' } });
    const overlap = await service.dispatcher.invoke('networks:create', { name: testName('ovl'), subnet: `${prefix}.0/25`, labels: testLabels() });
    expect(overlap).toMatchObject({ ok: false, error: { field: 'subnet' } });
    // Docker: "Pool overlaps with other one on this address space"; Podman: "subnet ... is already used on the host or by another config".
    expect((overlap as { ok: false; error: { message: string } }).error.message).toMatch(/overlap|already used/i);
    const badCidr = await service.dispatcher.invoke('networks:create', { name: testName('bad'), subnet: '10.1.2.0/33', labels: testLabels() });
    expect(badCidr).toMatchObject({ ok: false, error: { field: 'subnet' } });
    const badName = await service.dispatcher.invoke('networks:create', { name: 'has space' });
    expect(badName).toMatchObject({ ok: false, error: { field: 'name' } });

    const disc = await service.dispatcher.invoke('networks:disconnect', { network: netName, container: bName });
    expect(disc).toMatchObject({ ok: true, value: { command: `docker network disconnect ${netName} ${bName}` } });
    await a.remove({ force: true });
    await b.remove({ force: true });
    const removed = await service.dispatcher.invoke('networks:remove', { id: netName });
    expect(removed).toMatchObject({ ok: true, value: { command: `docker network rm ${netName}` } });
    await expect(testDocker().getNetwork(netName).inspect()).rejects.toThrow();
  });

  it('a container on --network none has only lo and cannot reach another address', async () => {
    const peer = await runContainer({ name: testName('peer'), image: WEB_IMAGE });
    // The default network: "bridge" on Docker, "podman" in Podman's inspect.
    const peerIp = Object.values((await peer.inspect()).NetworkSettings.Networks)[0]!.IPAddress;
    const lonely = await runContainer({ name: testName('none'), image: WEB_IMAGE, networkMode: 'none' });
    const links = await execOut(lonely.id, ['ls', '/sys/class/net']);
    expect(links.out.trim().split(/\s+/)).toEqual(['lo']);
    const reach = await execOut(lonely.id, ['timeout', '5', 'wget', '-q', '-O', '-', `http://${peerIp}/`]);
    expect(reach.code).not.toBe(0);
    // The same fixture on the default bridge does reach it (the failure is the network, not the tool).
    const other = await runContainer({ name: testName('bridged'), image: WEB_IMAGE });
    const ok = await execOut(other.id, ['timeout', '5', 'wget', '-q', '-O', '-', `http://${peerIp}/`]);
    expect(ok.code).toBe(0);
  });

  it.skipIf(skipOnPodman('Podman has no "none" (or "host") network object: GET /networks lists only real networks, so a --network none container belongs to no network in the list'))('lists the built-in none network with the containers on it', async () => {
    const lonely = await runContainer({ name: testName('none-listed'), image: WEB_IMAGE, networkMode: 'none' });
    const list = (await service.dispatcher.invoke('networks:list', {})) as { ok: true; value: NetworkSummary[] };
    const none = list.value.find((n) => n.name === 'none')!;
    expect(none.builtin).toBe(true);
    expect(none.containers.map((c) => c.containerId)).toContain(lonely.id);
  });

  it('networks:watch re-sends the list when a network appears (engine events, no timer; a slow re-list on Podman)', async () => {
    // Podman sends no network events: an open networks view re-lists every SILENT_ENGINE_REFRESH_MS there.
    const within = TEST_ENGINE === 'podman' ? SILENT_ENGINE_REFRESH_MS + 5_000 : 10_000;
    const lists: NetworkSummary[][] = [];
    const sub = await service.dispatcher.subscribe('t', 'networks:watch', {}, (_id, e) => lists.push(e as NetworkSummary[]), () => undefined);
    expect(sub.ok).toBe(true);
    await waitFor(() => lists.length > 0, 'first list');
    const name = testName('watched');
    await testDocker().createNetwork({ Name: name, Labels: testLabels() });
    await waitFor(() => lists.at(-1)?.some((n) => n.name === name), 'list with the new network', within);
    // A connect with an alias shows up (address and alias) without any call from us. On Podman,
    // which sends no network events, the connect goes through Dockside instead: its own network
    // calls re-list the open views at once (the slow re-list was checked just above).
    const c = await runContainer({ name: testName('joiner'), image: WEB_IMAGE });
    if (TEST_ENGINE === 'podman') {
      const r = await service.dispatcher.invoke('networks:connect', { network: name, container: c.id, alias: 'joined' });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    } else await testDocker().getNetwork(name).connect({ Container: c.id, EndpointConfig: { Aliases: ['joined'] } });
    await waitFor(
      () => lists.at(-1)?.find((n) => n.name === name)?.containers.some((ep) => ep.containerId === c.id && ep.aliases.includes('joined') && ep.ipv4 !== ''),
      'list with the connected container and its alias',
      within,
    );
    service.dispatcher.disposeOwner('t');
  });
});
