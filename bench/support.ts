/**
 * Shared pieces of the benchmarks: options, the bench's own label and cleanup (also on Ctrl-C),
 * CPU accounting from /proc for exactly the processes measured, the app server, Chromium.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import type Docker from 'dockerode';
import { startAppServer as startTestAppServer, stopAppServer, type AppServer as TestAppServer } from '../test/support/app-server';
import { testDocker } from '../test/support/engine';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLK_TCK = 100; // `getconf CLK_TCK` on Linux

/** Every container this bench run creates carries `dockside.bench=<BENCH_RUN>`; cleanup removes only those. */
export const BENCH_LABEL = 'dockside.bench';
export const BENCH_RUN = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
export const benchLabelValue = `${BENCH_LABEL}=${BENCH_RUN}`;

export interface BenchOptions {
  quick: boolean;
  /** Alternated runs per figure (CLI, Dockside, CLI, Dockside...). */
  runs: number;
  /** CPU measuring window of the stats figures, seconds. */
  seconds: number;
  /** Running containers for the stats figures. */
  counts: number[];
  /** Containers (created, not all running) for the first-paint figure. */
  listSize: number;
  /** Lines of the logs figure. */
  lines: number;
  /** Sequential calls of the ssh figure. */
  calls: number;
}

/** `--quick`: 1 run each, smaller sizes; `--runs N`, `--seconds N`, `--containers 10,50`, `--list N`, `--lines N`, `--calls N` override. */
export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const get = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i]!;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const num = (name: string, def: number) => {
    const v = get(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} "${v}" must be a positive whole number`);
    return n;
  };
  const quick = argv.includes('--quick');
  const counts = (get('containers') ?? (quick ? '5' : '10,50')).split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--containers "${get('containers')}" must be positive whole numbers, e.g. 10,50`);
  return {
    quick,
    runs: num('runs', quick ? 1 : 3),
    seconds: num('seconds', quick ? 5 : 15),
    counts,
    listSize: num('list', quick ? 50 : 250),
    lines: num('lines', quick ? 20_000 : 200_000),
    calls: num('calls', quick ? 5 : 10),
  };
}

// ---- cleanup, also on Ctrl-C and failures ----

const cleanups: (() => Promise<void> | void)[] = [];
/** Registers an undo step; run in reverse order by `runCleanups` (at the end, on failure and on SIGINT/SIGTERM). */
export function onCleanup(fn: () => Promise<void> | void): () => Promise<void> {
  cleanups.push(fn);
  return async () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
    await fn();
  };
}
export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      console.error('cleanup step failed:', err);
    }
  }
  await removeBenchContainers();
}

/** Removes every container of this bench run, and nothing else. */
export async function removeBenchContainers(docker: Docker = testDocker()): Promise<void> {
  const mine = await docker.listContainers({ all: true, filters: { label: [benchLabelValue] } });
  for (let i = 0; i < mine.length; i += 10) {
    await Promise.all(mine.slice(i, i + 10).map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  }
}

export interface BenchContainer {
  c: Docker.Container;
  id: string;
  name: string;
}

/** Creates `n` labelled containers (not started), a few at a time: the engine is shared. */
export async function createBenchContainers(n: number, image: string, what: string, docker: Docker = testDocker()): Promise<BenchContainer[]> {
  const out: BenchContainer[] = [];
  for (let i = 0; i < n; i += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, n - i) }, async (_, k) => {
        const name = `dockside-bench-${what}-${out.length + k}-${randomBytes(2).toString('hex')}`;
        const c = await docker.createContainer({ name, Image: image, Cmd: ['sleep', '100000'], Labels: { [BENCH_LABEL]: BENCH_RUN } });
        return { c, id: c.id, name };
      }),
    );
    out.push(...batch);
  }
  return out;
}

/** Starts the ones not running yet, 5 at a time. */
export async function startAll(containers: BenchContainer[]): Promise<void> {
  for (let i = 0; i < containers.length; i += 5) {
    await Promise.all(
      containers.slice(i, i + 5).map(async (x) => {
        if (!(await x.c.inspect()).State.Running) await x.c.start();
      }),
    );
  }
}

// ---- CPU of exactly the processes measured ----

/** CPU seconds (user + system) a process has used so far; 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14, 15)
  } catch {
    return 0;
  }
}

function procDirs(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}
function readProc(pid: number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The dockerd under test: the process holding the listening unix socket the engine answers on
 * (its inode from /proc/net/unix, then the process whose fd points at that inode). Not "every
 * dockerd on the host": private test engines of other work are left out.
 */
export function engineDaemonPid(socketPath: string): number {
  const real = fs.realpathSync(socketPath);
  const inodes = new Set<string>();
  for (const line of fs.readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // Num RefCount Protocol Flags Type St Inode Path; St 01 = listening
    if (f.length >= 8 && f[5] === '01' && (f[7] === socketPath || f[7] === real)) inodes.add(f[6]!);
  }
  if (!inodes.size) throw new Error(`no process listens on ${socketPath} (/proc/net/unix)`);
  const owners: number[] = [];
  for (const pid of procDirs()) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = '';
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) {
        owners.push(pid);
        break;
      }
    }
  }
  // With socket activation systemd holds the socket too: the engine is the dockerd among the owners.
  const daemon = owners.find((p) => readProc(p, 'comm').trim() === 'dockerd') ?? (owners.length === 1 ? owners[0] : undefined);
  if (daemon === undefined) throw new Error(`cannot tell which process serves ${socketPath} (holders: ${owners.join(', ') || 'none'})`);
  return daemon;
}

