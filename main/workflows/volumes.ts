/** Volume operations: list (with the containers mounting each), create, remove (refused while in use). */
import type Docker from 'dockerode';
import type { VolumeSummary, WithCommand } from '../contract';
import { EngineFieldError } from './run';
import { dockerLine } from './run-spec';

export async function listVolumes(docker: Docker): Promise<VolumeSummary[]> {
  const [res, containers] = await Promise.all([docker.listVolumes(), docker.listContainers({ all: true })]);
  const users = new Map<string, string[]>();
  for (const c of containers) {
    const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    for (const m of c.Mounts ?? []) {
      if (m.Type === 'volume' && m.Name) users.set(m.Name, [...(users.get(m.Name) ?? []), name]);
    }
  }
  return (res.Volumes ?? [])
    .map((v) => {
      const raw = v as typeof v & { CreatedAt?: string };
      return {
        name: v.Name,
        driver: v.Driver,
        mountpoint: v.Mountpoint,
        created: raw.CreatedAt ?? '',
        labels: v.Labels ?? {},
        containers: (users.get(v.Name) ?? []).sort(),
      };
    })
    .sort((a, b) => b.created.localeCompare(a.created) || a.name.localeCompare(b.name));
}

export async function createVolume(docker: Docker, name: string | undefined, labels: Record<string, string> = {}): Promise<WithCommand & { name: string }> {
  const v = await docker.createVolume({ ...(name ? { Name: name } : {}), Labels: labels });
  const labelArgs = Object.entries(labels).flatMap(([k, val]) => ['--label', `${k}=${val}`]);
  return { name: v.name, command: dockerLine('volume', 'create', ...labelArgs, name) };
}

export async function removeVolume(docker: Docker, name: string): Promise<WithCommand> {
  const users = await docker.listContainers({ all: true, filters: { volume: [name] } });
  if (users.length) {
    const names = users.map((c) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')).join(', ');
    throw new EngineFieldError('name', `Volume ${name} is in use by container(s) ${names}: remove ${users.length > 1 ? 'them' : 'it'} first.`, 'conflict', 409);
  }
  await docker.getVolume(name).remove();
  return { command: dockerLine('volume', 'rm', name) };
}
