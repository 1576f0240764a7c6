/**
 * `docker push` (one tag or every local tag of a repository) and `docker pull`, with the stored
 * credentials of the registry and per-layer progress folded by ProgressTracker.
 */
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { TransferEvent } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { engineMessage } from '../engine/errors';
import { LineSplitter } from '../engine/line-splitter';
import { ProgressTracker, type ProgressMessage } from '../engine/progress';
import { registryOf, resolveRegistryAuth } from '../engine/registry-auth';
import { FieldError } from '../engine/errors';
import { splitTag } from './latest-check';
import { localTagsOf } from './tags';

interface Running {
  closed: boolean;
  stream: Readable | null;
  controller: AbortController;
}

/** Follows one push/pull stream to its end; resolves with the error message, or null on success. */
function follow(stream: Readable, tag: string, run: Running, emit: (e: TransferEvent) => void): Promise<{ error: string | null; digest?: string }> {
  return new Promise((resolve) => {
    const tracker = new ProgressTracker();
    const splitter = new LineSplitter();
    let digest: string | undefined;
    let lastEmit = 0;
    const send = (force: boolean): void => {
      const now = Date.now();
      // At most ~10 progress events a second: the engine sends far more.
      if (!force && now - lastEmit < 100) return;
      lastEmit = now;
      const s = tracker.snapshot();
      emit({ type: 'progress', progress: { tag, layers: s.layers, overall: s.overall, message: s.message } });
    };
    stream.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) {
        try {
          const msg = JSON.parse(line) as ProgressMessage & { aux?: { Digest?: string } };
          if (msg.aux?.Digest) digest = msg.aux.Digest;
          tracker.push(msg);
        } catch {
          // a line that is not JSON carries no progress
        }
      }
      send(false);
    });
    stream.on('error', (err: Error) => resolve({ error: run.closed ? 'cancelled' : err.message }));
    stream.on('end', () => {
      send(true);
      resolve({ error: tracker.snapshot().error, ...(digest ? { digest } : {}) });
    });
  });
}

/**
 * Opens one push or pull stream and follows it to its end, keeping the cancel contract: a stream
 * that opens after cancel is destroyed at once, and nothing is reported after cancel. Resolves
 * with the outcome, or null when cancelled.
 */
async function transferOne(
  open: () => Promise<unknown>,
  tag: string,
  run: Running,
  emit: (e: TransferEvent) => void,
): Promise<{ error: string | null; digest?: string } | null> {
  try {
    const stream = (await open()) as Readable;
    run.stream = stream;
    if (run.closed) {
      stream.destroy();
      return null;
    }
    const r = await follow(stream, tag, run, emit);
    return run.closed ? null : r;
  } catch (err) {
    return run.closed ? null : { error: engineMessage(err) };
  }
}

/** The cancel function of a transfer: aborts the request and destroys its stream. */
function cancelOf(run: Running): () => void {
  return () => {
    run.closed = true;
    run.controller.abort();
    run.stream?.destroy();
  };
}

async function authFor(reference: string): Promise<{ authconfig?: object }> {
  const auth = await resolveRegistryAuth(registryOf(reference));
  // An empty auth header still has to be sent for a push (the engine wants X-Registry-Auth).
  return { authconfig: auth ?? { serveraddress: registryOf(reference) } };
}

/** Pushes `repository:tag`, or every local tag of the repository; returns the cancel function. */
export async function runPush(
  docker: Docker,
  o: { repository: string; tag?: string | undefined; tags?: string[] | undefined; allTags: boolean },
  emit: (e: TransferEvent) => void,
): Promise<() => void> {
  // "localhost:5000/web" has no tag (that colon is the port); "localhost:5000/web:1.0" has one.
  const hasTag = o.repository.lastIndexOf(':') > o.repository.lastIndexOf('/');
  const [repo, refTag] = splitTag(o.repository);
  const tags = o.allTags ? await localTagsOf(docker, repo) : (o.tags ?? [o.tag ?? (hasTag ? refTag : 'latest')]);
  if (tags.length === 0) throw new FieldError('repository', `There is no local image tagged ${repo}:<tag> to push.`);
  if (!o.allTags) {
    // Fail early, with the CLI's words, when a tag is not there.
    for (const t of tags) {
      try {
        await docker.getImage(`${repo}:${t}`).inspect();
      } catch {
        throw new FieldError(o.tags ? 'tags' : 'tag', `An image does not exist locally with the tag: ${repo}:${t}`);
      }
    }
  }
  const run: Running = { closed: false, stream: null, controller: new AbortController() };
  emit({ type: 'start', command: o.allTags ? dockerCommand('push', '--all-tags', repo) : tags.map((t) => dockerCommand('push', `${repo}:${t}`)).join(' && '), tags });
  void (async () => {
    const auth = await authFor(repo);
    const pushed: string[] = [];
    for (const tag of tags) {
      if (run.closed) return;
      const r = await transferOne(() => docker.getImage(repo).push({ tag, ...auth, abortSignal: run.controller.signal } as never) as unknown as Promise<unknown>, tag, run, emit);
      if (!r) return;
      if (r.error) {
        emit({ type: 'failed', tag, message: r.error });
        return;
      }
      pushed.push(tag);
      emit({ type: 'tag-done', tag, ...(r.digest ? { digest: r.digest } : {}) });
    }
    if (!run.closed) emit({ type: 'done', tags: pushed });
  })();
  return cancelOf(run);
}

/** Pulls a reference with its registry's stored credentials; returns the cancel function. */
export function runPull(docker: Docker, reference: string, emit: (e: TransferEvent) => void): () => void {
  const run: Running = { closed: false, stream: null, controller: new AbortController() };
  const [, tag] = splitTag(reference);
  emit({ type: 'start', command: dockerCommand('pull', reference), tags: [tag] });
  void (async () => {
    let auth: { authconfig?: object };
    try {
      auth = await authFor(reference);
    } catch (err) {
      if (!run.closed) emit({ type: 'failed', tag, message: engineMessage(err) });
      return;
    }
    const r = await transferOne(() => docker.pull(reference, { ...auth, abortSignal: run.controller.signal } as never), tag, run, emit);
    if (!r) return;
    if (r.error) emit({ type: 'failed', tag, message: r.error });
    else {
      emit({ type: 'tag-done', tag });
      emit({ type: 'done', tags: [tag] });
    }
  })();
  return cancelOf(run);
}
