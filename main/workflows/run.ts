/**
 * Runs a container from the run dialog's spec the way `docker run` does: checks first, then
 * create, (attach,) start. Nothing is half-created: when the start fails the container is
 * removed unless the user asked to keep it. Engine errors keep the engine's words and name the
 * field they concern.
 */
import type Docker from 'dockerode';
import type { ApiError, RunResult } from '../contract';
import { FieldError, toApiError } from '../engine/errors';
import type { AttachedRuns, HeldRun } from './attached-runs';
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

/**
 * Creates and starts the container. Detached: returns once it started. Attached: the output is
 * attached before the start and held by `runs`; the result's `outputId` is what the dialog
 * subscribes to (`workflows:run-output`) to see it live, from the first byte.
 */
export async function runFromSpec(docker: Docker, spec: RunSpec, engineCpus: number | undefined, keepOnFailure: boolean, runs?: AttachedRuns): Promise<RunResult> {
  const issues = validateRunSpec(spec, engineCpus);
  if (issues.length) throw new FieldError(issues[0]!.field, issues[0]!.message);
  const options = toCreateOptions(spec);
  const command = runCommand(spec);
  try {
    await docker.getImage(options.Image).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new EngineFieldError('image', `No such image: ${options.Image} is not on this engine yet`, 'not-found', 404);
    }
    throw err;
  }
  let container: Docker.Container;
  try {
    container = await docker.createContainer(options as Docker.ContainerCreateOptions);
  } catch (err) {
    throw asFieldError(err, spec);
  }
  let held: HeldRun | null = null;
  try {
    if (!spec.detach) {
      if (!runs) throw new Error('attached runs need somewhere to hold their output');
      held = await runs.attach(container, { tty: spec.tty, rm: spec.rm });
    }
    await container.start();
  } catch (err) {
    held?.discard();
    if (!keepOnFailure) await container.remove({ force: true, v: true }).catch(() => undefined);
    throw asFieldError(err, spec);
  }
  const info = await container.inspect().catch(() => null);
  const name = (info?.Name ?? (spec.name || container.id)).replace(/^\//, '');
  return { id: container.id, name, command, ...(held ? { outputId: held.outputId } : {}) };
}
