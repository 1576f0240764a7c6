/**
 * A real local registry for the publish tests: Debian's `docker-registry` (distribution 2.8)
 * bound to 127.0.0.1 on a free port, with htpasswd auth (bcrypt via `htpasswd -B`, from
 * apache2-utils, installed by `npm run test:prepare`). Storage and config live in a temp folder
 * removed on stop. Another helper's registry may run at the same time: the port is picked free.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './engine';
import { freePort } from '../../main/engine/free-port';
export { freePort } from '../../main/engine/free-port';

export interface TestRegistry {
  /** "127.0.0.1:PORT", the host part of image references. */
  host: string;
  port: number;
  username: string;
  password: string;
  dir: string;
  process: ChildProcess;
  log(): string;
}


function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export async function startRegistry(username = 'learner', password = 'docker-course-pw'): Promise<TestRegistry> {
  const bin = which('docker-registry');
  const htpasswd = which('htpasswd');
  if (!bin || !htpasswd) {
    throw new Error('The publish tests need docker-registry and htpasswd: run `npm run test:prepare` (installs docker-registry and apache2-utils on Debian).');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-registry-'));
  const pwFile = path.join(dir, 'htpasswd');
  execFileSync(htpasswd, ['-Bbc', pwFile, username, password], { stdio: 'ignore' });
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: info',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  htpasswd:',
      '    realm: test',
      `    path: ${pwFile}`,
      '',
    ].join('\n'),
  );
  let output = '';
  const child = spawn(bin, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}):\n${output}`);
      const res = await fetch(`http://127.0.0.1:${port}/v2/`).catch(() => null);
      return res !== null && (res.status === 401 || res.status === 200);
    },
    `docker-registry on 127.0.0.1:${port}`,
    15_000,
  );
  return { host: `127.0.0.1:${port}`, port, username, password, dir, process: child, log: () => output };
}

export async function stopRegistry(r: TestRegistry | undefined): Promise<void> {
  if (!r) return;
  if (r.process.exitCode === null) {
    const exited = new Promise((res) => r.process.once('exit', res));
    r.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((res) => setTimeout(res, 5000))]);
    if (r.process.exitCode === null) r.process.kill('SIGKILL');
  }
  fs.rmSync(r.dir, { recursive: true, force: true });
}

/** A temp DOCKER_CONFIG folder so the developer's ~/.docker/config.json is never touched. */
export function tempDockerConfig(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-docker-config-'));
}
