/**
 * What the filter box searches and how each column sorts, per list. Pure, so the unit tests
 * check exactly what the views use.
 */
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../../../../main/contract';
import { labelTexts } from './list-filter';
import type { SortKeys } from './list-sort';

/** Every way a user may type a port: "8080", "80/tcp", "8080:80", "127.0.0.1:8080". */
export function portTexts(c: Pick<ContainerSummary, 'ports'>): string[] {
  return c.ports.flatMap((p) => {
    const inner = `${p.containerPort}/${p.protocol}`;
    if (!p.hostPort) return [inner];
    return [String(p.hostPort), inner, `${p.hostPort}:${p.containerPort}`, `${p.hostPort}->${inner}`, ...(p.hostIp ? [`${p.hostIp}:${p.hostPort}`] : [])];
  });
}

export function containerTexts(c: ContainerSummary): string[] {
  return [c.name, c.image, c.id, c.state, c.status, ...portTexts(c), ...labelTexts(c.labels)];
}

export const containerSortKeys: SortKeys<ContainerSummary> = {
  name: (c) => c.name,
  image: (c) => c.image,
  state: (c) => c.state,
  status: (c) => c.status,
  ports: (c) => c.ports.find((p) => p.hostPort)?.hostPort ?? c.ports[0]?.containerPort ?? null,
  created: (c) => c.created,
};

export function imageTexts(i: ImageSummary): string[] {
  return [...i.repoTags, ...i.repoDigests, i.id, ...(i.dangling ? ['<none>', 'dangling'] : []), ...i.containers, ...labelTexts(i.labels)];
}

export const imageSortKeys: SortKeys<ImageSummary> = {
  tag: (i) => i.repoTags[0] ?? null,
  id: (i) => i.id.replace(/^sha256:/, ''),
  size: (i) => i.size,
  created: (i) => i.created,
  usedBy: (i) => i.containers.length,
};

export function volumeTexts(v: VolumeSummary): string[] {
  return [v.name, v.driver, v.mountpoint, ...v.containers, ...labelTexts(v.labels)];
}

export const volumeSortKeys: SortKeys<VolumeSummary> = {
  name: (v) => v.name,
  driver: (v) => v.driver,
  mountpoint: (v) => v.mountpoint,
  usedBy: (v) => v.containers.length,
  created: (v) => v.created,
};

export function networkTexts(n: NetworkSummary): string[] {
  return [
    n.name,
    n.id,
    n.driver,
    n.scope,
    ...n.subnets.flatMap((s) => [s.subnet, s.gateway ?? '']),
    ...n.containers.flatMap((c) => [c.containerName, c.ipv4, ...c.aliases]),
    ...labelTexts(n.labels),
  ];
}

export const networkSortKeys: SortKeys<NetworkSummary> = {
  name: (n) => n.name,
  driver: (n) => n.driver,
  scope: (n) => n.scope,
  subnet: (n) => n.subnets[0]?.subnet ?? null,
  internal: (n) => (n.internal ? 1 : 0),
  containers: (n) => n.containers.length,
};
