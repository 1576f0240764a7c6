/**
 * Playwright fixtures: the real app server (`main/browser/serve.ts`, browser mode) against the
 * real engine, and Debian's Chromium (never a downloaded browser). Each test gets a page already
 * opened on the app's tokened URL, and its own data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, chromium, type Browser, type Page } from '@playwright/test';
import { RUN_ID } from '../support/labels';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface AppServer {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
}

export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/serve.ts', '--port', '0'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
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

export const test = base.extend<{ app: Page }, { server: AppServer; browserInstance: Browser }>({
  server: [
    async ({}, use) => {
      const s = await startAppServer();
      await use(s);
      await stopAppServer(s);
    },
    { scope: 'worker' },
  ],
  browserInstance: [
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ server, browserInstance }, use) => {
    const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
