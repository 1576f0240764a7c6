/**
 * The docker CLI commands equivalent to the cluster actions, so the learner sees what Dockside
 * did. Pure: no engine access, unit-tested on their own.
 */
import type { ClusterUpdateConfig } from '../contract';
import { dockerCommand } from '../engine/docker-command';

export interface ServiceCommandSpec {
  name: string;
  image: string;
  replicas: number;
  ports: { targetPort: number; publishedPort?: number | undefined; protocol: 'tcp' | 'udp'; mode: 'host' | 'ingress' }[];
  update: ClusterUpdateConfig;
  labels?: Record<string, string> | undefined;
}

/** `--publish` in the long form: the short `8080:80` form cannot say mode=host. */
export function publishFlag(p: ServiceCommandSpec['ports'][number]): string {
  const parts = [`mode=${p.mode}`, `target=${p.targetPort}`];
  if (p.publishedPort) parts.unshift(`published=${p.publishedPort}`);
  if (p.protocol !== 'tcp') parts.push(`protocol=${p.protocol}`);
  return parts.join(',');
}

function updateFlags(u: Partial<ClusterUpdateConfig>, defaults?: ClusterUpdateConfig): string[] {
  const out: string[] = [];
  const differs = <K extends keyof ClusterUpdateConfig>(k: K) => u[k] !== undefined && (!defaults || u[k] !== defaults[k]);
  if (differs('parallelism')) out.push(`--update-parallelism=${u.parallelism}`);
  if (differs('delaySeconds')) out.push(`--update-delay=${u.delaySeconds}s`);
  if (differs('order')) out.push(`--update-order=${u.order}`);
  if (differs('failureAction')) out.push(`--update-failure-action=${u.failureAction}`);
  return out;
}

/** The engine's own defaults: flags equal to them are left out so the command stays short. */
export const ENGINE_UPDATE_DEFAULTS: ClusterUpdateConfig = { parallelism: 1, delaySeconds: 0, order: 'stop-first', failureAction: 'pause' };

export function serviceCreateCommand(s: ServiceCommandSpec): string {
  return dockerCommand(
    'service',
    'create',
    `--name=${s.name}`,
    `--replicas=${s.replicas}`,
    ...s.ports.map((p) => `--publish=${publishFlag(p)}`),
    ...updateFlags(s.update, ENGINE_UPDATE_DEFAULTS),
    ...Object.entries(s.labels ?? {}).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
    s.image,
  );
}

export function serviceUpdateImageCommand(name: string, image: string, update?: Partial<ClusterUpdateConfig>, current?: ClusterUpdateConfig): string {
  return dockerCommand('service', 'update', ...updateFlags(update ?? {}, current), `--image=${image}`, name);
}

export const serviceScaleCommand = (name: string, replicas: number) => dockerCommand('service', 'scale', `${name}=${replicas}`);
export const serviceRollbackCommand = (name: string) => dockerCommand('service', 'rollback', name);
export const serviceRemoveCommand = (name: string) => dockerCommand('service', 'rm', name);

export function swarmInitCommand(advertiseAddr: string, listenAddr: string): string {
  return dockerCommand('swarm', 'init', `--advertise-addr=${advertiseAddr}`, `--listen-addr=${listenAddr}`);
}

export function swarmLeaveCommand(removeGwbridge: boolean): string {
  const leave = dockerCommand('swarm', 'leave', '--force');
  return removeGwbridge ? `${leave} && ${dockerCommand('network', 'rm', 'docker_gwbridge')}` : leave;
}
