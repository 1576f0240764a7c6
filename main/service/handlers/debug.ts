/** Handlers of the "debug" section of the contract (see main/contract.ts): stats, logs, top, limits. */
import { ackLogFlow, followLogs, type LogCursor } from '../../debug/log-stream';
import { logFileName, openLogText, saveLogsToDataDir, saveLogsToFile } from '../../debug/logs-save';
import { dockerCommand, shellQuote } from '../../engine/docker-command';
import { watchStats } from '../../debug/stats-stream';
import { getLimits, topProcesses, updateLimits } from '../../debug/top-limits';
import { ownActivity } from '../../lessons/own-activity';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';
import { goneWhileAway } from './gone';

type Calls = Pick<CallHandlers, 'top:list' | 'limits:get' | 'limits:update' | 'logs:save' | 'logs:ack'>;

export function debugCalls({ engine, dataDir, chooseSavePath, offerDownload }: ServiceContext): Calls {
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
    'logs:save': async ({ id, timestamps }) => {
      const docker = engine.client();
      const info = await docker.getContainer(id).inspect();
      const name = info.Name.replace(/^\//, '');
      const fileName = logFileName(name);
      const logs = dockerCommand('logs', timestamps ? '--timestamps' : null, name);
      if (chooseSavePath) {
        // Desktop: the user picks the file in the native dialog main opens.
        const chosen = await chooseSavePath(fileName);
        if (!chosen) return { kind: 'cancelled', command: logs };
        return { kind: 'saved', ...(await saveLogsToFile(docker, info.Id, chosen, timestamps)) };
      }
      if (offerDownload) {
        // Browser mode: the browser downloads it (and asks where, and before replacing anything).
        const url = offerDownload({ fileName, contentType: 'text/plain; charset=utf-8', open: async () => (await openLogText(docker, info.Id, timestamps)).body });
        return { kind: 'download', url, fileName, command: `${logs} > ${shellQuote(fileName)}` };
      }
      return { kind: 'saved', ...(await saveLogsToDataDir(docker, info.Id, dataDir, timestamps)) };
    },
    // Flow ids are random and per stream: an ack only ever paces the stream that carried it.
    'logs:ack': async ({ flow, seq }) => ({ known: ackLogFlow(flow, seq) }),
  };
}

export function debugSubscriptions({ engine }: ServiceContext): Pick<SubscriptionHandlers, 'stats:watch' | 'logs:follow'> {
  return {
    'stats:watch': ({ ids }, sink) => {
      const status = engine.getStatus();
      const hostMemory = status.state === 'connected' ? status.info.memoryBytes : 0;
      return watchStats(engine.client(), ids, (b) => sink.emit(b), { hostMemory });
    },
    'logs:follow': async ({ id, tail, since, timestamps, follow, paced }, sink) => {
      // Re-opened after a reconnect (see REOPEN_ON_RECONNECT): continue after the last line sent.
      const cursor = (sink.resume?.data.logCursor as LogCursor | undefined) ?? { key: '', atKey: 0, total: 0, through: 0 };
      if (sink.resume) sink.resume.data.logCursor = cursor;
      try {
        return await followLogs(
          engine.client(),
          { id, tail, timestamps, follow, paced, ...(since !== undefined ? { since } : {}), ...(sink.resume ? { cursor } : {}) },
          (b) => sink.emit(b),
          (err) => sink.fail(err),
        );
      } catch (err) {
        throw goneWhileAway(err, id, sink.resume);
      }
    },
  };
}
