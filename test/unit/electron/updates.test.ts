/** Update policy and flow, with a mocked updater and dialogs. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { setupUpdates, updatePolicy, type Updater, type UpdateUi } from '../../../main/electron/updates';

describe('update policy', () => {
  const base = { isPackaged: true, env: {}, packageType: null };
  it('is off in development', () => {
    expect(updatePolicy({ ...base, isPackaged: false, platform: 'win32' })).toEqual({ enabled: false, reason: 'development build' });
  });
  it('is on for packaged Windows, macOS and the Linux AppImage', () => {
    expect(updatePolicy({ ...base, platform: 'win32' }).enabled).toBe(true);
    expect(updatePolicy({ ...base, platform: 'darwin' }).enabled).toBe(true);
    expect(updatePolicy({ ...base, platform: 'linux', env: { APPIMAGE: '/home/ada/Dockside.AppImage' } }).enabled).toBe(true);
  });
  it('is off for the deb (the package manager updates it) and other Linux installs', () => {
    expect(updatePolicy({ ...base, platform: 'linux', packageType: 'deb\n', env: { APPIMAGE: '/x' } })).toEqual({ enabled: false, reason: "installed from a deb package: the system's package manager updates it" });
    expect(updatePolicy({ ...base, platform: 'linux' }).enabled).toBe(false);
  });
  it('can be turned off by the user', () => {
    expect(updatePolicy({ ...base, platform: 'win32', env: { DOCKSIDE_DISABLE_UPDATES: '1' } }).enabled).toBe(false);
  });
});

class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  checks = 0;
  installed = 0;
  next: 'none' | 'available' | 'error' | 'reject' = 'none';
  async checkForUpdates() {
    this.checks++;
    if (this.next === 'reject') throw new Error('net::ERR_INTERNET_DISCONNECTED');
    if (this.next === 'error') this.emit('error', new Error('HttpError: 404'));
    else if (this.next === 'none') this.emit('update-not-available', { version: '0.1.0' });
    else {
      this.emit('update-available', { version: '0.2.0' });
      this.emit('update-downloaded', { version: '0.2.0' });
    }
    return null;
  }
  quitAndInstall() {
    this.installed++;
  }
}

function ui(answer: number) {
  const shown: string[] = [];
  const u: UpdateUi = {
    ask: async (message) => {
      shown.push(`ask ${message}`);
      return answer;
    },
    info: (message) => shown.push(`info ${message}`),
    log: () => undefined,
  };
  return { u, shown };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('update flow', () => {
  it('downloads in the background and installs only when the user agrees', async () => {
    const up = new FakeUpdater();
    const { u, shown } = ui(0);
    const c = setupUpdates(up, u, '0.1.0');
    expect(up.autoDownload).toBe(true);
    expect(up.autoInstallOnAppQuit).toBe(false);
    up.next = 'available';
    await c.checkInBackground();
    await tick();
    expect(shown).toEqual(['ask Dockside 0.2.0 is ready to install.']);
    expect(up.installed).toBe(1);
  });

  it('does not install when the user says later', async () => {
    const up = new FakeUpdater();
    const { u } = ui(1);
    const c = setupUpdates(up, u, '0.1.0');
    up.next = 'available';
    await c.checkInBackground();
    await tick();
    expect(up.installed).toBe(0);
  });

  it('a background check is silent when up to date or failing; a menu check says so', async () => {
    const up = new FakeUpdater();
    const { u, shown } = ui(0);
    const c = setupUpdates(up, u, '0.1.0');
    await c.checkInBackground();
    up.next = 'error';
    await c.checkInBackground();
    up.next = 'reject';
    await c.checkInBackground();
    expect(shown).toEqual([]);
    up.next = 'none';
    await c.checkFromMenu();
    up.next = 'error';
    await c.checkFromMenu();
    up.next = 'reject';
    await c.checkFromMenu();
    expect(shown).toEqual(['info Dockside is up to date.', 'info Could not check for updates.', 'info Could not check for updates.']);
  });
});
