import { discoverEngines } from '../../engine/discovery';
import { EndpointError } from '../../engine/endpoint';
import { FieldError } from '../../engine/errors';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

type Calls = Pick<CallHandlers, 'engine:status' | 'engine:candidates' | 'engine:switch'>;
type Subs = Pick<SubscriptionHandlers, 'engine:status' | 'engine:events'>;

export function engineCalls({ engine }: ServiceContext): Calls {
  return {
    'engine:status': async () => engine.getStatus(),
    'engine:candidates': async () => discoverEngines(engine.getEndpoint(), engine.getEndpointEnv()),
    'engine:switch': async (target) => {
      try {
        return await engine.switchTo(target);
      } catch (err) {
        if (err instanceof EndpointError) throw new FieldError('context' in target ? 'context' : 'url', err.message);
        throw err;
      }
    },
  };
}

export function engineSubscriptions({ engine }: ServiceContext): Subs {
  return {
    'engine:status': (_args, sink) => {
      sink.emit(engine.getStatus());
      return engine.onStatus((s) => sink.emit(s));
    },
    'engine:events': ({ types }, sink) =>
      engine.onEvent((e) => {
        if (!types || (types as string[]).includes(e.type)) sink.emit(e);
      }),
  };
}
