/**
 * The two subscriptions the whole app lives on (the engine's status and the container list),
 * opened once for the life of the page, straight into the engine store. They start from the boot
 * module (renderer/src/main.tsx) before React's DOM renderer and the views are evaluated, so in browser
 * mode the session exchange, the WebSocket handshake and the engine's first list run while the
 * app's code is fetched and evaluated (issue 16: the first rows were waiting for all of that in a
 * row). Both follow the engine's events; nothing here polls.
 */
import { useEngineStore } from '../stores/engine-store';
import { api, onTransportChange } from './client';

let started = false;
let lists = 0;
let opened = false;
let requestsSent: () => void = () => undefined;
const sent = new Promise<void>((resolve) => {
  requestsSent = resolve;
});

/**
 * Resolves once the feed's requests have left (browser mode: the socket opened, and the transport
 * sends the subscriptions in that same task), the transport gave up, or `maxMs` passed. The boot
 * module waits for it before evaluating React and the app: that evaluation is a few hundred
 * milliseconds of main-thread work here, and while it ran the session's answer, the socket's
 * opening and the subscriptions waited for it (issue 16: socket open at 720 ms, after the app's
 * code, though the session was there at 417 ms), so the engine's list was asked for only then.
 */
export function feedRequested(maxMs: number): Promise<void> {
  return Promise.race([sent, new Promise<void>((resolve) => setTimeout(resolve, maxMs))]);
}

/** Marks on the page's timeline where the first paint's time goes (bench/first-paint.ts reads them). */
function mark(name: string): void {
  try {
    performance.mark(`dockside:${name}`);
  } catch {
    // marks are only for measuring
  }
}

/** Opens the engine feed unless it is open already (the boot module and the shell both call it). */
export function startEngineFeed(): void {
  if (started) return;
  started = true;
  const store = useEngineStore.getState();
  // Before the first call: the transport reports its first connection to whoever listens then.
  onTransportChange((up) => {
    requestsSent();
    if (up && !opened) {
      opened = true;
      mark('socket-open');
    }
    store.setTransportUp(up);
  });
  // A refused subscription (no session, server away) is shown by the status bar, as before.
  api().subscribe('engine:status', {}, store.setStatus).catch(() => undefined);
  mark('feed-start');
  api()
    .subscribe('containers:watch', { all: true }, (list) => {
      // The first two lists: the first may be the server's kept one, the second the engine's fresh read.
      if (++lists <= 2) mark(`containers-list-${lists}`);
      store.setContainers(list);
    })
    .catch(() => undefined);
  // Electron's bridge sends at once; it has no transport to wait for.
  if (window.dockside) requestsSent();
}
