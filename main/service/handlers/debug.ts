/** Handlers of the "debug" section of the contract (see main/contract.ts): stats, logs, top, limits. */
import { followLogs, type LogCursor } from '../../debug/log-stream';
import { saveLogs } from '../../debug/logs-save';
import { watchStats } from '../../debug/stats-stream';
import { getLimits, topProcesses, updateLimits } from '../../debug/top-limits';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';
import { goneWhileAway } from './gone';

type Calls = Pick<CallHandlers, 'top:list' | 'limits:get' | 'limits:update' | 'logs:save'>;

export function debugCalls({ engine, dataDir }: ServiceContext): Calls {
  return {
    'top:list': async ({ id, psArgs }) => topProcesses(engine.client(), id, psArgs),
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
    'logs:follow': async ({ id, tail, since, timestamps, follow }, sink) => {
      // Re-opened after a reconnect (see REOPEN_ON_RECONNECT): continue after the last line sent.
      const cursor = (sink.resume?.data.logCursor as LogCursor | undefined) ?? { key: '', atKey: 0, total: 0 };
      if (sink.resume) sink.resume.data.logCursor = cursor;
      try {
        return await followLogs(
          engine.client(),
          { id, tail, timestamps, follow, ...(since !== undefined ? { since } : {}), ...(sink.resume ? { cursor } : {}) },
          (b) => sink.emit(b),
          (err) => sink.fail(err),
        );
      } catch (err) {
        throw goneWhileAway(err, id, sink.resume);
      }
    },
  };
}
