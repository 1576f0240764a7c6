/** Handlers of the "cluster" section of the contract (see main/contract.ts): Swarm mode. */
import type { ClusterProbeSample } from '../../contract';
import { watchCluster } from '../../cluster/cluster-watch';
import { localTaskContainers, probeHost, probeRound, probeTargets, type ProbeTarget } from '../../cluster/probe';
import { createService, readCluster, removeService, rollbackService, scaleService, updateServiceImage } from '../../cluster/services';
import { clusterInfo, initSwarm, leaveSwarm } from '../../cluster/swarm';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

type Calls = Pick<
  CallHandlers,
  | 'cluster:info'
  | 'cluster:init'
  | 'cluster:leave'
  | 'cluster:create-service'
  | 'cluster:scale'
  | 'cluster:update-image'
  | 'cluster:rollback'
  | 'cluster:remove-service'
>;

export function clusterCalls({ engine, dataDir }: ServiceContext): Calls {
  return {
    'cluster:info': async () => clusterInfo(engine.client(), dataDir),
    'cluster:init': async ({ advertiseAddr }) => initSwarm(engine.client(), dataDir, advertiseAddr),
    'cluster:leave': async ({ confirmServices }) => leaveSwarm(engine.client(), dataDir, confirmServices),
    'cluster:create-service': async ({ spec }) => createService(engine.client(), dataDir, spec),
    'cluster:scale': async ({ id, replicas }) => scaleService(engine.client(), dataDir, id, replicas),
    'cluster:update-image': async ({ id, image, update }) => updateServiceImage(engine.client(), dataDir, id, image, update),
    'cluster:rollback': async ({ id }) => rollbackService(engine.client(), dataDir, id),
    'cluster:remove-service': async ({ id }) => removeService(engine.client(), dataDir, id),
  };
}

export function clusterSubscriptions({ engine, dataDir }: ServiceContext): Pick<SubscriptionHandlers, 'cluster:watch' | 'cluster:probe'> {
  return {
    'cluster:watch': (_args, sink) => watchCluster(engine, dataDir, (s) => sink.emit(s), (err) => sink.fail(err)),
    'cluster:probe': async ({ service, perSecond, path }, sink) => {
      const docker = engine.client();
      const first = await readCluster(docker, dataDir);
      const svc = first.services.find((s) => s.id === service || s.name === service);
      if (!svc) throw { code: 'not-found', field: 'service', message: `No service "${service}" in this cluster.` };
      const host = probeHost(engine.getEndpoint());
      const selfId = first.info.nodeId;
      const addrs = (nodes: { id: string; addr: string }[]) => Object.fromEntries(nodes.map((n) => [n.id, n.addr]));
      let latest = { service: svc, tasks: first.tasks, nodeAddrs: addrs(first.nodes) };
      let local = await localTaskContainers(docker, svc.id);
      let targets: ProbeTarget[] = [];
      const retarget = () => {
        targets = probeTargets(latest.service, local, latest.tasks.filter((t) => t.nodeId !== selfId), latest.nodeAddrs);
      };
      retarget();
      let closed = false;
      // Targets follow the engine: task containers starting or dying here, the cluster's picture for other nodes.
      const stopWatch = watchCluster(engine, dataDir, (snap) => {
        const s = snap.services.find((x) => x.id === svc.id);
        if (s) latest = { service: s, tasks: snap.tasks, nodeAddrs: addrs(snap.nodes) };
        retarget();
      }, () => undefined);
      // Lists asked for one after another can come back out of order on a busy engine: only the
      // newest one asked for may replace the targets (an older one still has containers that died).
      let asked = 0;
      let applied = 0;
      const offEvent = engine.onEvent((e) => {
        if (e.type !== 'container' || e.attributes['com.docker.swarm.service.id'] !== svc.id) return;
        const n = ++asked;
        void localTaskContainers(docker, svc.id).then((l) => {
          if (n < applied) return;
          applied = n;
          local = l;
          retarget();
        }, () => undefined);
      });
      let timer: NodeJS.Timeout | null = null;
      const interval = 1000 / perSecond;
      const tick = async (): Promise<void> => {
        if (closed) return;
        const started = Date.now();
        const sample: ClusterProbeSample = await probeRound(host, targets, path);
        if (closed) return;
        sink.emit(sample);
        timer = setTimeout(() => void tick(), Math.max(0, interval - (Date.now() - started)));
      };
      void tick();
      return () => {
        closed = true;
        if (timer) clearTimeout(timer);
        offEvent();
        stopWatch();
      };
    },
  };
}
