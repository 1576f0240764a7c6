/** Handlers of the "networks" section of the contract (see main/contract.ts). */
import type { LabAnswer } from '../../contract';
import { countAnswer, listLabs, reloadLab, requestThroughLab, sendThroughLab, startLab, teardownLab } from '../../networks/lab';
import { connectNetwork, createNetwork, disconnectNetwork, inspectNetwork, listNetworks, removeNetwork } from '../../networks/networks';
import { confirmPresence } from '../../engine/list-confirm';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';
import { watchList } from '../watch-list';
import { followSilentNetworks, networksChanged } from '../../networks/network-refresh';

type Calls = Pick<
  CallHandlers,
  | 'networks:list'
  | 'networks:inspect'
  | 'networks:create'
  | 'networks:remove'
  | 'networks:connect'
  | 'networks:disconnect'
  | 'lab:start'
  | 'lab:list'
  | 'lab:reload'
  | 'lab:send'
  | 'lab:teardown'
>;

// Container events that change who is on a network or their addresses.
const CONTAINER_ACTIONS = /^(create|start|restart|stop|die|destroy|rename)/;

export function networksCalls({ engine, dataDir }: ServiceContext): Calls {
  // Engines without network events (Podman) learn of Dockside's own changes this way.
  const nudge = async <T>(p: Promise<T>): Promise<T> => {
    const v = await p;
    networksChanged(engine);
    return v;
  };
  return {
    'networks:list': async () => listNetworks(engine.client()),
    'networks:inspect': async ({ id }) => inspectNetwork(engine.client(), id),
    'networks:create': async ({ name, subnet, internal, labels }) => nudge(createNetwork(engine.client(), { name, subnet, internal, ...(labels ? { labels } : {}) })),
    'networks:remove': async ({ id }) => nudge(removeNetwork(engine.client(), id)),
    'networks:connect': async ({ network, container, alias }) => nudge(connectNetwork(engine.client(), network, container, alias)),
    'networks:disconnect': async ({ network, container, force }) => nudge(disconnectNetwork(engine.client(), network, container, force)),
    'lab:start': async ({ hostPort, image, policy, labels }) => startLab(engine.client(), dataDir, { hostPort, image, policy, labels }),
    'lab:list': async () => listLabs(engine.client(), dataDir),
    'lab:reload': async ({ labId, caddyfile }) => reloadLab(engine.client(), dataDir, labId, caddyfile),
    'lab:send': async ({ labId, count }) => sendThroughLab(engine.client(), dataDir, labId, count),
    'lab:teardown': async ({ labId }) => teardownLab(engine.client(), dataDir, labId),
  };
}

export function networksSubscriptions({ engine, dataDir }: ServiceContext): Pick<SubscriptionHandlers, 'networks:watch' | 'lab:traffic'> {
  return {
    'networks:watch': (_args, sink) => {
      const list = () => listNetworks(engine.client());
      const closeWatch = watchList(engine, ['network', 'container'], list, sink, (e) => e.type === 'network' || CONTAINER_ACTIONS.test(e.action), {
        confirm: (value, events) =>
          confirmPresence(
            value,
            events.filter((e) => /^(create|destroy)$/.test(e.action)),
            'network',
            (id, signal) => (engine.client().getNetwork(id) as unknown as { inspect(o: object): Promise<unknown> }).inspect({ abortSignal: signal }),
            (row, id) => row.id === id,
          ),
      });
      // The engine announces a network connect/disconnect before the container's own network
      // settings (addresses, aliases) are updated, so a re-list at the event can miss it: one
      // follow-up re-list shortly after each such burst. Not a poll: it only follows an event.
      let closed = false;
      let followUp: NodeJS.Timeout | null = null;
      const offEvent = engine.onEvent((e) => {
        if (e.type !== 'network' || !/^(connect|disconnect)$/.test(e.action)) return;
        if (followUp) clearTimeout(followUp);
        followUp = setTimeout(() => {
          followUp = null;
          list().then(
            (v) => !closed && sink.emit(v),
            (err) => !closed && sink.fail(err),
          );
        }, 400);
      });
      const stopSilent = followSilentNetworks(engine, () =>
        list().then(
          (v) => !closed && sink.emit(v),
          (err) => !closed && sink.fail(err),
        ),
      );
      return () => {
        closed = true;
        if (followUp) clearTimeout(followUp);
        offEvent();
        stopSilent();
        closeWatch();
      };
    },
    'lab:traffic': async ({ labId, perSecond }, sink) => {
      const lab = (await listLabs(engine.client(), dataDir)).find((l) => l.labId === labId);
      if (!lab) throw { code: 'not-found', message: `Lab ${labId} is not on this engine (was it torn down?)` };
      // One request at a time, paced to perSecond (at most 20/s): bounded, stopped on close.
      let closed = false;
      let timer: NodeJS.Timeout | null = null;
      let seq = 0;
      const counts: Record<string, number> = {};
      const interval = 1000 / perSecond;
      const tick = async (): Promise<void> => {
        if (closed) return;
        const started = Date.now();
        const answer: LabAnswer = await requestThroughLab(lab.hostPort, ++seq);
        if (closed) return;
        countAnswer(counts, answer);
        sink.emit({ answer, counts: { ...counts } });
        timer = setTimeout(() => void tick(), Math.max(0, interval - (Date.now() - started)));
      };
      void tick();
      return () => {
        closed = true;
        if (timer) clearTimeout(timer);
      };
    },
  };
}
