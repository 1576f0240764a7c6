/**
 * A practice registry for the publishing lessons: a registry container on a free local port,
 * with a practice user and password (htpasswd, bcrypt, as `docker login` against any registry),
 * labelled as Dockside's own so lessons never count it as the learner's container, and removed
 * from the same place it was started. Docker Hub is the same program on the internet.
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type Docker from 'dockerode';
import type { PracticeRegistryStatus } from '../contract';
import tar from 'tar-stream';
import { dockerCommand } from '../engine/docker-command';
import { FieldError } from '../engine/errors';
import { ensureRegistryImage, hostRegistryBinary, LOCAL_REGISTRY_IMAGE, type ImageSource } from './registry-image';
import { freePort } from '../engine/free-port';

/** Marks the container as Dockside's (lessons ignore it; the status finds it by this label). */
export const PRACTICE_LABEL = 'dev.dockside.practice-registry';
const USER_LABEL = 'dev.dockside.practice-registry.user';
const PASSWORD_LABEL = 'dev.dockside.practice-registry.password';
export const PRACTICE_NAME = 'dockside-practice-registry';
export const PRACTICE_USER = 'learner';



async function find(docker: Docker): Promise<Docker.ContainerInfo | undefined> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${PRACTICE_LABEL}=1`] } });
  return list[0];
}

async function imagePlan(docker: Docker): Promise<PracticeRegistryStatus['imagePlan']> {
  try {
    await docker.getImage(LOCAL_REGISTRY_IMAGE).inspect();
    return 'local';
  } catch {
    return hostRegistryBinary() ? 'built-from-host' : 'pull';
  }
}

export async function practiceStatus(docker: Docker): Promise<PracticeRegistryStatus> {
  const c = await find(docker);
  const plan = await imagePlan(docker);
  if (!c) return { running: false, imagePlan: plan };
  const port = c.Ports?.find((p) => p.PrivatePort === 5000 && p.PublicPort)?.PublicPort;
  return {
    running: c.State === 'running',
    id: c.Id,
    ...(port ? { port, host: `localhost:${port}` } : {}),
    username: c.Labels?.[USER_LABEL] ?? PRACTICE_USER,
    ...(c.Labels?.[PASSWORD_LABEL] ? { password: c.Labels[PASSWORD_LABEL] } : {}),
    image: c.Image,
    imagePlan: plan,
  };
}

/** A tar holding auth/htpasswd, for putArchive (the `docker cp` of the API). */
function htpasswdArchive(user: string, password: string): Promise<Buffer> {
  const line = `${user}:${bcrypt.hashSync(password, 10)}\n`;
  const pack = tar.pack();
  pack.entry({ name: 'auth/htpasswd', mode: 0o644 }, line);
  pack.finalize();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}

export interface StartResult {
  status: PracticeRegistryStatus;
  commands: string[];
  imageSource: ImageSource;
}

/** Starts the practice registry (making its image first if needed); `labels` are added to the container. */
export async function startPractice(docker: Docker, labels: Record<string, string> = {}): Promise<StartResult> {
  const existing = await find(docker);
  if (existing?.State === 'running') throw new FieldError('registry', `The practice registry is already running (${existing.Names?.[0]?.replace(/^\//, '') ?? PRACTICE_NAME}).`);
  if (existing) await docker.getContainer(existing.Id).remove({ force: true, v: true });
  const { image, source, command: imageCommand } = await ensureRegistryImage(docker);
  const port = await freePort();
  const password = randomBytes(9).toString('base64url');
  const env = [
    'REGISTRY_AUTH=htpasswd',
    'REGISTRY_AUTH_HTPASSWD_REALM=Dockside practice registry',
    'REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd',
    'REGISTRY_STORAGE_DELETE_ENABLED=true',
  ];
  const allLabels = { ...labels, [PRACTICE_LABEL]: '1', [USER_LABEL]: PRACTICE_USER, [PASSWORD_LABEL]: password };
  const container = await docker.createContainer({
    name: PRACTICE_NAME,
    Image: image,
    Env: env,
    Labels: allLabels,
    ExposedPorts: { '5000/tcp': {} },
    HostConfig: { PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
  });
  try {
    await container.putArchive(await htpasswdArchive(PRACTICE_USER, password), { path: '/' });
    await container.start();
  } catch (err) {
    await container.remove({ force: true, v: true }).catch(() => undefined);
    throw err;
  }
  await waitReady(docker, container, port);
  const commands = [
    ...(imageCommand ? [imageCommand] : []),
    dockerCommand('create', '--name', PRACTICE_NAME, '-p', `127.0.0.1:${port}:5000`, ...env.flatMap((e) => ['-e', e]), '--label', `${PRACTICE_LABEL}=1`, image),
    `htpasswd -Bbn ${PRACTICE_USER} '***' > auth/htpasswd && ${dockerCommand('cp', 'auth', `${PRACTICE_NAME}:/`)}`,
    dockerCommand('start', PRACTICE_NAME),
  ];
  return { status: await practiceStatus(docker), commands, imageSource: source };
}

/**
 * Waits (bounded) until the registry answers /v2/ (401 with auth on). The port is on the engine's
 * host: with a remote engine it may not answer here, so only a container that stopped is an error.
 */
async function waitReady(docker: Docker, container: Docker.Container, port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (res && (res.status === 401 || res.status === 200)) return;
    const info = await container.inspect();
    if (!info.State.Running) {
      const logs = (await container.logs({ stdout: true, stderr: true, tail: 20 })).toString('utf8').replace(/[\x00-\x08]/g, '');
      await container.remove({ force: true, v: true }).catch(() => undefined);
      throw new Error(`The practice registry stopped at once (exit code ${info.State.ExitCode}): ${logs.trim().slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  void docker;
}

/** Removes the practice registry container (and the images pushed to it, which live inside it). */
export async function stopPractice(docker: Docker): Promise<{ command: string; removed: boolean }> {
  const c = await find(docker);
  if (!c) return { command: dockerCommand('rm', '-f', PRACTICE_NAME), removed: false };
  await docker.getContainer(c.Id).remove({ force: true, v: true });
  return { command: dockerCommand('rm', '-f', '-v', c.Names?.[0]?.replace(/^\//, '') ?? PRACTICE_NAME), removed: true };
}
