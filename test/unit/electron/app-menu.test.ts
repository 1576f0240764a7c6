/** The application menu: standard roles on every OS, developer tools only in development. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuDeps } from '../../../main/electron/app-menu';
import { COURSE_TOPICS, DOCS_URL } from '../../../main/electron/help-topics';

function deps(over: Partial<MenuDeps> = {}) {
  const calls: string[] = [];
  const d: MenuDeps = {
    platform: 'linux',
    appName: 'Dockside',
    dev: false,
    updatesEnabled: true,
    homepage: 'https://github.com/dockside/dockside#readme',
    openExternal: (url) => calls.push(`open ${url}`),
    checkForUpdates: () => calls.push('check'),
    showAbout: () => calls.push('about'),
    ...over,
  };
  return { d, calls };
}

const sub = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);
const find = (t: MenuItemConstructorOptions[], label: string) => t.find((i) => i.label === label || i.role === label.toLowerCase());

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`has Edit with copy, paste and select-all, and View with zoom and reload (${platform})`, () => {
      const t = buildMenuTemplate(deps({ platform }).d);
      expect(roles(sub(find(t, 'Edit')))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
      const view = roles(sub(find(t, 'View')));
      expect(view).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut']));
      expect(view).not.toContain('toggleDevTools');
    });
  }

  it('offers developer tools only in development', () => {
    expect(roles(sub(find(buildMenuTemplate(deps({ dev: true }).d), 'View')))).toContain('toggleDevTools');
  });

  it('has the app menu with About and Quit first on macOS', () => {
    const t = buildMenuTemplate(deps({ platform: 'darwin' }).d);
    expect(t[0]!.label).toBe('Dockside');
    expect(roles(sub(t[0]))).toEqual(expect.arrayContaining(['hide', 'quit']));
  });

  it('Help opens the docs, every course topic and the homepage, and has About and updates', () => {
    const { d, calls } = deps();
    const help = sub(buildMenuTemplate(d).find((i) => i.role === 'help'));
    const click = (items: MenuItemConstructorOptions[], label: string) => (items.find((i) => i.label === label)!.click as () => void)();
    click(help, 'Docker Documentation');
    const topics = sub(help.find((i) => i.label === 'Course Topics'));
    expect(topics.map((t) => t.label)).toEqual(COURSE_TOPICS.map((t) => t.label));
    for (const t of topics) (t.click as () => void)();
    click(help, 'Dockside on the Web');
    click(help, 'Check for Updates…');
    click(help, 'About Dockside');
    expect(calls).toEqual([`open ${DOCS_URL}`, ...COURSE_TOPICS.map((t) => `open ${t.url}`), `open ${d.homepage}`, 'check', 'about']);
    for (const t of COURSE_TOPICS) expect(t.url).toMatch(/^https:\/\/docs\.docker\.com\//);
  });

  it('has no update item where updates are off', () => {
    const t = buildMenuTemplate(deps({ updatesEnabled: false }).d);
    expect(JSON.stringify(t.map((i) => ({ ...i, submenu: sub(i).map((s) => s.label) })))).not.toContain('Check for Updates');
  });
});
