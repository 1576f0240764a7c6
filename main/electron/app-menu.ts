/**
 * The application menu. Standard roles do the work, so shortcuts behave as each OS expects
 * (without an Edit menu, Cmd+C / Cmd+V do nothing on macOS). Developer tools only in development.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COURSE_TOPICS, DOCS_URL } from './help-topics';

export interface MenuDeps {
  platform: NodeJS.Platform;
  appName: string;
  dev: boolean;
  /** Shown only where updates are on (packaged, not the deb). */
  updatesEnabled: boolean;
  homepage: string;
  openExternal(url: string): void;
  checkForUpdates(): void;
  showAbout(): void;
}

export function buildMenuTemplate(d: MenuDeps): MenuItemConstructorOptions[] {
  const mac = d.platform === 'darwin';
  const updates: MenuItemConstructorOptions[] = d.updatesEnabled ? [{ label: 'Check for Updates…', click: () => d.checkForUpdates() }] : [];
  const about: MenuItemConstructorOptions = { label: `About ${d.appName}`, click: () => d.showAbout() };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: d.appName,
      submenu: [about, ...updates, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push({ label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? ([{ role: 'pasteAndMatchStyle' }] as MenuItemConstructorOptions[]) : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(d.dev ? ([{ role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [
      { label: 'Docker Documentation', click: () => d.openExternal(DOCS_URL) },
      { label: 'Course Topics', submenu: COURSE_TOPICS.map((t) => ({ label: t.label, click: () => d.openExternal(t.url) })) },
      { type: 'separator' },
      { label: `${d.appName} on the Web`, click: () => d.openExternal(d.homepage) },
      ...(mac ? [] : [...updates, { type: 'separator' } as MenuItemConstructorOptions, about]),
    ],
  });
  return template;
}
