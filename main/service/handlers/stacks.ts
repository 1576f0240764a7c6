/** Handlers of the "everyday work" section of the contract: Compose stacks. */
import { FieldError } from '../../engine/errors';
import { composeArgs, composeCommandLine, findComposeCli, runCompose } from '../../stacks/compose-cli';
import { KnownProjects } from '../../stacks/known-projects';
import { followStackLogs } from '../../stacks/stack-logs';
import { listStacks, stackAction } from '../../stacks/stacks';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

type Calls = Pick<CallHandlers, 'stacks:list' | 'stacks:action' | 'stacks:compose'>;

export function stacksCalls({ engine, dataDir }: ServiceContext): Calls {
  const known = KnownProjects.inDataDir(dataDir);
  const engineKey = () => engine.getEndpoint()?.url ?? '';

  /** Every stack now on the engine, remembered for later `up -d`. */
  const stacks = async () => {
    const docker = engine.client();
    const list = await listStacks(docker, await known.read(engineKey()));
    await known.remember(
      engineKey(),
      list.filter((s) => s.containers.length > 0),
    );
    return list;
  };

  return {
    'stacks:list': async () => {
      const [list, cli] = await Promise.all([stacks(), findComposeCli()]);
      return { stacks: list, composeCli: cli ? { name: cli.name, version: cli.version } : null };
    },
    'stacks:action': async ({ project, action }) => stackAction(engine.client(), project, action),
    'stacks:compose': async ({ project, action }) => {
      const cli = await findComposeCli();
      if (!cli) throw new FieldError('action', 'No compose CLI is installed here (neither `docker compose` nor `docker-compose` answered).');
      // The files come from the engine's labels (or what they said earlier), never from the caller.
      const info = (await stacks()).find((s) => s.project === project);
      if (!info) throw new FieldError('project', `No Compose project called ${project} on this engine`);
      if (!info.filesOnDisk) {
        throw new FieldError('project', `The files of ${project} are not on this machine (${info.configFiles.join(', ') || 'no config files in its labels'})`);
      }
      const args = composeArgs(info, action);
      const { exitCode, output } = await runCompose(cli, args, engine.getEndpoint(), info.workingDir || undefined);
      return { command: composeCommandLine(cli, args), exitCode, output };
    },
  };
}

export function stacksSubscriptions({ engine }: ServiceContext): Pick<SubscriptionHandlers, 'stacks:logs'> {
  return {
    'stacks:logs': ({ project, tail }, sink) =>
      followStackLogs(
        engine.client(),
        project,
        tail,
        (e) => sink.emit(e),
        (err) => sink.fail(err),
      ),
  };
}
