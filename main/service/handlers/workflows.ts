/** Handlers of the "workflows" section of the contract (see main/contract.ts). */
import { execOnce, ShellSessions } from '../../workflows/exec';
import { imageHistory, listImages, pullImage, removeImage } from '../../workflows/images';
import { AttachedRuns } from '../../workflows/attached-runs';
import { runFromSpec } from '../../workflows/run';
import { FieldError } from '../../engine/errors';
import { createVolume, listVolumes, removeVolume } from '../../workflows/volumes';
import { learnerShell } from '../../lessons/shell-activity';
import { confirmPresence } from '../../engine/list-confirm';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';
import { watchList } from '../watch-list';

type Calls = Pick<
  CallHandlers,
  | 'workflows:run'
  | 'workflows:networks'
  | 'images:list'
  | 'images:remove'
  | 'images:history'
  | 'volumes:list'
  | 'volumes:create'
  | 'volumes:remove'
  | 'exec:run'
  | 'exec:input'
  | 'exec:resize'
>;
type Subs = Pick<SubscriptionHandlers, 'images:list' | 'images:pull' | 'volumes:list' | 'exec:shell' | 'workflows:run-output'>;

// One set of shell sessions per service: input/resize calls find the session a subscription opened.
const sessionsByContext = new WeakMap<ServiceContext, ShellSessions>();
function sessionsOf(ctx: ServiceContext): ShellSessions {
  let s = sessionsByContext.get(ctx);
  if (!s) sessionsByContext.set(ctx, (s = new ShellSessions()));
  return s;
}

// One set of held attached runs per service: the run call holds, the output subscription reads.
const runsByContext = new WeakMap<ServiceContext, AttachedRuns>();
export function attachedRunsOf(ctx: ServiceContext): AttachedRuns {
  let r = runsByContext.get(ctx);
  if (!r) runsByContext.set(ctx, (r = new AttachedRuns()));
  return r;
}

// Container events that change who uses an image or a volume.
const USAGE_ACTIONS = /^(create|destroy)$/;

export function workflowsCalls(ctx: ServiceContext): Calls {
  const { engine } = ctx;
  const cpus = () => {
    const s = engine.getStatus();
    return s.state === 'connected' ? s.info.cpus : undefined;
  };
  return {
    'workflows:run': async ({ spec, keepOnFailure }) => runFromSpec(engine.client(), spec, cpus(), keepOnFailure, attachedRunsOf(ctx)),
    // host and none are modes every Linux engine accepts; Podman lists no network objects for them.
    'workflows:networks': async () => [...new Set([...(await engine.client().listNetworks()).map((n) => n.Name), 'host', 'none'])].sort(),
    'images:list': async () => listImages(engine.client()),
    'images:remove': async ({ id, force }) => removeImage(engine.client(), id, force),
    'images:history': async ({ id }) => imageHistory(engine.client(), id),
    'volumes:list': async () => listVolumes(engine.client()),
    'volumes:create': async ({ name, labels }) => createVolume(engine.client(), name, labels),
    'volumes:remove': async ({ name }) => removeVolume(engine.client(), name),
    'exec:run': async ({ id, command }) => execOnce(engine.client(), id, command),
    'exec:input': async ({ sessionId, data }) => {
      sessionsOf(ctx).input(sessionId, data);
      return { ok: true };
    },
    'exec:resize': async ({ sessionId, cols, rows }) => {
      await sessionsOf(ctx).resize(sessionId, cols, rows);
      return { ok: true };
    },
  };
}

export function workflowsSubscriptions(ctx: ServiceContext): Subs {
  const { engine } = ctx;
  return {
    'images:list': (_args, sink) =>
      watchList(engine, ['image', 'container'], () => listImages(engine.client()), sink, (e) => e.type === 'image' || USAGE_ACTIONS.test(e.action), {
        confirm: (value, events) =>
          confirmPresence(
            value,
            events,
            'image',
            (id, signal) => engine.client().getImage(id).inspect({ abortSignal: signal } as object),
            (row, id, doc) => row.id === ((doc as { Id?: string } | null)?.Id ?? id),
          ),
      }),
    'volumes:list': (_args, sink) =>
      watchList(engine, ['volume', 'container'], () => listVolumes(engine.client()), sink, (e) => e.type === 'volume' || USAGE_ACTIONS.test(e.action), {
        confirm: (value, events) =>
          confirmPresence(
            value,
            events,
            'volume',
            (id, signal) => engine.client().getVolume(id).inspect({ abortSignal: signal } as object),
            (row, id) => row.name === id,
          ),
      }),
    'images:pull': ({ reference }, sink) => pullImage(engine.client(), reference, sink.emit, sink.fail),
    'workflows:run-output': ({ outputId }, sink) => {
      const close = attachedRunsOf(ctx).subscribe(outputId, sink.emit);
      if (!close) {
        throw new FieldError(
          'outputId',
          "This run's output is no longer kept (nobody watched it for a minute, or Dockside restarted). The container's Logs tab shows what it printed.",
        );
      }
      return close;
    },
    'exec:shell': ({ id, cols, rows }, sink) => {
      const status = engine.getStatus();
      const engineUrl = status.state === 'connected' ? status.endpoint.url : '';
      // What the learner types and runs in this shell counts for the lessons like a terminal's exec.
      return sessionsOf(ctx).open(engine.client(), id, cols, rows, sink.emit, (c) => learnerShell(engine).record({ ...c, engineUrl }));
    },
  };
}
