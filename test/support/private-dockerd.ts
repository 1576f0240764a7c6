/**
 * A private dockerd for tests that must kill, restart or reconfigure an engine (fault tests, TLS,
 * a second engine for the switcher; the cluster and remote work can reuse it). Linux and root
 * only. It has its own data root, exec root, pidfile and unix socket under a fresh temporary
 * folder, its own cgroup parent, and `--bridge=none --iptables=false --ip-masq=false
 * --ip-forward=false --userland-proxy=false` (the proxy can be turned on: see the options).
 *
 * It also runs in a network namespace of its own (`unshare --net`): dockerd 20.10 started with
 * `--bridge=none` DELETES the host's docker0 at start-up (libnetwork's
 * removeDefaultBridgeInterface), which cuts the default engine's containers off; inside its own
 * namespace there is no docker0 to delete. Its tcp listener (TLS tests) is inside that namespace
 * too, so it is relayed to a free port on the host's 127.0.0.1, bytes as they are (TLS end to end).
 * `stop()` removes everything it made: containers, its containerd, its folder, its cgroups.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { createDockerClient } from '../../main/engine/docker-client';
import { parseHostUrl } from '../../main/engine/endpoint';
import { RUN_ID } from './labels';

export interface PrivateDockerdOptions {
  /** Also listen on tcp://127.0.0.1:<free port> with TLS, verifying clients against this CA. */
  tls?: { caPath: string; certPath: string; keyPath: string };
  /** Keep containers running while the daemon is down (so streams have something to resume). */
  liveRestore?: boolean;
  /**
   * Publish ports through docker-proxy inside the daemon's namespace. With `--iptables=false`
   * there is no DNAT rule, so without the proxy a published port is only reserved, never served
   * (the cluster worker test asks its task's host-mode port over a veth link).
   */
  userlandProxy?: boolean;
  /**
   * Its own hostname (in a UTS namespace of its own), e.g. so that a swarm node it becomes is
   * told apart from the host's in node lists; unset: the host's.
   */
  hostname?: string;
}

