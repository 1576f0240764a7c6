/**
 * The load-balancer lab on the engine: a user-defined bridge network, two Caddy file servers
 * (no published ports) and a Caddy load balancer published on the host port the learner picks.
 * Every object carries `dockside.lab=<labId>`; teardown removes exactly those, plus the lab's
 * folder under the app's data folder (pages and the Caddyfile, bind-mounted).
 */
import { randomBytes } from 'node:crypto';
import { containerState } from '../engine/containers';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type Docker from 'dockerode';
import type { LabAnswer, LabContainer, LabPolicy, LabState } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { engineMessage, FieldError } from '../engine/errors';
import { backendFromBody, labCaddyfile, labPage } from './lab-caddyfile';

export const LAB_LABEL = 'dockside.lab';
const ROLE_LABEL = 'dockside.lab.role';
const PORT_LABEL = 'dockside.lab.port';
const IMAGE_LABEL = 'dockside.lab.image';

const CADDY_RUN = ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'];
const CADDY_RELOAD = ['caddy', 'reload', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'];
const FILE_SERVER = ['caddy', 'file-server', '--root', '/srv', '--listen', ':80'];

function labDir(dataDir: string, labId: string): string {
  return path.resolve(dataDir, 'labs', labId);
}

function listenOnce(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when nothing listens on the port, on 127.0.0.1 nor on all interfaces. */
export async function portIsFree(port: number): Promise<boolean> {
  return (await listenOnce(port, '127.0.0.1')) && (await listenOnce(port, '0.0.0.0'));
}

export interface StartLabOptions {
  hostPort: number;
  image: string;
  policy: LabPolicy;
  labels?: Record<string, string> | undefined;
}

/** Creates the lab; on any failure removes what it had created and reports the cause. */
export async function startLab(docker: Docker, dataDir: string, o: StartLabOptions): Promise<{ lab: LabState; commands: string[]; command: string }> {
  try {
    await docker.getImage(o.image).inspect();
  } catch {
    throw new FieldError('image', `Image ${o.image} is not on this engine. Pull it first (docker pull ${o.image}) or pick another Caddy image.`);
  }
  if (!(await portIsFree(o.hostPort))) throw new FieldError('hostPort', `Port ${o.hostPort} is in use; pick another host port.`);

  const suffix = randomBytes(3).toString('hex');
  const labId = `lab-${suffix}`;
  const base = `dockside-lab-${suffix}`;
  const names = { net: `${base}-net`, app1: `${base}-app1`, app2: `${base}-app2`, lb: `${base}-lb` };
  const labels = (role: string): Record<string, string> => ({ ...(o.labels ?? {}), [LAB_LABEL]: labId, [ROLE_LABEL]: role, [PORT_LABEL]: String(o.hostPort), [IMAGE_LABEL]: o.image });
  const dir = labDir(dataDir, labId);
  const commands: string[] = [];
  try {
    for (const role of ['app1', 'app2'] as const) {
      fs.mkdirSync(path.join(dir, role), { recursive: true });
      fs.writeFileSync(path.join(dir, role, 'index.html'), labPage(role, names[role]));
    }
    fs.mkdirSync(path.join(dir, 'caddy'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'caddy', 'Caddyfile'), labCaddyfile(names.app1, names.app2, o.policy));

    await docker.createNetwork({ Name: names.net, Driver: 'bridge', CheckDuplicate: true, Labels: labels('network') });
    commands.push(dockerCommand('network', 'create', names.net));

    for (const role of ['app1', 'app2'] as const) {
      const src = path.join(dir, role);
      const c = await docker.createContainer({
        name: names[role],
        Image: o.image,
        Cmd: FILE_SERVER,
        Labels: labels(role),
        HostConfig: { NetworkMode: names.net, Binds: [`${src}:/srv:ro`] },
      });
      await c.start();
      commands.push(dockerCommand('run', '-d', '--name', names[role], '--network', names.net, '-v', `${src}:/srv:ro`, o.image, ...FILE_SERVER));
    }

    const caddyDir = path.join(dir, 'caddy');
    // The folder (not the file) is mounted, so rewriting the Caddyfile is seen inside at once.
    const lb = await docker.createContainer({
      name: names.lb,
      Image: o.image,
      Cmd: CADDY_RUN,
      Labels: labels('lb'),
      ExposedPorts: { '80/tcp': {} },
      HostConfig: {
        NetworkMode: names.net,
        Binds: [`${caddyDir}:/etc/caddy`],
        PortBindings: { '80/tcp': [{ HostIp: '', HostPort: String(o.hostPort) }] },
      },
    });
    try {
      await lb.start();
    } catch (err) {
      const msg = engineMessage(err);
      if (/allocated|address already in use/i.test(msg)) throw new FieldError('hostPort', `Port ${o.hostPort} is in use: ${msg}`);
      throw err;
    }
    commands.push(dockerCommand('run', '-d', '--name', names.lb, '--network', names.net, '-p', `${o.hostPort}:80`, '-v', `${caddyDir}:/etc/caddy`, o.image, ...CADDY_RUN));

    // Bounded wait until the load balancer answers, so the learner's first request works.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const a = await requestThroughLab(o.hostPort, 0, 1500);
      if (a.status !== null) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const lab = (await listLabs(docker, dataDir)).find((l) => l.labId === labId);
    if (!lab) throw new Error('The lab was created but its containers are not listed');
    return { lab, commands, command: commands.join('\n') };
  } catch (err) {
    await teardownLab(docker, dataDir, labId).catch(() => undefined);
    throw err;
  }
}

interface RawLabContainer {
  Id: string;
  Names?: string[];
  State: string;
  Created: number;
  Labels?: Record<string, string>;
}

/** The labs on the engine, newest first, found by label (so they survive an app restart). */
export async function listLabs(docker: Docker, dataDir: string): Promise<LabState[]> {
  const [containers, networks] = await Promise.all([
    docker.listContainers({ all: true, filters: { label: [LAB_LABEL] } }) as unknown as Promise<RawLabContainer[]>,
    docker.listNetworks({ filters: { label: [LAB_LABEL] } }) as unknown as Promise<{ Name: string; Labels?: Record<string, string> }[]>,
  ]);
  const labs = new Map<string, LabState>();
  for (const n of networks) {
    const id = n.Labels?.[LAB_LABEL];
    if (!id) continue;
    labs.set(id, {
      labId: id,
      network: n.Name,
      hostPort: Number(n.Labels?.[PORT_LABEL] ?? 0),
      image: n.Labels?.[IMAGE_LABEL] ?? '',
      created: 0,
      containers: [],
      caddyfile: '',
    });
  }
  for (const c of containers) {
    const id = c.Labels?.[LAB_LABEL];
    const role = c.Labels?.[ROLE_LABEL];
    if (!id || (role !== 'lb' && role !== 'app1' && role !== 'app2')) continue;
    const lab =
      labs.get(id) ??
      ({ labId: id, network: '', hostPort: Number(c.Labels?.[PORT_LABEL] ?? 0), image: c.Labels?.[IMAGE_LABEL] ?? '', created: 0, containers: [], caddyfile: '' } satisfies LabState);
    lab.created = Math.max(lab.created, c.Created);
    const entry: LabContainer = { role, id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), state: containerState(c.State) };
    lab.containers.push(entry);
    labs.set(id, lab);
  }
  const order = { lb: 0, app1: 1, app2: 2 };
  for (const lab of labs.values()) {
    lab.containers.sort((a, b) => order[a.role] - order[b.role]);
    try {
      lab.caddyfile = fs.readFileSync(path.join(labDir(dataDir, lab.labId), 'caddy', 'Caddyfile'), 'utf8');
    } catch {
      lab.caddyfile = '';
    }
  }
  return [...labs.values()].sort((a, b) => b.created - a.created);
}

async function findLab(docker: Docker, dataDir: string, labId: string): Promise<LabState> {
  const lab = (await listLabs(docker, dataDir)).find((l) => l.labId === labId);
  if (!lab) throw { code: 'not-found', message: `Lab ${labId} is not on this engine (was it torn down?)` };
  return lab;
}

/** Runs a command in a container and returns its output and exit code (TTY: no frame headers). */
async function execIn(docker: Docker, id: string, cmd: string[], timeoutMs = 15_000): Promise<{ exitCode: number; output: string }> {
  const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: false, Tty: true })) as NodeJS.ReadableStream & { destroy(): void };
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, timeoutMs);
    stream.on('data', (d: Buffer) => {
      // Bounded: a reload prints a few lines; keep at most 64 KB.
      if (size < 65_536) chunks.push(d);
      size += d.length;
    });
    stream.on('error', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
}