/** The containerd-shim processes of the given container ids (the shim's `-id` argument). */
export function shimPids(containerIds: string[]): number[] {
  const ids = new Set(containerIds);
  const out: number[] = [];
  for (const pid of procDirs()) {
    if (!readProc(pid, 'comm').startsWith('containerd-shim')) continue;
    const args = readProc(pid, 'cmdline').split('\0');
    const id = args[args.indexOf('-id') + 1];
    if (id && ids.has(id)) out.push(pid);
  }
  return out;
}

/** Chromium renderer processes (--type=renderer) descending from `ancestor` (the bench process, which launched its Chromium). */
export function rendererPids(ancestor: number): number[] {
  return chromiumPids(ancestor, true);
}

/**
 * The Chromium processes under `ancestor` that are not renderers: the browser process, its
 * network service (where a WebSocket's bytes are read before they reach the page) and the GPU
 * process. Every byte the page receives passes through them too.
 */
export function chromiumOtherPids(ancestor: number): number[] {
  return chromiumPids(ancestor, false);
}

function chromiumPids(ancestor: number, renderers: boolean): number[] {
  const out: number[] = [];
  const parentOf = (pid: number) => Number(/^\S+ \(.*\) \S (\d+)/s.exec(readProc(pid, 'stat'))?.[1] ?? 0);
  for (const pid of procDirs()) {
    const cmd = readProc(pid, 'cmdline');
    if (!/chrom/i.test(cmd.split('\0')[0] ?? '')) continue;
    if (cmd.includes('--type=renderer') !== renderers) continue;
    for (let p = parentOf(pid), hops = 0; p > 1 && hops < 8; p = parentOf(p), hops++) {
      if (p === ancestor) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/**
 * CPU seconds per group of processes from now until `stop()`. Pids are re-read and sampled every
 * 250 ms: a process that starts in the window counts from 0, one that ends keeps its last sample
 * (at most 250 ms of its CPU lost; Chromium renderers of a closed page may still be ending).
 */
export function trackCpu<K extends string>(groups: Record<K, () => number[]>): { stop(): Record<K, number> & { wall: number } } {
  const keys = Object.keys(groups) as K[];
  const first = new Map<K, Map<number, number>>();
  const last = new Map<K, Map<number, number>>();
  const sample = (initial: boolean) => {
    for (const k of keys) {
      const f = first.get(k) ?? new Map<number, number>();
      const l = last.get(k) ?? new Map<number, number>();
      for (const pid of groups[k]()) {
        if (!fs.existsSync(`/proc/${pid}`)) continue;
        const v = cpuSeconds(pid);
        if (!f.has(pid)) f.set(pid, initial ? v : 0);
        l.set(pid, v);
      }
      first.set(k, f);
      last.set(k, l);
    }
  };
  const t0 = performance.now();
  sample(true);
  const timer = setInterval(() => sample(false), 250);
  return {
    stop() {
      clearInterval(timer);
      sample(false);
      const out = { wall: (performance.now() - t0) / 1000 } as Record<K, number> & { wall: number };
      for (const k of keys) {
        let sum = 0;
        for (const [pid, v] of last.get(k)!) sum += v - first.get(k)!.get(pid)!;
        (out as Record<string, number>)[k] = sum;
      }
      return out;
    },
  };
}

/** CPU seconds per group of processes over `seconds` (see trackCpu). */
export async function measureCpu<K extends string>(seconds: number, groups: Record<K, () => number[]>): Promise<Record<K, number> & { wall: number }> {
  const t = trackCpu(groups);
  await sleep(seconds * 1000);
  return t.stop();
}

/** Peak resident memory of a process (VmHWM), bytes. */
export function peakRss(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readProc(pid, 'status'));
  return m ? Number(m[1]) * 1024 : 0;
}

// ---- Dockside and Chromium ----

export interface AppServer extends TestAppServer {
  stop(): Promise<void>;
}

/** The real app server (browser mode, `npm run serve` without the build), as the e2e tests start it. */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const s = await startTestAppServer(env);
  const stop = onCleanup(() => stopAppServer(s));
  return { ...s, stop };
}

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Playwright's own handlers would exit at once on Ctrl-C, before the bench's cleanup ran.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  onCleanup(() => browser.close().catch(() => undefined));
  return browser;
}

// ---- figures ----

export interface Spread {
  min: number;
  median: number;
  max: number;
  values: number[];
}
export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s[s.length - 1]!, values };
}
export function fmtSpread(s: Spread, digits = 2, unit = ''): string {
  if (s.values.length === 1) return `${s.median.toFixed(digits)}${unit}`;
  return `${s.min.toFixed(digits)} / ${s.median.toFixed(digits)} / ${s.max.toFixed(digits)}${unit}`;
}

/** One line of the results table. */
export interface ResultRow {
  figure: string;
  dockside: string;
  peer: string;
  ratio: string;
  target: string;
  /** null: no target for this row. */
  met: boolean | null;
  /** What was measured, and why a target was not met (measured, not guessed). */
  note: string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a command to its end without blocking this process (never spawnSync here: the engine view
 * the command talks to is served by this very process). Wall time from spawn to exit.
 */
export function runCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv, keepStdout = true): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, ms: performance.now() - t0 }));
  });
}
