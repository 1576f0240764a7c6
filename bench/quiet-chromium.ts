/**
 * A Chromium the bench drives without Playwright, for figures where the driver itself would be
 * measured. Playwright enables the DevTools protocol's Network domain on every page, so Chromium
 * sends each WebSocket frame's whole payload to the driver as JSON (the page's Logs tab receives
 * megabytes a second: measured in the logs figure, the bench process and Chromium's browser
 * process then spent as much CPU as the page). Here the bench speaks the protocol itself over
 * one WebSocket and uses only `Target` (open a page) and `Runtime.evaluate` (read counters,
 * click): no domain that reports traffic is enabled. A user's browser or Electron has no driver
 * attached at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, onCleanup } from './support';
import { removeWhenQuiet } from '../test/support/temp-dir';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export interface QuietPage {
  /** Evaluates an expression in the page (returned by value). */
  evaluate<T>(expression: string): Promise<T>;
  /** The renderer processes' pids are found by ancestry from this one. */
  chromiumPid: number;
  close(): Promise<void>;
}

export interface QuietChromium {
  pid: number;
  open(url: string, initScript?: string): Promise<QuietPage>;
  close(): Promise<void>;
}

export async function launchQuietChromium(): Promise<QuietChromium> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--window-size=1400,900',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    // Its own process group: closing ends every Chromium process (renderers, crash handler),
    // not only the browser, before the profile folder is removed.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not print its DevTools address: ${err.slice(-500)}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err.slice(-500)}`)));
  });
  child.stderr!.resume();
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, Pending>();
  ws.on('message', (data: WebSocket.RawData) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id === undefined) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.error) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result);
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  let closed = false;
  // Run once: by close() or by the bench's cleanup on failure or Ctrl-C.
  const close = onCleanup(async () => {
    if (closed) return;
    closed = true;
    ws.close();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await exited;
    }
    // The group's last processes can trail the browser's exit by a moment.
    await removeWhenQuiet(profile, 20, 100);
  });

  return {
    pid: child.pid!,
    async open(pageUrl, initScript) {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      // The Page domain reports navigation and lifecycle, not network traffic.
      await send('Page.enable', {}, sessionId);
      if (initScript) await send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }, sessionId);
      await send('Page.navigate', { url: pageUrl }, sessionId);
      return {
        chromiumPid: child.pid!,
        async evaluate<T>(expression: string) {
          const r = await send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
            'Runtime.evaluate',
            { expression, returnByValue: true, awaitPromise: true },
            sessionId,
          );
          if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
          return r.result.value as T;
        },
        async close() {
          await send('Target.closeTarget', { targetId }).catch(() => undefined);
        },
      };
    },
    close,
  };
}
