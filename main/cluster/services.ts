/**
 * Swarm services and their tasks: reading them as the cluster view shows them, and the
 * service actions (create, scale, update the image, roll back, remove), each returning the docker
 * command it equals. Bad input is refused before the engine sees it, naming the field.
 */
import type Docker from 'dockerode';
import type { ClusterNode, ClusterPort, ClusterService, ClusterSnapshot, ClusterTask, ClusterUpdateConfig, WithCommand } from '../contract';
import { engineMessage, FieldError } from '../engine/errors';
import {
  ENGINE_UPDATE_DEFAULTS,
  serviceCreateCommand,
  serviceRemoveCommand,
  serviceRollbackCommand,
  serviceScaleCommand,
  serviceUpdateImageCommand,
  type ServiceCommandSpec,
} from './cluster-command';
import { clusterInfo } from './swarm';

interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

interface RawSpec {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate?: { ContainerSpec?: { Image?: string; Labels?: Record<string, string> } } & Record<string, unknown>;
  Mode?: { Replicated?: { Replicas?: number }; Global?: object };
  UpdateConfig?: { Parallelism?: number; Delay?: number; Order?: string; FailureAction?: string; Monitor?: number };
  EndpointSpec?: { Ports?: RawPort[] };
}

interface RawService {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: RawSpec;
  PreviousSpec?: RawSpec;
  Endpoint?: { Ports?: RawPort[] };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
}

interface RawTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  CreatedAt?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: {
    State?: string;
    Message?: string;
    Err?: string;
    Timestamp?: string;
    ContainerStatus?: { ContainerID?: string };
    PortStatus?: { Ports?: RawPort[] };
  };
}

interface RawNode {
  ID: string;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Spec?: { Role?: string; Availability?: string };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean };
}

/** The reference a user typed, without the digest the engine pins when it can resolve one. */
export function withoutDigest(image: string | undefined): string {
  return (image ?? '').replace(/@sha256:[a-f0-9]{64}$/, '');
}

function protocolOf(p: string | undefined): ClusterPort['protocol'] {
  return p === 'udp' || p === 'sctp' ? p : 'tcp';
}

function toPorts(ports: RawPort[] | undefined): ClusterPort[] {
  return (ports ?? []).map((p) => ({
    protocol: protocolOf(p.Protocol),
    targetPort: p.TargetPort ?? 0,
    ...(p.PublishedPort ? { publishedPort: p.PublishedPort } : {}),
    mode: p.PublishMode === 'host' ? 'host' : 'ingress',
  }));
}

function toUpdateConfig(u: RawSpec['UpdateConfig']): ClusterUpdateConfig {
  return {
    parallelism: u?.Parallelism ?? 1,
    delaySeconds: (u?.Delay ?? 0) / 1e9,
    order: u?.Order === 'start-first' ? 'start-first' : 'stop-first',
    failureAction: u?.FailureAction === 'rollback' || u?.FailureAction === 'continue' ? u.FailureAction : 'pause',
  };
}

export function toService(s: RawService, tasks: RawTask[]): ClusterService {
  const spec = s.Spec ?? {};
  const mine = tasks.filter((t) => t.ServiceID === s.ID);
  const running = s.ServiceStatus?.RunningTasks ?? mine.filter((t) => t.Status?.State === 'running').length;
  const replicated = !spec.Mode?.Global;
  const desired = s.ServiceStatus?.DesiredTasks ?? (replicated ? spec.Mode?.Replicated?.Replicas ?? 0 : mine.filter((t) => t.DesiredState === 'running').length);
  const previous = withoutDigest(s.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image);
  return {
    id: s.ID,
    name: spec.Name ?? s.ID.slice(0, 12),
    image: withoutDigest(spec.TaskTemplate?.ContainerSpec?.Image),
    ...(previous ? { previousImage: previous } : {}),
    mode: replicated ? 'replicated' : 'global',
    desired,
    running,
    ports: toPorts(s.Endpoint?.Ports ?? spec.EndpointSpec?.Ports),
    updateConfig: toUpdateConfig(spec.UpdateConfig),
    update: s.UpdateStatus?.State
      ? {
          state: s.UpdateStatus.State,
          message: s.UpdateStatus.Message ?? '',
          ...(s.UpdateStatus.StartedAt ? { startedAt: s.UpdateStatus.StartedAt } : {}),
          ...(s.UpdateStatus.CompletedAt ? { completedAt: s.UpdateStatus.CompletedAt } : {}),
        }
      : null,
    labels: spec.Labels ?? {},
    createdAt: s.CreatedAt ?? '',
    updatedAt: s.UpdatedAt ?? '',
  };
}