/** Writes the Caddyfile and reloads Caddy; a rejected Caddyfile is put back and reported. */
export async function reloadLab(docker: Docker, dataDir: string, labId: string, caddyfile: string): Promise<{ command: string; output: string }> {
  const lab = await findLab(docker, dataDir, labId);
  const lb = lab.containers.find((c) => c.role === 'lb');
  if (!lb) throw { code: 'not-found', message: `The load balancer of ${labId} is gone` };
  if (lb.state !== 'running') throw { code: 'conflict', message: `The load balancer ${lb.name} is ${lb.state}; start it before reloading.` };
  const file = path.join(labDir(dataDir, labId), 'caddy', 'Caddyfile');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  fs.writeFileSync(file, caddyfile.endsWith('\n') ? caddyfile : `${caddyfile}\n`);
  const { exitCode, output } = await execIn(docker, lb.id, CADDY_RELOAD);
  if (exitCode !== 0) {
    fs.writeFileSync(file, previous);
    const reason = output.split('\n').map((l) => l.trim()).filter(Boolean).slice(-3).join(' ');
    throw new FieldError('caddyfile', `Caddy refused this Caddyfile (the previous one stays in effect): ${reason}`);
  }
  return { command: dockerCommand('exec', lb.name, ...CADDY_RELOAD), output };
}

