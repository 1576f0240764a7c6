/**
 * What counts for a lesson: only what the engine reports after the learner started the course (or
 * reset the lesson), and never Dockside's own helpers. The checks stay pure functions of a
 * snapshot; this narrows the snapshot before they see it, so every check obeys the same rule:
 *
 * - events before `since` are dropped (older history is someone else's, or an earlier attempt);
 * - a container counts only if it was created or started after `since` (a container left running
 *   from before a reset does not re-tick the task);
 * - an image reference counts only if it was tagged, built, pulled, imported or loaded after
 *   `since` (the engine's `tag`/`pull`/`import`/`load` events name it);
 * - a cluster service counts only if it was created or updated after `since` (its `service` events);
 * - containers labelled `dev.dockside.*` (the practice registry) and their events are Dockside's
 *   own work, not the learner's.
 */
import type { EngineSnapshot, SnapshotEvent } from './snapshot';

/** Label prefix of containers Dockside starts for itself (e.g. dev.dockside.practice-registry=1). */
export const DOCKSIDE_OWN_LABEL_PREFIX = 'dev.dockside.';

const ownLabels = (labels: Record<string, string> | undefined) => Object.keys(labels ?? {}).some((k) => k.startsWith(DOCKSIDE_OWN_LABEL_PREFIX));

/** Docker Hub short names: "nginx" and "docker.io/library/nginx:latest" are one reference. */
export function normaliseRef(ref: string): string {
  let r = ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const at = r.lastIndexOf(':');
  if (at <= r.lastIndexOf('/')) r += ':latest';
  return r;
}

const IMAGE_ARRIVALS = new Set(['tag', 'pull', 'import', 'load']);

export function scopeSnapshot(s: EngineSnapshot, sinceNano: number): EngineSnapshot {
  const sinceSeconds = Math.floor(sinceNano / 1e9);
  const ownIds = new Set(s.containers.filter((c) => ownLabels(c.labels)).map((c) => c.id));
  const events: SnapshotEvent[] = s.events.filter((e) => {
    if (e.timeNano < sinceNano) return false;
    if (e.type === 'container' && (ownIds.has(e.id) || ownLabels(e.attributes))) return false;
    // A cluster's task containers are started, stopped and killed by the orchestrator, not by a
    // `docker stop`/`kill` of the learner's (the cluster checks read the services instead).
    if (e.type === 'container' && e.attributes['com.docker.swarm.task.id'] !== undefined) return false;
    if (e.type === 'volume' || e.type === 'network') {
      const c = e.attributes.container;
      if (c && ownIds.has(c)) return false;
    }
    return true;
  });
  const startedAfter = new Set(events.filter((e) => e.type === 'container' && (e.action === 'start' || e.action === 'create')).map((e) => e.id));
  const containers = s.containers.filter((c) => !ownIds.has(c.id) && (c.created >= sinceSeconds || startedAfter.has(c.id)));
  const arrived = new Set<string>();
  for (const e of events) {
    if (e.type !== 'image' || !IMAGE_ARRIVALS.has(e.action)) continue;
    for (const ref of [e.attributes.name, e.id]) if (ref && !ref.startsWith('sha256:')) arrived.add(normaliseRef(ref));
  }
  // An image counts when one of its names arrived after `since`; it keeps its other names, so
  // `docker tag helloworld:latest helloworld:1.0.0` counts even if latest was built earlier.
  const images = s.images
    .map((img) => ({ ...img, newTags: img.repoTags.filter((r) => r !== '<none>:<none>' && arrived.has(normaliseRef(r))) }))
    .filter((img) => img.newTags.length > 0);
  const touched = new Set(events.filter((e) => e.type === 'service').flatMap((e) => [e.id, e.attributes.name ?? '']));
  const services = s.services?.filter((sv) => touched.has(sv.id) || touched.has(sv.name));
  return { ...s, containers, images, events, ...(services ? { services } : {}) };
}
