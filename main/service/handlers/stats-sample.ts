/** Handler of the "performance: sampled stats" section of the contract (see main/contract.ts). */
import { engineOneShot, sampleStats } from '../../debug/stats-sample';
import type { ServiceContext, SubscriptionHandlers } from '../types';

export function statsSampleSubscriptions({ engine }: ServiceContext): Pick<SubscriptionHandlers, 'stats:sample'> {
  return {
    'stats:sample': ({ id, intervalMs }, sink) => {
      const status = engine.getStatus();
      const hostMemory = status.state === 'connected' ? status.info.memoryBytes : 0;
      return sampleStats(engineOneShot(engine.client()), id, (b) => sink.emit(b), { hostMemory, intervalMs });
    },
  };
}
