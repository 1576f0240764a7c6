/** Handlers of the "everyday work" section of the contract: bulk actions on selected objects. */
import { bulkContainers, bulkRemove } from '../../bulk/bulk-actions';
import type { CallHandlers, ServiceContext } from '../types';

export function bulkCalls({ engine }: ServiceContext): Pick<CallHandlers, 'bulk:containers' | 'bulk:remove'> {
  return {
    'bulk:containers': async ({ action, ids, force }) => bulkContainers(engine.client(), action, ids, force),
    'bulk:remove': async ({ kind, refs, force }) => bulkRemove(engine.client(), kind, refs, force),
  };
}
