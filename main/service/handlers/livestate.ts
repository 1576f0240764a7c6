/**
 * Handlers of the "live state" section of the contract (see main/contract.ts), and the list of
 * subscriptions the dispatcher re-opens after every reconnect (see Dispatcher's `reopen` hook).
 */
import { topProcesses } from '../../debug/top-limits';
import { ownActivity } from '../../lessons/own-activity';
import type { EngineEvent, SubscriptionName } from '../../contract';
import type { ServiceContext, SubscriptionHandlers } from '../types';
import { goneWhileAway } from './gone';

/** Container events after which `docker top` can answer differently (never `top` itself). */
const PROCESS_CHANGES = /^(start|restart|stop|die|kill|pause|unpause|oom|destroy|exec_start|exec_die)\b/;

/** Streams that die with the engine connection and come back by themselves on the next one. */
export const REOPEN_ON_RECONNECT: ReadonlySet<SubscriptionName> = new Set<SubscriptionName>(['stats:watch', 'stats:sample', 'logs:follow', 'top:watch']);

export function liveStateSubscriptions({ engine }: ServiceContext): Pick<SubscriptionHandlers, 'top:watch'> {
  return {
    'top:watch': async ({ id, psArgs, intervalMs }, sink) => {
      const docker = engine.client();
      // The first answer decides whether the subscription opens at all (e.g. no such container).
      // Every ask of this refresh is Dockside's own doing: its `top` events never tick a lesson.
      const own = ownActivity(engine);
      own.note('top', id);
      const first = await topProcesses(docker, id, psArgs).catch((err: unknown) => {
        throw goneWhileAway(err, id, sink.resume);
      });
      sink.emit(first);
      // Then only when something can have changed the processes: an engine event of this
      // container (from the one event stream main already follows, so no extra engine request),
      // and every `intervalMs` when the user turned auto-refresh on. One request at a time; events
      // arriving meanwhile are merged into one more ask. Our own `top` events are not among them.
      let closed = false;
      let timer: NodeJS.Timeout | null = null;
      let asking = false;
      let again = false;
      const ask = async () => {
        if (timer) clearTimeout(timer);
        timer = null;
        if (asking) {
          again = true;
          return;
        }
        asking = true;
        try {
          own.note('top', id);
          const r = await topProcesses(docker, id, psArgs);
          if (!closed) sink.emit(r);
        } catch (err) {
          if (!closed) sink.fail(goneWhileAway(err, id, { reopened: 1, data: {} }));
        }
        asking = false;
        if (closed) return;
        if (again) {
          again = false;
          void ask();
        } else if (intervalMs !== undefined) timer = setTimeout(() => void ask(), intervalMs);
      };
      const sameContainer = (e: EngineEvent) =>
        e.type === 'container' && (e.id === id || (id.length >= 4 && e.id.startsWith(id)) || e.attributes.name === id);
      let debounce: NodeJS.Timeout | null = null;
      const offEvent = engine.onEvent((e) => {
        if (closed || !sameContainer(e) || !PROCESS_CHANGES.test(e.action)) return;
        // A burst (exec_create, exec_start, exec_die within a few ms) makes one ask.
        if (debounce) clearTimeout(debounce);
        debounce = setTimeout(() => {
          debounce = null;
          void ask();
        }, 150);
      });
      if (intervalMs !== undefined) timer = setTimeout(() => void ask(), intervalMs);
      return () => {
        closed = true;
        offEvent();
        if (timer) clearTimeout(timer);
        if (debounce) clearTimeout(debounce);
      };
    },
  };
}
