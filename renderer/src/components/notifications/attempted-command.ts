/**
 * The docker command a failed action tried, for its failure notification: main sends the command
 * with a success only, so for the simple object actions it is rebuilt here from the call's
 * validated arguments (the same words main shows on success). Other calls get none.
 */
import type { CallName } from '../../../../main/contract';
import { dockerCommand } from '../../../../main/engine/docker-command';

type Args = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const BUILDERS: Partial<Record<CallName, (a: Args) => string | undefined>> = {
  'containers:start': (a) => text(a.id) && dockerCommand('start', text(a.id)),
  'containers:stop': (a) => text(a.id) && dockerCommand('stop', typeof a.timeoutSeconds === 'number' && `--time=${a.timeoutSeconds}`, text(a.id)),
  'containers:kill': (a) => text(a.id) && dockerCommand('kill', text(a.signal) && a.signal !== 'SIGKILL' && `--signal=${text(a.signal)}`, text(a.id)),
  'containers:restart': (a) => text(a.id) && dockerCommand('restart', typeof a.timeoutSeconds === 'number' && `--time=${a.timeoutSeconds}`, text(a.id)),
  'containers:remove': (a) => text(a.id) && dockerCommand('rm', a.force === true && '--force', a.removeVolumes === true && '--volumes', text(a.id)),
  'images:remove': (a) => text(a.id) && dockerCommand('rmi', a.force === true && '--force', text(a.id)),
  'volumes:remove': (a) => text(a.name) && dockerCommand('volume', 'rm', text(a.name)),
  'volumes:create': (a) => dockerCommand('volume', 'create', text(a.name)),
};

export function attemptedCommand(name: CallName, args: unknown): string | undefined {
  const build = BUILDERS[name];
  if (!build || typeof args !== 'object' || args === null) return undefined;
  return build(args as Args) || undefined;
}
