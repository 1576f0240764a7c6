/** Builds an EngineSnapshot from the real engine: lists, plus inspects only where a check needs them. */
import type Docker from 'dockerode';
import { containerState } from '../engine/containers';
import type { EngineSnapshot, SnapshotContainer, SnapshotEvent, SnapshotService } from './snapshot';
import { toService, withoutDigest } from '../cluster/services';

/** Upper bound on inspects per evaluation, so a host with hundreds of containers stays cheap. */
const MAX_INSPECTS = 40;

export async function buildSnapshot(docker: Docker, events: SnapshotEvent[], withInspect: boolean): Promise<EngineSnapshot> {
  const [containers, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listNetworks(),
    docker.listVolumes(),
    docker.listImages(),
  ]);
  const out: SnapshotContainer[] = containers.map((c) => ({
    id: c.Id,
    name: (c.Names?.[0] ?? '').replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    state: containerState(c.State),
    status: c.Status,
    created: c.Created,
    ports: (c.Ports ?? []).map((p) => ({ containerPort: p.PrivatePort, protocol: p.Type, ...(p.PublicPort ? { hostPort: p.PublicPort } : {}) })),
    networkMode: c.HostConfig?.NetworkMode ?? 'default',
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: (c.Mounts ?? []).map((m) => ({ type: m.Type, destination: m.Destination, ...(m.Name ? { name: m.Name } : {}) })),
    labels: c.Labels ?? {},
  }));
  // Podman's list has no HostConfig, so its network mode (--network none) is only in inspect.
  const noHostConfig = new Set(containers.filter((c) => !c.HostConfig?.NetworkMode).map((c) => c.Id));
  if (withInspect || noHostConfig.size) {
    const running = out.filter((c) => c.state === 'running' && (withInspect || noHostConfig.has(c.id))).slice(0, MAX_INSPECTS);
    await Promise.all(
      running.map(async (c) => {
        try {
          const info = await docker.getContainer(c.id).inspect();
          c.memoryBytes = info.HostConfig.Memory ?? 0;
          c.nanoCpus = info.HostConfig.NanoCpus ?? 0;
          if (noHostConfig.has(c.id) && info.HostConfig.NetworkMode) c.networkMode = info.HostConfig.NetworkMode;
        } catch {
          // Removed between the list and the inspect: it simply has no limits to report.
        }
      }),
    );
  }
  const services = await readServices(docker);
  return {
    ...(services ? { services } : {}),
    containers: out,
    networks: networks.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver })),
    volumes: (volumes.Volumes ?? []).map((v) => ({ name: v.Name })),
    images: images.map((i) => ({ id: i.Id, repoTags: i.RepoTags ?? [] })),
    events,
    takenAtNano: Date.now() * 1e6,
  };
}

/** Services of a Swarm manager (one /info, and the list only when there is a cluster to ask). */
async function readServices(docker: Docker): Promise<SnapshotService[] | undefined> {
  try {
    const info = (await docker.info()) as { Swarm?: { ControlAvailable?: boolean } };
    if (!info.Swarm?.ControlAvailable) return undefined;
    const raw = (await docker.listServices({ status: true } as object)) as Parameters<typeof toService>[0][];
    return raw.map((r) => {
      const s = toService(r, []);
      return {
        id: s.id,
        name: s.name,
        image: s.image,
        ...(s.previousImage ? { previousImage: withoutDigest(s.previousImage) } : {}),
        running: s.running,
        desired: s.desired,
        ...(s.update ? { updateState: s.update.state } : {}),
      };
    });
  } catch {
    // A node that stopped being a manager between the two calls simply has no services to check.
    return undefined;
  }
}
