/** The cluster's pure parts: docker commands shown, task lanes, probe targets, motion detection, update wording. */
import { describe, expect, it } from 'vitest';
import type { ClusterService, ClusterSnapshot, ClusterTask } from '../../../main/contract';
import { clusterServiceSpec } from '../../../main/contract';
import { serviceCreateCommand, serviceUpdateImageCommand, swarmLeaveCommand, ENGINE_UPDATE_DEFAULTS } from '../../../main/cluster/cluster-command';
import { inMotion, isClusterEvent } from '../../../main/cluster/cluster-watch';
import { nodeProbeHost, probeHost, probeTargets } from '../../../main/cluster/probe';
import { toTask, withoutDigest } from '../../../main/cluster/services';
import { addReading, emptyHistory, lanes } from '../../../renderer/src/views/cluster/rollout-history';
import { updateStatusText } from '../../../renderer/src/views/cluster/update-status';

const task = (over: Partial<ClusterTask>): ClusterTask => ({
  id: 't1', serviceId: 's1', slot: 1, nodeId: 'n1', image: 'web:1', desiredState: 'running', state: 'running', message: '', createdAt: '2026-01-01T00:00:00Z', stateSince: '2026-01-01T00:00:01Z', ports: [], ...over,
});
const service = (over: Partial<ClusterService>): ClusterService => ({
  id: 's1', name: 'web', image: 'web:1', mode: 'replicated', desired: 2, running: 2, ports: [], updateConfig: ENGINE_UPDATE_DEFAULTS, update: null, labels: {}, createdAt: '', updatedAt: '', ...over,
});
const snap = (over: Partial<ClusterSnapshot>): ClusterSnapshot => ({
  info: { state: 'active', isManager: true, nodes: 1, managers: 1, createdByDockside: true }, nodes: [], services: [], tasks: [], at: Date.parse('2026-01-01T00:00:10Z'), ...over,
});

describe('docker commands', () => {
  it('service create uses the long --publish form (mode=host cannot be said otherwise) and leaves engine defaults out', () => {
    const spec = clusterServiceSpec.parse({ name: 'web', image: 'web:1.0.0', replicas: 3, ports: [{ targetPort: 80 }, { targetPort: 53, publishedPort: 5353, protocol: 'udp', mode: 'ingress' }], update: { order: 'start-first' } });
    expect(serviceCreateCommand(spec)).toBe('docker service create --name=web --replicas=3 --publish=mode=host,target=80 --publish=published=5353,mode=ingress,target=53,protocol=udp --update-order=start-first web:1.0.0');
  });
  it('service update names only the settings that change', () => {
    expect(serviceUpdateImageCommand('web', 'web:2', undefined, ENGINE_UPDATE_DEFAULTS)).toBe('docker service update --image=web:2 web');
    expect(serviceUpdateImageCommand('web', 'web:2', { ...ENGINE_UPDATE_DEFAULTS, failureAction: 'rollback', delaySeconds: 2 }, ENGINE_UPDATE_DEFAULTS)).toBe(
      'docker service update --update-delay=2s --update-failure-action=rollback --image=web:2 web',
    );
  });
  it('leave removes docker_gwbridge only when Dockside did', () => {
    expect(swarmLeaveCommand(false)).toBe('docker swarm leave --force');
    expect(swarmLeaveCommand(true)).toBe('docker swarm leave --force && docker network rm docker_gwbridge');
  });
  it('the contract refuses bad specs by field', () => {
    const r = clusterServiceSpec.safeParse({ name: 'web', image: 'web:1', replicas: -1 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['replicas'], message: 'must be 0 or more' });
    expect(clusterServiceSpec.safeParse({ name: 'web', image: 'Web:1', replicas: 1 }).success).toBe(false);
    expect(clusterServiceSpec.safeParse({ name: 'web', image: 'web:1', replicas: 1, ports: [{ targetPort: 70000 }] }).success).toBe(false);
  });
});

