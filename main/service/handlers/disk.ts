/** Handlers of the "disk" part of the tools section: `docker system df` and the prunes. */
import { readDiskUsage } from '../../disk/disk-usage';
import { previewPrune, runPrune } from '../../disk/prune';
import type { ServiceContext, CallHandlers } from '../types';

type Calls = Pick<CallHandlers, 'disk:usage' | 'disk:prune-preview' | 'disk:prune'>;

export function diskCalls({ engine }: ServiceContext): Calls {
  const api = () => {
    const s = engine.getStatus();
    return s.state === 'connected' ? s.info.apiVersion : '1.41';
  };
  return {
    'disk:usage': async () => readDiskUsage(engine.client()),
    'disk:prune-preview': async ({ target, all, labels }) => previewPrune(engine.client(), { target, all, labels }, api()),
    'disk:prune': async ({ target, all, labels, until, ids }) => runPrune(engine.client(), { target, all, labels }, api(), until, ids),
  };
}
