/**
 * `docker system df -v` from the engine's /system/df, with the docker CLI's own arithmetic
 * (cli/command/formatter/disk_usage.go): what counts as active, and what is reclaimable.
 */
import type Docker from 'dockerode';
import { containerState } from '../engine/containers';
import type { DiskBuildCache, DiskContainer, DiskImage, DiskSummaryRow, DiskUsage, DiskVolume } from '../contract';
import { dockerCommand } from '../engine/docker-command';

export { humanSize } from './human-size';

/** The parts of the /system/df answer we read (the engine adds fields over time). */
export interface RawDf {
  LayersSize?: number;
  Images?: { Id: string; RepoTags?: string[] | null; Created: number; Size: number; SharedSize: number; VirtualSize?: number; Containers: number }[] | null;
  Containers?:
    | { Id: string; Names?: string[]; Image: string; Command: string; Created: number; State: string; Status: string; SizeRw?: number; SizeRootFs?: number; Mounts?: { Type: string }[] }[]
    | null;
  Volumes?: { Name: string; Driver: string; Labels?: Record<string, string> | null; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache?:
    | { ID: string; Type: string; Description?: string; Size: number; Shared: boolean; InUse: boolean; CreatedAt: string; LastUsedAt?: string | null; UsageCount: number }[]
    | null;
}

/** The docker CLI counts paused and restarting containers as active too. */
export function isActiveContainer(state: string): boolean {
  return /running|paused|restarting/.test(state);
}

export function toDiskUsage(raw: RawDf): DiskUsage {
  const images: DiskImage[] = (raw.Images ?? []).map((i) => ({
    id: i.Id,
    repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    created: i.Created,
    size: i.Size,
    sharedSize: i.SharedSize,
    uniqueSize: i.SharedSize >= 0 ? i.Size - i.SharedSize : i.Size,
    containers: i.Containers,
  }));
  const containers: DiskContainer[] = (raw.Containers ?? []).map((c) => ({
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    command: c.Command,
    created: c.Created,
    state: containerState(c.State),
    status: c.Status,
    sizeRw: c.SizeRw ?? 0,
    sizeRootFs: c.SizeRootFs ?? 0,
    localVolumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume').length,
  }));
  const volumes: DiskVolume[] = (raw.Volumes ?? []).map((v) => ({
    name: v.Name,
    driver: v.Driver,
    links: v.UsageData?.RefCount ?? -1,
    size: v.UsageData?.Size ?? -1,
    labels: v.Labels ?? {},
  }));
  const buildCache: DiskBuildCache[] = (raw.BuildCache ?? []).map((b) => ({
    id: b.ID,
    type: b.Type,
    description: b.Description ?? '',
    size: b.Size,
    shared: b.Shared,
    inUse: b.InUse,
    created: b.CreatedAt,
    lastUsed: b.LastUsedAt ?? null,
    usageCount: b.UsageCount,
  }));
  return { summary: summarise(raw.LayersSize ?? 0, images, containers, volumes, buildCache), images, containers, volumes, buildCache, command: dockerCommand('system', 'df', '-v') };
}

function summarise(layersSize: number, images: DiskImage[], containers: DiskContainer[], volumes: DiskVolume[], cache: DiskBuildCache[]): DiskSummaryRow[] {
  // Images: the layers in use by some container cannot be freed; shared layers count once.
  const usedByContainers = images.filter((i) => i.containers > 0 && i.sharedSize >= 0).reduce((n, i) => n + i.size - i.sharedSize, 0);
  const sum = <T>(list: T[], f: (t: T) => number) => list.reduce((n, t) => n + f(t), 0);
  const known = (n: number) => (n > 0 ? n : 0);
  return [
    { type: 'images', label: 'Images', total: images.length, active: images.filter((i) => i.containers > 0).length, size: layersSize, reclaimable: Math.max(0, layersSize - usedByContainers) },
    {
      type: 'containers',
      label: 'Containers',
      total: containers.length,
      active: containers.filter((c) => isActiveContainer(c.state)).length,
      size: sum(containers, (c) => c.sizeRw),
      reclaimable: sum(containers.filter((c) => !isActiveContainer(c.state)), (c) => c.sizeRw),
    },
    {
      type: 'volumes',
      label: 'Local Volumes',
      total: volumes.length,
      active: volumes.filter((v) => v.links > 0).length,
      size: sum(volumes, (v) => known(v.size)),
      reclaimable: sum(volumes.filter((v) => v.links === 0), (v) => known(v.size)),
    },
    {
      type: 'build-cache',
      label: 'Build Cache',
      total: cache.length,
      active: cache.filter((b) => b.inUse).length,
      size: sum(cache.filter((b) => !b.shared), (b) => b.size),
      reclaimable: sum(cache.filter((b) => !b.shared && !b.inUse), (b) => b.size),
    },
  ];
}

export async function readDiskUsage(docker: Docker, signal?: AbortSignal): Promise<DiskUsage> {
  const raw = (await (docker.df as (o: object) => Promise<unknown>).call(docker, signal ? { abortSignal: signal } : {})) as RawDf;
  return toDiskUsage(raw);
}
