/** Engine helpers for integration and end-to-end tests: the same endpoint the app resolves. */
import Docker from 'dockerode';
import { createDockerClient } from '../../main/engine/docker-client';
import { resolveEndpoint } from '../../main/engine/endpoint';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { TEST_ENGINE } from './engine-kind';
import { ofThisRun, RUN_ID, TEST_LABEL, testLabels } from './labels';

let client: Docker | null = null;

export function testDocker(): Docker {
  client ??= createDockerClient(resolveEndpoint(processEndpointEnv()));
  return client;
}

/**
 * Removes what this run created, and only that: swarm services, containers, then networks,
 * volumes, images. `everyWorker` (the run's teardown) also removes what each parallel worker made
 * under its own id (labels.ts); otherwise only this process's id is touched.
 */
export async function cleanupRun(docker: Docker = testDocker(), { everyWorker = false } = {}): Promise<void> {
  // The engine filters by exact value; every worker's objects are found by the label's key and
  // then picked by value here.
  const filters = { label: [everyWorker ? TEST_LABEL : `${TEST_LABEL}=${RUN_ID}`] };
  const ours = (labels: Record<string, string> | undefined) => (everyWorker ? ofThisRun(labels?.[TEST_LABEL]) : true);
  // Swarm services first: they would re-create the task containers removed below. Podman has no
  // swarm, and its /info takes ~0.8 s (it sums up its storage): not asked there.
  const info = TEST_ENGINE === 'podman' ? {} : ((await docker.info()) as { Swarm?: { ControlAvailable?: boolean } });
  if (info.Swarm?.ControlAvailable) {
    const services = (await docker.listServices({ filters } as object)) as { ID: string; Spec?: { Labels?: Record<string, string> } }[];
    await Promise.all(services.filter((s) => ours(s.Spec?.Labels)).map((s) => docker.getService(s.ID).remove().catch(() => undefined)));
  }
  const containers = (await docker.listContainers({ all: true, filters })).filter((c) => ours(c.Labels));
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const networks = (await docker.listNetworks({ filters })).filter((n) => ours(n.Labels));
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
  const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((v) => ours(v.Labels));
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove().catch(() => undefined)));
  const images = (await docker.listImages({ filters })).filter((i) => ours(i.Labels));
  for (const img of images) {
    await docker.getImage(img.Id).remove({ force: true }).catch(() => undefined);
  }
}

export interface RunOptions {
  name: string;
  image: string;
  cmd?: string[];
  ports?: Record<string, string>; // "80/tcp" -> host port ("" for a random one)
  memory?: number;
  nanoCpus?: number;
  networkMode?: string;
  binds?: string[];
  tty?: boolean;
  start?: boolean;
  labels?: Record<string, string>;
}

/** Creates (and by default starts) a labelled container. */
export async function runContainer(o: RunOptions, docker: Docker = testDocker()): Promise<Docker.Container> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const [cp, hp] of Object.entries(o.ports ?? {})) {
    exposed[cp] = {};
    bindings[cp] = [{ HostIp: '127.0.0.1', HostPort: hp }];
  }
  const c = await docker.createContainer({
    name: o.name,
    Image: o.image,
    ...(o.cmd ? { Cmd: o.cmd } : {}),
    Labels: testLabels(o.labels),
    Tty: o.tty ?? false,
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      ...(o.memory ? { Memory: o.memory } : {}),
      ...(o.nanoCpus ? { NanoCpus: o.nanoCpus } : {}),
      ...(o.networkMode ? { NetworkMode: o.networkMode } : {}),
      ...(o.binds ? { Binds: o.binds } : {}),
    },
  });
  if (o.start !== false) await c.start();
  return c;
}

/** The host port the engine picked for a container port. */
export async function hostPortOf(c: Docker.Container, containerPort = '80/tcp'): Promise<number> {
  const info = await c.inspect();
  const b = info.NetworkSettings.Ports[containerPort]?.[0];
  if (!b) throw new Error(`container ${info.Name} publishes no ${containerPort}`);
  return Number(b.HostPort);
}

/** Waits until `check` returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? ` (last error: ${String(lastErr)})` : ''}`);
}
