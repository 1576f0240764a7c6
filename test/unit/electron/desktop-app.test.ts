/**
 * The desktop app's start-up glue with the recording `electron` mock: window first, service in
 * parallel, error dialog and exit code on a failed start, single instance, permissions,
 * navigation refused, packaged apps ignore ELECTRON_RENDERER_URL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC } from '../../../main/contract';
import { runDesktopApp } from '../../../main/electron/desktop-app';
import type { Service } from '../../../main/service/create-service';
import { Dispatcher } from '../../../main/service/dispatcher';
import type { CallHandlers, SubscriptionHandlers } from '../../../main/service/types';
import { emitApp, emitReady, handlers, record, resetElectronMock } from '../../mocks/electron';

const flush = () => new Promise((r) => setImmediate(r));

function fakeService(): Service {
  const calls = { 'containers:list': async () => [{ id: 'c1' }] } as unknown as CallHandlers;
  return { dispatcher: new Dispatcher(calls, {} as SubscriptionHandlers), close: () => undefined } as unknown as Service;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

const savedEnv = process.env.ELECTRON_RENDERER_URL;
beforeEach(() => resetElectronMock());
afterEach(() => {
  if (savedEnv === undefined) delete process.env.ELECTRON_RENDERER_URL;
  else process.env.ELECTRON_RENDERER_URL = savedEnv;
});

function start(service: Promise<Service>) {
  runDesktopApp({ rendererRoot: '/nonexistent/renderer', preloadPath: '/nonexistent/preload.cjs', createService: () => service });
}

describe('desktop start-up', () => {
  it('opens and loads the window before the engine service has started; IPC calls wait for it', async () => {
    const svc = deferred<Service>();
    start(svc.promise);
    expect(record.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(record.windows).toHaveLength(0);
    emitReady();
    await flush();
    expect(record.events).toEqual(['enableSandbox', 'window', 'load app://dockside/index.html']);
    const win = record.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    const event = { sender: win.webContents, senderFrame: { url: 'app://dockside/index.html', parent: null } };
    const pending = handlers.get(IPC.invoke)!(event, 'containers:list', { all: true });
    svc.resolve(fakeService());
    expect(await pending).toEqual({ ok: true, value: [{ id: 'c1' }] });
    expect(record.exitCode).toBeNull();
  });

  it('shows an error dialog and exits with code 1 when the service fails to start', async () => {
    const svc = deferred<Service>();
    start(svc.promise);
    emitReady();
    await flush();
    svc.reject(new Error('lessons/05-run.md: tasks.0.check.containerPort: expected a number'));
    await flush();
    expect(record.errorBoxes).toEqual([{ title: 'Dockside could not start', content: expect.stringContaining('lessons/05-run.md: tasks.0.check.containerPort') }]);
    expect(record.exitCode).toBe(1);
  });

  it('shows an error dialog and exits with code 1 when the window cannot load the renderer', async () => {
    record.loadError = new Error('ERR_FILE_NOT_FOUND (-6) loading app://dockside/index.html');
    start(Promise.resolve(fakeService()));
    emitReady();
    await flush();
    expect(record.errorBoxes).toEqual([{ title: 'Dockside could not start', content: expect.stringContaining('ERR_FILE_NOT_FOUND') }]);
    expect(record.exitCode).toBe(1);
  });

  it('quits at once when another instance holds the lock, and a second launch focuses the window', async () => {
    record.singleInstance = false;
    start(Promise.resolve(fakeService()));
    expect(record.quit).toBe(true);
    emitReady();
    await flush();
    expect(record.windows).toHaveLength(0);

    resetElectronMock();
    start(Promise.resolve(fakeService()));
    emitReady();
    await flush();
    const win = record.windows[0]!;
    win.minimized = true;
    emitApp('second-instance');
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('a packaged app ignores ELECTRON_RENDERER_URL and offers no developer tools', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    record.isPackaged = true;
    start(Promise.resolve(fakeService()));
    emitReady();
    await flush();
    expect(record.events).toContain('load app://dockside/index.html');
    const view = (record.menu as { template: { label?: string; submenu?: { role?: string }[] }[] }).template.find((m) => m.label === 'View')!;
    expect(view.submenu!.map((i) => i.role)).not.toContain('toggleDevTools');
    // IPC trusts only app://dockside, not the dev server.
    const wc = record.windows[0]!.webContents;
    expect(await handlers.get(IPC.invoke)!({ sender: wc, senderFrame: { url: 'http://localhost:5173/', parent: null } }, 'containers:list', { all: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('development loads the dev server and trusts only its origin', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    start(Promise.resolve(fakeService()));
    emitReady();
    await flush();
    expect(record.events).toContain('load http://localhost:5173');
    const wc = record.windows[0]!.webContents;
    expect(await handlers.get(IPC.invoke)!({ sender: wc, senderFrame: { url: 'http://localhost:5173/', parent: null } }, 'containers:list', { all: true })).toMatchObject({ ok: true });
  });

  it('grants the clipboard to our window only and denies every other permission', async () => {
    start(Promise.resolve(fakeService()));
    emitReady();
    await flush();
    const ours = record.windows[0]!.webContents;
    const ask = (wc: unknown, permission: string, url = 'app://dockside/index.html') =>
      new Promise<boolean>((r) => record.permissionRequest!(wc, permission, r, { requestingUrl: url, isMainFrame: true }));
    expect(await ask(ours, 'clipboard-sanitized-write')).toBe(true);
    expect(await ask(ours, 'clipboard-read')).toBe(true);
    expect(await ask(ours, 'media')).toBe(false);
    expect(await ask({}, 'clipboard-sanitized-write')).toBe(false);
    expect(await ask(ours, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(record.permissionCheck!(ours, 'clipboard-sanitized-write', 'app://dockside', { requestingUrl: 'app://dockside/index.html', isMainFrame: true })).toBe(true);
    expect(record.permissionCheck!(ours, 'geolocation', 'app://dockside', { requestingUrl: 'app://dockside/index.html', isMainFrame: true })).toBe(false);
  });

  it('refuses every navigation and new window, opening only http(s) links in the browser', async () => {
    start(Promise.resolve(fakeService()));
    const listeners = new Map<string, (...a: unknown[]) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    emitApp('web-contents-created', {}, { on: (e: string, fn: (...a: unknown[]) => void) => listeners.set(e, fn), setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn) });
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    listeners.get('will-navigate')!(ev, 'https://docs.docker.com/');
    listeners.get('will-navigate')!(ev, 'file:///etc/passwd');
    expect(openHandler!({ url: 'http://127.0.0.1:8080/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    listeners.get('will-attach-webview')!(ev);
    expect(prevented).toBe(3);
    expect(record.opened).toEqual(['https://docs.docker.com/', 'http://127.0.0.1:8080/']);
  });

  it('serves the renderer through the app: protocol handler once ready', async () => {
    start(Promise.resolve(fakeService()));
    emitReady();
    await flush();
    const handler = record.protocolHandlers.get('app')!;
    const r = await handler(new Request('app://dockside/../../etc/passwd'));
    expect(r.status).toBe(404);
  });
});