/**
 * Budget for one request through the lab: the first request to reach a backend that has just
 * stopped waits for the lab Caddyfile's 1 s dial timeout before Caddy retries the other backend
 * (within lb_try_duration 3 s), and that slow success is exactly what the lab wants to show.
 */
export const LAB_REQUEST_TIMEOUT_MS = 5000;

/** One GET through the load balancer. Only ever 127.0.0.1; the page names the backend. */
export function requestThroughLab(hostPort: number, seq: number, timeoutMs = LAB_REQUEST_TIMEOUT_MS): Promise<LabAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: hostPort, path: '/', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        if (body.length < 16_384) body += d;
      });
      res.on('end', () => resolve({ seq, backend: backendFromBody(body), status: res.statusCode ?? null, ms: Date.now() - started }));
      res.on('error', (err) => resolve({ seq, backend: null, status: res.statusCode ?? null, ms: Date.now() - started, error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ seq, backend: null, status: null, ms: Date.now() - started, error: err.message }));
  });
}

export function countAnswer(counts: Record<string, number>, a: LabAnswer): void {
  const key = a.backend ?? 'failed';
  counts[key] = (counts[key] ?? 0) + 1;
}

export async function sendThroughLab(docker: Docker, dataDir: string, labId: string, count: number): Promise<{ answers: LabAnswer[]; counts: Record<string, number> }> {
  const lab = await findLab(docker, dataDir, labId);
  const answers: LabAnswer[] = [];
  const counts: Record<string, number> = {};
  for (let i = 1; i <= count; i++) {
    const a = await requestThroughLab(lab.hostPort, i);
    answers.push(a);
    countAnswer(counts, a);
  }
  return { answers, counts };
}

/** Removes exactly the lab's containers, network and folder. */
export async function teardownLab(docker: Docker, dataDir: string, labId: string): Promise<{ command: string; removed: string[] }> {
  const filters = { label: [`${LAB_LABEL}=${labId}`] };
  const containers = (await docker.listContainers({ all: true, filters })) as unknown as RawLabContainer[];
  const removed: string[] = [];
  const cnames = containers.map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, ''));
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  removed.push(...cnames);
  const networks = (await docker.listNetworks({ filters })) as unknown as { Id: string; Name: string }[];
  for (const n of networks) {
    await docker.getNetwork(n.Id).remove();
    removed.push(n.Name);
  }
  fs.rmSync(labDir(dataDir, labId), { recursive: true, force: true });
  const commands = [
    cnames.length ? dockerCommand('rm', '--force', ...cnames) : null,
    networks.length ? dockerCommand('network', 'rm', ...networks.map((n) => n.Name)) : null,
  ].filter((c): c is string => c !== null);
  return { command: commands.join('\n') || `# nothing left of ${labId}`, removed };
}
