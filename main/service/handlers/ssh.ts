import { FieldError } from '../../engine/errors';
import { trustPendingHostKey } from '../../engine/ssh/host-key-trust';
import type { CallHandlers, ServiceContext } from '../types';

type Calls = Pick<CallHandlers, 'ssh:trust-host-key'>;

export function sshCalls({ engine }: ServiceContext): Calls {
  return {
    'ssh:trust-host-key': async ({ host, fingerprint }) => {
      if (!trustPendingHostKey(host, fingerprint)) {
        throw new FieldError('fingerprint', `No key with fingerprint ${fingerprint} is waiting for trust from ${host}; connect again to see the key it offers now.`);
      }
      return engine.reconnect();
    },
  };
}
