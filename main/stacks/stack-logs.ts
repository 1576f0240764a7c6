/**
 * The combined log of a Compose project: one bounded, batched follower per container (the same
 * machinery as a single container's log, main/debug/log-stream.ts), each batch tagged with the
 * container and its service so the view can interleave them like `docker compose logs -f`.
 */
import type Docker from 'dockerode';
import type { StackLogEvent } from '../contract';
import { followLogs } from '../debug/log-stream';
import { FieldError } from '../engine/errors';
import { PROJECT_LABEL, serviceOf } from './compose-labels';
import { projectContainers } from './stacks';

/** A stack with more containers than this shows the first ones only (each stream costs the engine). */
export const MAX_STACK_LOG_STREAMS = 50;

export async function followStackLogs(
  docker: Docker,
  project: string,
  tail: number,
  emit: (e: StackLogEvent) => void,
  fail: (err: unknown) => void,
): Promise<() => void> {
  const members = (await projectContainers(docker, project)).slice(0, MAX_STACK_LOG_STREAMS);
  if (members.length === 0) throw new FieldError('project', `No container carries the label ${PROJECT_LABEL}=${project}`);
  const closers: (() => void)[] = [];
  let closed = false;
  const closeAll = () => {
    closed = true;
    for (const c of closers.splice(0)) c();
  };
  try {
    for (const m of members) {
      const service = serviceOf(m);
      const close = await followLogs(
        docker,
        // Smaller batches per container: a stack of 10 still sends at most ~10 bounded batches a tick.
        { id: m.id, tail, timestamps: true, follow: true, maxLinesPerBatch: 1000, batchMs: 200 },
        (batch) => {
          if (!closed) emit({ container: m.name, service, batch });
        },
        (err) => {
          if (!closed) fail(err);
        },
      );
      closers.push(close);
    }
  } catch (err) {
    closeAll();
    throw err;
  }
  return closeAll;
}
