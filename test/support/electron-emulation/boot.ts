/**
 * Boots a packaged main bundle under plain Node with the stand-in `electron` module
 * (electron.mjs) and talks to it over its bridge. An emulation of the desktop app for machines
 * where Electron cannot run; the Electron smoke test is the real thing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface EmulatedApp {
  origin: string;
  process: ChildProcess;
  output(): string;
  request<T = unknown>(msg: Record<string, unknown>): Promise<T>;
  onSend(fn: (channel: string, args: unknown[]) => void): void;
  stop(): Promise<void>;
}

/** `appDir` holds the unpacked app (out/, lessons/, node_modules/, package.json). */
export async function bootPackagedMain(appDir: string, resourcesDir: string, env: Record<string, string> = {}): Promise<EmulatedApp> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-emulation-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { main: string; version: string };
  const child = spawn(process.execPath, ['--import', path.join(here, 'register.mjs'), path.join(appDir, pkg.main)], {
    // A working directory with no lessons/ in it: lessons can only come from the package.
    cwd: scratch,
    env: {
      ...process.env,
      DOCKSIDE_EMULATION_USERDATA: path.join(scratch, 'userData'),
      DOCKSIDE_EMULATION_RESOURCES: resourcesDir,
      DOCKSIDE_EMULATION_VERSION: pkg.version,
      DOCKSIDE_EMULATION_APP: appDir,
      DOCKSIDE_LESSONS_DIR: '',
      // For CommonJS dependencies that require('electron') themselves.
      NODE_PATH: path.join(here, 'node-path'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const fail = (err: unknown): never => {
    // A boot that fails leaves nothing behind either.
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(scratch, { recursive: true, force: true });
    throw err;
  };
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the packaged main did not start its bridge in 30 s:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /DOCKSIDE_EMULATION_BRIDGE (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the packaged main exited (${code}):\n${output}`));
    });
  }).catch(fail);
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/__bridge`);
  const died = () => new Error(`the packaged main exited (${child.exitCode ?? child.signalCode}):\n${output}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', (e) => reject(child.exitCode !== null ? died() : e));
  }).catch(fail);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const sendListeners: ((channel: string, args: unknown[]) => void)[] = [];
  let id = 0;
  child.on('exit', () => {
    for (const p of pending.values()) p.reject(died());
    pending.clear();
  });
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; ok?: boolean; value?: unknown; error?: string; type?: string; channel?: string; args?: unknown[] };
    if (msg.type === 'send') {
      for (const fn of sendListeners) fn(msg.channel!, msg.args ?? []);
      return;
    }
    const p = pending.get(msg.id!);
    pending.delete(msg.id!);
    if (msg.ok) p?.resolve(msg.value);
    else p?.reject(new Error(msg.error));
  });
  return {
    origin,
    process: child,
    output: () => output,
    request: <T>(msg: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const n = ++id;
        pending.set(n, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ ...msg, id: n }));
      }),
    onSend: (fn) => sendListeners.push(fn),
    async stop() {
      ws.close();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The page-side half of the bridge: `require('electron')` for the packaged preload, whose
 * ipcRenderer goes to main's real ipcMain handlers through a Playwright binding.
 */
export function preloadShim(preloadCode: string): string {
  return `(() => {
  if (window.top !== window) return;
  const listeners = new Map();
  window.__docksideIpcDeliver = (channel, args) => { const fn = listeners.get(channel); if (fn) fn({}, ...args); };
  const electron = {
    contextBridge: { exposeInMainWorld(key, api) { Object.defineProperty(window, key, { value: Object.freeze(api) }); } },
    ipcRenderer: {
      invoke: (channel, ...args) => window.__docksideIpcInvoke(channel, args),
      on(channel, fn) { listeners.set(channel, fn); },
    },
  };
  const require = (name) => { if (name === 'electron') return electron; throw new Error('a sandboxed preload may require only electron, not ' + name); };
  const module = { exports: {} };
  (function (require, module, exports) {\n${preloadCode}\n})(require, module, module.exports);
})();`;
}
