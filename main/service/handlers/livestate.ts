/**
 * Handlers of the "live state" section of the contract (see main/contract.ts), and the list of
 * subscriptions the dispatcher re-opens after every reconnect (see Dispatcher's `reopen` hook).
 */
import { topProcesses } from '../../debug/top-limits';
import { ownActivity } from '../../lessons/own-activity';
import type { SubscriptionName } from '../../contract';
import type { ServiceContext, SubscriptionHandlers } from '../types';
import { goneWhileAway } from './gone';

/** Streams that die with the engine connection and come back by themselves on the next one. */
export const REOPEN_ON_RECONNECT: ReadonlySet<SubscriptionName> = new Set<SubscriptionName>(['stats:watch', 'logs:follow', 'top:watch']);

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
      // One request at a time, each `intervalMs` after the previous answer: bounded, stopped on close.
      let closed = false;
      let timer: NodeJS.Timeout | null = null;
      const tick = async () => {
        timer = null;
        try {
          own.note('top', id);
          const r = await topProcesses(docker, id, psArgs);
          if (!closed) sink.emit(r);
        } catch (err) {
          if (!closed) sink.fail(goneWhileAway(err, id, { reopened: 1, data: {} }));
        }
        if (!closed) timer = setTimeout(tick, intervalMs);
      };
      timer = setTimeout(tick, intervalMs);
      return () => {
        closed = true;
        if (timer) clearTimeout(timer);
      };
    },
  };
}
