/**
 * The cluster as a live picture. The engine announces services and nodes changing, and task
 * containers starting and dying, but it sends no event when a task moves between its own states
 * (new, pending, preparing, starting...) or when a rolling update advances. So: re-read on every
 * relevant event (bursts coalesced, one read in flight), and while something is in motion (an
 * update running, a task on its way), read again shortly after, a few times, until it settles.
 * A quiet cluster costs nothing.
 */
import type { ClusterSnapshot, EngineEvent } from '../contract';
import type { EngineManager } from '../engine/engine-manager';
import { watchList } from '../service/watch-list';
import { readCluster } from './services';

/**
 * Re-reads while in motion; a task's own steps take a few seconds, an update's monitor period 5 s.
 * Then every 3 s for about two minutes more: a task on another node sends this engine no event
 * at all (its container starts over there), so without these a worker's task could stay
 * "preparing" on screen while it already runs. A quiet cluster still costs nothing.
 */
export const FOLLOW_UPS_MS = [250, 500, 500, 1000, 1000, 1000, 2000, 2000, ...Array<number>(37).fill(3000)];
const IN_MOTION_TASK = /^(new|pending|assigned|accepted|preparing|ready|starting)$/;
const IN_MOTION_UPDATE = /^(updating|rollback_started)$/;

/** True while the picture is expected to change without the engine announcing it. */
export function inMotion(s: ClusterSnapshot): boolean {
  if (s.services.some((sv) => sv.update && IN_MOTION_UPDATE.test(sv.update.state))) return true;
  if (s.services.some((sv) => sv.mode === 'replicated' && sv.running !== sv.desired)) return true;
  // A task is reported running a moment before its host-mode ports are (no event follows).
  const hostPorts = new Set(s.services.filter((sv) => sv.ports.some((p) => p.mode === 'host')).map((sv) => sv.id));
  return s.tasks.some(
    (t) => IN_MOTION_TASK.test(t.state) || (t.desiredState !== 'running' && t.state === 'running') || (t.state === 'running' && hostPorts.has(t.serviceId) && t.ports.length === 0),
  );
}

export function isClusterEvent(e: EngineEvent): boolean {
  if (e.type === 'service' || e.type === 'node') return true;
  // swarm init/leave add and remove these networks: the only trace a CLI init leaves in the stream.
  if (e.type === 'network') return e.attributes.name === 'ingress' || e.attributes.name === 'docker_gwbridge';
  return e.type === 'container' && Boolean(e.attributes['com.docker.swarm.service.id']);
}

export function watchCluster(
  engine: EngineManager,
  dataDir: string,
  emit: (s: ClusterSnapshot) => void,
  fail: (err: unknown) => void,
): () => void {
  // The shared list watch: events coalesced, one read in flight, reconnects re-read. A picture
  // still in motion counts as "not yet agreed", so it is read again with growing delays.
  return watchList(
    engine,
    ['service', 'node', 'container', 'network'],
    () => readCluster(engine.client(), dataDir),
    { emit, fail },
    isClusterEvent,
    { confirm: async (value) => ({ value, agreed: !inMotion(value) }), recheckDelaysMs: FOLLOW_UPS_MS },
  );
}
