/**
 * Electron entry. Paths are resolved from this bundle's own place (out/main/ inside the asar),
 * and electron-updater is loaded only where updates are on.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../service/create-service';
import { guardProcess } from '../service/process-guard';
import { runDesktopApp } from './desktop-app';
import { chooseFolder } from './folder-dialog';
import { chooseSavePath } from './save-dialog';
import type { Updater } from './updates';

const here = path.dirname(fileURLToPath(import.meta.url));

guardProcess();
runDesktopApp({
  rendererRoot: path.join(here, '../renderer'),
  preloadPath: path.join(here, '../preload/preload.cjs'),
  // Saving a file and choosing a build context: main opens the native dialogs, so the renderer
  // never names the path.
  createService: (opts) => createService({ ...opts, chooseSavePath, chooseFolder }),
  // electron-updater defines `autoUpdater` with a getter, which Node's detection of CommonJS
  // named exports misses: it is only on the default export.
  loadUpdater: async () => ((await import('electron-updater')) as unknown as { default: { autoUpdater: Updater } }).default.autoUpdater,
});
