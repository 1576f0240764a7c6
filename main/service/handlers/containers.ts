import {
  inspectContainer,
  killContainer,
  listContainers,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
} from '../../engine/containers';
import type { ContainerSummary } from '../../contract';
import { confirmContainers, containersFromEvents } from '../../engine/list-confirm';
import { ListMemo } from '../list-memo';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';
import { watchList } from '../watch-list';

type Calls = Pick<
  CallHandlers,
  | 'containers:list'
  | 'containers:inspect'
  | 'containers:start'
  | 'containers:stop'
  | 'containers:kill'
  | 'containers:restart'
  | 'containers:remove'
>;

// Events that change what a container row shows; exec_* and top do not.
const LIST_ACTIONS = /^(create|start|restart|stop|die|kill|destroy|pause|unpause|rename|update|oom|health_status)/;

export function containerCalls({ engine }: ServiceContext): Calls {
  return {
    'containers:list': async ({ all }) => listContainers(engine.client(), all),
    'containers:inspect': async ({ id }) => inspectContainer(engine.client(), id),
    'containers:start': async ({ id }) => startContainer(engine.client(), id),
    'containers:stop': async ({ id, timeoutSeconds }) => stopContainer(engine.client(), id, timeoutSeconds),
    'containers:kill': async ({ id, signal }) => killContainer(engine.client(), id, signal),
    'containers:restart': async ({ id, timeoutSeconds }) => restartContainer(engine.client(), id, timeoutSeconds),
    'containers:remove': async ({ id, force, removeVolumes }) => removeContainer(engine.client(), id, force, removeVolumes),
  };
}

export function containerSubscriptions({ engine }: ServiceContext): Pick<SubscriptionHandlers, 'containers:watch'> {
  // One per service: the full list (all: true, what the containers view shows) as last read.
  const memo = new ListMemo<ContainerSummary[]>(engine, ['container'], (e) => LIST_ACTIONS.test(e.action));
  return {
    'containers:watch': ({ all }, sink) =>
      watchList(engine, ['container'], () => listContainers(engine.client(), all), sink, (e) => LIST_ACTIONS.test(e.action), {
        // The list can lag the events (see ENGINEERING.md §1): inspect says what is true now.
        confirm: (value, events) => confirmContainers(engine.client(), value, events, all),
        // Podman's list waits for a dying container's lock (up to seconds): meanwhile the die event says it.
        provisional: (value, events) => containersFromEvents(value, events, all),
        ...(all ? { memo } : {}),
      }),
  };
}