export function toTask(t: RawTask): ClusterTask {
  const st = t.Status ?? {};
  return {
    id: t.ID,
    serviceId: t.ServiceID ?? '',
    ...(t.Slot ? { slot: t.Slot } : {}),
    nodeId: t.NodeID ?? '',
    image: withoutDigest(t.Spec?.ContainerSpec?.Image),
    desiredState: t.DesiredState ?? '',
    state: st.State ?? '',
    message: st.Message ?? '',
    ...(st.Err ? { error: st.Err } : {}),
    createdAt: t.CreatedAt ?? '',
    stateSince: st.Timestamp ?? '',
    // The engine lists each host port once per address family; one entry per port is enough.
    ports: [...new Map((st.PortStatus?.Ports ?? []).filter((p) => p.PublishedPort).map((p) => [`${p.PublishedPort}/${p.Protocol}`, p])).values()].map((p) => ({
      publishedPort: p.PublishedPort!,
      targetPort: p.TargetPort ?? 0,
      protocol: p.Protocol ?? 'tcp',
    })),
    ...(st.ContainerStatus?.ContainerID ? { containerId: st.ContainerStatus.ContainerID } : {}),
  };
}

function toNode(n: RawNode, selfId: string | undefined): ClusterNode {
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.ID.slice(0, 12),
    role: n.Spec?.Role === 'manager' ? 'manager' : 'worker',
    availability: n.Spec?.Availability ?? '',
    state: n.Status?.State ?? 'unknown',
    engineVersion: n.Description?.Engine?.EngineVersion ?? '',
    addr: n.Status?.Addr ?? '',
    leader: Boolean(n.ManagerStatus?.Leader),
    self: n.ID === selfId,
  };
}

/** Tasks the orchestrator no longer cares about pile up (5 per slot by default); keep the recent ones. */
const OLD_TASKS_PER_SERVICE = 40;

export async function readCluster(docker: Docker, dataDir: string): Promise<ClusterSnapshot> {
  const info = await clusterInfo(docker, dataDir);
  if (info.state !== 'active' || !info.isManager) return { info, nodes: [], services: [], tasks: [], at: Date.now() };
  const [nodes, services, tasks] = await Promise.all([
    docker.listNodes() as Promise<RawNode[]>,
    docker.listServices({ status: true } as object) as Promise<RawService[]>,
    docker.listTasks() as Promise<RawTask[]>,
  ]);
  const byService = new Map<string, RawTask[]>();
  for (const t of tasks) byService.set(t.ServiceID ?? '', [...(byService.get(t.ServiceID ?? '') ?? []), t]);
  const kept = [...byService.values()].flatMap((list) =>
    list.sort((a, b) => (b.CreatedAt ?? '').localeCompare(a.CreatedAt ?? '')).slice(0, OLD_TASKS_PER_SERVICE),
  );
  return {
    info,
    nodes: nodes.map((n) => toNode(n, info.nodeId)),
    services: services.map((s) => toService(s, tasks)).sort((a, b) => a.name.localeCompare(b.name)),
    tasks: kept.map(toTask),
    at: Date.now(),
  };
}

async function inspectService(docker: Docker, id: string): Promise<RawService> {
  try {
    return (await docker.getService(id).inspect()) as RawService;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) throw { code: 'not-found', field: 'id', message: `No service "${id}" in this cluster.` };
    throw err;
  }
}

