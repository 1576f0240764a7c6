/**
 * A recording stand-in for the `electron` module, for unit tests of the thin Electron glue
 * (Electron's binary cannot run on these machines). It records handlers, windows, menus and
 * dialogs, and lets tests decide which webContents belong to a window.
 */
type Handler = (event: unknown, ...args: unknown[]) => unknown;
type Listener = (...args: unknown[]) => unknown;

export const handlers = new Map<string, Handler>();
export const exposed = new Map<string, unknown>();
export const knownWebContents = new Set<unknown>();
export const rendererListeners = new Map<string, (...args: unknown[]) => void>();
export const invoked: { channel: string; args: unknown[] }[] = [];

/** Everything the app glue did, in order, for assertions. */
export const record = {
  events: [] as string[],
  appListeners: new Map<string, Listener[]>(),
  windows: [] as MockBrowserWindow[],
  errorBoxes: [] as { title: string; content: string }[],
  messageBoxes: [] as { message: string; buttons?: string[] }[],
  exitCode: null as number | null,
  quit: false,
  menu: null as unknown,
  protocolHandlers: new Map<string, (req: Request) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: Record<string, unknown>) => void),
  permissionCheck: null as null | ((wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean),
  opened: [] as string[],
  singleInstance: true,
  isPackaged: false,
  messageBoxResponse: 0,
  /** When set, loadURL rejects with it (a renderer that is missing from the package). */
  loadError: null as Error | null,
};

let ready: () => void = () => undefined;
let readyPromise = new Promise<void>((r) => (ready = r));

export function resetElectronMock(): void {
  handlers.clear();
  knownWebContents.clear();
  record.events = [];
  record.appListeners.clear();
  record.windows = [];
  record.errorBoxes = [];
  record.messageBoxes = [];
  record.exitCode = null;
  record.quit = false;
  record.menu = null;
  record.protocolHandlers.clear();
  record.privilegedSchemes = [];
  record.permissionRequest = null;
  record.permissionCheck = null;
  record.opened = [];
  record.singleInstance = true;
  record.isPackaged = false;
  record.messageBoxResponse = 0;
  record.loadError = null;
  readyPromise = new Promise<void>((r) => (ready = r));
}

/** Makes `app.whenReady()` resolve, as Electron does once it has started. */
export function emitReady(): void {
  ready();
}

export function emitApp(event: string, ...args: unknown[]): void {
  for (const fn of record.appListeners.get(event) ?? []) fn(...args);
}

export const focusedWindow: { current: unknown } = { current: null };

/** What the next save dialog answers, and what it was asked. */
export const saveDialog: { answer: { canceled: boolean; filePath?: string }; asked: unknown[][] } = { answer: { canceled: true }, asked: [] };

/** What the next open (folder) dialog answers, and what it was asked. */
export const openDialog: { answer: { canceled: boolean; filePaths: string[] }; asked: unknown[][] } = { answer: { canceled: true, filePaths: [] }, asked: [] };

class MockWebContents {
  static nextId = 1;
  id = MockWebContents.nextId++;
  listeners = new Map<string, Listener[]>();
  url = '';
  on(ev: string, fn: Listener) {
    this.listeners.set(ev, [...(this.listeners.get(ev) ?? []), fn]);
    return this;
  }
  once(ev: string, fn: Listener) {
    return this.on(ev, fn);
  }
  isDestroyed() {
    return false;
  }
  send() {}
  setWindowOpenHandler() {}
}

export class MockBrowserWindow {
  webContents = new MockWebContents();
  listeners = new Map<string, Listener[]>();
  shown = false;
  focused = false;
  minimized = false;
  maximized = false;
  constructor(public options: Record<string, unknown>) {
    record.windows.push(this);
    record.events.push('window');
    knownWebContents.add(this.webContents);
  }
  static fromWebContents(wc: unknown) {
    return knownWebContents.has(wc) ? {} : null;
  }
  static getFocusedWindow() {
    return focusedWindow.current;
  }
  static getAllWindows() {
    return focusedWindow.current ? [focusedWindow.current] : [];
  }
  on(ev: string, fn: Listener) {
    this.listeners.set(ev, [...(this.listeners.get(ev) ?? []), fn]);
    return this;
  }
  once(ev: string, fn: Listener) {
    return this.on(ev, fn);
  }
  emit(ev: string) {
    for (const fn of this.listeners.get(ev) ?? []) fn();
  }
  async loadURL(url: string) {
    if (record.loadError) throw record.loadError;
    this.webContents.url = url;
    record.events.push(`load ${url}`);
  }
  show() {
    this.shown = true;
  }
  focus() {
    this.focused = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    const o = this.options as { x?: number; y?: number; width: number; height: number };
    return { x: o.x ?? 0, y: o.y ?? 0, width: o.width, height: o.height };
  }
}
export const BrowserWindow = MockBrowserWindow;

export const ipcMain = {
  handle(channel: string, fn: Handler) {
    handlers.set(channel, fn);
  },
  removeHandler(channel: string) {
    handlers.delete(channel);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    exposed.set(key, api);
  },
};

export let invokeImpl: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => undefined;
export function setInvokeImpl(fn: typeof invokeImpl): void {
  invokeImpl = fn;
}

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]) {
    invoked.push({ channel, args });
    return invokeImpl(channel, ...args);
  },
  on(channel: string, fn: (...args: unknown[]) => void) {
    rendererListeners.set(channel, fn);
  },
};

export const app = {
  get isPackaged() {
    return record.isPackaged;
  },
  on(event: string, fn: Listener) {
    record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), fn]);
    return app;
  },
  whenReady: () => readyPromise,
  enableSandbox() {
    record.events.push('enableSandbox');
  },
  requestSingleInstanceLock: () => record.singleInstance,
  quit() {
    record.quit = true;
  },
  exit(code: number) {
    record.exitCode = code;
  },
  getPath: (name: string) => `/home/learner/${name === 'downloads' ? 'Downloads' : name}`,
  getVersion: () => '0.1.0',
  setAboutPanelOptions() {},
  showAboutPanel() {
    record.events.push('about');
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, fn: (req: Request) => Promise<Response> | Response) {
    record.protocolHandlers.set(scheme, fn);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(fn: typeof record.permissionRequest) {
      record.permissionRequest = fn;
    },
    setPermissionCheckHandler(fn: typeof record.permissionCheck) {
      record.permissionCheck = fn;
    },
  },
};

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

export const Menu = {
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown) {
    record.menu = menu;
  },
};

export const dialog = {
  async showSaveDialog(...args: unknown[]) {
    saveDialog.asked.push(args);
    return saveDialog.answer;
  },
  async showOpenDialog(...args: unknown[]) {
    openDialog.asked.push(args);
    return openDialog.answer;
  },
  showErrorBox(title: string, content: string) {
    record.errorBoxes.push({ title, content });
  },
  async showMessageBox(_win: unknown, opts: { message: string; buttons?: string[] }) {
    record.messageBoxes.push(opts);
    return { response: record.messageBoxResponse };
  },
};

export const shell = {
  openExternal: async (url: string) => {
    record.opened.push(url);
  },
};
export default { ipcMain, BrowserWindow, contextBridge, ipcRenderer, app, session, shell, protocol, screen, Menu, dialog };
