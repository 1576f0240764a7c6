/**
 * Electron entry. Paths are resolved from this bundle's own place (out/main/ inside the asar),
 * and electron-updater is loaded only where updates are on.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../service/create-service';
import { runDesktopApp } from './desktop-app';

const here = path.dirname(fileURLToPath(import.meta.url));

runDesktopApp({
  rendererRoot: path.join(here, '../renderer'),
  preloadPath: path.join(here, '../preload/preload.cjs'),
  createService,
  loadUpdater: async () => (await import('electron-updater')).autoUpdater,
});