async function requireManager(docker: Docker, dataDir: string): Promise<void> {
  const info = await clusterInfo(docker, dataDir);
  if (info.state !== 'active') throw { code: 'conflict', message: 'This engine is not part of a cluster yet: start a single-node cluster first (docker swarm init).' };
  if (!info.isManager) throw { code: 'conflict', message: 'This engine is a worker node: only a manager can change services. Connect Dockside to a manager.' };
}

/** Host ports in use on this engine: by containers, and by other services' fixed published ports. */
async function usedHostPorts(docker: Docker): Promise<Map<number, string>> {
  const used = new Map<number, string>();
  for (const c of await docker.listContainers()) {
    for (const p of c.Ports ?? []) if (p.PublicPort) used.set(p.PublicPort, `container ${(c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')}`);
  }
  for (const s of (await docker.listServices()) as RawService[]) {
    for (const p of s.Endpoint?.Ports ?? s.Spec?.EndpointSpec?.Ports ?? []) if (p.PublishedPort) used.set(p.PublishedPort, `service ${s.Spec?.Name ?? s.ID}`);
  }
  return used;
}

function nsOf(seconds: number): number {
  return Math.round(seconds * 1e9);
}

function specFor(s: ServiceCommandSpec): RawSpec & { Name: string } {
  const labels = s.labels ?? {};
  return {
    Name: s.name,
    Labels: labels,
    TaskTemplate: { ContainerSpec: { Image: s.image, Labels: labels } },
    Mode: { Replicated: { Replicas: s.replicas } },
    UpdateConfig: {
      Parallelism: s.update.parallelism,
      Delay: nsOf(s.update.delaySeconds),
      Order: s.update.order,
      FailureAction: s.update.failureAction,
    },
    // A rollback goes back the same way the update came (same order), one task at a time.
    RollbackConfig: { Parallelism: 1, Order: s.update.order, FailureAction: 'pause' },
    EndpointSpec: {
      Ports: s.ports.map((p) => ({
        Protocol: p.protocol,
        TargetPort: p.targetPort,
        ...(p.publishedPort ? { PublishedPort: p.publishedPort } : {}),
        PublishMode: p.mode,
      })),
    },
  } as RawSpec & { Name: string };
}

/** A single-node learning cluster runs what this engine holds: the image must be here already. */
async function requireLocalImage(docker: Docker, image: string, field: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch {
    throw new FieldError(field, `No image "${image}" on this engine. Build, pull or tag it first: the cluster's node runs images it holds.`);
  }
}

export async function createService(docker: Docker, dataDir: string, spec: ServiceCommandSpec): Promise<WithCommand & { id: string; name: string }> {
  await requireManager(docker, dataDir);
  await requireLocalImage(docker, spec.image, 'spec.image');
  const nodes = ((await docker.listNodes()) as RawNode[]).filter((n) => n.Status?.State === 'ready' && n.Spec?.Availability === 'active').length || 1;
  const used = await usedHostPorts(docker);
  spec.ports.forEach((p, i) => {
    if (!p.publishedPort) return;
    const by = used.get(p.publishedPort);
    if (by) throw new FieldError(`spec.ports.${i}.publishedPort`, `Port ${p.publishedPort} is already in use on this engine (by ${by}). Pick another, or leave it empty so each task gets a free one.`);
    if (p.mode === 'host' && spec.replicas > nodes) {
      throw new FieldError(
        `spec.ports.${i}.publishedPort`,
        `In host mode each node can give port ${p.publishedPort} to one task only, and this cluster has ${nodes} node${nodes === 1 ? '' : 's'} for ${spec.replicas} replicas. Leave the port empty (each task gets its own), or use ${nodes} replica${nodes === 1 ? '' : 's'}.`,
      );
    }
  });
  const existing = ((await docker.listServices({ filters: { name: [spec.name] } } as object)) as RawService[]).some((s) => s.Spec?.Name === spec.name);
  if (existing) throw new FieldError('spec.name', `A service named "${spec.name}" already exists in this cluster.`);
  let created: { id?: string; ID?: string };
  try {
    created = (await docker.createService(specFor(spec) as unknown as Docker.CreateServiceOptions)) as unknown as { id?: string; ID?: string };
  } catch (err) {
    const msg = engineMessage(err);
    if (/port/i.test(msg)) throw new FieldError('spec.ports', msg);
    if (/name/i.test(msg)) throw new FieldError('spec.name', msg);
    throw err;
  }
  return { command: serviceCreateCommand(spec), id: created.id ?? created.ID ?? '', name: spec.name };
}

