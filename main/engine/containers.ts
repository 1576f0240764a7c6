/** Container operations against the engine, each returning the docker command it equals. */
import type Docker from 'dockerode';
import type { ContainerSummary, PortMapping, WithCommand } from '../contract';
import { dockerCommand } from './docker-command';

interface RawContainer {
  Id: string;
  Names?: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  Labels?: Record<string, string>;
  NetworkSettings?: { Networks?: Record<string, unknown> };
  Mounts?: { Type: string; Name?: string; Source: string; Destination: string }[];
}

/**
 * A container state (list or inspect) in Docker's words. Podman also says "stopped" (exited, its
 * cleanup not yet run; list and inspect both say it until then), "stopping" (still running) and
 * "configured" (created).
 */
export function containerState(raw: string): ContainerSummary['state'] {
  const podman: Record<string, ContainerSummary['state']> = { stopped: 'exited', stopping: 'running', configured: 'created' };
  return podman[raw] ?? (raw as ContainerSummary['state']);
}

export function toContainerSummary(c: RawContainer): ContainerSummary {
  const ports: PortMapping[] = [];
  const seen = new Set<string>();
  for (const p of c.Ports ?? []) {
    // The engine lists a published port once per address family (0.0.0.0 and ::); show it once.
    const key = `${p.PublicPort ?? ''}/${p.PrivatePort}/${p.Type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({
      containerPort: p.PrivatePort,
      protocol: (p.Type as PortMapping['protocol']) ?? 'tcp',
      ...(p.PublicPort ? { hostPort: p.PublicPort } : {}),
      ...(p.IP && p.PublicPort ? { hostIp: p.IP } : {}),
    });
  }
  ports.sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0));
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    state: containerState(c.State),
    status: c.Status,
    ports,
    created: c.Created,
    labels: c.Labels ?? {},
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: (c.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Source,
      destination: m.Destination,
      ...(m.Name ? { name: m.Name } : {}),
    })),
  };
}

export async function listContainers(docker: Docker, all: boolean): Promise<ContainerSummary[]> {
  const raw = (await docker.listContainers({ all })) as unknown as RawContainer[];
  return raw.map(toContainerSummary).sort((a, b) => b.created - a.created || a.name.localeCompare(b.name));
}

export async function startContainer(docker: Docker, id: string): Promise<WithCommand> {
  await docker.getContainer(id).start();
  return { command: dockerCommand('start', id) };
}

export async function stopContainer(docker: Docker, id: string, timeoutSeconds?: number): Promise<WithCommand> {
  await docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  return { command: dockerCommand('stop', timeoutSeconds === undefined ? null : `--time=${timeoutSeconds}`, id) };
}

export async function killContainer(docker: Docker, id: string, signal?: string): Promise<WithCommand> {
  await docker.getContainer(id).kill(signal ? { signal } : {});
  return { command: dockerCommand('kill', signal && signal !== 'SIGKILL' ? `--signal=${signal}` : null, id) };
}

export async function restartContainer(docker: Docker, id: string, timeoutSeconds?: number): Promise<WithCommand> {
  await docker.getContainer(id).restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  return { command: dockerCommand('restart', timeoutSeconds === undefined ? null : `--time=${timeoutSeconds}`, id) };
}

/**
 * Removes a container. A running one is refused unless `force` (the UI asks first), and its
 * anonymous volumes stay unless `removeVolumes`: nothing the user owns goes without asking.
 */
export async function removeContainer(docker: Docker, id: string, force: boolean, removeVolumes: boolean): Promise<WithCommand> {
  await docker.getContainer(id).remove({ force, v: removeVolumes });
  return { command: dockerCommand('rm', force && '--force', removeVolumes && '--volumes', id) };
}

export async function inspectContainer(docker: Docker, id: string): Promise<Record<string, unknown>> {
  return (await docker.getContainer(id).inspect()) as unknown as Record<string, unknown>;
}
