/**
 * Runs a container from the run dialog's spec the way `docker run` does: checks first, then
 * create, (attach,) start. Nothing is half-created: when the start fails the container is
 * removed unless the user asked to keep it. Engine errors keep the engine's words and name the
 * field they concern.
 */
import type Docker from 'dockerode';
import type { ApiError, RunResult } from '../contract';
import { FieldError, toApiError } from '../engine/errors';
import { Demuxer } from './demux';
import { runCommand, toCreateOptions, validateRunSpec, type RunSpec } from './run-spec';

/** A FieldError that keeps the engine's code and status (e.g. not-found for a missing image). */
export class EngineFieldError extends FieldError {
  constructor(
    field: string,
    message: string,
    private readonly code: ApiError['code'],
    private readonly statusCode?: number,
  ) {
    super(field, message);
  }
  override toApiError(): ApiError {
    return { code: this.code, field: this.field, message: this.message, ...(this.statusCode ? { statusCode: this.statusCode } : {}) };
  }
}

/** Which form field an engine error is about, judged from the engine's own message. */
export function fieldOfEngineError(message: string, spec: RunSpec): string | undefined {
  const port = /(?:Bind for [^\s]*:(\d+) failed|listen (?:tcp|udp)[46]? [^\s]*:(\d+)|port is already allocated)/i.exec(message);
  if (port) {
    const n = port[1] ?? port[2];
    const i = spec.ports.findIndex((p) => p.hostPort === n);
    return `ports.${i >= 0 ? i : 0}.hostPort`;
  }
  if (/container name .* is already in use/i.test(message)) return 'name';
  if (/no such image|pull access denied|repository does not exist|manifest unknown|invalid reference format/i.test(message)) return 'image';
  if (/network .* not found|network mode|conflicting options: host type networking/i.test(message)) return 'network';
  if (/memory/i.test(message)) return 'memory';
  if (/cpus|NanoCPUs/i.test(message)) return 'cpus';
  if (/restart policy/i.test(message)) return 'restart';
  if (/executable file not found|exec: |starting container process/i.test(message)) return 'command';
  if (/mount|volume|bind source path/i.test(message)) return 'volumes.0.source';
  return undefined;
}

function asFieldError(err: unknown, spec: RunSpec): unknown {
  const api = toApiError(err);
  const field = fieldOfEngineError(api.message, spec);
  return field ? new EngineFieldError(field, api.message, api.code, api.statusCode) : err;
}

export async function runFromSpec(docker: Docker, spec: RunSpec, engineCpus: number | undefined, keepOnFailure: boolean, attachWaitMs = 30_000): Promise<RunResult> {
  const issues = validateRunSpec(spec, engineCpus);
  if (issues.length) throw new FieldError(issues[0]!.field, issues[0]!.message);
  const options = toCreateOptions(spec);
  const command = runCommand(spec);
  try {
    await docker.getImage(options.Image).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new EngineFieldError('image', `No such image: ${options.Image} (pull it first)`, 'not-found', 404);
    }
    throw err;
  }
  let container: Docker.Container;
  try {
    container = await docker.createContainer(options as Docker.ContainerCreateOptions);
  } catch (err) {
    throw asFieldError(err, spec);
  }
  let demux: Demuxer | null = null;
  let attached: NodeJS.ReadWriteStream | null = null;
  // Attached runs wait for the exit; asked before the start so a quick exit (or --rm's removal) is not missed.
  const waitAbort = new AbortController();
  let exited: Promise<number | null> | null = null;
  let removed: Promise<unknown> | null = null;
  try {
    if (!spec.detach) {
      // The exit code comes from next-exit: Podman answers a "removed" wait with StatusCode 0
      // whatever the code was. With --rm the answer also waits for the removal, like the CLI.
      exited = container
        .wait({ condition: 'next-exit', abortSignal: waitAbort.signal })
        .then((r: { StatusCode?: number }) => r.StatusCode ?? null, () => null);
      if (spec.rm) removed = container.wait({ condition: 'removed', abortSignal: waitAbort.signal }).catch(() => null);
      attached = await container.attach({ stream: true, stdout: true, stderr: true, logs: true });
      demux = new Demuxer(256 * 1024);
      const d = demux;
      attached.on('data', (c: Buffer) => (spec.tty ? d.push(ttyFrame(c)) : d.push(c)));
      attached.on('error', () => undefined);
    }
    await container.start();
  } catch (err) {
    waitAbort.abort();
    (attached as unknown as { destroy?: () => void } | null)?.destroy?.();
    if (!keepOnFailure) await container.remove({ force: true, v: true }).catch(() => undefined);
    throw asFieldError(err, spec);
  }
  const info = await container.inspect().catch(() => null);
  const name = (info?.Name ?? spec.name ?? container.id).replace(/^\//, '');
  if (spec.detach || !demux || !exited) return { id: container.id, name, command };
  // Attached: wait for the exit (bounded), then hand back what it printed.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<null>((r) => (timer = setTimeout(() => r(null), attachWaitMs)));
  const exitCode = await Promise.race([exited, deadline]);
  if (removed && exitCode !== null) await Promise.race([removed, deadline]);
  clearTimeout(timer);
  waitAbort.abort();
  await new Promise((r) => setTimeout(r, 50));
  (attached as unknown as { destroy?: () => void } | null)?.destroy?.();
  return { id: container.id, name, command, output: demux.chunks, exitCode };
}

/** Wraps raw TTY bytes as one stdout frame so the same demuxer handles both. */
function ttyFrame(chunk: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h[0] = 1;
  h.writeUInt32BE(chunk.length, 4);
  return Buffer.concat([h, chunk]);
}

