/**
 * A private, rootful Podman engine serving the Docker API on its own unix socket, for the Podman
 * stage of the suite. Everything it owns is in one temp folder: --root, --runroot, --tmpdir,
 * --network-config-dir, the socket, CONTAINERS_CONF (default_ulimits: root here lacks
 * CAP_SYS_RESOURCE, so without it every start fails with "error setting rlimits").
 *
 * It runs in a network namespace of its own (`unshare --net`), and so do the tests that talk to
 * it (`nsenter`): netavark's bridges, veths, iptables chains and published ports stay in that
 * namespace and vanish with it, so the host's network and the shared Docker engine are never
 * touched. stop() removes the containers, ends the service and every process Podman left behind
 * for this folder (conmon keeps exec sessions alive for 5 minutes), unmounts and deletes it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PODMAN = ['/usr/bin/podman', '/usr/local/bin/podman'].find((p) => fs.existsSync(p));

/** Why the Podman stage cannot run here, or null when it can. */
export function podmanUnavailable(): string | null {
  if (process.platform !== 'linux') return 'the Podman stage runs on Linux only';
  if (!PODMAN) return 'podman is not installed (apt-get install podman)';
  if (process.getuid?.() !== 0) return 'the private Podman engine runs rootful with its own storage and network namespace, which needs root';
  for (const tool of ['unshare', 'nsenter', 'ip']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is missing (util-linux, iproute2)`;
    }
  }
  return null;
}

export interface PodmanEngine {
  socket: string;
  url: string;
  dir: string;
  /** Pid of the service; its network namespace is /proc/<pid>/ns/net. */
  pid: number;
  /** Runs the podman CLI against this engine's storage. */
  cli(args: string[]): string;
  stop(): Promise<string[]>;
}

export async function startPodman(): Promise<PodmanEngine> {
  const why = podmanUnavailable();
  if (why) throw new Error(why);
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
  const logFile = path.join(dir, 'service.log');
  const log = fs.openSync(logFile, 'a');
  // `exec` keeps the pid: it is the service's, and its namespace is the one the tests enter.
  const child: ChildProcess = spawn('unshare', ['--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', PODMAN!, ...global, 'system', 'service', '--time=0', `unix://${socket}`], {
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const text = fs.readFileSync(logFile, 'utf8');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`podman system service did not start:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const cli = (args: string[]) => execFileSync(PODMAN!, [...global, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    socket,
    url: `unix://${socket}`,
    dir,
    pid: child.pid!,
    cli,
    async stop() {
      const notes: string[] = [];
      // Containers first, so their network namespaces, veths and mounts are torn down by Podman.
      try {
        cli(['rm', '--all', '--force', '--time', '0']);
      } catch (err) {
        notes.push(`podman rm --all: ${(err as Error).message.split('\n')[0]}`);
      }
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      // What Podman started for this folder and left running (conmon of exec sessions, which
      // waits 5 minutes; aardvark-dns): found by the folder in its command line, nothing else.
      const leftovers = processesMentioning(dir);
      for (const pid of leftovers) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      if (leftovers.length) notes.push(`ended ${leftovers.length} process(es) Podman left for ${dir}`);
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
      return notes;
    },
  };
}

/** Pids (other than ours) whose command line names `needle`. */
export function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) out.push(pid);
    } catch {
      // Ended while we looked.
    }
  }
  return out;
}

/** Copies images from the Docker engine (by name) into the private Podman engine. */
export function loadIntoPodman(p: PodmanEngine, dockerHost: string | undefined, refs: string[]): void {
  const tar = path.join(p.dir, 'images.tar');
  execFileSync('docker', ['save', '-o', tar, ...refs], { env: { ...process.env, ...(dockerHost ? { DOCKER_HOST: dockerHost } : {}) }, stdio: 'inherit' });
  execFileSync('docker', ['load', '-i', tar], { env: { ...process.env, DOCKER_HOST: p.url }, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.rmSync(tar);
}
