/** Container operations through the main-side service against the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineEvent } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { engineImageName, TEST_ENGINE } from '../support/engine-kind';
import { tempDataDir } from '../support/temp-dir';

const dataDir = tempDataDir('it-containers');
let service: Service;

beforeAll(async () => {
  service = await createService({ dataDir: dataDir.dir });
  expect(service.engine.getStatus().state).toBe('connected');
});

afterAll(async () => {
  dataDir.remove();
  service.close();
  await cleanupRun();
});

function collectEvents() {
  const events: EngineEvent[] = [];
  let subId = '';
  return {
    events,
    async open() {
      const r = await service.dispatcher.subscribe('it', 'engine:events', { types: ['container'] }, (_id, e) => events.push(e as EngineEvent), () => undefined);
      if (!r.ok) throw new Error(r.error.message);
      subId = r.value;
    },
    close: () => service.dispatcher.unsubscribe('it', subId),
    waitFor: (id: string, action: string) => waitFor(() => events.find((e) => e.id === id && e.action.startsWith(action)), `${action} event for ${id}`),
  };
}

describe('containers through the service', () => {
  it('lists, stops, starts, kills, restarts and removes, with an engine event for each', async () => {
    const name = testName('ops');
    const c = await runContainer({ name, image: WEB_IMAGE, ports: { '80/tcp': '' } });
    const ev = collectEvents();
    await ev.open();

    const list = await service.dispatcher.invoke('containers:list', { all: true });
    expect(list.ok).toBe(true);
    const row = (list.ok ? (list.value as ContainerSummary[]) : []).find((x) => x.name === name);
    expect(row).toMatchObject({ state: 'running', image: engineImageName(WEB_IMAGE), ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1' }] });
    expect(row!.ports[0]!.hostPort).toBeGreaterThan(0);

    const stop = await service.dispatcher.invoke('containers:stop', { id: name, timeoutSeconds: 2 });
    expect(stop).toEqual({ ok: true, value: { command: `docker stop --time=2 ${name}` } });
    expect((await c.inspect()).State.Running).toBe(false);
    if (TEST_ENGINE === 'podman') {
      // Podman 4.3 reports a docker stop as the death alone: no kill (SIGTERM) and no stop event.
      await ev.waitFor(c.id, 'die');
    } else {
      // docker stop sends SIGTERM first: the engine's kill event says signal 15.
      const term = await ev.waitFor(c.id, 'kill');
      expect(term.attributes.signal).toBe('15');
      await ev.waitFor(c.id, 'stop');
    }

    expect(await service.dispatcher.invoke('containers:start', { id: name })).toEqual({ ok: true, value: { command: `docker start ${name}` } });
    expect((await c.inspect()).State.Running).toBe(true);
    await ev.waitFor(c.id, 'start');

    const before = ev.events.length;
    expect(await service.dispatcher.invoke('containers:kill', { id: name })).toEqual({ ok: true, value: { command: `docker kill ${name}` } });
    // Podman's kill event names no signal.
    const signal = TEST_ENGINE === 'podman' ? undefined : '9';
    await waitFor(() => ev.events.slice(before).find((e) => e.id === c.id && e.action === 'kill' && e.attributes.signal === signal), 'SIGKILL event');
    expect((await c.inspect()).State.Running).toBe(false);

    expect(await service.dispatcher.invoke('containers:restart', { id: name })).toEqual({ ok: true, value: { command: `docker restart ${name}` } });
    expect((await c.inspect()).State.Running).toBe(true);
    await ev.waitFor(c.id, 'restart');

    // Removing a running container without force is refused, in the engine's words.
    const refused = await service.dispatcher.invoke('containers:remove', { id: name });
    // Docker answers 409; Podman 500 with "container state improper" (still a conflict to Dockside).
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', statusCode: TEST_ENGINE === 'podman' ? 500 : 409 } });
    expect(!refused.ok && refused.error.message).toMatch(/running container|stop the container|as it is running/i);
    expect((await c.inspect()).State.Running).toBe(true);

    expect(await service.dispatcher.invoke('containers:remove', { id: name, force: true })).toEqual({ ok: true, value: { command: `docker rm --force ${name}` } });
    await ev.waitFor(c.id, 'destroy');
    await expect(c.inspect()).rejects.toMatchObject({ statusCode: 404 });
    ev.close();
  });

  it('keeps named volumes when a container is removed', async () => {
    const docker = testDocker();
    const volume = testName('vol');
    await docker.createVolume({ Name: volume, Labels: { 'dockside.test': process.env.DOCKSIDE_TEST_RUN! } });
    const name = testName('withvol');
    await runContainer({ name, image: WEB_IMAGE, binds: [`${volume}:/data`] });
    expect(await service.dispatcher.invoke('containers:remove', { id: name, force: true })).toMatchObject({ ok: true });
    const v = await docker.getVolume(volume).inspect();
    expect(v.Name).toBe(volume);
  });

  it('reports missing containers as not-found with the engine message', async () => {
    const r = await service.dispatcher.invoke('containers:start', { id: 'dockside-no-such-container' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/No such container/i) } });
  });

  it('containers:watch re-lists on engine events, and unsubscribing removes its listeners', async () => {
    const baseline = service.engine.listenerCounts();
    const lists: ContainerSummary[][] = [];
    const r = await service.dispatcher.subscribe('it', 'containers:watch', { all: true }, (_id, l) => lists.push(l as ContainerSummary[]), () => undefined);
    expect(r.ok).toBe(true);
    await waitFor(() => lists.length > 0, 'first list');
    expect(service.engine.listenerCounts().events).toBe(baseline.events + 1);

    const name = testName('watch');
    const c = await runContainer({ name, image: WEB_IMAGE });
    await waitFor(() => lists.at(-1)?.some((x) => x.name === name && x.state === 'running'), 'the new container in the list', 5000);
    await c.remove({ force: true });
    await waitFor(() => lists.at(-1) && !lists.at(-1)!.some((x) => x.name === name), 'the removed container gone from the list', 5000);

    const count = lists.length;
    service.dispatcher.unsubscribe('it', r.ok ? r.value : '');
    expect(service.engine.listenerCounts()).toEqual(baseline);
    expect(service.dispatcher.activeSubscriptions()['containers:watch']).toBeUndefined();
    await runContainer({ name: testName('after'), image: WEB_IMAGE });
    await new Promise((res) => setTimeout(res, 500));
    expect(lists.length).toBe(count);
  });
});