/** POST /services/{id}/update with the service's current version (the engine refuses stale ones). */
async function updateSpec(docker: Docker, s: RawService, spec: RawSpec, rollback = false): Promise<void> {
  const opts = { _query: { version: s.Version?.Index ?? 0, ...(rollback ? { rollback: 'previous' } : {}) }, _body: spec };
  const out = (await docker.getService(s.ID).update(opts as unknown as object)) as { Warnings?: string[] | null } | undefined;
  void out;
}

export async function scaleService(docker: Docker, dataDir: string, id: string, replicas: number): Promise<WithCommand> {
  await requireManager(docker, dataDir);
  const s = await inspectService(docker, id);
  const spec = structuredClone(s.Spec ?? {});
  if (!spec.Mode?.Replicated) throw new FieldError('replicas', `Service ${spec.Name ?? id} is global (one task per node): it cannot be scaled.`);
  const fixedHost = (spec.EndpointSpec?.Ports ?? []).find((p) => p.PublishMode === 'host' && p.PublishedPort);
  if (fixedHost && replicas > 1) {
    const nodes = ((await docker.listNodes()) as RawNode[]).filter((n) => n.Status?.State === 'ready').length || 1;
    if (replicas > nodes) throw new FieldError('replicas', `Host port ${fixedHost.PublishedPort} can go to one task per node, and there ${nodes === 1 ? 'is 1 node' : `are ${nodes} nodes`}.`);
  }
  spec.Mode = { Replicated: { Replicas: replicas } };
  await updateSpec(docker, s, spec);
  return { command: serviceScaleCommand(spec.Name ?? id, replicas) };
}

export async function updateServiceImage(docker: Docker, dataDir: string, id: string, image: string, update?: ClusterUpdateConfig): Promise<WithCommand> {
  await requireManager(docker, dataDir);
  await requireLocalImage(docker, image, 'image');
  const s = await inspectService(docker, id);
  const spec = structuredClone(s.Spec ?? {});
  const current = toUpdateConfig(spec.UpdateConfig);
  spec.TaskTemplate = { ...(spec.TaskTemplate ?? {}), ContainerSpec: { ...(spec.TaskTemplate?.ContainerSpec ?? {}), Image: image } };
  if (update) {
    spec.UpdateConfig = { ...(spec.UpdateConfig ?? {}), Parallelism: update.parallelism, Delay: nsOf(update.delaySeconds), Order: update.order, FailureAction: update.failureAction };
  }
  await updateSpec(docker, s, spec);
  return { command: serviceUpdateImageCommand(spec.Name ?? id, image, update, current ?? ENGINE_UPDATE_DEFAULTS) };
}

export async function rollbackService(docker: Docker, dataDir: string, id: string): Promise<WithCommand> {
  await requireManager(docker, dataDir);
  const s = await inspectService(docker, id);
  if (!s.PreviousSpec) throw { code: 'conflict', field: 'id', message: `Service ${s.Spec?.Name ?? id} has not been updated yet: there is no previous version to roll back to.` };
  await updateSpec(docker, s, s.Spec ?? {}, true);
  return { command: serviceRollbackCommand(s.Spec?.Name ?? id) };
}

export async function removeService(docker: Docker, dataDir: string, id: string): Promise<WithCommand> {
  await requireManager(docker, dataDir);
  const s = await inspectService(docker, id);
  await docker.getService(s.ID).remove();
  return { command: serviceRemoveCommand(s.Spec?.Name ?? id) };
}
