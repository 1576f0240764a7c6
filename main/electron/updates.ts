/**
 * Self-update through electron-updater against the GitHub releases named in
 * electron-builder.yml (`publish`). Policy: on only in a packaged app installed in a way that can
 * update itself (Windows NSIS, macOS, the Linux AppImage); off in development and for the deb,
 * which the system's package manager updates. Checks at start and from the menu, downloads in
 * the background, and installs only when the user agrees.
 */
export interface UpdatePolicyInput {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Contents of resources/package-type (electron-builder writes "deb", "rpm", ... there), if any. */
  packageType: string | null;
}

export type UpdatePolicy = { enabled: true } | { enabled: false; reason: string };

export function updatePolicy(i: UpdatePolicyInput): UpdatePolicy {
  if (!i.isPackaged) return { enabled: false, reason: 'development build' };
  if (i.env.DOCKSIDE_DISABLE_UPDATES === '1') return { enabled: false, reason: 'DOCKSIDE_DISABLE_UPDATES=1' };
  if (i.platform === 'linux') {
    const type = i.packageType?.trim();
    if (type) return { enabled: false, reason: `installed from a ${type} package: the system's package manager updates it` };
    if (!i.env.APPIMAGE) return { enabled: false, reason: 'not an AppImage: only the AppImage updates itself on Linux' };
  }
  if (i.platform !== 'linux' && i.platform !== 'win32' && i.platform !== 'darwin') return { enabled: false, reason: `no updates for ${i.platform}` };
  return { enabled: true };
}

/** The part of electron-updater's AppUpdater used here (so tests pass a mock). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-available', fn: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', fn: (info: { version: string }) => void): unknown;
  on(event: 'update-downloaded', fn: (info: { version: string }) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

export interface UpdateUi {
  /** Resolves to the index of the button pressed. */
  ask(message: string, detail: string, buttons: string[]): Promise<number>;
  info(message: string, detail?: string): void;
  log(message: string): void;
}

export interface UpdateController {
  /** Background check (start-up): errors only logged. */
  checkInBackground(): Promise<void>;
  /** From the menu: says "up to date" or what went wrong. */
  checkFromMenu(): Promise<void>;
}

export function setupUpdates(updater: Updater, ui: UpdateUi, currentVersion: string): UpdateController {
  updater.autoDownload = true;
  // Installing is the user's decision, not a side effect of quitting.
  updater.autoInstallOnAppQuit = false;
  let interactive = false;
  let asked = false;
  updater.on('update-available', (info) => ui.log(`updates: ${info.version} available, downloading in the background`));
  updater.on('update-not-available', () => {
    if (interactive) ui.info('Dockside is up to date.', `You have version ${currentVersion}, the newest.`);
    interactive = false;
  });
  updater.on('error', (err) => {
    ui.log(`updates: ${err.message}`);
    if (interactive) ui.info('Could not check for updates.', err.message);
    interactive = false;
  });
  updater.on('update-downloaded', (info) => {
    interactive = false;
    if (asked) return;
    asked = true;
    void ui
      .ask(`Dockside ${info.version} is ready to install.`, `You have ${currentVersion}. Restart now to update, or keep working: you will be asked again next time.`, ['Restart and Update', 'Later'])
      .then((button) => {
        if (button === 0) updater.quitAndInstall();
        else asked = false;
      });
  });
  const check = async () => {
    try {
      await updater.checkForUpdates();
    } catch (err) {
      // electron-updater usually emits 'error' too (which answers the menu); this covers the rest.
      ui.log(`updates: ${(err as Error).message}`);
      if (interactive) ui.info('Could not check for updates.', (err as Error).message);
      interactive = false;
    }
  };
  return {
    checkInBackground: () => check(),
    async checkFromMenu() {
      interactive = true;
      await check();
    },
  };
}
