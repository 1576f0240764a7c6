/**
 * The desktop app's life: the window opens first (the renderer shows "connecting") while the
 * engine service starts; a failed start shows an error dialog and exits with code 1; one
 * instance only (a second launch focuses the first window); window bounds remembered; the menu;
 * self-updates where they apply. Everything here is thin glue over plain, unit-tested modules.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, screen, session, shell, type WebContents } from 'electron';
import type { Service, ServiceOptions } from '../service/create-service';
import { buildMenuTemplate } from './app-menu';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { HOMEPAGE } from './help-topics';
import { registerIpc } from './ipc';
import { permissionAllowed } from './permissions';
import { extendedMacPath } from './platform-env';
import { rendererSource } from './renderer-source';
import { setupUpdates, updatePolicy, type UpdateController, type Updater } from './updates';
import { initialBounds, readWindowState, trackWindowState } from './window-state';
import { isSafeExternalUrl } from './window-options';

export interface DesktopOptions {
  /** Folder holding the built renderer (index.html and assets). */
  rendererRoot: string;
  /** The built, sandboxed preload (CommonJS). */
  preloadPath: string;
  createService(opts: ServiceOptions): Promise<Service>;
  /** Loads electron-updater only where updates are on. */
  loadUpdater?: () => Promise<Updater>;
}

export const EXIT_START_FAILED = 1;

/** Shows why the app could not start and exits with a non-zero code. */
export function failStart(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Dockside could not start: ${message}`);
  try {
    dialog.showErrorBox('Dockside could not start', `${message}\n\nIf this keeps happening, please report it with this message at ${HOMEPAGE}.`);
  } finally {
    app.exit(EXIT_START_FAILED);
  }
}

function guardNavigation(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function packageType(): string | null {
  try {
    return fs.readFileSync(path.join(process.resourcesPath, 'package-type'), 'utf8');
  } catch {
    return null;
  }
}

export function runDesktopApp(opts: DesktopOptions): void {
  // Before anything can look for docker-credential-* helpers.
  if (process.platform === 'darwin') process.env.PATH = extendedMacPath(process.env.PATH, os.homedir());
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();

  // Two instances would share the progress file and open two engine event streams.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let win: BrowserWindow | null = null;
  let updates: UpdateController | null = null;
  const source = rendererSource(app.isPackaged, process.env);
  const policy = updatePolicy({ isPackaged: app.isPackaged, platform: process.platform, env: process.env, packageType: app.isPackaged ? packageType() : null });

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('web-contents-created', (_e, contents) => guardNavigation(contents));
  app.on('window-all-closed', () => app.quit());

  const start = async () => {
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, opts.rendererRoot));
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((wc, permission, callback, details) =>
      callback(permissionAllowed({ permission, requestingUrl: details.requestingUrl, fromOurWindow: wc === win?.webContents, mainFrame: details.isMainFrame }, source.origin)),
    );
    ses.setPermissionCheckHandler((wc, permission, requestingOrigin, details) =>
      permissionAllowed(
        { permission, requestingUrl: details.requestingUrl ?? requestingOrigin, fromOurWindow: wc !== null && wc === win?.webContents, mainFrame: details.isMainFrame ?? false },
        source.origin,
      ),
    );

    app.setAboutPanelOptions({ applicationName: 'Dockside', applicationVersion: app.getVersion(), website: HOMEPAGE, copyright: 'Dockside developers' });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          appName: 'Dockside',
          dev: source.dev,
          updatesEnabled: policy.enabled,
          homepage: HOMEPAGE,
          openExternal: (url) => void shell.openExternal(url),
          checkForUpdates: () => void updates?.checkFromMenu(),
          showAbout: () => app.showAboutPanel(),
        }),
      ),
    );

    // The window first; the service starts alongside and IPC calls wait for it.
    const stateFile = path.join(app.getPath('userData'), 'window-state.json');
    const init = initialBounds(
      readWindowState(stateFile),
      screen.getAllDisplays().map((d) => d.workArea),
    );
    win = new BrowserWindow({
      ...init.bounds,
      minWidth: 900,
      minHeight: 600,
      title: 'Dockside',
      show: false,
      // Written out here (not built by a helper) so static checkers such as electronegativity see it.
      webPreferences: {
        preload: opts.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        spellcheck: false,
        devTools: source.dev,
      },
    });
    if (init.maximized) win.maximize();
    trackWindowState(win, stateFile);
    const shown = win;
    shown.once('ready-to-show', () => shown.show());

    const service = opts.createService({ dataDir: path.join(app.getPath('userData'), 'data') });
    const unregister = registerIpc(
      service.then((s) => s.dispatcher),
      source.origin,
    );
    service.then(
      (s) =>
        app.on('will-quit', () => {
          unregister();
          s.close();
        }),
      failStart,
    );
    await win.loadURL(source.url);

    if (policy.enabled && opts.loadUpdater) {
      const updater = await opts.loadUpdater();
      updates = setupUpdates(
        updater,
        {
          ask: async (message, detail, buttons) => (await dialog.showMessageBox(shown, { type: 'info', message, detail, buttons, defaultId: 0, cancelId: 1 })).response,
          info: (message, detail) => void dialog.showMessageBox(shown, { type: 'info', message, detail: detail ?? '' }),
          log: (m) => console.log(m),
        },
        app.getVersion(),
      );
      void updates.checkInBackground();
    } else if (!policy.enabled) {
      console.log(`updates: off (${policy.reason})`);
    }
  };
  app.whenReady().then(start).catch(failStart);
}
