/** Shared pieces of the benchmarks: options, CPU accounting from /proc, the app server, Chromium. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startAppServer as startTestAppServer, stopAppServer, type AppServer as TestAppServer } from '../test/support/app-server';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLK_TCK = 100; // `getconf CLK_TCK` on Linux

/** `--seconds N` (default 60), `--lines N` (default 1,000,000). */
export function benchOptions(argv = process.argv.slice(2)): { seconds: number; lines: number; counts: number[] } {
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
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} "${v}" must be a positive number`);
    return n;
  };
  const counts = get('containers')?.split(',').map(Number) ?? [10, 50];
  return { seconds: num('seconds', 60), lines: num('lines', 1_000_000), counts };
}

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

/** The engine's processes: dockerd, containerd and every containerd-shim. */
export function enginePids(): { pid: number; name: string }[] {
  const out: { pid: number; name: string }[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let comm = '';
    try {
      comm = fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'dockerd' || comm === 'containerd' || comm.startsWith('containerd-shim')) out.push({ pid: Number(d), name: comm });
  }
  return out;
}

/**
 * CPU seconds used by a set of processes over a measured period. Shims that start or end during
 * the period count from when they are first seen.
 */
export async function measureCpu(seconds: number, extraPids: () => number[]): Promise<{ engine: number; extra: number; wall: number }> {
  const start = new Map<number, number>();
  const end = new Map<number, number>();
  const snap = (into: Map<number, number>) => {
    for (const { pid } of enginePids()) into.set(pid, cpuSeconds(pid));
  };
  snap(start);
  const extra0 = extraPids().reduce((n, p) => n + cpuSeconds(p), 0);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  snap(end);
  const extra1 = extraPids().reduce((n, p) => n + cpuSeconds(p), 0);
  let engine = 0;
  for (const [pid, v] of end) engine += v - (start.get(pid) ?? 0);
  return { engine, extra: extra1 - extra0, wall: (Date.now() - t0) / 1000 };
}

export interface AppServer extends TestAppServer {
  stop(): Promise<void>;
}

/** The real app server (browser mode), as the e2e tests start it. */
export async function startAppServer(): Promise<AppServer> {
  const s = await startTestAppServer();
  return { ...s, stop: () => stopAppServer(s) };
}

export async function openBrowser(url: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
  return { browser, page };
}

export function fmt(n: number, digits = 2): string {
  return n.toFixed(digits);
}
