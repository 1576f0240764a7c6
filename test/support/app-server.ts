/**
 * Starts the real app server (`main/browser/serve.ts`, browser mode) as a child process and
 * reads the tokened URL it prints: what e2e tests and benchmarks drive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_ID } from './labels';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface AppServer {
  url: string;
  origin: string;
  token: string;
  /** The server's own XDG_CONFIG_HOME (its data folder), removed when it stops. */
  dataDir: string;
  process: ChildProcess;
}

export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-app-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/serve.ts', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DOCKSIDE_TEST_RUN: RUN_ID, XDG_CONFIG_HOME: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app server did not print its URL in 30 s:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`app server exited (${code}):\n${output}`)));
  });
  const u = new URL(url);
  return { url, origin: u.origin, token: u.searchParams.get('token')!, dataDir, process: child };
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
