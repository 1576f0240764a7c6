/**
 * A private Podman engine serving the Docker API on its own unix socket, with its own storage
 * (--root, --runroot, --tmpdir, --network-config-dir) in one temp folder, and CONTAINERS_CONF
 * with default_ulimits (root here lacks CAP_SYS_RESOURCE: without it every start fails with
 * "error setting rlimits"). The fixture images come from the suite's Docker engine through
 * `docker save` | `podman load`. stop() ends the service and removes everything.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PODMAN = ['/usr/bin/podman', '/usr/local/bin/podman'].find((p) => fs.existsSync(p));

export interface PodmanEngine {
  socket: string;
  url: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startPodman(): Promise<PodmanEngine> {
  if (!PODMAN) throw new Error('podman not found: apt-get install podman');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-podman-'));
  const sub = (n: string) => {
    const p = path.join(dir, n);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const conf = path.join(dir, 'containers.conf');
  fs.writeFileSync(conf, '[containers]\ndefault_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]\n');
  const socket = path.join(dir, 'podman.sock');
  const global = ['--root', sub('root'), '--runroot', sub('runroot'), '--tmpdir', sub('tmp'), '--network-config-dir', sub('net'), '--cgroup-manager', 'cgroupfs', '--events-backend', 'file'];
  const env: NodeJS.ProcessEnv = { ...process.env, CONTAINERS_CONF: conf };
  delete env.DOCKER_HOST;
  const log = fs.openSync(path.join(dir, 'service.log'), 'a');
  const child: ChildProcess = spawn(PODMAN, [...global, 'system', 'service', '--time=0', `unix://${socket}`], { env, stdio: ['ignore', log, log] });
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`podman system service did not start:\n${fs.readFileSync(path.join(dir, 'service.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    socket,
    url: `unix://${socket}`,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      // Podman leaves its storage (overlay, shm) mounted: unmount what lies under our folder only.
      const mounts = fs
        .readFileSync('/proc/self/mounts', 'utf8')
        .split('\n')
        .map((l) => l.split(' ')[1] ?? '')
        .filter((m) => m.startsWith(`${dir}/`))
        .sort((a, b) => b.length - a.length);
      for (const m of mounts) {
        try {
          execFileSync('umount', ['-l', m], { stdio: 'ignore' });
        } catch {
          // Already gone.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Copies images from the Docker engine (by name) into the private Podman engine. */
export function loadIntoPodman(p: PodmanEngine, dockerHost: string | undefined, refs: string[]): void {
  const tar = path.join(p.dir, 'images.tar');
  execFileSync('docker', ['save', '-o', tar, ...refs], { env: { ...process.env, ...(dockerHost ? { DOCKER_HOST: dockerHost } : {}) }, stdio: 'inherit' });
  execFileSync('docker', ['load', '-i', tar], { env: { ...process.env, DOCKER_HOST: p.url }, stdio: 'inherit' });
  fs.rmSync(tar);
}
