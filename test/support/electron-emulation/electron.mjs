/**
 * A stand-in `electron` module for booting the PACKAGED main bundle under plain Node (an
 * emulation: Electron's binary cannot run here). It records what main does (windows, protocol
 * handler, IPC handlers, permission handlers, menu, shell.openExternal) and bridges it to the
 * test over one local HTTP server:
 *   GET /<path>      -> main's own `app:` protocol handler for app://dockside/<path>
 *   WS  /__bridge    -> JSON requests from the test: invoke an ipcMain handler as the window's
 *                       top frame, ask the permission handler, offer a navigation or a new
 *                       window to main's guards, read the recorded state; webContents.send()
 *                       is pushed to the test.
 * It prints "DOCKSIDE_EMULATION_BRIDGE <url>" once listening.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';

const userData = process.env.DOCKSIDE_EMULATION_USERDATA ?? path.join(process.cwd(), 'userData');
process.resourcesPath = process.env.DOCKSIDE_EMULATION_RESOURCES ?? process.cwd();

const state = {
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  opened: [],
  menu: null,
  errorBoxes: [],
  sandboxEnabled: false,
  permissionRequest: null,
  permissionCheck: null,
  netRequests: [],
  // What the native dialogs answer next (set over the bridge), and what main asked them.
  dialogAnswers: { open: null, save: null },
  dialogsAsked: [],
};
const appEvents = new EventEmitter();
const clients = new Set();

function push(msg) {
  const text = JSON.stringify(msg);
  for (const ws of clients) ws.send(text);
}

let nextId = 1;
class WebContents extends EventEmitter {
  id = nextId++;
  url = '';
  openHandler = null;
  setWindowOpenHandler(fn) {
    this.openHandler = fn;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return false;
  }
  send(channel, ...args) {
    push({ type: 'send', channel, args });
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.shown = false;
    this.webContents = new WebContents();
    state.windows.push(this);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  static fromWebContents(wc) {
    return state.windows.find((w) => w.webContents === wc) ?? null;
  }
  static getAllWindows() {
    return [...state.windows];
  }
  static getFocusedWindow() {
    return state.windows[0] ?? null;
  }
  async loadURL(url) {
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show() {
    this.shown = true;
  }
  focus() {}
  restore() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    return { x: this.options.x ?? 0, y: this.options.y ?? 0, width: this.options.width ?? 1280, height: this.options.height ?? 820 };
  }
}

export const app = {
  isPackaged: true,
  on(event, fn) {
    appEvents.on(event, fn);
    return app;
  },
  once(event, fn) {
    appEvents.once(event, fn);
    return app;
  },
  whenReady: () => new Promise((r) => setImmediate(r)),
  enableSandbox() {
    state.sandboxEnabled = true;
  },
  requestSingleInstanceLock: () => true,
  quit() {
    appEvents.emit('will-quit');
    process.exit(0);
  },
  exit(code) {
    process.exit(code);
  },
  getPath: (name) => (name === 'userData' ? userData : path.join(userData, name)),
  getVersion: () => process.env.DOCKSIDE_EMULATION_VERSION ?? '0.0.0',
  getName: () => 'Dockside',
  getAppPath: () => process.env.DOCKSIDE_EMULATION_APP ?? process.cwd(),
  setAboutPanelOptions() {},
  showAboutPanel() {},
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    state.privilegedSchemes.push(...schemes);
  },
  handle(scheme, fn) {
    state.protocolHandlers.set(scheme, fn);
  },
};

export const ipcMain = {
  handle(channel, fn) {
    state.ipcHandlers.set(channel, fn);
  },
  removeHandler(channel) {
    state.ipcHandlers.delete(channel);
  },
};

export const session = {
  fromPartition: (partition) => ({ partition }),
  defaultSession: {
    setPermissionRequestHandler(fn) {
      state.permissionRequest = fn;
    },
    setPermissionCheckHandler(fn) {
      state.permissionCheck = fn;
    },
  },
};

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

function describeMenu(items) {
  return (items ?? []).map((i) => ({ label: i.label, role: i.role, type: i.type, submenu: Array.isArray(i.submenu) ? describeMenu(i.submenu) : undefined }));
}
export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    state.menu = describeMenu(menu?.template);
  },
};

export const dialog = {
  showErrorBox(title, content) {
    state.errorBoxes.push({ title, content });
    console.error(`[error dialog] ${title}: ${content}`);
  },
  async showMessageBox() {
    return { response: 1 };
  },
  async showOpenDialog(...args) {
    const options = args.length > 1 ? args[1] : args[0];
    state.dialogsAsked.push({ kind: 'open', parented: args.length > 1, title: options?.title, properties: options?.properties ?? [] });
    const answer = state.dialogAnswers.open;
    return answer ? { canceled: false, filePaths: [answer] } : { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args) {
    const options = args.length > 1 ? args[1] : args[0];
    state.dialogsAsked.push({ kind: 'save', parented: args.length > 1, title: options?.title, defaultPath: options?.defaultPath });
    const answer = state.dialogAnswers.save;
    return answer ? { canceled: false, filePath: answer } : { canceled: true };
  },
};

export const shell = {
  async openExternal(url) {
    state.opened.push(url);
  },
};

/** The network as electron-updater uses it: requests are recorded, and fail (no network here). */
export const net = {
  request(options) {
    const url = typeof options === 'string' ? options : (options.url ?? `${options.protocol ?? 'https:'}//${options.hostname ?? options.host}${options.path ?? '/'}`);
    state.netRequests.push(url);
    const req = new EventEmitter();
    req.setHeader = () => {};
    req.abort = () => {};
    req.write = () => {};
    req.end = () => setImmediate(() => req.emit('error', new Error(`no network in the emulation (${url})`)));
    return req;
  },
};

