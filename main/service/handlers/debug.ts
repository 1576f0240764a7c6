/** Handlers of the "debug" section of the contract (see main/contract.ts): stats, logs, top, limits. */
import { followLogs } from '../../debug/log-stream';
import { saveLogs } from '../../debug/logs-save';
import { watchStats } from '../../debug/stats-stream';
import { getLimits, topProcesses, updateLimits } from '../../debug/top-limits';
import { ownActivity } from '../../lessons/own-activity';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

type Calls = Pick<CallHandlers, 'top:list' | 'limits:get' | 'limits:update' | 'logs:save'>;

export function debugCalls({ engine, dataDir }: ServiceContext): Calls {
  return {
    'top:list': async ({ id, psArgs, background }) => {
      // The engine emits a `top` event for every call; the lesson tracker must tell polling from the learner.
      if (background) ownActivity(engine).note('top', id);
      else ownActivity(engine).learner('top', id);
      return topProcesses(engine.client(), id, psArgs);
    },
    'limits:get': async ({ id }) => getLimits(engine.client(), id),
    'limits:update': async ({ id, memory, memorySwap, cpus }) =>
      updateLimits(engine.client(), id, {
        ...(memory !== undefined ? { memory } : {}),
        ...(memorySwap !== undefined ? { memorySwap } : {}),
        ...(cpus !== undefined ? { cpus } : {}),
      }),
    'logs:save': async ({ id, path, timestamps }) => saveLogs(engine.client(), id, dataDir, { timestamps, ...(path ? { path } : {}) }),
  };
}

export function debugSubscriptions({ engine }: ServiceContext): Pick<SubscriptionHandlers, 'stats:watch' | 'logs:follow'> {
  return {
    'stats:watch': ({ ids }, sink) => {
      const status = engine.getStatus();
      const hostMemory = status.state === 'connected' ? status.info.memoryBytes : 0;
      return watchStats(engine.client(), ids, (b) => sink.emit(b), { hostMemory });
    },
    'logs:follow': ({ id, tail, since, timestamps, follow }, sink) =>
      followLogs(
        engine.client(),
        { id, tail, timestamps, follow, ...(since !== undefined ? { since } : {}) },
        (b) => sink.emit(b),
        (err) => sink.fail(err),
      ),
  };
}
