/**
 * Clean-up with a preview of exactly what goes. The preview runs the prune's own query as a
 * list (same filters, same rules the engine applies); the prune re-runs it, refuses when it
 * matches anything the user did not see, then asks the engine to prune with those filters.
 */
import type Docker from 'dockerode';
import type { PruneItem, PrunePreview, PruneResult, PruneTarget } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { EngineFieldError } from '../workflows/run';
import { readDiskUsage } from './disk-usage';

export interface PruneQuery {
  target: PruneTarget;
  all: boolean;
  labels: string[];
}

/** The engine's own label for anonymous volumes (API 1.42+ prunes only these without `all`). */
const ANONYMOUS_VOLUME = 'com.docker.volume.anonymous';

/** Go-style "seconds.nanoseconds", the engine's `until` timestamp format. */
export function untilFilter(until: number): string {
  // Whole milliseconds: enough, and free of floating-point noise in the shown command.
  const ms = Math.floor(until * 1000);
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}000000`;
}

export function apiAtLeast(apiVersion: string, want: string): boolean {
  const [a = 0, b = 0] = apiVersion.split('.').map(Number);
  const [c = 0, d = 0] = want.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

/** The CLI line that runs the same prune (`--force`: Dockside already asked). */
export function pruneCommand(q: PruneQuery, until: number | null, ids: string[], apiVersion: string): string {
  const labels = q.labels.flatMap((l) => ['--filter', `label=${l}`]);
  const time = until !== null ? ['--filter', `until=${untilFilter(until)}`] : [];
  switch (q.target) {
    case 'containers':
      return dockerCommand('container', 'prune', '--force', ...time, ...labels);
    case 'images':
      return dockerCommand('image', 'prune', '--force', q.all && '--all', ...time, ...labels);
    case 'volumes':
      return dockerCommand('volume', 'prune', '--force', q.all && apiAtLeast(apiVersion, '1.42') && '--all', ...labels);
    case 'build-cache':
      return dockerCommand('builder', 'prune', '--force', q.all && '--all', ...(ids.length ? ['--filter', `id=${idPattern(ids)}`] : []));
  }
}

/** The engine takes one id filter for build cache, matched as a regular expression. */
export function idPattern(ids: string[]): string {
  return `^(${ids.join('|')})$`;
}

const buildCacheKept = new Set(['internal', 'frontend']);

export async function previewPrune(docker: Docker, q: PruneQuery, apiVersion: string, now = Date.now() / 1000): Promise<PrunePreview> {
  const until = Math.floor(now * 1000) / 1000;
  const items = await matching(docker, q, apiVersion, until);
  return {
    target: q.target,
    items,
    totalSize: items.reduce((n, i) => n + Math.max(0, i.size), 0),
    until,
    note: NOTES[q.target](q.all, apiVersion),
    command: pruneCommand(q, q.target === 'containers' || q.target === 'images' ? until : null, items.map((i) => i.id), apiVersion),
  };
}

const NOTES: Record<PruneTarget, (all: boolean, api: string) => string> = {
  containers: () => 'Running and paused containers stay. Their named volumes stay too.',
  images: (all) =>
    all
      ? 'Every image no container uses (running or stopped) goes, tagged or not.'
      : 'Only dangling images (no tag) that no container uses. Untagged build layers below them go too.',
  volumes: (all, api) =>
    apiAtLeast(api, '1.42')
      ? all
        ? 'Every local volume no container (running or stopped) uses.'
        : 'Only anonymous volumes no container uses; named volumes stay (tick "all" to include them).'
      : `This engine (API ${api}) prunes every local volume no container uses, named ones included.`,
  'build-cache': (all) => (all ? 'All build cache not in use by a running build.' : 'Build cache not in use and not shared with images.'),
};

/** The items the prune's query matches now. */
async function matching(docker: Docker, q: PruneQuery, apiVersion: string, until: number): Promise<PruneItem[]> {
  const label: Record<string, string[]> = q.labels.length ? { label: q.labels } : {};
  if (q.target === 'containers') {
    const list = await docker.listContainers({ all: true, size: true, filters: { status: ['created', 'exited', 'dead'], ...label } });
    return list
      .filter((c) => c.Created <= until)
      .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), size: (c as typeof c & { SizeRw?: number }).SizeRw ?? 0, detail: `${c.Image} · ${c.Status}` }));
  }
  if (q.target === 'images') {
    const [images, containers] = await Promise.all([
      docker.listImages({ filters: { ...(q.all ? {} : { dangling: ['true'] }), ...label } as Record<string, string[]> }),
      docker.listContainers({ all: true }),
    ]);
    // The engine refuses (and so skips) images any container uses, whatever its state.
    const used = new Set(containers.map((c) => c.ImageID));
    return images
      .filter((i) => !used.has(i.Id) && i.Created <= until)
      .map((i) => {
        const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
        return { id: i.Id, name: tags[0] ?? `<none> ${i.Id.replace(/^sha256:/, '').slice(0, 12)}`, size: i.Size, detail: tags.length > 1 ? tags.slice(1).join(', ') : tags.length ? 'tagged' : 'dangling' };
      });
  }
  if (q.target === 'volumes') {
    const anonymousOnly = apiAtLeast(apiVersion, '1.42') && !q.all;
    const labels = [...q.labels, ...(anonymousOnly ? [ANONYMOUS_VOLUME] : [])];
    const [list, df] = await Promise.all([
      docker.listVolumes({ filters: { dangling: ['true'], driver: ['local'], ...(labels.length ? { label: labels } : {}) } }),
      readDiskUsage(docker),
    ]);
    const sizes = new Map(df.volumes.map((v) => [v.name, v.size]));
    return (list.Volumes ?? []).map((v) => ({ id: v.Name, name: v.Name, size: sizes.get(v.Name) ?? -1, detail: v.Driver }));
  }
  const df = await readDiskUsage(docker);
  return df.buildCache
    .filter((b) => !b.inUse && (q.all || (!b.shared && !buildCacheKept.has(b.type))))
    .map((b) => ({ id: b.id, name: b.id.slice(0, 12), size: b.size, detail: `${b.type}${b.description ? ` · ${b.description}` : ''}` }));
}

interface RawPruneAnswer {
  ContainersDeleted?: string[] | null;
  ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null;
  VolumesDeleted?: string[] | null;
  CachesDeleted?: string[] | null;
  SpaceReclaimed?: number;
}

export async function runPrune(docker: Docker, q: PruneQuery, apiVersion: string, until: number, ids: string[]): Promise<PruneResult> {
  const seen = new Set(ids);
  const now = await matching(docker, q, apiVersion, until);
  const unseen = now.filter((i) => !seen.has(i.id));
  if (unseen.length) {
    throw new EngineFieldError(
      'ids',
      `Since the preview, ${unseen.length} more ${q.target === 'build-cache' ? 'cache record(s)' : q.target} match (${unseen
        .slice(0, 5)
        .map((i) => i.name)
        .join(', ')}${unseen.length > 5 ? ', …' : ''}). Nothing was removed: preview again.`,
      'conflict',
      409,
    );
  }
  const command = pruneCommand(q, q.target === 'containers' || q.target === 'images' ? until : null, ids, apiVersion);
  const previewed = new Map(now.map((i) => [i.id, i]));
  // Never send a prune whose preview was empty: for build cache an empty id list would mean "everything".
  if (ids.length === 0 || now.length === 0) return { target: q.target, removed: [], untagged: [], alsoDeleted: [], spaceReclaimed: 0, kept: [], command };
  const label: Record<string, string[]> = q.labels.length ? { label: q.labels } : {};
  const time = { until: [untilFilter(until)] };
  let answer: RawPruneAnswer;
  if (q.target === 'containers') answer = (await docker.pruneContainers({ filters: { ...time, ...label } })) as RawPruneAnswer;
  else if (q.target === 'images') answer = (await docker.pruneImages({ filters: { dangling: [q.all ? 'false' : 'true'], ...time, ...label } })) as RawPruneAnswer;
  else if (q.target === 'volumes') {
    const all: Record<string, string[]> = apiAtLeast(apiVersion, '1.42') && q.all ? { all: ['true'] } : {};
    answer = (await docker.pruneVolumes({ filters: { ...label, ...all } })) as RawPruneAnswer;
  } else {
    // dockerode's pruneBuilder sends no options; ask the engine directly.
    answer = await new Promise<RawPruneAnswer>((resolve, reject) =>
      docker.modem.dial(
        {
          path: '/build/prune?',
          method: 'POST',
          options: { all: q.all, filters: JSON.stringify({ id: [idPattern(ids.filter((id) => previewed.has(id)))] }) },
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as RawPruneAnswer)),
      ),
    );
  }
  const removedIds = [
    ...(answer.ContainersDeleted ?? []),
    ...(answer.VolumesDeleted ?? []),
    ...(answer.CachesDeleted ?? []),
    ...(answer.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [d.Deleted] : [])),
  ];
  const gone = new Set(removedIds);
  return {
    target: q.target,
    removed: now.filter((i) => gone.has(i.id)),
    untagged: (answer.ImagesDeleted ?? []).flatMap((d) => (d.Untagged ? [d.Untagged] : [])),
    alsoDeleted: removedIds.filter((id) => !previewed.has(id)),
    spaceReclaimed: answer.SpaceReclaimed ?? 0,
    kept: now.filter((i) => !gone.has(i.id)),
    command,
  };
}