describe('reading the engine', () => {
  it('drops the digest the engine pins and keeps one entry per host port', () => {
    expect(withoutDigest(`web:1@sha256:${'a'.repeat(64)}`)).toBe('web:1');
    const t = toTask({ ID: 't', ServiceID: 's', Status: { State: 'running', PortStatus: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 30001, PublishMode: 'host' }, { Protocol: 'tcp', TargetPort: 80, PublishedPort: 30001, PublishMode: 'host' }] } } });
    expect(t.ports).toEqual([{ publishedPort: 30001, targetPort: 80, protocol: 'tcp' }]);
  });
  it('is in motion while an update runs or tasks are on their way, and quiet otherwise', () => {
    expect(inMotion(snap({ services: [service({})], tasks: [task({})] }))).toBe(false);
    expect(inMotion(snap({ services: [service({ update: { state: 'updating', message: '' } })] }))).toBe(true);
    expect(inMotion(snap({ services: [service({ running: 1 })] }))).toBe(true);
    expect(inMotion(snap({ services: [service({})], tasks: [task({ state: 'starting' })] }))).toBe(true);
    expect(inMotion(snap({ services: [service({})], tasks: [task({ desiredState: 'shutdown' })] }))).toBe(true);
    expect(inMotion(snap({ services: [service({ update: { state: 'paused', message: '' } })] }))).toBe(false);
    // Running, but its host port not reported yet.
    const hostMode = service({ ports: [{ protocol: 'tcp', targetPort: 80, mode: 'host' }] });
    expect(inMotion(snap({ services: [hostMode], tasks: [task({})] }))).toBe(true);
    expect(inMotion(snap({ services: [hostMode], tasks: [task({ ports: [{ publishedPort: 30001, targetPort: 80, protocol: 'tcp' }] })] }))).toBe(false);
  });
  it('listens to service, node and task-container events only', () => {
    const ev = (type: string, attributes: Record<string, string> = {}) => ({ type, action: 'x', id: 'i', attributes, timeNano: 0 });
    expect(isClusterEvent(ev('service'))).toBe(true);
    expect(isClusterEvent(ev('node'))).toBe(true);
    expect(isClusterEvent(ev('container', { 'com.docker.swarm.service.id': 's1' }))).toBe(true);
    expect(isClusterEvent(ev('container', { name: 'plain' }))).toBe(false);
    expect(isClusterEvent(ev('network', { name: 'ingress' }))).toBe(true);
    expect(isClusterEvent(ev('network', { name: 'mine' }))).toBe(false);
  });
});

describe('probe targets', () => {
  it('asks an ingress port once, this node’s task containers by their own ports, other nodes’ running tasks', () => {
    const local: { Image: string; Labels: Record<string, string>; Ports: { IP?: string; PublicPort: number; Type: string }[] }[] = [
      { Image: 'web:2', Labels: { 'com.docker.swarm.service.id': 's1', 'com.docker.swarm.task.id': 'a' }, Ports: [{ IP: '0.0.0.0', PublicPort: 30001, Type: 'tcp' }, { IP: '::', PublicPort: 30004, Type: 'tcp' }, { PublicPort: 30001, Type: 'tcp' }] },
      { Image: 'other', Labels: { 'com.docker.swarm.service.id': 's2' }, Ports: [{ PublicPort: 30009, Type: 'tcp' }] },
    ];
    const remote = [task({ id: 'b', nodeId: 'n2', ports: [{ publishedPort: 30002, targetPort: 80, protocol: 'tcp' }] }), task({ id: 'c', nodeId: 'n2', state: 'shutdown', ports: [{ publishedPort: 30003, targetPort: 80, protocol: 'tcp' }] })];
    const targets = probeTargets({ id: 's1', ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, mode: 'ingress' }] }, local, remote);
    expect(targets).toEqual([{ port: 8080 }, { port: 30001, taskId: 'a', image: 'web:2' }, { port: 30002, taskId: 'b', image: 'web:1' }]);
  });
  it('asks other nodes’ tasks at their node’s address, one target per node for the same port number', () => {
    const remote = [
      task({ id: 'b', nodeId: 'n2', ports: [{ publishedPort: 8080, targetPort: 80, protocol: 'tcp' }] }),
      task({ id: 'c', nodeId: 'n3', ports: [{ publishedPort: 8080, targetPort: 80, protocol: 'tcp' }] }),
      task({ id: 'd', nodeId: 'n4', ports: [{ publishedPort: 30005, targetPort: 80, protocol: 'tcp' }] }),
    ];
    const local = [{ Image: 'web:1', Labels: { 'com.docker.swarm.service.id': 's1', 'com.docker.swarm.task.id': 'a' }, Ports: [{ IP: '0.0.0.0', PublicPort: 8080, Type: 'tcp' }] }];
    const targets = probeTargets({ id: 's1', ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, mode: 'host' }] }, local, remote, { n2: '10.1.2.3', n3: '10.1.2.4', n4: '127.0.0.1' });
    expect(targets).toEqual([
      { port: 8080, taskId: 'a', image: 'web:1' },
      { port: 8080, host: '10.1.2.3', taskId: 'b', image: 'web:1' },
      { port: 8080, host: '10.1.2.4', taskId: 'c', image: 'web:1' },
      // A loopback (or empty) node address says nothing about where the node is: the engine's host.
      { port: 30005, taskId: 'd', image: 'web:1' },
    ]);
    expect([nodeProbeHost(''), nodeProbeHost('0.0.0.0'), nodeProbeHost('::1'), nodeProbeHost('192.0.2.7')]).toEqual([undefined, undefined, undefined, '192.0.2.7']);
  });
  it('reaches published ports on the engine’s host for tcp and ssh engines, on loopback for local ones', () => {
    expect(probeHost(null)).toBe('127.0.0.1');
    expect(probeHost({ kind: 'unix', url: 'unix:///var/run/docker.sock', source: 'default', socketPath: '/var/run/docker.sock' })).toBe('127.0.0.1');
    expect(probeHost({ kind: 'tcp', url: 'tcp://10.0.0.5:2376', source: 'DOCKER_HOST', host: '10.0.0.5', port: 2376 })).toBe('10.0.0.5');
  });
});

