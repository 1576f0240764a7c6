/**
 * Turning Swarm mode on and off on the connected engine, and reading what it is now. Dockside
 * remembers (per engine, in its data folder) whether it started the cluster and whether the
 * engine had a docker_gwbridge network before (the engine makes it with the first task and leaves
 * it behind on leave), so Leave removes exactly what the cluster added.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import type { ClusterInfo, WithCommand } from '../contract';
import { engineMessage, FieldError } from '../engine/errors';
import { swarmInitCommand, swarmLeaveCommand } from './cluster-command';

interface RawSwarmInfo {
  ID?: string;
  Swarm?: {
    NodeID?: string;
    NodeAddr?: string;
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    Error?: string;
    Nodes?: number;
    Managers?: number;
  };
}

interface Record_ {
  /** Engine id -> what Dockside's init created there. */
  [engineId: string]: { initAt: string; gwbridgeBefore: boolean } | undefined;
}

const STATES = new Set(['inactive', 'pending', 'active', 'error', 'locked']);

function recordFile(dataDir: string): string {
  return path.join(dataDir, 'cluster.json');
}

function readRecord(dataDir: string): Record_ {
  try {
    const v = JSON.parse(fs.readFileSync(recordFile(dataDir), 'utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Record_) : {};
  } catch {
    return {};
  }
}

function writeRecord(dataDir: string, r: Record_): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${recordFile(dataDir)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(r, null, 2));
  fs.renameSync(tmp, recordFile(dataDir));
}

export async function clusterInfo(docker: Docker, dataDir: string): Promise<ClusterInfo> {
  const info = (await docker.info()) as RawSwarmInfo;
  const sw = info.Swarm ?? {};
  const state = (STATES.has(sw.LocalNodeState ?? '') ? sw.LocalNodeState : 'inactive') as ClusterInfo['state'];
  return {
    state,
    ...(sw.NodeID ? { nodeId: sw.NodeID } : {}),
    ...(sw.NodeAddr ? { nodeAddr: sw.NodeAddr } : {}),
    isManager: Boolean(sw.ControlAvailable),
    nodes: sw.Nodes ?? 0,
    managers: sw.Managers ?? 0,
    ...(sw.Error ? { error: sw.Error } : {}),
    createdByDockside: state !== 'inactive' && Boolean(info.ID && readRecord(dataDir)[info.ID]),
  };
}

async function networkExists(docker: Docker, name: string): Promise<boolean> {
  const nets = await docker.listNetworks({ filters: { name: [name] } });
  return nets.some((n) => n.Name === name);
}

/**
 * `docker swarm init`. The listen address follows the advertised one: a cluster advertised on
 * 127.0.0.1 listens on loopback only, so a learning cluster never opens port 2377 to the network.
 */
export async function initSwarm(docker: Docker, dataDir: string, advertiseAddr: string): Promise<WithCommand & ClusterInfo> {
  const before = await clusterInfo(docker, dataDir);
  if (before.state !== 'inactive') {
    throw new FieldError('advertiseAddr', `This engine is already part of a cluster (state: ${before.state}). Leave it first to start a new one.`);
  }
  const host = advertiseAddr.includes(':') && !advertiseAddr.startsWith('[') ? `[${advertiseAddr}]` : advertiseAddr;
  const listenAddr = `${/^127\.|^\[?::1\]?$/.test(advertiseAddr) ? host : '0.0.0.0'}:2377`;
  const hadGwbridge = await networkExists(docker, 'docker_gwbridge');
  try {
    await docker.swarmInit({ ListenAddr: listenAddr, AdvertiseAddr: advertiseAddr, ForceNewCluster: false });
  } catch (err) {
    // "could not choose an IP address to advertise", "must specify a listening address"...
    throw new FieldError('advertiseAddr', `The engine could not start a cluster: ${engineMessage(err)}`);
  }
  const engineId = ((await docker.info()) as RawSwarmInfo).ID;
  if (engineId) {
    const r = readRecord(dataDir);
    r[engineId] = { initAt: new Date().toISOString(), gwbridgeBefore: hadGwbridge };
    writeRecord(dataDir, r);
  }
  return { command: swarmInitCommand(advertiseAddr, listenAddr), ...(await clusterInfo(docker, dataDir)) };
}

/**
 * `docker swarm leave --force`. Services (and so their containers) go with a one-node cluster,
 * so while any exist the caller must have asked the user (`confirmServices`).
 */
export async function leaveSwarm(docker: Docker, dataDir: string, confirmServices: boolean): Promise<WithCommand & { removed: string[] }> {
  const info = (await docker.info()) as RawSwarmInfo;
  const state = info.Swarm?.LocalNodeState ?? 'inactive';
  if (state === 'inactive') throw { code: 'conflict', message: 'This engine is not part of a cluster: there is nothing to leave.' };
  const removed: string[] = [];
  if (info.Swarm?.ControlAvailable) {
    const services = (await docker.listServices()) as { Spec?: { Name?: string } }[];
    const names = services.map((s) => s.Spec?.Name ?? '?');
    if (names.length && !confirmServices) {
      throw {
        code: 'conflict',
        field: 'confirmServices',
        message: `Leaving removes ${names.length} service${names.length === 1 ? '' : 's'} and their containers: ${names.join(', ')}. Confirm to go ahead.`,
      };
    }
    removed.push(...names.map((n) => `service ${n}`));
  }
  await docker.swarmLeave({ force: true });
  const r = readRecord(dataDir);
  const mine = info.ID ? r[info.ID] : undefined;
  let removedGwbridge = false;
  if (mine && !mine.gwbridgeBefore && (await networkExists(docker, 'docker_gwbridge'))) {
    // The engine leaves docker_gwbridge behind; it was not there before Dockside's init.
    for (let i = 0; i < 20 && !removedGwbridge; i++) {
      try {
        await docker.getNetwork('docker_gwbridge').remove();
        removedGwbridge = true;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) break;
        // Still in use while the last task containers are torn down: try again shortly.
        await new Promise((res) => setTimeout(res, 250));
      }
    }
    if (removedGwbridge) removed.push('network docker_gwbridge');
  }
  if (info.ID && mine) {
    delete r[info.ID];
    writeRecord(dataDir, r);
  }
  return { command: swarmLeaveCommand(removedGwbridge), removed };
}
