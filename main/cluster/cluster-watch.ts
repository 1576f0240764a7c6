/**
 * The cluster as a live picture. The engine announces services and nodes changing, and task
 * containers starting and dying, but it sends no event when a task moves between its own states
 * (new, pending, preparing, starting...) or when a rolling update advances. So: re-read on every
 * relevant event (bursts coalesced, one read in flight), and while something is in motion (an
 * update running, a task on its way), follow up once shortly after each read until it settles.
 * A quiet cluster costs nothing.
 */
import type { ClusterSnapshot, EngineEvent } from '../contract';
import type { EngineManager } from '../engine/engine-manager';
import { readCluster } from './services';

const FOLLOW_UP_MS = 500;
const COALESCE_MS = 50;
const IN_MOTION_TASK = /^(new|pending|assigned|accepted|preparing|ready|starting)$/;
const IN_MOTION_UPDATE = /^(updating|rollback_started)$/;

/** True while the picture is expected to change without the engine announcing it. */
export function inMotion(s: ClusterSnapshot): boolean {
  if (s.services.some((sv) => sv.update && IN_MOTION_UPDATE.test(sv.update.state))) return true;
  if (s.services.some((sv) => sv.mode === 'replicated' && sv.running !== sv.desired)) return true;
  return s.tasks.some((t) => IN_MOTION_TASK.test(t.state) || (t.desiredState !== 'running' && t.state === 'running'));
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
  let closed = false;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (ms: number) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void read();
    }, ms);
  };

  const read = async (): Promise<void> => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    let followUp = false;
    try {
      do {
        again = false;
        if (engine.getStatus().state !== 'connected') break;
        try {
          const snap = await readCluster(engine.client(), dataDir);
          if (closed) return;
          emit(snap);
          followUp = inMotion(snap);
        } catch (err) {
          if (!closed) fail(err);
        }
      } while (again && !closed);
    } finally {
      running = false;
    }
    if (followUp && !timer) schedule(FOLLOW_UP_MS);
  };

  const offEvent = engine.onEvent((e) => {
    if (isClusterEvent(e)) schedule(COALESCE_MS);
  });
  const offStatus = engine.onStatus((s) => {
    if (s.state === 'connected') schedule(0);
  });
  void read();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    offEvent();
    offStatus();
  };
}
