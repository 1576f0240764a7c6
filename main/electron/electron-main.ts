/**
 * Electron entry: one window with every security switch set explicitly, navigation and new
 * windows refused, permissions denied, and the engine service behind IPC. Everything else lives
 * in plain Node modules shared with browser mode.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { contentSecurityPolicy } from '../browser/security';
import { createService } from '../service/create-service';
import { guardProcess } from '../service/process-guard';
import { registerIpc } from './ipc';
import { chooseSavePath } from './save-dialog';
import { isSafeExternalUrl } from './window-options';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL; // set by electron-vite in development
const rendererIndex = path.join(here, '../renderer/index.html');

app.enableSandbox();
guardProcess();

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

async function createWindow(): Promise<void> {
  const service = await createService({ dataDir: path.join(app.getPath('userData'), 'data'), chooseSavePath });
  const allowedOrigins = rendererUrl ? [new URL(rendererUrl).origin] : ['file://'];
  const unregister = registerIpc(service.dispatcher, allowedOrigins);

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });

  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Dockside',
    show: false,
    // Written out here (not built by a helper) so static checkers such as electronegativity see it.
    webPreferences: {
      preload: path.join(here, '../preload/preload.cjs'),
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
    },
  });
  win.once('ready-to-show', () => win.show());
  if (rendererUrl) await win.loadURL(rendererUrl);
  else await win.loadFile(rendererIndex);

  app.on('will-quit', () => {
    unregister();
    service.close();
  });
}

void app.whenReady().then(createWindow);
app.on('window-all-closed', () => app.quit());