export const contextBridge = {};
export const ipcRenderer = {};
export default { app, BrowserWindow, protocol, ipcMain, session, screen, Menu, dialog, shell, net, contextBridge, ipcRenderer };

// ---- the bridge -------------------------------------------------------------------------------

function mainWindow() {
  const w = state.windows[0];
  if (!w) throw new Error('main has not created a window');
  return w;
}

async function handle(msg) {
  switch (msg.type) {
    case 'state': {
      return {
        privilegedSchemes: state.privilegedSchemes,
        protocolSchemes: [...state.protocolHandlers.keys()],
        ipcChannels: [...state.ipcHandlers.keys()],
        windows: state.windows.map((w) => ({ url: w.webContents.url, shown: w.shown, webPreferences: w.options.webPreferences ?? {} })),
        opened: state.opened,
        menu: state.menu,
        errorBoxes: state.errorBoxes,
        netRequests: state.netRequests,
        sandboxEnabled: state.sandboxEnabled,
        dialogsAsked: state.dialogsAsked,
      };
    }
    case 'dialog-answers': {
      // What the user will pick in the next native dialogs (null: cancel).
      if ('open' in msg) state.dialogAnswers.open = msg.open;
      if ('save' in msg) state.dialogAnswers.save = msg.save;
      return state.dialogAnswers;
    }
    case 'invoke': {
      const fn = state.ipcHandlers.get(msg.channel);
      if (!fn) throw new Error(`no ipcMain handler for ${msg.channel}`);
      const wc = mainWindow().webContents;
      // What Electron passes: the sender and its frame; the top frame shows what main loaded.
      // A test may pose as another frame (frameUrl, subframe) to see the sender check refuse it.
      const top = { url: wc.url, parent: null };
      const frame = msg.subframe ? { url: msg.frameUrl ?? wc.url, parent: top } : { url: msg.frameUrl ?? wc.url, parent: null };
      return await fn({ sender: wc, senderFrame: frame }, ...msg.args);
    }
    case 'permission': {
      const wc = mainWindow().webContents;
      return await new Promise((resolve) => state.permissionRequest(wc, msg.permission, resolve, { requestingUrl: msg.requestingUrl ?? wc.url, isMainFrame: true }));
    }
    case 'window-open': {
      const wc = mainWindow().webContents;
      return wc.openHandler ? wc.openHandler({ url: msg.url, frameName: '', features: '', disposition: 'foreground-tab', referrer: { url: '', policy: 'default' } }) : { action: 'allow' };
    }
    case 'will-navigate': {
      const wc = mainWindow().webContents;
      let prevented = false;
      wc.emit('will-navigate', { preventDefault: () => (prevented = true) }, msg.url);
      return { prevented };
    }
    default:
      throw new Error(`unknown bridge request ${msg.type}`);
  }
}

const server = http.createServer(async (req, res) => {
  const fn = state.protocolHandlers.get('app');
  if (!fn) {
    res.writeHead(503).end('no app: protocol handler registered');
    return;
  }
  try {
    const response = await fn(new Request(`app://dockside${req.url}`, { method: req.method }));
    const headers = {};
    response.headers.forEach((v, k) => (headers[k] = v));
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
});
const wss = new WebSocketServer({ server, path: '/__bridge' });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
  ws.on('message', async (data) => {
    let msg;
    try {
      msg = JSON.parse(String(data));
      ws.send(JSON.stringify({ id: msg.id, ok: true, value: await handle(msg) }));
    } catch (err) {
      ws.send(JSON.stringify({ id: msg?.id, ok: false, error: String(err?.stack ?? err) }));
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`DOCKSIDE_EMULATION_BRIDGE http://127.0.0.1:${server.address().port}`);
});