export interface PrivateDockerd {
  /** unix://... of its socket. */
  host: string;
  socketPath: string;
  /** tcp://127.0.0.1:PORT when started with TLS. */
  tcpHost?: string;
  dir: string;
  docker: Docker;
  /** The daemon's pid while it runs (its network namespace is /proc/<pid>/ns/net), else null. */
  pid(): number | null;
  /**
   * Stops the daemon behind the clients' back (SIGTERM by default, like `systemctl stop docker`;
   * containers stop with it and those with a restart policy come back on `start()`) and waits
   * until it is gone.
   */
  kill(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts the daemon again with the same folders and waits until it answers. */
  start(): Promise<void>;
  /** Stops the daemon, removes its containers, containerd, folder and cgroups. */
  stop(): Promise<void>;
  /** Copies an image from another engine into this one (docker save | load). */
  loadImage(from: Docker, image: string): Promise<void>;
  log(): string;
}

/** True when the host has the default engine's docker0 bridge (check it survives a private engine). */
export function hostHasDocker0(): boolean {
  return spawnSync('ip', ['link', 'show', 'docker0'], { stdio: 'ignore' }).status === 0;
}

/** Why a private engine cannot be started here, or null when it can. */
export function privateDockerdUnavailable(): string | null {
  if (process.platform !== 'linux') return 'a private dockerd is started only on Linux';
  if (process.getuid?.() !== 0) return 'a private dockerd needs root';
  const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((p) => fs.existsSync(p));
  if (!dockerd) return 'dockerd is not installed';
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPrivateDockerd(opts: PrivateDockerdOptions = {}): Promise<PrivateDockerd> {
  const why = privateDockerdUnavailable();
  if (why) throw new Error(why);
  // Short path: unix socket paths are limited to ~108 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsk-dockerd-'));
  const socketPath = path.join(dir, 'docker.sock');
  const execRoot = path.join(dir, 'exec');
  const cgroupParent = `dockside-test-${path.basename(dir)}`;
  // The daemon's tcp port inside its namespace, and the host port relayed to it.
  const innerPort = opts.tls ? await freePort() : undefined;
  const port = opts.tls ? await freePort() : undefined;
  const relaySocket = path.join(dir, 'tcp-relay.sock');
  const args = [
    `--data-root=${path.join(dir, 'data')}`,
    `--exec-root=${execRoot}`,
    `--pidfile=${path.join(dir, 'dockerd.pid')}`,
    `--host=unix://${socketPath}`,
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-masq=false',
    '--ip-forward=false',
    `--userland-proxy=${opts.userlandProxy ? 'true' : 'false'}`,
    `--cgroup-parent=/${cgroupParent}`,
    '--storage-driver=overlay2',
    `--label=dockside.test=${RUN_ID}`,
    ...(opts.liveRestore ? ['--live-restore'] : []),
    ...(opts.tls
      ? [`--host=tcp://127.0.0.1:${innerPort}`, '--tlsverify', `--tlscacert=${opts.tls.caPath}`, `--tlscert=${opts.tls.certPath}`, `--tlskey=${opts.tls.keyPath}`]
      : []),
  ];
  const logFile = path.join(dir, 'dockerd.log');
  let child: ChildProcess | null = null;
  const docker = createDockerClient({ ...parseHostUrl(`unix://${socketPath}`, 'private dockerd', { env: {}, homedir: os.homedir() }), source: 'switcher' });

  const start = async (): Promise<void> => {
    const out = fs.openSync(logFile, 'a');
    // Own network namespace (see the top of this file); `exec` keeps dockerd's pid the child's.
    const script = 'ip link set lo up && { [ -z "$DSK_HOSTNAME" ] || hostname "$DSK_HOSTNAME"; } && exec dockerd "$@"';
    const namespaces = opts.hostname ? ['--net', '--uts'] : ['--net'];
    child = spawn('unshare', [...namespaces, 'sh', '-c', script, 'dockerd', ...args], {
      stdio: ['ignore', out, out],
      detached: true,
      env: { ...process.env, DSK_HOSTNAME: opts.hostname ?? '' },
    });
    fs.closeSync(out);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await docker.ping();
        if (innerPort) {
          startRelay(child.pid!);
          // Ready when the relay listens (its socket appears) and the daemon's tcp port answers.
          while (!fs.existsSync(relaySocket) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        }
        return;
      } catch {
        if (child.exitCode !== null) throw new Error(`private dockerd exited (${child.exitCode}):\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`private dockerd did not answer within 60 s:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };

  const waitExit = (c: ChildProcess, ms: number) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      const t = setTimeout(resolve, ms);
      c.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });

  // Host 127.0.0.1:port -> unix socket -> (a relay inside the daemon's namespace) -> 127.0.0.1:innerPort.
  let relayChild: ChildProcess | null = null;
  let hostServer: net.Server | null = null;
  const startRelay = (daemonPid: number) => {
    relayChild?.kill('SIGKILL');
    fs.rmSync(relaySocket, { force: true });
    const inner = `const net=require('net');net.createServer(c=>{const u=net.connect(${innerPort},'127.0.0.1');c.pipe(u);u.pipe(c);c.on('error',()=>u.destroy());u.on('error',()=>c.destroy());}).listen(${JSON.stringify(relaySocket)});`;
    relayChild = spawn('nsenter', [`--net=/proc/${daemonPid}/ns/net`, process.execPath, '-e', inner], { stdio: 'ignore' });
  };
  const openHostPort = () =>
    new Promise<void>((resolve, reject) => {
      hostServer = net.createServer((c) => {
        const u = net.connect(relaySocket);
        c.pipe(u);
        u.pipe(c);
        c.on('error', () => u.destroy());
        u.on('error', () => c.destroy());
      });
      hostServer.once('error', reject);
      hostServer.listen(port, '127.0.0.1', () => resolve());
    });

  const kill = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> => {
    const c = child;
    if (!c) return;
    child = null;
    c.kill(signal);
    await waitExit(c, 30_000);
  };

  const containerdPid = (): number | null => {
    for (const f of [path.join(execRoot, 'containerd', 'containerd.pid')]) {
      try {
        const pid = Number(fs.readFileSync(f, 'utf8').trim());
        if (pid > 0) return pid;
      } catch {
        // not there
      }
    }
    return null;
  };

  const stop = async (): Promise<void> => {
    try {
      if (child) {
        const containers = await docker.listContainers({ all: true }).catch(() => []);
        await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
        const c = child;
        child = null;
        c.kill('SIGTERM');
        await waitExit(c, 20_000);
        if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      }
    } finally {
      relayChild?.kill('SIGKILL');
      hostServer?.close();
      // Its own containerd (and the shims of anything left) end with it.
      const pid = containerdPid();
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      // Whatever outlived it (container processes, shims, relays) is ours: it names our folder
      // or sits in our cgroup.
      killProcessesOf(dir, cgroupParent);
      for (const m of mountsUnder(dir)) spawnSyncQuiet('umount', ['-l', m]);
      fs.rmSync(dir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
      removeCgroups(cgroupParent);
    }
  };

  const loadImage = async (from: Docker, image: string): Promise<void> => {
    const tar = await from.getImage(image).get();
    const res = await docker.loadImage(tar as unknown as NodeJS.ReadableStream);
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(res, (err) => (err ? reject(err) : resolve()));
    });
  };

  await start();
  if (port) await openHostPort();
  return {
    host: `unix://${socketPath}`,
    socketPath,
    ...(port ? { tcpHost: `tcp://127.0.0.1:${port}` } : {}),
    dir,
    docker,
    pid: () => (child as ChildProcess | null)?.pid ?? null,
    kill,
    start,
    stop,
    loadImage,
    log: () => fs.readFileSync(logFile, 'utf8'),
  };
}

function mountsUnder(dir: string): string[] {
  try {
    return fs
      .readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1] ?? '')
      .filter((m) => m.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

function spawnSyncQuiet(cmd: string, args: string[]): void {
  try {
    spawnSync(cmd, args, { stdio: 'ignore' });
  } catch {
    // best effort
  }
}

/** Kills the processes in our cgroup parent and those whose command line names our folder. */
function killProcessesOf(dir: string, cgroupParent: string): void {
  const pids = new Set<number>();
  try {
    for (const p of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
      try {
        const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
        const cg = fs.readFileSync(`/proc/${p}/cgroup`, 'utf8');
        if (cmd.includes(dir) || cg.includes(`/${cgroupParent}/`) || cg.includes(`/${cgroupParent}\n`)) pids.add(Number(p));
      } catch {
        // ended meanwhile
      }
    }
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** cgroup v1 has one folder per controller (v2 one); remove the parent's empty folders, deepest first. */
function removeCgroups(name: string): void {
  const roots = ['/sys/fs/cgroup'];
  try {
    for (const d of fs.readdirSync('/sys/fs/cgroup')) roots.push(path.join('/sys/fs/cgroup', d));
  } catch {
    return;
  }
  for (const root of roots) {
    const top = path.join(root, name);
    if (!fs.existsSync(top)) continue;
    const dirs: string[] = [];
    const walk = (d: string) => {
      dirs.push(d);
      try {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name));
      } catch {
        // gone meanwhile
      }
    };
    walk(top);
    for (const d of dirs.reverse()) {
      try {
        fs.rmdirSync(d);
      } catch {
        // still in use or already gone
      }
    }
  }
}