describe('rolling-update lanes', () => {
  it('keeps each task as a bar in its slot over successive readings, with images in order of appearance', () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    let h = addReading(emptyHistory(), snap({ at: t0 + 5000, tasks: [task({ id: 'old1' }), task({ id: 'old2', slot: 2 })] }), 's1');
    h = addReading(h, snap({ at: t0 + 9000, tasks: [task({ id: 'old1', desiredState: 'shutdown', state: 'shutdown', stateSince: '2026-01-01T00:00:08Z' }), task({ id: 'new1', image: 'web:2', state: 'starting', createdAt: '2026-01-01T00:00:06Z', stateSince: '2026-01-01T00:00:06Z' }), task({ id: 'old2', slot: 2 })] }), 's1');
    h = addReading(h, snap({ at: t0 + 10000, tasks: [task({ id: 'new1', image: 'web:2', state: 'running', createdAt: '2026-01-01T00:00:06Z', stateSince: '2026-01-01T00:00:07Z' })] }), 's1');
    expect(h.images).toEqual(['web:1', 'web:2']);
    const [slot1, slot2] = lanes(h);
    expect(slot1!.slot).toBe(1);
    expect(slot1!.bars.map((b) => b.taskId)).toEqual(['old1', 'new1']);
    expect(slot1!.bars[0]).toMatchObject({ to: t0 + 8000, state: 'shutdown' });
    expect(slot1!.bars[1]).toMatchObject({ to: null, runningSince: t0 + 7000 });
    // A task no longer listed keeps its last known bar (the engine prunes old tasks).
    expect(slot2!.bars.map((b) => b.taskId)).toEqual(['old2']);
  });
  it('stays bounded', () => {
    let h = emptyHistory();
    for (let i = 0; i < 100; i++) h = addReading(h, snap({ tasks: [task({ id: `t${i}`, state: 'failed', stateSince: `2026-01-01T00:01:${String(i % 60).padStart(2, '0')}Z` })] }), 's1', 20);
    expect(h.bars.size).toBeLessThanOrEqual(20);
  });
});

describe('update status in words', () => {
  it('says what a paused update means and what to do', () => {
    expect(updateStatusText(service({ update: { state: 'paused', message: 'update paused due to failure or early termination of task x' } }))).toMatchObject({ tone: 'bad' });
    expect(updateStatusText(service({ update: { state: 'paused', message: 'm' } })).text).toMatch(/roll back/);
    expect(updateStatusText(service({ update: { state: 'completed', message: '' } }))).toEqual({ text: 'update completed', tone: 'ok' });
    expect(updateStatusText(service({}))).toEqual({ text: 'never updated', tone: 'none' });
  });
});
