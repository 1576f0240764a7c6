/**
 * Starts the real app server (`main/browser/serve.ts`, browser mode) as a child process and
 * reads the one-time links it prints: what e2e tests and benchmarks drive. Each link works once,
 * so every page opened takes a fresh one with `link()` (Enter on the server's stdin, as a user
 * would press it in the terminal).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_ID } from './labels';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface AppServer {
  /** The first link the server printed (one use; prefer `link()`). */
  url: string;
  origin: string;
  /** An unused one-time link (`http://127.0.0.1:PORT/#code=...`). */
  link(): Promise<string>;
  /** The server's own XDG_CONFIG_HOME (its data folder), removed when it stops. */
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
}

export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-app-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/serve.ts', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DOCKSIDE_TEST_RUN: RUN_ID, XDG_CONFIG_HOME: dataDir, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const links: string[] = [];
  const handedOut = new Set<string>();
  let waiting: (() => void) | null = null;
  const linkPattern = /^(http:\/\/127\.0\.0\.1:\d+\/#code=[A-Za-z0-9_-]+)$/gm;
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const m of output.matchAll(linkPattern)) if (!links.includes(m[1]!) && !handedOut.has(m[1]!)) links.push(m[1]!);
    waiting?.();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.stdin!.on('error', () => undefined);
  const nextLink = (ask: boolean) =>
    new Promise<string>((resolve, reject) => {
      const take = () => {
        const l = links.shift();
        if (!l) return false;
        handedOut.add(l);
        clearTimeout(timer);
        waiting = null;
        child.off('exit', onExit);
        resolve(l);
        return true;
      };
      const onExit = (code: number | null) => reject(new Error(`app server exited (${code}):\n${output}`));
      const timer = setTimeout(() => reject(new Error(`app server did not print a link in 30 s:\n${output}`)), 30_000);
      if (take()) return;
      waiting = () => void take();
      child.once('exit', onExit);
      if (ask) child.stdin!.write('\n');
    });
  let url: string;
  try {
    url = await nextLink(false);
  } catch (err) {
    // No link (a slow start on a loaded machine, or a crash): leave no server or folder behind.
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const origin = new URL(url).origin;
  return { url, origin, link: () => nextLink(true), dataDir, process: child, output: () => output };
}

export async function stopAppServer(s: AppServer): Promise<void> {
  if (s.process.exitCode === null) {
    const exited = new Promise((r) => s.process.once('exit', r));
    s.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (s.process.exitCode === null) s.process.kill('SIGKILL');
  }
  fs.rmSync(s.dataDir, { recursive: true, force: true });
}
