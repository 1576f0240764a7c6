/**
 * HTTP answers from a service while it runs and updates: which version answered, and whether
 * anything answered at all. Each round asks every published port of the service at once, the
 * way a load balancer with health checks would, so "up" means a user would have been served.
 * Targets: an ingress port once; in host mode each task container's own port. On this engine
 * those come from the container list (the engine's local truth, right as soon as a container
 * starts or dies), elsewhere from the tasks' reported ports.
 */
import http from 'node:http';
import type Docker from 'dockerode';
import type { ClusterProbeAnswer, ClusterProbeSample, ClusterService, ClusterTask } from '../contract';
import type { Endpoint } from '../engine/endpoint';
import { withoutDigest } from './services';

export interface ProbeTarget {
  port: number;
  /** Another node's address, for its tasks' host-mode ports; unset: the engine's own host. */
  host?: string;
  taskId?: string;
  image?: string;
}

/** Where published ports are reachable: the engine's host for tcp/ssh engines, loopback for local ones. */
export function probeHost(endpoint: Endpoint | null): string {
  if (endpoint && (endpoint.kind === 'tcp' || endpoint.kind === 'ssh') && endpoint.host) return endpoint.host;
  return '127.0.0.1';
}

interface ListedContainer {
  Image?: string;
  Labels?: Record<string, string>;
  Ports?: { IP?: string; PublicPort?: number; Type?: string }[];
}

/**
 * Where another node's host-mode ports are: its own address. An empty, wildcard or loopback
 * address says nothing about where the node is (nodes on one machine): then the engine's host.
 */
export function nodeProbeHost(addr: string | undefined): string | undefined {
  if (!addr || addr === '0.0.0.0' || addr === '::' || /^127\.|^::1$/.test(addr)) return undefined;
  return addr;
}

/**
 * Pure: the ports to ask, from the service's ports, this node's task containers and other nodes'
 * tasks (at their node's address, from `nodeAddrs`: node id -> address).
 */
export function probeTargets(
  service: Pick<ClusterService, 'id' | 'ports'>,
  localContainers: ListedContainer[],
  remoteTasks: ClusterTask[],
  nodeAddrs: Record<string, string> = {},
): ProbeTarget[] {
  const seen = new Set<string>();
  const out: ProbeTarget[] = [];
  const add = (t: ProbeTarget) => {
    // Two nodes can publish the same port number (a fixed host-mode port): one target per node.
    const key = `${t.host ?? ''}:${t.port}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  for (const p of service.ports) if (p.protocol === 'tcp' && p.mode === 'ingress' && p.publishedPort) add({ port: p.publishedPort });
  for (const c of localContainers) {
    if (c.Labels?.['com.docker.swarm.service.id'] !== service.id) continue;
    const taskId = c.Labels['com.docker.swarm.task.id'];
    // Only IPv4 bindings: the probe asks 127.0.0.1 (engine 20.10 may bind IPv6 on another port).
    for (const p of c.Ports ?? []) {
      if (p.PublicPort && p.Type === 'tcp' && !(p.IP ?? '').includes(':')) add({ port: p.PublicPort, ...(taskId ? { taskId } : {}), image: withoutDigest(c.Image) });
    }
  }
  for (const t of remoteTasks) {
    if (t.serviceId !== service.id || t.state !== 'running') continue;
    const host = nodeProbeHost(nodeAddrs[t.nodeId]);
    for (const p of t.ports) if (p.protocol === 'tcp') add({ port: p.publishedPort, ...(host ? { host } : {}), taskId: t.id, image: t.image });
  }
  return out;
}

/** This node's running task containers of a service (one list call). */
export async function localTaskContainers(docker: Docker, serviceId: string): Promise<ListedContainer[]> {
  return (await docker.listContainers({ filters: { label: [`com.docker.swarm.service.id=${serviceId}`], status: ['running'] } })) as ListedContainer[];
}

const MAX_BODY = 4096;

/**
 * A deadline that counts only the time this process was running: it fires once `ms` of
 * responsive time has passed. A stalled event loop (a busy machine, a long GC) delays every
 * callback alike, so a plain timer would fire in the same turn as the answers that arrived
 * meanwhile and call a timely server silent; here a tick that comes late counts as one step.
 */
export function responsiveDeadline(ms: number, onExpire: () => void, step = 100): () => void {
  let left = ms;
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    left -= Math.min(now - last, step);
    last = now;
    if (left > 0) return;
    clearInterval(timer);
    onExpire();
  }, step);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** One GET, bounded in size and by `signal`; never rejects. */
export function probeOnce(host: string, target: ProbeTarget, path: string, signal: AbortSignal, timeoutMs: number): Promise<ClusterProbeAnswer> {
  const base = { port: target.port, ...(target.host ? { host: target.host } : {}), ...(target.taskId ? { taskId: target.taskId } : {}), ...(target.image ? { image: target.image } : {}) };
  const silent = `no answer within ${timeoutMs} ms`;
  return new Promise((resolve) => {
    const req = http.get({ host: target.host ?? host, port: target.port, path, agent: false, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        if (body.length < MAX_BODY) body += d;
      });
      res.on('end', () => {
        const firstLine = body.replace(/<[^>]*>/g, ' ').split('\n').map((l) => l.trim()).find(Boolean) ?? '';
        resolve({ ...base, ok: (res.statusCode ?? 500) < 500, status: res.statusCode ?? 0, body: firstLine.slice(0, 200) });
      });
      res.on('error', (err) => resolve({ ...base, ok: false, error: signal.aborted ? silent : err.message }));
    });
    req.on('error', (err) => resolve({ ...base, ok: false, error: signal.aborted ? silent : ((err as NodeJS.ErrnoException).code ?? err.message) }));
  });
}

/** One round: every target at once, within one deadline of responsive time. */
export async function probeRound(host: string, targets: ProbeTarget[], path: string, timeoutMs = 800): Promise<ClusterProbeSample> {
  const at = Date.now();
  const abort = new AbortController();
  const stop = responsiveDeadline(timeoutMs, () => abort.abort());
  try {
    const answers = await Promise.all(targets.map((t) => probeOnce(host, t, path, abort.signal, timeoutMs)));
    return { at, up: answers.some((a) => a.ok), answers };
  } finally {
    stop();
  }
}
