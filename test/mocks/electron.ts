/**
 * A recording stand-in for the `electron` module, for unit tests of the thin Electron glue
 * (Electron's binary cannot run on these machines). It records handlers and lets tests decide
 * which webContents belong to a window.
 */
type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const handlers = new Map<string, Handler>();
export const exposed = new Map<string, unknown>();
export const knownWebContents = new Set<unknown>();
export const rendererListeners = new Map<string, (...args: unknown[]) => void>();
export const invoked: { channel: string; args: unknown[] }[] = [];

export const ipcMain = {
  handle(channel: string, fn: Handler) {
    handlers.set(channel, fn);
  },
  removeHandler(channel: string) {
    handlers.delete(channel);
  },
};

export const focusedWindow: { current: unknown } = { current: null };

export const BrowserWindow = {
  fromWebContents(wc: unknown) {
    return knownWebContents.has(wc) ? {} : null;
  },
  getFocusedWindow() {
    return focusedWindow.current;
  },
  getAllWindows() {
    return focusedWindow.current ? [focusedWindow.current] : [];
  },
};

/** What the next save dialog answers, and what it was asked. */
export const saveDialog: { answer: { canceled: boolean; filePath?: string }; asked: unknown[][] } = { answer: { canceled: true }, asked: [] };
export const dialog = {
  async showSaveDialog(...args: unknown[]) {
    saveDialog.asked.push(args);
    return saveDialog.answer;
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
  getPath(name: string) {
    return `/home/learner/${name === 'downloads' ? 'Downloads' : name}`;
  },
};
export const session = {};
export const shell = { openExternal: async () => undefined };
export default { ipcMain, BrowserWindow, contextBridge, ipcRenderer, app, session, shell, dialog };
