/**
 * Several objects at once, the way `docker stop a b c` does it: one engine call per object, a
 * few at a time, and a result for each (a failure keeps the engine's words and does not stop
 * the others).
 */
import type Docker from 'dockerode';
import type { BulkItemResult, BulkResult } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { engineMessage } from '../engine/errors';

export type BulkContainerAction = 'start' | 'stop' | 'kill' | 'remove';
export type BulkKind = 'image' | 'volume' | 'network';

/** Stopping waits up to the grace period per container: run several at once, but not hundreds. */
const CONCURRENCY = 8;

/** Runs `each` on every ref with at most `limit` in flight; results keep the refs' order. */
export async function forEachRef(refs: string[], each: (ref: string) => Promise<void>, limit = CONCURRENCY): Promise<BulkItemResult[]> {
  const results = new Array<BulkItemResult>(refs.length);
  let next = 0;
  const worker = async () => {
    while (next < refs.length) {
      const i = next++;
      const ref = refs[i]!;
      try {
        await each(ref);
        results[i] = { ref, ok: true };
      } catch (err) {
        results[i] = { ref, ok: false, error: engineMessage(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, refs.length) }, worker));
  return results;
}

/** The docker CLI line for a bulk action on containers. */
export function bulkContainersCommand(action: BulkContainerAction, refs: string[], force: boolean): string {
  if (action === 'remove') return dockerCommand('rm', force && '--force', ...refs);
  return dockerCommand(action, ...refs);
}

export function bulkRemoveCommand(kind: BulkKind, refs: string[], force: boolean): string {
  if (kind === 'image') return dockerCommand('rmi', force && '--force', ...refs);
  return dockerCommand(kind, 'rm', ...refs);
}

export async function bulkContainers(docker: Docker, action: BulkContainerAction, refs: string[], force: boolean): Promise<BulkResult> {
  const unique = [...new Set(refs)];
  const results = await forEachRef(unique, async (ref) => {
    const c = docker.getContainer(ref);
    // 304 "already started/stopped" is success for the CLI too.
    if (action === 'start') await c.start().catch(notModifiedIsFine);
    else if (action === 'stop') await c.stop().catch(notModifiedIsFine);
    else if (action === 'kill') await c.kill();
    // Anonymous volumes stay (no `v`): the CLI's `docker rm` keeps them too unless asked.
    else await c.remove({ force });
  });
  return { command: bulkContainersCommand(action, unique, force), results };
}

export async function bulkRemove(docker: Docker, kind: BulkKind, refs: string[], force: boolean): Promise<BulkResult> {
  const unique = [...new Set(refs)];
  // Images one after another: two removals sharing layers race in the engine ("conflict").
  const results = await forEachRef(
    unique,
    async (ref) => {
      if (kind === 'image') await docker.getImage(ref).remove(force ? { force: true } : {});
      else if (kind === 'volume') await docker.getVolume(ref).remove();
      else await docker.getNetwork(ref).remove();
    },
    kind === 'image' ? 1 : CONCURRENCY,
  );
  return { command: bulkRemoveCommand(kind, unique, force && kind === 'image'), results };
}

function notModifiedIsFine(err: unknown): void {
  if ((err as { statusCode?: number } | null)?.statusCode !== 304) throw err;
}
