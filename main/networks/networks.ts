/** Network operations against the engine, each returning the docker command it equals. */
import type Docker from 'dockerode';
import { containerState } from '../engine/containers';
import type { NetworkEndpoint, NetworkSummary, WithCommand } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { engineMessage, FieldError } from '../engine/errors';
import { cidrProblem } from './cidr';

const BUILTIN = new Set(['bridge', 'host', 'none']);
const INSPECT_TIMEOUT_MS = 1500;

interface RawNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Internal?: boolean;
  Created?: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
}

interface RawEndpoint {
  NetworkID?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  Aliases?: string[] | null;
}

interface RawListedContainer {
  Id: string;
  Names?: string[];
  State: string;
  NetworkSettings?: { Networks?: Record<string, RawEndpoint> };
}

/** Aliases the user gave, without the short container id the engine adds by itself. */
export function userAliases(aliases: string[] | null | undefined, containerId: string, containerName: string): string[] {
  return (aliases ?? []).filter((a) => !containerId.startsWith(a) && a !== containerName);
}

/**
 * Lists networks with the containers on each (running and stopped). The list call does not
 * carry aliases, so containers on user-defined networks (the only place aliases exist) are
 * inspected; that is one call per such container, done in parallel.
 */
export async function listNetworks(docker: Docker): Promise<NetworkSummary[]> {
  const [nets, containers] = await Promise.all([
    docker.listNetworks() as unknown as Promise<RawNetwork[]>,
    docker.listContainers({ all: true }) as unknown as Promise<RawListedContainer[]>,
  ]);
  const byNetwork = new Map<string, NetworkEndpoint[]>();
  await Promise.all(
    containers.map(async (c) => {
      const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
      let endpoints = c.NetworkSettings?.Networks ?? {};
      if (Object.keys(endpoints).some((n) => !BUILTIN.has(n))) {
        // Bounded: the engine holds a container's lock while it stops (up to its stop timeout)
        // and inspect waits for it; the list must not wait with it. Without the inspect we
        // still have the address, only the aliases are missing until the next re-list.
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), INSPECT_TIMEOUT_MS);
        try {
          const info = (await docker.getContainer(c.Id).inspect({ abortSignal: abort.signal } as object)) as unknown as {
            NetworkSettings?: { Networks?: Record<string, RawEndpoint> };
          };
          endpoints = info.NetworkSettings?.Networks ?? endpoints;
        } catch {
          // Removed meanwhile, or busy: the list's own data stands.
        } finally {
          clearTimeout(timer);
        }
      }
      // Keyed by network name: the container's map is keyed by name, and names are unique locally.
      for (const [netName, ep] of Object.entries(endpoints)) {
        const list = byNetwork.get(netName) ?? [];
        list.push({
          containerId: c.Id,
          containerName: name,
          state: containerState(c.State),
          ipv4: ep.IPAddress ? `${ep.IPAddress}/${ep.IPPrefixLen ?? 0}` : '',
          aliases: userAliases(ep.Aliases, c.Id, name),
        });
        byNetwork.set(netName, list);
      }
    }),
  );
  return nets
    .map((n): NetworkSummary => {
      const attached = byNetwork.get(n.Name) ?? [];
      return {
        id: n.Id,
        name: n.Name,
        driver: n.Driver,
        scope: n.Scope,
        internal: Boolean(n.Internal),
        builtin: BUILTIN.has(n.Name),
        subnets: (n.IPAM?.Config ?? []).filter((c) => c.Subnet).map((c) => ({ subnet: c.Subnet!, ...(c.Gateway ? { gateway: c.Gateway } : {}) })),
        created: n.Created ?? '',
        labels: n.Labels ?? {},
        containers: [...attached].sort((a, b) => a.containerName.localeCompare(b.containerName)),
      };
    })
    .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.name.localeCompare(b.name));
}

export async function inspectNetwork(docker: Docker, id: string): Promise<Record<string, unknown>> {
  return (await docker.getNetwork(id).inspect()) as unknown as Record<string, unknown>;
}

export interface CreateNetworkInput {
  name: string;
  subnet?: string | undefined;
  internal: boolean;
  labels?: Record<string, string>;
}

/** Creates a user-defined bridge network; engine refusals are tied to the field they concern. */
export async function createNetwork(docker: Docker, input: CreateNetworkInput): Promise<WithCommand & { id: string }> {
  const subnet = input.subnet?.trim() || undefined;
  if (subnet) {
    const problem = cidrProblem(subnet);
    if (problem) throw new FieldError('subnet', `Subnet ${problem}`);
  }
  const existing = (await docker.listNetworks({ filters: { name: [input.name] } })) as unknown as RawNetwork[];
  if (existing.some((n) => n.Name === input.name)) {
    throw new FieldError('name', `A network named "${input.name}" already exists`);
  }
  try {
    const net = await docker.createNetwork({
      Name: input.name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Internal: input.internal,
      ...(subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] } } : {}),
      ...(input.labels ? { Labels: input.labels } : {}),
    });
    return {
      id: net.id,
      command: dockerCommand(
        'network',
        'create',
        '--driver',
        'bridge',
        subnet && `--subnet=${subnet}`,
        input.internal && '--internal',
        ...Object.entries(input.labels ?? {}).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
        input.name,
      ),
    };
  } catch (err) {
    const msg = engineMessage(err);
    if (/already exists/i.test(msg)) throw new FieldError('name', msg);
    if (/overlap|subnet|cidr|pool/i.test(msg)) throw new FieldError('subnet', msg);
    throw err;
  }
}

/** Removes a network, refused (with who is attached) while containers are on it. */
export async function removeNetwork(docker: Docker, id: string): Promise<WithCommand> {
  const all = await listNetworks(docker);
  const net = all.find((n) => n.id === id || n.name === id || (id.length >= 6 && n.id.startsWith(id)));
  if (!net) throw { code: 'not-found', message: `No network "${id}" on this engine` };
  if (net.builtin) {
    throw { code: 'forbidden', message: `"${net.name}" is one of the engine's predefined networks (bridge, host, none); it cannot be removed.` };
  }
  if (net.containers.length > 0) {
    const names = net.containers.map((c) => c.containerName).join(', ');
    throw {
      code: 'conflict',
      message: `Network "${net.name}" still has ${net.containers.length} container(s) attached (${names}). Disconnect or remove them first.`,
    };
  }
  await docker.getNetwork(net.id).remove();
  return { command: dockerCommand('network', 'rm', net.name) };
}

export async function connectNetwork(docker: Docker, network: string, container: string, alias?: string): Promise<WithCommand> {
  await docker.getNetwork(network).connect({
    Container: container,
    ...(alias ? { EndpointConfig: { Aliases: [alias] } } : {}),
  });
  return { command: dockerCommand('network', 'connect', alias && `--alias=${alias}`, network, container) };
}

export async function disconnectNetwork(docker: Docker, network: string, container: string, force: boolean): Promise<WithCommand> {
  await docker.getNetwork(network).disconnect({ Container: container, Force: force });
  return { command: dockerCommand('network', 'disconnect', force && '--force', network, container) };
}
