/** Image operations: list (with the containers using each image), remove, history, pull. */
import type Docker from 'dockerode';
import type { ImageLayer, ImageSummary, PullEvent, WithCommand } from '../contract';
import { FieldError } from '../engine/errors';
import { LineSplitter } from '../engine/line-splitter';
import { ProgressTracker, type ProgressMessage } from '../engine/progress';
import { registryOf, resolveRegistryAuth } from '../engine/registry-auth';
import { EngineFieldError } from './run';
import { dockerLine, imageReferenceProblem, withDefaultTag } from './run-spec';

const NONE = '<none>:<none>';

export async function listImages(docker: Docker): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([docker.listImages({ all: false }), docker.listContainers({ all: true })]);
  const users = new Map<string, string[]>();
  for (const c of containers) {
    const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    users.set(c.ImageID, [...(users.get(c.ImageID) ?? []), name]);
  }
  return images
    .map((i) => {
      const repoTags = (i.RepoTags ?? []).filter((t) => t !== NONE).sort();
      return {
        id: i.Id,
        repoTags,
        repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
        size: i.Size,
        created: i.Created,
        dangling: repoTags.length === 0,
        containers: (users.get(i.Id) ?? []).sort(),
        labels: i.Labels ?? {},
      };
    })
    .sort((a, b) => b.created - a.created || (a.repoTags[0] ?? '').localeCompare(b.repoTags[0] ?? ''));
}

/**
 * Removes an image (or one of its tags). When containers use it, it is refused with their names
 * unless `force` (which the UI only sends after a confirmation); a running container's image
 * stays even then, as the engine decides.
 */
export async function removeImage(docker: Docker, ref: string, force: boolean): Promise<WithCommand & { deleted: string[]; untagged: string[] }> {
  const command = dockerLine('rmi', force && '--force', ref);
  if (!force) {
    const info = await docker.getImage(ref).inspect();
    // Matched on the image ID rather than with an ancestor filter: Podman's ancestor filter
    // finds nothing for a "sha256:"-prefixed ID.
    const exact = (await docker.listContainers({ all: true })).filter((c) => c.ImageID === info.Id);
    // Removing one tag of several only untags, which never harms a container.
    const tags = (info.RepoTags ?? []).length;
    const isTagRemoval = tags > 1 && !ref.startsWith('sha256:') && !info.Id.includes(ref);
    if (exact.length && !isTagRemoval) {
      const names = exact.map((c) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')).join(', ');
      throw new EngineFieldError(
        'id',
        `Image ${ref} is used by container(s) ${names}: remove ${exact.length > 1 ? 'them' : 'it'} first, or force the removal (running containers keep it anyway).`,
        'conflict',
        409,
      );
    }
  }
  const result = (await docker.getImage(ref).remove({ force })) as { Untagged?: string; Deleted?: string }[];
  return {
    command,
    deleted: result.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
    untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
  };
}

export async function imageHistory(docker: Docker, ref: string): Promise<WithCommand & { layers: ImageLayer[] }> {
  const raw = (await docker.getImage(ref).history()) as { Id: string; Created: number; CreatedBy: string; Size: number; Tags: string[] | null; Comment: string }[];
  return {
    command: dockerLine('history', '--no-trunc', ref),
    layers: raw.map((l) => ({ id: l.Id, created: l.Created, createdBy: l.CreatedBy, size: l.Size, tags: l.Tags ?? [], comment: l.Comment })),
  };
}

/**
 * Pulls an image, emitting folded progress at most every 100 ms and a final `done` event.
 * Returns the function that cancels, at once (before the engine even answers, a registry that
 * hangs can still be cancelled): it aborts the request and destroys the engine stream, and the
 * engine stops the pull with it. A cancelled pull leaves no image behind (no tag is written
 * until every layer is in).
 */
export async function pullImage(docker: Docker, reference: string, emit: (e: PullEvent) => void, fail: (err: unknown) => void): Promise<() => void> {
  const problem = imageReferenceProblem(reference);
  if (problem) throw new FieldError('reference', problem);
  const ref = withDefaultTag(reference.trim());
  const command = dockerLine('pull', ref);
  const auth = await resolveRegistryAuth(registryOf(ref));
  const tracker = new ProgressTracker();
  const splitter = new LineSplitter();
  const abort = new AbortController();
  let stream: (NodeJS.ReadableStream & { destroy(): void }) | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const send = (done: boolean) => {
    if (closed) return;
    emit({ reference: ref, command, progress: tracker.snapshot(), done });
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      send(false);
    }, 100);
  };
  const feed = (lines: string[]) => {
    for (const line of lines) {
      try {
        tracker.push(JSON.parse(line) as ProgressMessage);
      } catch {
        // A line that is not JSON carries no progress.
      }
    }
  };
  send(false);
  void (docker.pull(ref, { ...(auth ? { authconfig: auth } : {}), abortSignal: abort.signal }) as Promise<NodeJS.ReadableStream & { destroy(): void }>).then(
    (s) => {
      if (closed) {
        s.on('error', () => undefined);
        s.destroy();
        return;
      }
      stream = s;
      s.on('data', (c: Buffer) => {
        feed(splitter.push(c));
        schedule();
      });
      s.on('error', (err) => {
        if (!closed) fail(err);
      });
      s.on('end', () => {
        feed(splitter.flush());
        if (timer) clearTimeout(timer);
        timer = null;
        const snap = tracker.snapshot();
        if (snap.error) fail(new Error(snap.error));
        else send(true);
      });
    },
    (err) => {
      if (!closed) fail(err);
    },
  );
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    abort.abort();
    stream?.destroy();
  };
}
