/** `docker top` and `docker update` (memory, swap, CPUs) plus the limits and OOM state from inspect. */
import type Docker from 'dockerode';
import type { ApiError, ContainerLimits, TopResult, WithCommand } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { FieldError } from '../engine/errors';
import { formatMemoryFlag, parseMemorySize } from './memory-size';

export async function topProcesses(docker: Docker, id: string, psArgs?: string): Promise<TopResult> {
  const c = docker.getContainer(id);
  const info = await c.inspect();
  const command = dockerCommand('top', info.Name.replace(/^\//, ''), ...(psArgs ? psArgs.split(/\s+/).filter(Boolean) : []));
  if (!info.State.Running) return { running: false, titles: [], processes: [], command };
  try {
    const r = (await c.top(psArgs ? { ps_args: psArgs } : {})) as { Titles?: string[]; Processes?: string[][] };
    return { running: true, ...splitTopColumns(r.Titles ?? [], r.Processes ?? []), command };
  } catch (err) {
    // Stopped between inspect and top: the engine answers 409 "is not running".
    if ((err as { statusCode?: number }).statusCode === 409) return { running: false, titles: [], processes: [], command };
    throw err;
  }
}

/**
 * Podman runs the container's own `ps` when it has no descriptor for the arguments and hands back
 * each line as one string ("PID   USER     COMMAND"). Split such rows into the title's columns,
 * the last one keeping the rest of the line (a command with spaces). Docker's rows pass as they are.
 */
export function splitTopColumns(titles: string[], processes: string[][]): { titles: string[]; processes: string[][] } {
  if (titles.length !== 1 || !/\S\s+\S/.test(titles[0]!)) return { titles, processes };
  const cols = titles[0]!.trim().split(/\s+/);
  const split = (line: string) => {
    const words = line.trim().split(/\s+/);
    return words.length <= cols.length ? words : [...words.slice(0, cols.length - 1), words.slice(cols.length - 1).join(' ')];
  };
  return { titles: cols, processes: processes.map((p) => (p.length === 1 ? split(p[0]!) : p)) };
}

export async function getLimits(docker: Docker, id: string): Promise<ContainerLimits> {
  const info = await docker.getContainer(id).inspect();
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    running: info.State.Running,
    memory: info.HostConfig.Memory ?? 0,
    memorySwap: info.HostConfig.MemorySwap ?? 0,
    nanoCpus: info.HostConfig.NanoCpus ?? 0,
    oomKilled: info.State.OOMKilled,
    exitCode: info.State.ExitCode,
  };
}

/** The engine refuses less than this (moby: "Minimum memory limit allowed is 6MB"). */
export const MIN_MEMORY = 6 * 1024 * 1024;

export interface LimitsUpdate {
  memory?: string;
  memorySwap?: string;
  cpus?: number;
}

/** Engine update body and docker command for a limits change, validated. Pure apart from its inputs. */
export function planLimitsUpdate(name: string, u: LimitsUpdate): { body: { Memory?: number; MemorySwap?: number; NanoCpus?: number }; command: string } {
  if (u.memory === undefined && u.memorySwap === undefined && u.cpus === undefined) {
    throw new FieldError('memory', 'Give a memory limit, a swap limit or a number of CPUs to change');
  }
  const body: { Memory?: number; MemorySwap?: number; NanoCpus?: number } = {};
  const flags: string[] = [];
  let memory: number | undefined;
  if (u.memory !== undefined) {
    memory = parseMemorySize(u.memory) ?? undefined;
    if (memory === undefined) throw new FieldError('memory', `"${u.memory}" is not a size like 64m`);
    if (memory < MIN_MEMORY) throw new FieldError('memory', `Memory limit ${u.memory} is below the engine's minimum of 6m`);
    body.Memory = memory;
    flags.push('--memory', formatMemoryFlag(memory));
  }
  if (u.memorySwap !== undefined) {
    if (u.memorySwap === '-1') body.MemorySwap = -1;
    else {
      const swap = parseMemorySize(u.memorySwap);
      if (swap === null) throw new FieldError('memorySwap', `"${u.memorySwap}" is not a size like 128m or -1`);
      if (memory !== undefined && swap < memory) {
        throw new FieldError('memorySwap', 'Memory + swap must be at least the memory limit (or -1 for unlimited swap)');
      }
      body.MemorySwap = swap;
    }
    flags.push('--memory-swap', body.MemorySwap === -1 ? '-1' : formatMemoryFlag(body.MemorySwap));
  } else if (memory !== undefined) {
    // The engine refuses a memory limit above an existing memory+swap limit, so set both at
    // once: twice the memory is what `docker run --memory` gives (as much swap as memory).
    body.MemorySwap = memory * 2;
    flags.push('--memory-swap', formatMemoryFlag(memory * 2));
  }
  if (u.cpus !== undefined) {
    body.NanoCpus = Math.round(u.cpus * 1e9);
    flags.push('--cpus', String(u.cpus));
  }
  return { body, command: dockerCommand('update', ...flags, name) };
}

export async function updateLimits(docker: Docker, id: string, u: LimitsUpdate): Promise<ContainerLimits & WithCommand> {
  const c = docker.getContainer(id);
  const info = await c.inspect();
  const { body, command } = planLimitsUpdate(info.Name.replace(/^\//, ''), u);
  try {
    await c.update(body);
  } catch (err) {
    // The container was just inspected, so a 404 here means the engine lacks the endpoint
    // (Podman 4.3 has no POST /containers/{id}/update), not that the container is gone.
    if ((err as { statusCode?: number }).statusCode === 404) {
      const e: ApiError = {
        code: 'engine',
        statusCode: 404,
        message: `Changing the limits of an existing container is not supported by this engine (it has no container update endpoint; \`${command}\` fails there too). Recreate the container with --memory / --cpus instead.`,
      };
      throw e;
    }
    throw err;
  }
  return { ...(await getLimits(docker, info.Id)), command };
}
